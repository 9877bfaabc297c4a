import uuid

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import prefetch_related_objects

from guide.models import Career, Proficiency

from . import submissions
from .models import PlanItem, PlanStep, Question


def rating_choices(skill) -> list[tuple[int, str]]:
    """The 0–4 choices for one skill, each worded by the skill's own anchor where staff
    wrote one (guide.SkillAnchor), by the generic anchor otherwise."""
    return [(value, f"{value} — {anchor}") for value, anchor in skill.level_anchors().items()]


def _shared_rule_errors(form, error: ValidationError, fields: set[str]) -> None:
    """Put the shared rule's complaints on the form: on a field it names, else on top."""
    for name, messages in error.message_dict.items():
        for message in messages:
            form.add_error(name if name in fields else None, message)


class PrefillMixin:
    """Where each pre-filled answer came from, by field name, while the form is unbound."""

    prefill = None
    prefix_of_key = ""  # "skill_" or "q_": the field name is the prefix and the key

    def prefill_sources(self) -> dict:
        if self.prefill is None or self.is_bound:
            return {}
        return {f"{self.prefix_of_key}{key}": s for key, s in self.prefill.sources.items()}


class SubmissionKeyMixin:
    """A hidden key made when the form is shown, so a double submit saves one result."""

    def add_submission_key(self):
        self.fields["submission_key"] = forms.UUIDField(
            widget=forms.HiddenInput, initial=uuid.uuid4
        )


class SkillsForm(PrefillMixin, SubmissionKeyMixin, forms.Form):
    """Pick a target level, then rate every skill of the career 0–4."""

    prefix_of_key = "skill_"

    def __init__(self, *args, career: Career, level=None, prefill=None, **kwargs):
        """`level`: the level to start on (see `prefill.level_to_preselect`); `prefill`: a
        `prefill.Prefill` whose ratings start the form, each marked with where it came from."""
        super().__init__(*args, **kwargs)
        self.career = career
        self.prefill = prefill
        levels = list(career.levels.all())
        # Any whole number parses; which levels count is the shared rule's to say.
        self.fields["level"] = forms.IntegerField(
            label="Target level",
            initial=level.pk if level else None,
            help_text="Expectations rise with the level you aim for.",
            widget=forms.Select(choices=[(lvl.pk, lvl.title) for lvl in levels]),
            error_messages={"invalid": "Pick one of this career's levels."},
        )
        self.skill_fields = []
        # Every skill's own level anchors in one query, for rating_choices.
        prefetch_related_objects([cs.skill for cs in career.career_skills.all()], "anchors")
        for cs in career.career_skills.all():
            name = f"skill_{cs.skill_id}"
            self.fields[name] = forms.TypedChoiceField(
                label=cs.skill.name,
                choices=rating_choices(cs.skill),
                coerce=int,
                widget=forms.RadioSelect,
                help_text=cs.skill.description,
                error_messages={"required": f"Rate {cs.skill.name} {Proficiency.RANGE}."},
            )
            if prefill is not None and cs.skill_id in prefill.values:
                self.fields[name].initial = prefill.values[cs.skill_id]
            self.skill_fields.append((cs, name))
        self.add_submission_key()

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        try:
            cleaned["level"], self._ratings = submissions.validate_skills(
                career=self.career,
                level_id=cleaned["level"],
                ratings=[(cs.skill_id, cleaned[name]) for cs, name in self.skill_fields],
            )
        except ValidationError as error:
            _shared_rule_errors(self, error, {"level"})
        return cleaned

    def skill_rows(self):
        """(career skill, bound field) pairs, in the guide's order, for the template; each
        field knows its place (`number` of `count`) for screen readers."""
        rows = [(cs, self[name]) for cs, name in self.skill_fields]
        for number, (_cs, field) in enumerate(rows, start=1):
            field.number, field.count = number, len(rows)
        return rows

    def ratings(self) -> dict[int, int]:
        return self._ratings


class ReadinessForm(PrefillMixin, SubmissionKeyMixin, forms.Form):
    prefix_of_key = "q_"

    def __init__(self, *args, career: Career, questions: list[Question], prefill=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.career = career
        self.questions = questions
        self.prefill = prefill
        for question in questions:
            self.fields[f"q_{question.pk}"] = forms.TypedChoiceField(
                label=question.text,
                choices=[(o.pk, o.label) for o in question.options.all()],
                coerce=int,
                widget=forms.RadioSelect,
                help_text=question.help_text,
                error_messages={"required": "Choose the answer that fits you best."},
            )
            if prefill is not None and question.pk in prefill.values:
                self.fields[f"q_{question.pk}"].initial = prefill.values[question.pk]
        self.add_submission_key()

    def grouped(self):
        """[(dimension, [bound fields])] in page order; each field knows its place
        (`number` of `count`), which the form announces to screen readers."""
        groups = []
        for number, question in enumerate(self.questions, start=1):
            if not groups or groups[-1][0] != question.dimension:
                groups.append((question.dimension, []))
            field = self[f"q_{question.pk}"]
            field.number, field.count = number, len(self.questions)
            groups[-1][1].append(field)
        return groups

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        try:
            self._answers = submissions.validate_readiness(
                career=self.career,
                questions=self.questions,
                answers=[(q.pk, cleaned[f"q_{q.pk}"]) for q in self.questions],
            )
        except ValidationError as error:
            _shared_rule_errors(self, error, set())
        return cleaned

    def answers(self) -> dict[int, int]:
        return self._answers


class PlanStepForm(forms.ModelForm):
    class Meta:
        model = PlanStep
        fields = ["status", "note"]
        widgets = {
            "status": forms.RadioSelect,
            "note": forms.Textarea(attrs={"rows": 2, "maxlength": 4000}),
        }
        labels = {"note": "Private note"}


class PlanItemForm(forms.ModelForm):
    """The same two fields as a step's form, for an item made from the user's results."""

    class Meta(PlanStepForm.Meta):
        model = PlanItem


class TargetDateForm(forms.Form):
    target_date = forms.DateField(
        required=False,
        label="Ready by",
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Optional. Sets the pace line on your progress chart.",
    )
