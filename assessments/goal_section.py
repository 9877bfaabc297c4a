"""The goal's part of the profile page and of the `me` API, registered with accounts.

Both only parse what the user sent and hand the changed fields to
`assessments.goals.goal_update`, where the rules are.
"""

from itertools import groupby

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import ModelChoiceIterator
from rest_framework import serializers

from accounts.profile_sections import ProfileSection
from api.fields import StrictIntegerField
from guide.api import CareerSlugField
from guide.models import Career, CareerLevel

from . import goals
from .models import MAX_YEARS_OF_EXPERIENCE

# --- The profile page -----------------------------------------------------------------------


class _LevelsByCareer(ModelChoiceIterator):
    """Levels grouped under their career's title, so the select shows <optgroup>s."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for career, levels in groupby(self.queryset, key=lambda level: level.career):
            yield (career.title, [self.choice(level) for level in levels])


class LevelChoiceField(forms.ModelChoiceField):
    iterator = _LevelsByCareer

    def label_from_instance(self, level):
        return f"{level.title} ({level.years_label})"


class GoalForm(forms.Form):
    target_career = forms.ModelChoiceField(
        queryset=Career.objects.none(),
        required=False,
        empty_label="No target yet",
        label="Target career",
        help_text="The career you are working towards. Assessments start from it.",
    )
    target_level = LevelChoiceField(
        queryset=CareerLevel.objects.none(),
        required=False,
        empty_label="No level yet",
        label="Target level",
        help_text="The rung of that career you aim for next. Leave the career empty "
        "and it is taken from the level.",
    )
    years_of_experience = forms.IntegerField(
        min_value=0,
        max_value=MAX_YEARS_OF_EXPERIENCE,
        required=False,
        label="Years of experience",
        help_text=f"Relevant work experience, 0 to {MAX_YEARS_OF_EXPERIENCE}. Optional.",
    )

    def __init__(self, data=None, *, user):
        """Filled with the saved goal, whose targets stay on offer even after their guide
        is unpublished (see `goals.career_choices`)."""
        self.goal = goals.goal_for_user(user=user)
        initial = {field: getattr(self.goal, f"{field}_id", None) for field in goals.GOAL_FIELDS}
        initial["years_of_experience"] = self.goal.years_of_experience
        super().__init__(data, initial=initial)
        self.fields["target_career"].queryset = (
            goals.career_choices(current=self.goal).only("pk", "title").order_by("title")
        )
        levels = goals.level_choices(current=self.goal)
        career = self.goal.target_career
        if data is None and career is not None:
            # Shown: only the target career's levels. A bound form still accepts any
            # level on offer, so a career and its level sent together both count.
            levels = levels.filter(career=career)
            self.fields["target_level"].help_text = (
                f"The levels of {career.title}. To aim at another career, pick it above "
                "and save: its levels are then listed here."
            )
        self.fields["target_level"].queryset = levels.select_related("career").order_by(
            "career__title", "career_id", "order", "pk"
        )
        if career is not None and career.status != Career.Status.PUBLISHED:
            self.fields["target_career"].help_text = (
                f"The guide for {career.title} is not published at the moment. "
                "You can keep it as your target, or pick a career that has a published guide."
            )
        self.fields["years_of_experience"].widget.attrs["inputmode"] = "numeric"


def _save_form(*, user, form: GoalForm) -> None:
    # Only what the user changed: a field left as it was keeps (or, for a level whose
    # career changed, loses) its saved value by the same rule as the API's partial update.
    goals.goal_update(
        user=user, changes={field: form.cleaned_data[field] for field in form.changed_data}
    )


# --- The `me` API ---------------------------------------------------------------------------


class TargetCareerOutputSerializer(serializers.Serializer):
    slug = serializers.CharField()
    title = serializers.CharField()


class TargetLevelOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    years_label = serializers.CharField()


class GoalOutputSerializer(serializers.Serializer):
    target_career = TargetCareerOutputSerializer(allow_null=True)
    target_level = TargetLevelOutputSerializer(allow_null=True)
    years_of_experience = serializers.IntegerField(allow_null=True)


class GoalInputSerializer(serializers.Serializer):
    target_career = CareerSlugField(
        allow_null=True,
        required=False,
        help_text="A published career's slug, or null for none.",
    )
    target_level = StrictIntegerField(
        allow_null=True,
        required=False,
        help_text="A level id of the target career (`levels[].id`), or null. Sent alone, it "
        "also sets the target career to the level's.",
    )
    years_of_experience = StrictIntegerField(
        min_value=0, max_value=MAX_YEARS_OF_EXPERIENCE, allow_null=True, required=False
    )


def _api_read(*, user) -> dict:
    goal = goals.goal_for_user(user=user)
    return {field: getattr(goal, field) for field in goals.GOAL_FIELDS}


def _api_update(*, user, data: dict) -> None:
    """Turn the slug and the id sent into objects, then apply the goal's rules."""
    changes = dict(data)
    errors = {}
    if changes.get("target_career") is not None:
        changes["target_career"] = Career.objects.filter(slug=data["target_career"]).first()
        if changes["target_career"] is None:
            errors["target_career"] = goals.CAREER_NOT_OFFERED
    if changes.get("target_level") is not None:
        level = CareerLevel.objects.select_related("career").filter(pk=data["target_level"])
        changes["target_level"] = level.first()
        if changes["target_level"] is None:
            errors["target_level"] = goals.LEVEL_NOT_OFFERED
    if errors:
        raise ValidationError(errors)
    goals.goal_update(user=user, changes=changes)


SECTION = ProfileSection(
    name="goal",
    template_name="assessments/includes/goal_section.html",
    form=GoalForm,
    save=_save_form,
    api_output=GoalOutputSerializer,
    api_input=GoalInputSerializer,
    api_read=_api_read,
    api_update=_api_update,
)
