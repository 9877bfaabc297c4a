"""Reads that cross models, shared by the HTML views and the API."""

from collections.abc import Collection
from dataclasses import dataclass, field
from functools import cached_property

from django.db.models import F, Prefetch, Q
from django.utils import timezone

from guide.models import Career, CareerSkill
from guide.selectors import published_career

from . import charts, scoring
from .models import Plan, PlanStep, Question, Result
from .snapshot import Snapshot


def career_for_assessment(*, slug: str) -> Career | None:
    """A published career with its skills and levels loaded; None otherwise."""
    return published_career(
        slug=slug,
        queryset=Career.objects.prefetch_related(
            Prefetch("career_skills", queryset=CareerSkill.objects.select_related("skill")),
            "levels",
        ),
    )


def readiness_questions(*, career: Career) -> list[Question]:
    return list(Question.objects.for_career(career).prefetch_related("options"))


def result_for_resubmission(
    *, submission_key, user, visitor_result_ids: Collection[int] = ()
) -> Result | None:
    """The result a form with this key already made, if the caller owns it; None otherwise.

    A signed-in user owns the results saved to their account; a visitor owns the
    unclaimed results whose ids their session holds. Someone else's result is never it.
    """
    if user is not None and user.is_authenticated:
        return Result.objects.filter(submission_key=submission_key, user=user).first()
    return Result.objects.filter(
        submission_key=submission_key, user__isnull=True, pk__in=list(visitor_result_ids)
    ).first()


def result_for_viewer(*, user, visitor_result_ids: Collection[int], pk: int) -> Result | None:
    """The result if the viewer may see it, else None.

    A result with an owner is seen only by that signed-in user; an unclaimed one only by
    the visitor whose session holds its id (`visitor_result_ids`)."""
    result = Result.objects.filter(pk=pk).first()
    if result is None:
        return None
    if result.user_id is not None:
        signed_in = user is not None and user.is_authenticated
        return result if signed_in and result.user_id == user.pk else None
    return result if pk in visitor_result_ids else None


@dataclass
class Change:
    name: str
    before: float | None
    after: float | None
    unit: str

    @property
    def direction(self) -> str:
        if self.before is None:
            return "new"
        if self.after is None:
            return "removed"
        if self.after > self.before:
            return "up"
        if self.after < self.before:
            return "down"
        return "same"


def changes_between(previous: Result, latest: Result) -> list[Change]:
    """Per skill (rating 0–4) or per dimension (%), from the previous attempt to the latest."""
    if latest.kind == Result.Kind.SKILLS:
        key, value, unit = "skill_id", "rating", f" of {scoring.RATING_MAX}"
    else:
        key, value, unit = "slug", "pct", "%"
    before = {getattr(item, key): item for item in Snapshot.items_of(previous)}
    after = {getattr(item, key): item for item in Snapshot.items_of(latest)}
    changes = [
        Change(
            item.name,
            getattr(before[k], value) if k in before else None,
            getattr(item, value),
            unit,
        )
        for k, item in after.items()
    ]
    changes += [
        Change(item.name, getattr(item, value), None, unit)
        for k, item in before.items()
        if k not in after
    ]
    return changes


@dataclass
class Track:
    """One career and kind of assessment in a user's history."""

    career_slug: str
    career_title: str
    kind: str
    kind_label: str
    results: list[Result] = field(default_factory=list)  # newest first
    changes: list[Change] = field(default_factory=list)
    guide_changed: bool = False

    @property
    def latest(self) -> Result:
        return self.results[0]

    @property
    def previous(self) -> Result | None:
        return self.results[1] if len(self.results) > 1 else None

    @cached_property
    def chart(self) -> charts.LineChart:
        oldest_first = list(reversed(self.results))
        return charts.trend_chart(
            [
                (timezone.localtime(r.created_at).strftime("%-d %b %Y"), float(r.score))
                for r in oldest_first
            ]
        )

    @property
    def delta(self) -> float | None:
        return float(self.latest.score - self.previous.score) if self.previous else None


def dashboard_tracks(*, user) -> list[Track]:
    """Every (career, kind) the user has results for, with history and what changed.

    Queries: the user's results without their snapshots (1); the snapshots of the two
    latest results of each track (1); the current guides, to spot edits since (1).
    """
    tracks: dict[tuple[str, str], Track] = {}
    results = (
        Result.objects.filter(user=user)
        .defer("items", "recommendations")
        .order_by("-created_at", "-pk")
    )
    for result in results:
        track = tracks.setdefault(
            (result.career_slug, result.kind),
            Track(
                career_slug=result.career_slug,
                career_title=result.career_title,
                kind=result.kind,
                kind_label=result.get_kind_display(),
            ),
        )
        track.results.append(result)
    if not tracks:
        return []
    pairs = [t for t in tracks.values() if t.previous is not None]
    snapshots = dict(
        Result.objects.filter(
            pk__in=[r.pk for t in pairs for r in (t.latest, t.previous)]
        ).values_list("pk", "items")
    )
    for track in pairs:
        track.latest.items = snapshots[track.latest.pk]
        track.previous.items = snapshots[track.previous.pk]
        track.changes = changes_between(track.previous, track.latest)
    guides = dict(
        Career.objects.filter(slug__in={t.career_slug for t in tracks.values()}).values_list(
            "slug", "updated_at"
        )
    )
    for track in tracks.values():
        updated = guides.get(track.career_slug)
        track.guide_changed = updated is not None and updated > track.latest.guide_updated_at
    return sorted(tracks.values(), key=lambda t: t.latest.created_at, reverse=True)


