import uuid

from django import forms
from django.core.exceptions import ValidationError

from guide.models import Career, Proficiency

from . import submissions
from .models import PlanItem, PlanStep, Question

RATING_CHOICES = [(value, f"{value} — {anchor}") for value, anchor in Proficiency.anchors().items()]


def _shared_rule_errors(form, error: ValidationError, fields: set[str]) -> None:
    """Put the shared rule's complaints on the form: on a field it names, else on top."""
    for name, messages in error.message_dict.items():
        for message in messages:
            form.add_error(name if name in fields else None, message)


class SubmissionKeyMixin:
    """A hidden key made when the form is shown, so a double submit saves one result."""

    def add_submission_key(self):
        self.fields["submission_key"] = forms.UUIDField(
            widget=forms.HiddenInput, initial=uuid.uuid4
        )


class SkillsForm(SubmissionKeyMixin, forms.Form):
    """Pick a target level, then rate every skill of the career 0–4."""

    def __init__(self, *args, career: Career, **kwargs):
        super().__init__(*args, **kwargs)
        self.career = career
        levels = list(career.levels.all())
        default = levels[1] if len(levels) > 1 else (levels[0] if levels else None)
        # Any whole number parses; which levels count is the shared rule's to say.
        self.fields["level"] = forms.IntegerField(
            label="Target level",
            initial=default.pk if default else None,
            help_text="Expectations rise with the level you aim for.",
            widget=forms.Select(choices=[(lvl.pk, lvl.title) for lvl in levels]),
            error_messages={"invalid": "Pick one of this career's levels."},
        )
        self.skill_fields = []
        for cs in career.career_skills.all():
            name = f"skill_{cs.skill_id}"
            self.fields[name] = forms.TypedChoiceField(
                label=cs.skill.name,
                choices=RATING_CHOICES,
                coerce=int,
                widget=forms.RadioSelect,
                help_text=cs.skill.description,
                error_messages={"required": f"Rate {cs.skill.name} {Proficiency.RANGE}."},
            )
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
        """(career skill, bound field) pairs, in the guide's order, for the template."""
        return [(cs, self[name]) for cs, name in self.skill_fields]

    def ratings(self) -> dict[int, int]:
        return self._ratings


class ReadinessForm(SubmissionKeyMixin, forms.Form):
    def __init__(self, *args, career: Career, questions: list[Question], **kwargs):
        super().__init__(*args, **kwargs)
        self.career = career
        self.questions = questions
        for question in questions:
            self.fields[f"q_{question.pk}"] = forms.TypedChoiceField(
                label=question.text,
                choices=[(o.pk, o.label) for o in question.options.all()],
                coerce=int,
                widget=forms.RadioSelect,
                help_text=question.help_text,
                error_messages={"required": "Choose the answer that fits you best."},
            )
        self.add_submission_key()

    def grouped(self):
        """[(dimension, [bound fields])] in page order."""
        groups = []
        for question in self.questions:
            if not groups or groups[-1][0] != question.dimension:
                groups.append((question.dimension, []))
            groups[-1][1].append(self[f"q_{question.pk}"])
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
