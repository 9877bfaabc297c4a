"""Reads that cross models, shared by the HTML views and the API."""

from collections.abc import Collection
from dataclasses import dataclass, field
from functools import cached_property

from django.db.models import F, Prefetch, Q
from django.utils import timezone

from guide.models import Career, CareerLevel, CareerSkill
from guide.selectors import published_career

from . import charts, scoring
from .models import Plan, PlanStep, Question, Result
from .snapshot import Answer, DimensionItem, SkillItem, Snapshot


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

    @property
    def size(self) -> float | None:
        """How far it moved (after − before); None for a new or removed one."""
        if self.before is None or self.after is None:
            return None
        return self.after - self.before


_DIRECTION_ORDER = {"up": 0, "down": 0, "new": 1, "removed": 2, "same": 3}


def changes_between(previous: Result, latest: Result) -> list[Change]:
    """Per skill (rating 0–4) or per dimension (%), from the previous attempt to the latest:
    the ones that moved first, biggest move first; then new, no longer assessed, the same."""
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
    return sorted(changes, key=lambda c: (_DIRECTION_ORDER[c.direction], -abs(c.size or 0), c.name))


def guide_differences(before: list, after: list, *, kind: str, same_level: bool) -> list[str]:
    """What changed in the parts of the guide that affect a score, between two snapshots'
    items (or a snapshot and the guide as it is now): skills added or removed, importances,
    expected levels (only when the target level is the same; otherwise the level explains
    them), readiness questions added or removed and their best points."""
    notes = []
    if kind == Result.Kind.SKILLS:
        old = {i.skill_id: i for i in before}
        new = {i.skill_id: i for i in after}
        for skill_id, item in new.items():
            was = old.get(skill_id)
            if was is None:
                notes.append(f"{item.name} was added")
                continue
            if was.importance != item.importance:
                notes.append(f"{item.name}: importance {was.importance} → {item.importance}")
            if same_level and was.expected != item.expected:
                notes.append(f"{item.name}: expected level {was.expected} → {item.expected}")
        notes += [f"{i.name} was removed" for k, i in old.items() if k not in new]
        return notes
    old = {a.question: a.max for d in before for a in d.answers}
    new = {a.question: a.max for d in after for a in d.answers}
    for question, best in new.items():
        if question not in old:
            notes.append(f"question added: “{question}”")
        elif old[question] != best:
            notes.append(f"“{question}”: best answer worth {old[question]} → {best} points")
    notes += [f"question removed: “{q}”" for q in old if q not in new]
    return notes


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
    # What changed in the guide's scoring since the latest attempt (empty: nothing that
    # affects a score), and between the two latest attempts' snapshots.
    guide_changes_since: list[str] = field(default_factory=list)
    guide_changes_between: list[str] = field(default_factory=list)

    @property
    def latest(self) -> Result:
        return self.results[0]

    @property
    def previous(self) -> Result | None:
        return self.results[1] if len(self.results) > 1 else None

    @property
    def changes_moved(self) -> list[Change]:
        """The changes that are not "same", biggest first: what "what changed" leads with."""
        return [c for c in self.changes if c.direction != "same"]

    @property
    def changes_same(self) -> list[Change]:
        return [c for c in self.changes if c.direction == "same"]

    @property
    def level_change(self) -> tuple[str, str] | None:
        """(from, to) when the latest attempt aimed at another level than the one before."""
        previous = self.previous
        if previous is None or previous.target_level == self.latest.target_level:
            return None
        return previous.target_level, self.latest.target_level

    @property
    def baseline(self) -> Result | None:
        """The attempt "since last time" compares with: the latest earlier one at the same
        target level, so a change of level is never shown as a rise or a drop."""
        return next(
            (r for r in self.results[1:] if r.target_level == self.latest.target_level), None
        )

    @cached_property
    def chart(self) -> charts.LineChart:
        oldest_first = list(reversed(self.results))
        notes = [
            r.target_level if i and r.target_level != oldest_first[i - 1].target_level else ""
            for i, r in enumerate(oldest_first)
        ]
        return charts.trend_chart(
            [
                (timezone.localtime(r.created_at).strftime("%-d %b %Y"), float(r.score))
                for r in oldest_first
            ],
            notes=notes,
        )

    @property
    def delta(self) -> float | None:
        """Score points since the baseline (same target level); None without one."""
        baseline = self.baseline
        return float(self.latest.score - baseline.score) if baseline else None

    @property
    def delta_shown(self) -> int | None:
        """The change as the whole points shown, so "no change" means what it says."""
        delta = self.delta
        return (
            None
            if delta is None
            else scoring.whole(self.latest.score) - scoring.whole(self.baseline.score)
        )


