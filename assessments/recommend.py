"""Recommendations with reasons. Each says what to do and why it was suggested."""

from django.db.models import Q

from guide.models import IMPORTANCE_MAX, Career, CareerLevel, Step

from . import scoring
from .models import Dimension, Resource
from .scoring import DimensionScore, SkillScore
from .snapshot import Recommendation

RESOURCES_PER_SUBJECT = 2


def _resource_dict(resource: Resource, why: str, subject: str) -> Recommendation:
    return Recommendation(
        kind="resource",
        resource_kind=resource.get_kind_display(),
        title=resource.title,
        url=resource.url,
        detail=resource.description,
        subject=subject,
        why=why,
    )


def _resources(career: Career, **link) -> list[Resource]:
    """Resources for a skill or a dimension: the career's own first, then global ones."""
    found = (
        Resource.objects.filter(**link)
        .filter(Q(career__isnull=True) | Q(career=career))
        .order_by("order", "title")
    )
    own = [r for r in found if r.career_id == career.pk]
    general = [r for r in found if r.career_id is None]
    return (own + general)[:RESOURCES_PER_SUBJECT]


def for_skill_gaps(
    *, career: Career, level: CareerLevel, gaps: list[SkillScore]
) -> list[Recommendation]:
    details = {cs.skill_id: cs.detail for cs in career.career_skills.all()}
    recommendations = []
    for gap in gaps[: scoring.MAX_SKILL_GAPS]:
        why = (
            f"You rated {gap.name} {gap.rating} of {scoring.RATING_MAX}; {level.title} expects "
            f"{gap.expected}. It matters {gap.importance} of {IMPORTANCE_MAX} for "
            f"{scoring.with_article(career.title)}."
        )
        resources = _resources(career, skill_id=gap.skill_id)
        for resource in resources:
            recommendations.append(_resource_dict(resource, why, gap.name))
        if not resources:
            recommendations.append(
                Recommendation(
                    kind="advice",
                    title=f"Build up {gap.name}",
                    url=career.get_absolute_url() + "#skills",
                    detail=details.get(gap.skill_id, ""),
                    subject=gap.name,
                    why=why,
                )
            )
    return recommendations


def _matching_step(steps: list[Step], dimension: Dimension) -> Step | None:
    keywords = [w.strip().lower() for w in dimension.step_keywords.split(",") if w.strip()]
    for step in steps:
        title = step.title.lower()
        if any(word in title for word in keywords):
            return step
    return None


def for_weak_dimensions(*, career: Career, weakest: list[DimensionScore]) -> list[Recommendation]:
    dimensions = {d.slug: d for d in Dimension.objects.filter(slug__in=[w.slug for w in weakest])}
    steps = list(career.steps.all())
    recommendations = []
    for weak in weakest:
        dimension = dimensions.get(weak.slug)
        why = (
            f"{weak.name} scored {scoring.whole(weak.pct)}% ({weak.points} of "
            f"{weak.max_points} points), one of your weakest areas."
        )
        if dimension is None:
            continue
        if dimension.advice:
            recommendations.append(
                Recommendation(
                    kind="advice",
                    title=f"Next for {weak.name.lower()}",
                    url="",
                    detail=dimension.advice,
                    subject=weak.name,
                    why=why,
                )
            )
        step = _matching_step(steps, dimension)
        if step is not None:
            number = steps.index(step) + 1
            recommendations.append(
                Recommendation(
                    kind="step",
                    title=f"Step {number} of the guide: {step.title}",
                    url=career.get_absolute_url() + "#how-to-become",
                    detail=step.body,
                    subject=weak.name,
                    why=why + f" The guide's step {number} is about exactly this.",
                )
            )
        for resource in _resources(career, dimension=dimension):
            recommendations.append(_resource_dict(resource, why, weak.name))
    return recommendations


def resources_for(career: Career, **link) -> list[Resource]:
    """The resources a recommendation for this skill or dimension offers (plan items use
    the same ones as the result's recommendations)."""
    return _resources(career, **link)
