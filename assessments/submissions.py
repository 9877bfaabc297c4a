"""The rules for what a skills or readiness submission must hold, in one place.

The HTML forms and the API input serializers parse their own input (form fields, JSON)
and then both call these functions, so the two can never disagree on what is accepted.
Each raises ValidationError keyed by the field at fault (`career`, `level`, `ratings`,
`answers`), with a message a person can act on.
"""

from collections.abc import Iterable

from django.core.exceptions import ValidationError

from guide.models import Career, CareerLevel, Proficiency

from .models import Question


def listed(values, limit: int = 10) -> str:
    """Up to `limit` values, sorted and comma-separated, then how many more."""
    values = sorted(values)
    shown = ", ".join(str(v) for v in values[:limit])
    return shown + (f" and {len(values) - limit} more" if len(values) > limit else "")


def _once(pairs: Iterable[tuple[int, int]], field: str, what: str) -> dict[int, int]:
    given: dict[int, int] = {}
    for key, value in pairs:
        if key in given:
            raise ValidationError({field: f"{what} {key} is {_TWICE[field]} more than once."})
        given[key] = value
    return given


_TWICE = {"ratings": "rated", "answers": "answered"}


def _exactly(given: dict, expected: dict, field: str, *, unknown: str, missing: str, name=None):
    """Refuse keys of `given` that `expected` lacks, then keys of `expected` not given.

    Each message is followed by the keys at fault (or `name(key)` for missing ones)."""
    extra = given.keys() - expected.keys()
    if extra:
        raise ValidationError({field: f"{unknown}: {listed(extra)}."})
    absent = expected.keys() - given.keys()
    if absent:
        shown = [name(key) for key in absent] if name else absent
        raise ValidationError({field: f"{missing}: {listed(shown)}."})


def validate_skills(
    *, career: Career, level_id: int, ratings: Iterable[tuple[int, int]]
) -> tuple[CareerLevel, dict[int, int]]:
    """(level, skill id → rating) for a career whose skills and levels are loaded.

    The level must be one of the career's; every skill of the career rated exactly once,
    on the proficiency scale, and nothing else rated."""
    skills = {cs.skill_id: cs.skill.name for cs in career.career_skills.all()}
    levels = {level.pk: level for level in career.levels.all()}
    if not skills or not levels:
        raise ValidationError({"career": "This guide has no skills or levels to assess yet."})
    if level_id not in levels:
        names = [f"{level.title} ({pk})" for pk, level in levels.items()]
        raise ValidationError({"level": f"Pick one of this career's levels: {listed(names)}."})
    given = _once(ratings, "ratings", "Skill")
    _exactly(
        given,
        skills,
        "ratings",
        unknown=f"Not skills of {career.title}",
        missing=f"Rate every skill of {career.title}; missing",
        name=lambda pk: f"{skills[pk]} ({pk})",
    )
    off_scale = [skills[pk] for pk, rating in given.items() if rating not in Proficiency.values]
    if off_scale:
        raise ValidationError(
            {"ratings": f"Rate each skill {Proficiency.RANGE}; not so for: {listed(off_scale)}."}
        )
    return levels[level_id], given


def validate_readiness(
    *, career: Career, questions: list[Question], answers: Iterable[tuple[int, int]]
) -> dict[int, int]:
    """Question id → option id, for questions with their options loaded.

    The questions must be worth some points; every one answered exactly once with one of
    its own options, and nothing else answered."""
    options = {q.pk: {o.pk for o in q.options.all()} for q in questions}
    if not any(o.points for q in questions for o in q.options.all()):
        raise ValidationError({"career": "This guide has no readiness questions to answer yet."})
    given = _once(answers, "answers", "Question")
    _exactly(
        given,
        options,
        "answers",
        unknown=f"Not questions for {career.title}",
        missing="Answer every question; missing",
    )
    wrong = [q for q, option in given.items() if option not in options[q]]
    if wrong:
        raise ValidationError(
            {"answers": f"Pick one of each question's options; not so for: {listed(wrong)}."}
        )
    return given