def _scoring_now(tracks: list[Track]) -> dict[tuple[str, str], list]:
    """For each track, the items a retake would be scored against now (same target level),
    in the snapshot's shape. Queries: career skills (1) and levels (1) when a skills track
    is among them; readiness questions (1) and their options (1) when a readiness one is."""
    now: dict[tuple[str, str], list] = {}
    slugs = {t.career_slug for t in tracks}
    skill_tracks = [t for t in tracks if t.kind == Result.Kind.SKILLS]
    if skill_tracks:
        rows = CareerSkill.objects.filter(career__slug__in=slugs).select_related("skill", "career")
        offsets = {
            (lvl.career.slug, lvl.title): lvl.expectation_offset
            for lvl in CareerLevel.objects.filter(career__slug__in=slugs).select_related("career")
        }
        for track in skill_tracks:
            offset = offsets.get((track.career_slug, track.latest.target_level))
            if offset is None:
                continue  # the level is gone: the notice names it apart
            now[(track.career_slug, track.kind)] = [
                SkillItem(
                    skill_id=cs.skill_id,
                    name=cs.skill.name,
                    importance=cs.importance,
                    expected=scoring.expected_at_level(cs.expected_proficiency, offset),
                )
                for cs in rows
                if cs.career.slug == track.career_slug
            ]
    readiness_tracks = [t for t in tracks if t.kind == Result.Kind.READINESS]
    if readiness_tracks:
        questions = list(
            Question.objects.filter(active=True)
            .filter(Q(career__isnull=True) | Q(career__slug__in=slugs))
            .select_related("career")
            .prefetch_related("options")
        )
        for track in readiness_tracks:
            asked = [q for q in questions if q.career is None or q.career.slug == track.career_slug]
            now[(track.career_slug, track.kind)] = [
                DimensionItem(
                    answers=[
                        Answer(
                            question=q.text,
                            max=max((o.points for o in q.options.all()), default=0),
                        )
                        for q in asked
                    ]
                )
            ]
    return now


def dashboard_tracks(*, user) -> list[Track]:
    """Every (career, kind) the user has results for, with history and what changed.

    Queries: the user's results without their snapshots (1); the snapshots of the latest
    result of each track, the one before and the one at the same level (1); the current
    guides, to spot edits since (1); and, only when a guide was saved since the latest
    attempt, what that guide now scores against (see `_scoring_now`).
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
    guides = dict(
        Career.objects.filter(slug__in={t.career_slug for t in tracks.values()}).values_list(
            "slug", "updated_at"
        )
    )
    edited = [
        t
        for t in tracks.values()
        if guides.get(t.career_slug) is not None
        and guides[t.career_slug] > t.latest.guide_updated_at
    ]
    pairs = [t for t in tracks.values() if t.previous is not None]
    wanted = {t.latest.pk for t in edited} | {
        r.pk for t in pairs for r in (t.latest, t.previous, t.baseline) if r is not None
    }
    if wanted:
        snapshots = dict(Result.objects.filter(pk__in=wanted).values_list("pk", "items"))
        for track in tracks.values():
            for r in (track.latest, track.previous, track.baseline):
                if r is not None and r.pk in snapshots:
                    r.items = snapshots[r.pk]
    for track in pairs:
        track.changes = changes_between(track.previous, track.latest)
        track.guide_changes_between = guide_differences(
            Snapshot.items_of(track.previous),
            Snapshot.items_of(track.latest),
            kind=track.kind,
            same_level=track.level_change is None,
        )
    if edited:
        now = _scoring_now(edited)
        for track in edited:
            current = now.get((track.career_slug, track.kind))
            if current is None:
                track.guide_changes_since = [
                    f"the level “{track.latest.target_level}” is no longer in the guide"
                ]
            else:
                track.guide_changes_since = guide_differences(
                    Snapshot.items_of(track.latest), current, kind=track.kind, same_level=True
                )
            track.guide_changed = bool(track.guide_changes_since)
    return sorted(tracks.values(), key=lambda t: t.latest.created_at, reverse=True)


def goal_first(tracks: list[Track], *, career: Career | None) -> list[Track]:
    """The tracks of the goal's career first (skills before readiness), then the rest as
    they were: the dashboard opens on what the user is working towards."""
    if career is None:
        return tracks
    mine = [t for t in tracks if t.career_slug == career.slug]
    mine.sort(key=lambda t: t.kind != Result.Kind.SKILLS)
    return mine + [t for t in tracks if t.career_slug != career.slug]


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
