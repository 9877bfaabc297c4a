"""The member's part of the home page: their goal, latest score with its band, and what
to do next. Registered with `guide.home_sections`; a visitor gets nothing from here."""

from dataclasses import dataclass

from guide.models import Career

from . import goals, scoring
from .models import Goal, Result
from .snapshot import Recommendation

NEXT_ACTIONS = 3


@dataclass
class HomeSummary:
    goal: Goal
    latest: Result | None
    band: scoring.Band | None
    next_actions: list[Recommendation]

    @property
    def goal_unpublished(self) -> bool:
        """The goal's guide is not published now: its results still show, read-only."""
        career = self.goal.target_career
        return career is not None and career.status != Career.Status.PUBLISHED


def home_summary(*, user) -> HomeSummary:
    """The goal, the latest result for the goal's career (any career without a goal; a
    skills-gap analysis before a readiness check), and its first recommendations, one per
    gap or weak area. Queries: the goal (1), the latest result (1)."""
    goal = goals.goal_for_user(user=user)
    results = Result.objects.filter(user=user)
    if goal.target_career is not None:
        results = results.filter(career_slug=goal.target_career.slug)
    # A skills-gap analysis first ("skills" sorts after "readiness"), then the newest.
    latest = results.order_by("-kind", "-created_at", "-pk").first()
    actions, subjects = [], set()
    if latest is not None:
        for rec in latest.snapshot.recommendations:
            if rec.subject not in subjects and len(actions) < NEXT_ACTIONS:
                subjects.add(rec.subject)
                actions.append(rec)
    return HomeSummary(
        goal=goal,
        latest=latest,
        band=scoring.band_of(latest.score) if latest is not None else None,
        next_actions=actions,
    )


def provider(user):
    if not user.is_authenticated:
        return None
    return "assessments/includes/home_member.html", {"summary": home_summary(user=user)}