@dataclass
class PlanView:
    plan: Plan
    steps: list[PlanStep]
    retired: list[PlanStep]

    @property
    def counted(self) -> list[PlanStep]:
        return [s for s in self.steps if s.status != PlanStep.Status.SKIPPED]

    @property
    def done(self) -> int:
        return sum(1 for s in self.steps if s.status == PlanStep.Status.DONE)

    @property
    def progress(self) -> float:
        """Done steps as a share of the steps not skipped, in percent."""
        counted = self.counted
        return round(100 * self.done / len(counted), 1) if counted else 0.0

    @property
    def expected(self) -> float | None:
        if not self.plan.target_date:
            return None
        return charts.expected_progress(
            start=timezone.localtime(self.plan.created_at).date(),
            target=self.plan.target_date,
            today=timezone.localdate(),
        )

    @property
    def pace_chart(self) -> charts.LineChart | None:
        if not self.plan.target_date:
            return None
        return charts.pace_chart(
            start=timezone.localtime(self.plan.created_at).date(),
            target=self.plan.target_date,
            today=timezone.localdate(),
            progress=self.progress,
        )


def _plan_view(plan: Plan, rows) -> PlanView:
    """Steps still in the guide, in the guide's order; steps staff removed listed apart."""
    rows = sorted(rows, key=lambda r: (r.step.order if r.step else 0, r.step_id or 0, r.pk))
    return PlanView(
        plan=plan,
        steps=[r for r in rows if r.step_id is not None],
        retired=[r for r in rows if r.step_id is None],
    )


def plan_for_slug(*, user, slug: str) -> Plan | None:
    """The user's plan at /plan/<slug>/: the one for the guide with that slug, published or
    not; else the newest plan kept from a removed guide that had that address."""
    return (
        Plan.objects.filter(user=user)
        .filter(Q(career__slug=slug) | Q(career__isnull=True, career_slug=slug))
        .select_related("career")
        .order_by(F("career_id").asc(nulls_last=True), "-updated_at", "-pk")
        .first()
    )


def plan_with_step(*, user, plan_step_id: int) -> Plan | None:
    """The user's plan that holds this step, or None (someone else's, or no such step)."""
    return (
        Plan.objects.filter(user=user, plan_steps__pk=plan_step_id).select_related("career").first()
    )


def plan_view(*, plan: Plan) -> PlanView:
    return _plan_view(plan, plan.plan_steps.select_related("step"))


def plans_for_dashboard(*, user) -> list[PlanView]:
    plans = (
        Plan.objects.filter(user=user)
        .select_related("career")
        .prefetch_related(Prefetch("plan_steps", queryset=PlanStep.objects.select_related("step")))
    )
    return [_plan_view(plan, plan.plan_steps.all()) for plan in plans]


def results_for_export(user) -> list[dict]:
    """Every result of the user, whole: answers, scores, snapshots and recommendations."""
    return [
        {
            "id": r.pk,
            "kind": r.kind,
            "career": r.career_title,
            "career_slug": r.career_slug,
            "target_level": r.target_level,
            "score": r.score,
            "flat_answers": r.flat_answers,
            "created_at": r.created_at,
            "items": r.snapshot.item_dicts,
            "recommendations": r.snapshot.recommendation_dicts,
            "snapshot_version": r.snapshot.version,
        }
        for r in Result.objects.filter(user=user).order_by("created_at", "pk")
    ]


def plans_for_export(user) -> list[dict]:
    """Every plan of the user with its steps and notes, including plans whose guide is
    unpublished or removed (`guide` says which; the title and slug are then the kept ones).
    """
    return [
        {
            "career": view.plan.title,
            "career_slug": view.plan.slug,
            "guide": view.plan.guide_state,
            "target_date": view.plan.target_date,
            "created_at": view.plan.created_at,
            "progress_pct": view.progress,
            "steps": [
                {
                    "title": s.step_title,
                    "status": s.status,
                    "note": s.note,
                    "updated_at": s.updated_at,
                    "still_in_guide": s.step_id is not None,
                }
                for s in view.steps + view.retired
            ],
        }
        for view in plans_for_dashboard(user=user)
    ]
