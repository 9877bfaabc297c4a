"""Reads that cross models, shared by the HTML views and the API."""

import math
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property

from django.core.paginator import Page, Paginator
from django.db import connections
from django.db.models import Count, F, Prefetch, Q
from django.db.models.expressions import RawSQL
from django.utils import timezone

from guide.models import Career, CareerLevel, CareerSkill
from guide.selectors import published_career

from . import charts, matching, scoring
from .models import Goal, Plan, PlanItem, PlanStep, Question, Result
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
    results: list[Result] = field(default_factory=list)  # newest first, at most TREND_POINTS
    total: int = 0  # every attempt in the track, however many are loaded
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


def _newest_per_group_sql(queryset, groups: list[dict], limit: int) -> tuple[str, list]:
    """SQL selecting the ids of the `limit` newest rows of `queryset` in each group (a dict
    of filters): a UNION ALL of one small ordered, limited subquery per group, each an
    index range scan. (The ORM refuses LIMIT inside a union on SQLite, so each part is
    compiled by the ORM and wrapped as a derived table, which both databases accept.)"""
    parts, params = [], []
    for n, group in enumerate(groups):
        part = queryset.filter(**group).order_by("-created_at", "-pk").values_list("pk")[:limit]
        sql, part_params = part.query.sql_with_params()
        parts.append(f"SELECT * FROM ({sql}) newest_{n}")  # noqa: S608 (compiled by the ORM)
        params.extend(part_params)
    return " UNION ALL ".join(parts), params


def _newest_per_group(queryset, groups: list[dict], limit: int) -> list[int]:
    """The ids of the `limit` newest rows of `queryset` in each group, in one query."""
    if not groups:
        return []
    sql, params = _newest_per_group_sql(queryset, groups, limit)
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]


TREND_POINTS = 10  # attempts drawn per track on the dashboard; the history lists them all
HISTORY_PER_PAGE = 10  # rows of the dashboard's full history per page


