"""The user's goal: read it, check a change to it, save it.

`goal_clean` is the one place the goal's rules live. The profile page's goal section and
the `me` API both hand it the fields the user changed, so they accept and refuse the same
things:

- A career or level is offered when its guide is published. The one already saved stays
  acceptable after its guide is unpublished (saving other fields must not drop it), but an
  unpublished career or level cannot be newly chosen.
- A level chosen without a career brings its own career along.
- A new career keeps the saved level only if the level belongs to it; otherwise the level
  is dropped. Clearing the career clears the level.
- A level chosen together with a career must belong to that career.

Fields that were not changed keep their saved values.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from guide.models import Career, CareerLevel

from .models import Goal

GOAL_FIELDS = ("target_career", "target_level", "years_of_experience")
# One answer for "unknown" and "exists but unpublished", so nothing leaks about drafts.
CAREER_NOT_OFFERED = "Pick a career that has a published guide."
LEVEL_NOT_OFFERED = "Pick a level of a career that has a published guide."


def goal_for_user(*, user) -> Goal:
    """The user's goal with its targets loaded; an unsaved empty one if none exists yet."""
    goal = Goal.objects.select_related("target_career", "target_level").filter(user=user).first()
    return goal or Goal(user=user)


def career_choices(*, current: Goal):
    """Careers the goal may point at: the published ones and the one already saved."""
    published = Career.objects.published()
    return published | Career.objects.filter(pk=current.target_career_id)


def level_choices(*, current: Goal):
    """Levels the goal may point at: those of published careers and the one already saved."""
    return CareerLevel.objects.filter(
        career__in=Career.objects.published()
    ) | CareerLevel.objects.filter(pk=current.target_level_id)


def goal_clean(*, current: Goal, changes: dict[str, Any]) -> dict[str, Any]:
    """The goal's three values after applying `changes` to `current`, or ValidationError.

    `changes` holds only the fields the user changed, with `Career`/`CareerLevel`
    instances or None (and an int or None for the years). Errors are keyed by field.
    """
    unknown = set(changes) - set(GOAL_FIELDS)
    if unknown:
        raise ValueError(f"Not goal fields: {sorted(unknown)}")
    career = changes.get("target_career", current.target_career)
    level = changes.get("target_level", current.target_level)
    errors = {}
    if (
        "target_career" in changes
        and career is not None
        and not career_choices(current=current).filter(pk=career.pk).exists()
    ):
        errors["target_career"] = CAREER_NOT_OFFERED
    if (
        "target_level" in changes
        and level is not None
        and not level_choices(current=current).filter(pk=level.pk).exists()
    ):
        errors["target_level"] = LEVEL_NOT_OFFERED
    if errors:
        raise ValidationError(errors)

    if "target_level" in changes and level is not None:
        if career is None or "target_career" not in changes:
            career = level.career
        elif level.career_id != career.pk:
            raise ValidationError(
                {
                    "target_level": f"“{level.title}” is a level of {level.career.title}, not "
                    f"of {career.title}. Pick one of the levels listed under your target career."
                }
            )
    elif level is not None and (career is None or level.career_id != career.pk):
        # The career changed (or was cleared) and the saved level was left as it was.
        level = None
    return {
        "target_career": career,
        "target_level": level,
        "years_of_experience": changes.get("years_of_experience", current.years_of_experience),
    }


@transaction.atomic
def goal_update(*, user, changes: dict[str, Any]) -> Goal:
    """Apply the changed goal fields for `user` (see `goal_clean`) and save the goal."""
    # of=("self",): PostgreSQL cannot lock the nullable side of the targets' outer joins.
    goal, _ = (
        Goal.objects.select_for_update(of=("self",))
        .select_related("target_career", "target_level")
        .get_or_create(user=user)
    )
    for field, value in goal_clean(current=goal, changes=changes).items():
        setattr(goal, field, value)
    goal.full_clean(exclude=["user"])
    goal.save()
    return goal


def goal_for_export(user) -> dict:
    goal = goal_for_user(user=user)
    career, level = goal.target_career, goal.target_level
    return {
        "target_career": {"slug": career.slug, "title": career.title} if career else None,
        "target_level": {"title": level.title} if level else None,
        "years_of_experience": goal.years_of_experience,
        "updated_at": goal.updated_at,
    }
