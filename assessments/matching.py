"""Careers your skills fit: every career scored against one set of ratings. Pure functions.

The ratings are a member's latest rating of each skill, gathered from their skills-gap
results (`selectors.latest_ratings`). A career's match uses the skills score of
docs/scoring.md at the career's main level (offset 0, the expectations its guide
states), so a match reads on the same scale as a result:

    match % = 100 × Σ importance_i × match_i / Σ importance_i

A skill the member has never rated counts as 0 (so the match is a floor, not a guess)
and is listed as "not rated yet". The skills of a career fall in three lists:

- carries over: rated and meeting the career's expectation (and expected above 0);
- to build: rated below the expectation, biggest importance × shortfall first;
- not rated yet: skills of that career the member has never rated.
"""

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from .scoring import SkillInput, gaps_of, score_skills

MAIN_LEVEL_OFFSET = 0


@dataclass(frozen=True)
class Rating:
    skill_id: int
    name: str
    rating: int
    rated_at: datetime
    career_title: str  # the career whose analysis it came from


@dataclass
class SkillFit:
    skill_id: int
    name: str
    importance: int
    expected: int
    rating: int | None  # None: never rated
    shortfall: int = 0
    priority: int = 0


@dataclass
class CareerMatch:
    slug: str
    title: str
    score: Decimal
    carries_over: list[SkillFit] = field(default_factory=list)
    to_build: list[SkillFit] = field(default_factory=list)
    not_rated: list[SkillFit] = field(default_factory=list)

    @property
    def skills(self) -> int:
        return len(self.carries_over) + len(self.to_build) + len(self.not_rated)

    @property
    def rated(self) -> int:
        return self.skills - len(self.not_rated)


def skill_inputs(career) -> list[SkillInput]:
    """A career's skills as scoring reads them (from `career_skills`, prefetched)."""
    return [
        SkillInput(
            skill_id=cs.skill_id,
            name=cs.skill.name,
            kind=cs.skill.kind,
            importance=cs.importance,
            main_expected=cs.expected_proficiency,
        )
        for cs in career.career_skills.all()
    ]


def match_career(
    *, slug: str, title: str, skills: list[SkillInput], ratings: dict[int, Rating]
) -> CareerMatch | None:
    """One career's match against the ratings; None for a career without skills."""
    if not skills:
        return None
    values = {
        s.skill_id: ratings[s.skill_id].rating if s.skill_id in ratings else 0 for s in skills
    }
    outcome = score_skills(skills, values, MAIN_LEVEL_OFFSET)
    match = CareerMatch(slug=slug, title=title, score=outcome.score)
    for item in gaps_of(outcome.items):
        if item.skill_id in ratings:
            match.to_build.append(_fit(item, rated=True))
    for item in sorted(outcome.items, key=lambda i: (-i.importance, i.name)):
        if item.skill_id not in ratings:
            match.not_rated.append(_fit(item, rated=False))
        elif item.shortfall == 0 and item.expected > 0:
            match.carries_over.append(_fit(item, rated=True))
    return match


def _fit(item, *, rated: bool) -> SkillFit:
    return SkillFit(
        skill_id=item.skill_id,
        name=item.name,
        importance=item.importance,
        expected=item.expected,
        rating=item.rating if rated else None,
        shortfall=item.shortfall if rated else 0,
        priority=item.priority if rated else 0,
    )


def rank(matches: list[CareerMatch]) -> list[CareerMatch]:
    """Best match first; ties by how many skills were rated, then by title."""
    return sorted(matches, key=lambda m: (-m.score, -m.rated, m.title))