def dashboard_tracks(*, user) -> list[Track]:
    """Every (career, kind) the user has results for, with its latest attempts and what
    changed. Bounded whatever the history's size: each track carries its newest
    `TREND_POINTS` results (for the trend) and `total`, the number of attempts.

    Queries: the attempts per track, counted on the history index (1); the ids of the
    newest results of each track, one index range per track in a single UNION ALL (1);
    those results without snapshots (1); the
    snapshots of the two latest results of each track (1); the current guides, to spot
    edits since (1); and, only when a guide was saved since the latest attempt, what that
    guide now scores against (see `_scoring_now`). "Since last time" compares with the
    latest attempt at the same level among those newest TREND_POINTS; one older than that
    is not looked for, and no change is shown.
    """
    tracks: dict[tuple[str, str], Track] = {}
    # Both read only the history index (assess_result_history), a few entries per track,
    # so neither the snapshots nor the length of the history enter into it.
    mine = Result.objects.filter(user=user).order_by()
    attempts = {
        (row["career_slug"], row["kind"]): row["attempts"]
        for row in mine.values("career_slug", "kind").annotate(attempts=Count("pk"))
    }
    shown = _newest_per_group(
        mine, [{"career_slug": slug, "kind": kind} for slug, kind in attempts], TREND_POINTS
    )
    results = (
        Result.objects.filter(pk__in=shown)
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
                total=attempts.get((result.career_slug, result.kind), 0),
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


def dashboard_history(*, user, page) -> Page:
    """One page of all the user's results, newest first, without their snapshots.

    Queries: the count (1) and the page (1). A page that is not a number or is past the
    end shows the first or the last page (Paginator.get_page)."""
    results = (
        Result.objects.filter(user=user)
        .defer("items", "recommendations")
        .order_by("-created_at", "-pk")
    )
    return Paginator(results, HISTORY_PER_PAGE).get_page(page)


@dataclass
class Pace:
    """Where a plan with a target date stands today, in words a user can trust.

    `state`: "not_due" while a steady pace does not yet ask for one thing done (nothing
    is due, so nobody is "on pace" or "behind" yet), "on_pace", "behind", or "done"."""

    state: str
    expected: float  # % a steady pace reaches today
    due: int  # things a steady pace has finished by today
    done: int
    first_due: date | None  # when the first thing falls due, while state is "not_due"

    @property
    def behind_by(self) -> int:
        return max(0, self.due - self.done)


@dataclass
class PlanView:
    plan: Plan
    steps: list[PlanStep]
    retired: list[PlanStep]
    items: list = field(default_factory=list)  # PlanItems from the user's results

    @property
    def counted(self) -> list:
        """Steps and items that count towards progress: all but the skipped ones."""
        rows = self.steps + self.items
        return [s for s in rows if s.status != PlanStep.Status.SKIPPED]

    @property
    def done(self) -> int:
        return sum(1 for s in self.steps + self.items if s.status == PlanStep.Status.DONE)

    @property
    def progress(self) -> float:
        """Done steps and items as a share of those not skipped, in percent."""
        counted = self.counted
        return round(100 * self.done / len(counted), 1) if counted else 0.0

    @property
    def current_items(self) -> list:
        return [i for i in self.items if i.in_latest]

    @property
    def earlier_items(self) -> list:
        """Items from earlier results that the latest result no longer calls for."""
        return [i for i in self.items if not i.in_latest]

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
    def pace(self) -> Pace | None:
        """The honest pace line: None without a target date (see docs/scoring.md)."""
        expected = self.expected
        if expected is None:
            return None
        total = len(self.counted)
        due = math.floor(expected * total / 100 + 1e-9)
        start = timezone.localtime(self.plan.created_at).date()
        if total and self.done >= total:
            state = "done"
        elif due == 0:
            state = "not_due"
        else:
            state = "on_pace" if self.done >= due else "behind"
        first_due = None
        if state == "not_due" and total:
            span = max((self.plan.target_date - start).days, 0)
            first_due = start + timedelta(days=math.ceil(span / total))
        return Pace(state=state, expected=expected, due=due, done=self.done, first_due=first_due)

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

    def next_actions(self, limit: int = 3) -> list:
        """What to do next: anything in progress first, then what is still to do; items
        from the latest result (biggest gaps first) before the guide's steps."""
        open_rows = [r for r in self.current_items + self.steps if r.status in _OPEN]
        open_rows.sort(key=lambda r: r.status != PlanStep.Status.DOING)  # stable
        return open_rows[:limit]


_OPEN = {PlanStep.Status.DOING, PlanStep.Status.TODO}


def _plan_view(plan: Plan, rows, items=()) -> PlanView:
    """Steps still in the guide, in the guide's order; steps staff removed listed apart;
    items from the user's results in the order they were made (biggest gaps first)."""
    rows = sorted(rows, key=lambda r: (r.step.order if r.step else 0, r.step_id or 0, r.pk))
    return PlanView(
        plan=plan,
        steps=[r for r in rows if r.step_id is not None],
        retired=[r for r in rows if r.step_id is None],
        items=sorted(items, key=lambda i: (i.order, i.pk)),
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
    """Queries: the steps with their guide steps (1), the items (1)."""
    return _plan_view(plan, plan.plan_steps.select_related("step"), plan.items.all())


def plans_for_dashboard(*, user) -> list[PlanView]:
    """Queries: the plans (1), their steps (1), their items (1)."""
    plans = (
        Plan.objects.filter(user=user)
        .select_related("career")
        .prefetch_related(
            Prefetch("plan_steps", queryset=PlanStep.objects.select_related("step")), "items"
        )
    )
    return [_plan_view(plan, plan.plan_steps.all(), plan.items.all()) for plan in plans]


def latest_results_for_plan(*, plan: Plan) -> dict[str, Result]:
    """The user's newest result of each kind for the plan's career, by kind (the plan's
    items come from these). Query: one, without snapshots; the newest of each kind is one
    index range scan (`assess_result_history`), so the cost does not grow with the history."""
    mine = Result.objects.filter(user=plan.user_id, career_slug=plan.slug)
    sql, params = _newest_per_group_sql(mine, [{"kind": kind} for kind in Result.Kind.values], 1)
    newest = RawSQL(sql, params)  # noqa: S611 - compiled by the ORM, values as parameters
    results = Result.objects.filter(pk__in=newest).defer("items", "recommendations")
    return {result.kind: result for result in results}


def member_stamp(*, user) -> tuple:
    """What changes whenever anything a member's own pages show changes: their newest
    result and number of results, and when their plans, plan steps and items and goal were
    last saved. For the keys of cached fragments (assessments/fragments.py), so it runs on
    every member's page: one query of seven aggregates, each over one member's rows of one
    table through its user (or plan) index, written out because the same in ORM
    subqueries took longer to build than to run."""
    tables = {
        name: model._meta.db_table
        for name, model in (
            ("result", Result),
            ("plan", Plan),
            ("step", PlanStep),
            ("item", PlanItem),
            ("goal", Goal),
        )
    }
    # Table names from the models, values as parameters.
    sql = (  # noqa: S608
        "SELECT"
        " (SELECT MAX(id) FROM {result} WHERE user_id = %s),"
        " (SELECT COUNT(*) FROM {result} WHERE user_id = %s),"
        " (SELECT MAX(updated_at) FROM {plan} WHERE user_id = %s),"
        " (SELECT COUNT(*) FROM {plan} WHERE user_id = %s),"
        " (SELECT MAX(s.updated_at) FROM {step} s JOIN {plan} p ON p.id = s.plan_id"
        " WHERE p.user_id = %s),"
        " (SELECT MAX(i.updated_at) FROM {item} i JOIN {plan} p ON p.id = i.plan_id"
        " WHERE p.user_id = %s),"
        " (SELECT MAX(updated_at) FROM {goal} WHERE user_id = %s)"
    ).format(**tables)
    with connections[Result.objects.db].cursor() as cursor:
        cursor.execute(sql, [user.pk] * 7)
        return tuple(cursor.fetchone())


def plan_with_item(*, user, item_id: int) -> Plan | None:
    """The user's plan that holds this item, or None (someone else's, or no such item)."""
    return Plan.objects.filter(user=user, items__pk=item_id).select_related("career").first()


# --- Careers your skills fit (docs/scoring.md, "Matching across careers") -------------------


def latest_ratings(*, user) -> dict[int, matching.Rating]:
    """The user's latest rating of every skill they have rated, by skill id.

    Read from the newest skills-gap result of each career, whatever the history's size:
    the careers assessed, from the history index (1); the newest result's id of each, one
    index range per career in a single UNION ALL (1); those results (1). A skill rated in
    several careers takes its newest rating."""
    if user is None or not user.is_authenticated:
        return {}
    analyses = Result.objects.filter(user=user, kind=Result.Kind.SKILLS).order_by()
    careers = analyses.values_list("career_slug", flat=True).distinct()
    newest = _newest_per_group(analyses, [{"career_slug": slug} for slug in careers], 1)
    results = (
        Result.objects.filter(pk__in=newest)
        .only("pk", "kind", "career_title", "created_at", "items", "snapshot_version")
        .order_by("-created_at", "-pk")
    )
    ratings: dict[int, matching.Rating] = {}
    for result in results:
        for skill_id, rating in ratings_of_result(result).items():
            ratings.setdefault(skill_id, rating)
    return ratings


def ratings_of_result(result: Result) -> dict[int, matching.Rating]:
    """The ratings one skills-gap result holds (a visitor's result stands on its own)."""
    if result.kind != Result.Kind.SKILLS:
        return {}
    return {
        item.skill_id: matching.Rating(
            skill_id=item.skill_id,
            name=item.name,
            rating=item.rating,
            rated_at=result.created_at,
            career_title=result.career_title,
        )
        for item in Snapshot.items_of(result)
        if item.skill_id
    }


@dataclass
class Matches:
    """Every published career's match against one set of ratings, best first."""

    careers: list[matching.CareerMatch]
    ratings: dict[int, matching.Rating]

    @property
    def as_of(self):
        return max((r.rated_at for r in self.ratings.values()), default=None)

    @property
    def sources(self) -> list[str]:
        """The analyses the ratings came from, by career title."""
        return sorted({r.career_title for r in self.ratings.values()})

    @property
    def best(self) -> matching.CareerMatch | None:
        return self.careers[0] if self.careers else None

    def best_other_than(self, slug: str) -> matching.CareerMatch | None:
        return next((m for m in self.careers if m.slug != slug), None)


def career_matches(*, ratings: dict[int, matching.Rating]) -> Matches:
    """Match every published career against the ratings. No ratings, no queries;
    otherwise the published careers (1) and their skills with names (1)."""
    if not ratings:
        return Matches(careers=[], ratings={})
    careers = Career.objects.published().prefetch_related(
        Prefetch("career_skills", queryset=CareerSkill.objects.select_related("skill"))
    )
    found = [
        matching.match_career(
            slug=c.slug, title=c.title, skills=matching.skill_inputs(c), ratings=ratings
        )
        for c in careers
    ]
    return Matches(careers=matching.rank([m for m in found if m is not None]), ratings=ratings)


@dataclass
class NextAction:
    title: str
    url: str
    status_label: str
    why: str = ""


@dataclass
class Focus:
    """The dashboard's first screen: the goal's career (or the latest one assessed)."""

    career_slug: str
    career_title: str
    from_goal: bool
    target_level: str = ""
    track: Track | None = None  # its skills-gap track, else its readiness track
    plan: PlanView | None = None
    actions: list[NextAction] = field(default_factory=list)

    @property
    def band(self):
        """The score's band in words (scoring.band_of, docs/scoring.md), when scored."""
        band_of = getattr(scoring, "band_of", None)
        if self.track is None or band_of is None:
            return None
        return band_of(self.track.latest.score)


NEXT_ACTIONS = 3


def dashboard_focus(*, goal, tracks: list[Track], plans: list[PlanView]) -> Focus | None:
    """What the first screen answers "how am I doing?" with. No queries: it picks from
    what the dashboard has already loaded."""
    career = goal.target_career if goal is not None else None
    if career is not None:
        focus = Focus(
            career_slug=career.slug,
            career_title=career.title,
            from_goal=True,
            target_level=goal.target_level.title if goal.target_level else "",
        )
    elif tracks:
        focus = Focus(
            career_slug=tracks[0].career_slug, career_title=tracks[0].career_title, from_goal=False
        )
    else:
        return None
    mine = [t for t in tracks if t.career_slug == focus.career_slug]
    focus.track = next((t for t in mine if t.kind == Result.Kind.SKILLS), None) or next(
        iter(mine), None
    )
    focus.plan = next((v for v in plans if v.plan.slug == focus.career_slug), None)
    if focus.plan is not None:
        url = focus.plan.plan.get_absolute_url()
        for row in focus.plan.next_actions(NEXT_ACTIONS):
            is_step = isinstance(row, PlanStep)
            focus.actions.append(
                NextAction(
                    title=row.step_title if is_step else row.title,
                    url=f"{url}#{'step' if is_step else 'item'}-{row.pk}",
                    status_label=row.get_status_display(),
                    why="" if is_step else row.why,
                )
            )
    return focus


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
            "items": [
                {
                    "key": i.key,
                    "kind": i.kind,
                    "title": i.title,
                    "why": i.why,
                    "url": i.url,
                    "status": i.status,
                    "note": i.note,
                    "updated_at": i.updated_at,
                    "in_latest_results": i.in_latest,
                }
                for i in view.items
            ],
        }
        for view in plans_for_dashboard(user=user)
    ]
