"""Reads for pre-filling a form from earlier answers, shared by the HTML forms and the API.

Nothing new is stored: the personal skill profile is derived from the user's results, the
latest rating of each skill across every career they assessed (docs/scoring.md, "Less
retyping"). A retake starts from it; so does a first attempt at another career that
shares skills. Readiness answers carry over the same way, question by question.

These are selectors: no request or session. A visitor's own results are passed as ids.
"""

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Max

from guide.models import Career, CareerLevel

from .models import Question, Result
from .snapshot import Snapshot


@dataclass
class Source:
    """Where a pre-filled answer came from: an earlier result."""

    result_id: int
    career_slug: str
    career_title: str
    target_level: str
    created_at: datetime


@dataclass
class Prefill:
    """Answers to start a form with. `values`: skill id → rating (0–4), or question id →
    option id; `sources`: the same keys → where each came from."""

    kind: str
    career_slug: str
    values: dict[int, int] = field(default_factory=dict)
    sources: dict[int, Source] = field(default_factory=dict)
    last: Source | None = None  # the latest attempt at this career and kind
    dropped: list[str] = field(default_factory=list)  # answers for parts no longer asked

    def __bool__(self) -> bool:
        return bool(self.values or self.dropped)

    @property
    def carried(self) -> list[tuple[Source, int]]:
        """The other careers that lent answers, with how many each, newest first."""
        seen: dict[str, list] = {}
        for source in self.sources.values():
            if source.career_slug != self.career_slug:
                seen.setdefault(source.career_slug, [source, 0])[1] += 1
        return sorted(
            ((s, n) for s, n in seen.values()), key=lambda pair: pair[0].created_at, reverse=True
        )

    @property
    def own_count(self) -> int:
        """How many answers come from this career's own last attempt."""
        return sum(1 for s in self.sources.values() if s.career_slug == self.career_slug)

    def is_carried(self, key: int) -> bool:
        source = self.sources.get(key)
        return source is not None and source.career_slug != self.career_slug


def _latest_per_career(*, user, visitor_result_ids: Collection[int], kind: str) -> list[Result]:
    """The caller's latest result of `kind` for each career, newest first, with snapshots.

    A signed-in user's own results, or the visitor's unclaimed ones. Queries: 2."""
    if user is not None and user.is_authenticated:
        mine = Result.objects.filter(user=user)
    else:
        mine = Result.objects.filter(user__isnull=True, pk__in=list(visitor_result_ids))
    latest = mine.filter(kind=kind).values("career_slug").annotate(last=Max("pk"))
    ids = [row["last"] for row in latest]
    if not ids:
        return []
    return list(Result.objects.filter(pk__in=ids).order_by("-created_at", "-pk"))


def _source(result: Result) -> Source:
    return Source(
        result_id=result.pk,
        career_slug=result.career_slug,
        career_title=result.career_title,
        target_level=result.target_level,
        created_at=result.created_at,
    )


def skill_profile(*, user, visitor_result_ids: Collection[int] = ()) -> dict[int, tuple]:
    """The personal skill profile: skill id → (rating, Source, skill name), the newest
    rating of each skill across the caller's latest result for every career."""
    profile: dict[int, tuple] = {}
    for result in _latest_per_career(
        user=user, visitor_result_ids=visitor_result_ids, kind=Result.Kind.SKILLS
    ):
        source = _source(result)
        for item in Snapshot.items_of(result):
            profile.setdefault(item.skill_id, (item.rating, source, item.name))
    return profile


def skills_prefill(*, user, career: Career, visitor_result_ids: Collection[int] = ()) -> Prefill:
    """Ratings to start `career`'s skills form with: from the skill profile, for the
    skills the career lists now. Ratings kept for skills the career no longer lists are
    dropped and named. `career` has its career skills loaded."""
    prefill = Prefill(kind=Result.Kind.SKILLS, career_slug=career.slug)
    results = _latest_per_career(
        user=user, visitor_result_ids=visitor_result_ids, kind=Result.Kind.SKILLS
    )
    current = {cs.skill_id for cs in career.career_skills.all()}
    for result in results:
        source = _source(result)
        items = Snapshot.items_of(result)
        if result.career_slug == career.slug:
            prefill.last = source
            prefill.dropped = sorted(i.name for i in items if i.skill_id not in current)
        for item in items:
            if item.skill_id in current and item.skill_id not in prefill.values:
                prefill.values[item.skill_id] = item.rating
                prefill.sources[item.skill_id] = source
    return prefill


def readiness_prefill(
    *, user, career: Career, questions: list[Question], visitor_result_ids: Collection[int] = ()
) -> Prefill:
    """Answers to start `career`'s readiness form with: the newest answer to each question
    asked now, from the caller's latest readiness result of every career (global questions
    are shared). An answer is matched by the question's and option's ids, or, in results
    saved before those were kept, by their texts; one whose question or option is gone is
    dropped and named when it came from this career's last attempt."""
    prefill = Prefill(kind=Result.Kind.READINESS, career_slug=career.slug)
    by_id = {q.pk: q for q in questions}
    by_text = {q.text: q for q in questions}
    for result in _latest_per_career(
        user=user, visitor_result_ids=visitor_result_ids, kind=Result.Kind.READINESS
    ):
        source = _source(result)
        own = result.career_slug == career.slug
        if own:
            prefill.last = source
        for dimension in Snapshot.items_of(result):
            for answer in dimension.answers:
                question = by_id.get(answer.question_id) or by_text.get(answer.question)
                options = list(question.options.all()) if question else []
                option = next((o for o in options if o.pk == answer.option_id), None) or next(
                    (o for o in options if o.label == answer.answer), None
                )
                if option is None:
                    if own:
                        prefill.dropped.append(answer.question)
                    continue
                if question.pk not in prefill.values:
                    prefill.values[question.pk] = option.pk
                    prefill.sources[question.pk] = source
    return prefill


def level_to_preselect(
    *, career: Career, goal, last: Source | None, asked: str = ""
) -> CareerLevel | None:
    """The target level a skills form starts on: the one asked for (`?level=<id>`), when
    it is a level of this career; else the goal's, likewise; else the one of the last
    attempt, when the career still has it; else the career's main level (offset 0), else
    its first. `career` has its levels loaded."""
    levels = list(career.levels.all())
    if asked.isascii() and asked.isdigit() and len(asked) < 12:
        match = next((lvl for lvl in levels if lvl.pk == int(asked)), None)
        if match is not None:
            return match
    if goal is not None and goal.target_level_id is not None:
        match = next((lvl for lvl in levels if lvl.pk == goal.target_level_id), None)
        if match is not None:
            return match
    if last is not None:
        match = next((lvl for lvl in levels if lvl.title == last.target_level), None)
        if match is not None:
            return match
    return next(
        (lvl for lvl in levels if lvl.expectation_offset == 0), levels[0] if levels else None
    )
