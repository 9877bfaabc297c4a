"""Writes that span models: scoring and saving results, claiming them, keeping plans."""

import math
import uuid
from collections.abc import Collection
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from guide.models import Career, CareerLevel, Skill

from . import recommend, scoring, selectors
from .exceptions import DailyResultsLimit, NotFound, PlanReadOnly
from .matching import skill_inputs
from .models import Dimension, Plan, PlanItem, PlanStep, Question, Result
from .scoring import QuestionInput, score_readiness, score_skills
from .snapshot import READINESS, SKILLS, DimensionItem, Recommendation, SkillItem, Snapshot

DAY = timedelta(hours=24)


def question_inputs(questions: list[Question]) -> list[QuestionInput]:
    return [
        QuestionInput(
            question_id=q.pk,
            text=q.text,
            dimension_slug=q.dimension.slug,
            dimension_name=q.dimension.name,
            options=tuple((o.pk, o.label, o.points) for o in q.options.all()),
        )
        for q in questions
    ]


def _check_daily_results(owner) -> None:
    """Bound what one account stores per day (the caller holds the user's row lock, so
    simultaneous submissions are counted one after the other)."""
    maximum = settings.ASSESSMENT_DAILY_RESULTS_MAX
    since = timezone.now() - DAY
    recent = Result.objects.filter(user=owner, created_at__gt=since).order_by("-created_at")
    times = list(recent.values_list("created_at", flat=True)[:maximum])
    if len(times) >= maximum:
        # A slot frees when the oldest of the last `maximum` results turns a day old.
        wait = (times[-1] - since).total_seconds()
        raise DailyResultsLimit(maximum=maximum, retry_after=max(1, math.ceil(wait)))


def _record(
    *,
    user,
    submission_key: uuid.UUID,
    visitor_result_ids: Collection[int],
    career: Career,
    score: Decimal,
    snapshot: Snapshot,
    **extra,
) -> tuple[Result, bool]:
    """Save a scored result once per submission key: a repeated submission returns the
    first one. The result keeps the guide's title, slug and edit time as scored, so it
    reads the same after the guide changes; `extra` holds any further Result fields.

    Only a result the caller owns is ever returned. A key that already belongs to
    someone else's result (or, in a race, is saved by someone else a moment earlier)
    gets the caller a result of their own under a fresh key.
    """
    fields = {
        "career": career,
        "career_title": career.title,
        "career_slug": career.slug,
        "guide_updated_at": career.updated_at,
        "score": score,
        **snapshot.to_fields(),
        **extra,
    }
    owner = user if user is not None and user.is_authenticated else None
    if owner is not None:
        # One user's submissions are saved one at a time from here on: the checks below
        # then see what a simultaneous submission of theirs has just committed.
        get_user_model().objects.select_for_update().only("pk").get(pk=owner.pk)
    mine = {"user": owner, "visitor_result_ids": visitor_result_ids}
    existing = selectors.result_for_resubmission(submission_key=submission_key, **mine)
    if existing is not None:
        return existing, False
    if owner is not None:
        _check_daily_results(owner)
    if Result.objects.filter(submission_key=submission_key).exists():
        submission_key = uuid.uuid4()
    try:
        with transaction.atomic():
            return Result.objects.create(user=owner, submission_key=submission_key, **fields), True
    except IntegrityError:
        # A simultaneous submission saved this key between the check and the insert.
        existing = selectors.result_for_resubmission(submission_key=submission_key, **mine)
        if existing is not None:
            return existing, False  # the caller's own double submission
    return Result.objects.create(user=owner, submission_key=uuid.uuid4(), **fields), True


@transaction.atomic
def result_create_skills(
    *,
    user,
    career: Career,
    level: CareerLevel,
    ratings: dict[int, int],
    submission_key: uuid.UUID,
    visitor_result_ids: Collection[int] = (),
) -> tuple[Result, bool]:
    """Score a skills-gap analysis and save it as a snapshot. Returns (result, created).

    `visitor_result_ids`: for a visitor, the unclaimed results their session holds, so a
    repeated form returns its first result only to the visitor who made it."""
    outcome = score_skills(skill_inputs(career), ratings, level.expectation_offset)
    return _record(
        user=user,
        submission_key=submission_key,
        visitor_result_ids=visitor_result_ids,
        career=career,
        score=outcome.score,
        snapshot=Snapshot(
            kind=SKILLS,
            target=level.title,
            items=[SkillItem.from_dict(item) for item in outcome.items_as_dicts()],
            recommendations=recommend.for_skill_gaps(career=career, level=level, gaps=outcome.gaps),
        ),
        flat_answers=outcome.flat,
    )


@transaction.atomic
def result_create_readiness(
    *,
    user,
    career: Career,
    questions: list[Question],
    answers: dict[int, int],
    submission_key: uuid.UUID,
    visitor_result_ids: Collection[int] = (),
) -> tuple[Result, bool]:
    """Score a readiness assessment and save it as a snapshot. Returns (result, created)."""
    outcome = score_readiness(question_inputs(questions), answers)
    return _record(
        user=user,
        submission_key=submission_key,
        visitor_result_ids=visitor_result_ids,
        career=career,
        score=outcome.score,
        snapshot=Snapshot(
            kind=READINESS,
            items=[DimensionItem.from_dict(item) for item in outcome.items_as_dicts()],
            recommendations=recommend.for_weak_dimensions(career=career, weakest=outcome.weakest),
        ),
    )


PURGE_BATCH = 1000


def results_purge_unclaimed(*, created_before: datetime) -> int:
    """Delete visitors' results that nobody claimed and that were saved before the given
    time, a batch at a time so a large backlog never holds one long lock. Returns how many.
    """
    deleted = 0
    while True:
        with transaction.atomic():
            batch = list(
                Result.objects.filter(user__isnull=True, created_at__lt=created_before)
                .order_by("pk")
                .values_list("pk", flat=True)[:PURGE_BATCH]
            )
            if not batch:
                return deleted
            deleted += Result.objects.filter(pk__in=batch, user__isnull=True).delete()[0]


@transaction.atomic
def results_claim(*, user, result_ids: list[int]) -> int:
    """Give a signed-in user the results they made as a visitor. Returns how many moved.

    Only results that still belong to nobody move, so a result can never change owner.
    """
    ids = [int(pk) for pk in result_ids if str(pk).isdigit()]
    if not ids:
        return 0
    return Result.objects.filter(pk__in=ids, user__isnull=True).update(user=user)


@transaction.atomic
def plan_start(*, user, career: Career) -> tuple[Plan, bool]:
    """Start (or bring up to date) the user's plan for a published career: a row for every
    current step of the guide. Returns (plan, created).

    A plan kept from a removed guide with the same address is continued rather than
    started afresh, so its notes come back under "steps no longer in the guide".
    """
    if not Career.objects.published().filter(pk=career.pk).exists():
        raise ValidationError("Pick a career that has a published guide.", code="unpublished")
    snapshot = {"career_title": career.title, "career_slug": career.slug}
    plan = Plan.objects.select_for_update().filter(user=user, career=career).first()
    created = False
    if plan is None:
        plan = (
            Plan.objects.select_for_update()
            .filter(user=user, career__isnull=True, career_slug=career.slug)
            .order_by("-updated_at", "-pk")
            .first()
        )
        if plan is not None:
            plan.career = career
        else:
            try:
                with transaction.atomic():
                    plan = Plan.objects.create(user=user, career=career, **snapshot)
                    created = True
            except IntegrityError:  # the same start arrived twice at once
                plan = Plan.objects.get(user=user, career=career)
    for name, value in snapshot.items():
        setattr(plan, name, value)
    plan.save()
    have = set(plan.plan_steps.exclude(step=None).values_list("step_id", flat=True))
    missing = [
        PlanStep(plan=plan, step=step, step_title=step.title)
        for step in career.steps.all()
        if step.pk not in have
    ]
    PlanStep.objects.bulk_create(missing, ignore_conflicts=True)
    plan_items_generate(user=user, plan_id=plan.pk)
    return plan, created


def _plan_items_wanted(plan: Plan, career: Career) -> list[dict]:
    """What the latest results ask of the plan, in order: each of the biggest skill gaps
    with its resources, then each weak readiness area with its resources."""
    latest = {}
    for kind in (Result.Kind.SKILLS, Result.Kind.READINESS):
        latest[kind] = (
            Result.objects.filter(user=plan.user_id, career_slug=career.slug, kind=kind)
            .order_by("-created_at", "-pk")
            .first()
        )
    wanted: list[dict] = []

    def whys(result) -> dict[str, Recommendation]:
        return {r.subject: r for r in reversed(result.snapshot.recommendations)}

    def add_resources(result, subject, why, **link):
        for resource in recommend.resources_for(career, **link):
            wanted.append(
                {
                    "key": f"resource:{resource.pk}",
                    "kind": PlanItem.Kind.RESOURCE,
                    "resource": resource,
                    "subject": subject,
                    "title": resource.title,
                    "detail": resource.description,
                    "url": resource.url,
                    "resource_kind": resource.get_kind_display(),
                    "why": why,
                    "source_result": result,
                }
            )

    result = latest[Result.Kind.SKILLS]
    if result is not None:
        reasons = whys(result)
        gaps = scoring.gaps_of(result.snapshot.items)[: scoring.MAX_SKILL_GAPS]
        skills = set(Skill.objects.filter(pk__in=[g.skill_id for g in gaps]).values_list("pk"))
        for gap in gaps:
            advice = reasons.get(gap.name)
            why = advice.why if advice else ""
            wanted.append(
                {
                    "key": f"skill:{gap.skill_id}",
                    "kind": PlanItem.Kind.GAP,
                    "skill_id": gap.skill_id if (gap.skill_id,) in skills else None,
                    "subject": gap.name,
                    "title": f"Raise {gap.name} from {gap.rating} to {gap.expected} "
                    f"of {scoring.RATING_MAX}",
                    "detail": advice.detail if advice and advice.kind == "advice" else "",
                    "url": "",
                    "why": why,
                    "priority": gap.priority,
                    "source_result": result,
                }
            )
            if (gap.skill_id,) in skills:
                add_resources(result, gap.name, why, skill_id=gap.skill_id)
    result = latest[Result.Kind.READINESS]
    if result is not None:
        reasons = whys(result)
        weak = scoring.weakest_of(result.snapshot.items)
        dimensions = {d.slug: d for d in Dimension.objects.filter(slug__in=[w.slug for w in weak])}
        for area in weak:
            advice = reasons.get(area.name)
            why = advice.why if advice else ""
            wanted.append(
                {
                    "key": f"area:{area.slug}",
                    "kind": PlanItem.Kind.AREA,
                    "subject": area.name,
                    "title": f"Strengthen {area.name.lower()} (now {area.pct:g}%)",
                    "detail": dimensions[area.slug].advice if area.slug in dimensions else "",
                    "url": "",
                    "why": why,
                    "source_result": result,
                }
            )
            if area.slug in dimensions:
                add_resources(result, area.name, why, dimension=dimensions[area.slug])
    unique = {}
    for item in wanted:
        unique.setdefault(item["key"], item)
    return list(unique.values())


@transaction.atomic
def plan_items_generate(*, user, plan_id: int) -> int:
    """Bring the plan's items in line with the user's latest results for its career:
    add an item for each new gap, weak area or resource; refresh the text of those
    already there and keep their status and note; mark the ones the latest results no
    longer call for (they stay, with their notes). Returns how many items were added.

    NotFound unless it is the user's own plan; PlanReadOnly while its guide is not
    published."""
    plan = _own_writable_plan(user=user, plan_id=plan_id)
    wanted = _plan_items_wanted(plan, plan.career)
    existing = {item.key: item for item in plan.items.all()}
    added = []
    text = ["subject", "title", "detail", "url", "resource_kind", "why", "priority"]
    for order, fields in enumerate(wanted):
        item = existing.pop(fields["key"], None)
        if item is None:
            added.append(PlanItem(plan=plan, order=order, **fields))
            continue
        for name in text + ["source_result"]:
            if name in fields:
                setattr(item, name, fields[name])
        if "resource" in fields:
            item.resource = fields["resource"]
        item.order, item.in_latest = order, True
        item.save()
    for item in existing.values():  # no longer asked for by the latest results
        if item.in_latest:
            item.in_latest = False
            item.save(update_fields=["in_latest"])
    PlanItem.objects.bulk_create(added)
    return len(added)


@transaction.atomic
def plan_item_update(
    *,
    user,
    item_id: int,
    status: str | None = None,
    note: str | None = None,
    plan_id: int | None = None,
) -> PlanItem:
    """Change one plan item's status and/or note (None keeps it), as `plan_step_update`
    does for a step: NotFound unless it is in the user's own plan, PlanReadOnly while the
    plan's guide is unpublished or removed."""
    items = PlanItem.objects.filter(pk=item_id, plan__user=user)
    if plan_id is not None:
        items = items.filter(plan_id=plan_id)
    item = items.select_for_update(of=("self",)).select_related("plan__career").first()
    if item is None:
        raise NotFound("No such item in your plan.")
    if item.plan.read_only:
        raise PlanReadOnly(item.plan)
    if status is not None:
        item.status = status
    if note is not None:
        item.note = note
    item.save(update_fields=["status", "note", "updated_at"])
    Plan.objects.filter(pk=item.plan_id).update(updated_at=item.updated_at)
    return item


@transaction.atomic
def plan_step_update(
    *,
    user,
    plan_step_id: int,
    status: str | None = None,
    note: str | None = None,
    plan_id: int | None = None,
) -> PlanStep:
    """Change one step's status and/or note (None keeps it). The step is read once, here.

    NotFound unless the step is in the user's own plan (and in plan `plan_id` when
    given); PlanReadOnly while the plan's guide is unpublished or removed."""
    steps = PlanStep.objects.filter(pk=plan_step_id, plan__user=user)
    if plan_id is not None:
        steps = steps.filter(plan_id=plan_id)
    plan_step = steps.select_for_update(of=("self",)).select_related("plan__career", "step").first()
    if plan_step is None:
        raise NotFound("No such step in your plan.")
    if plan_step.plan.read_only:
        raise PlanReadOnly(plan_step.plan)
    if status is not None:
        plan_step.status = status
    if note is not None:
        plan_step.note = note
    if plan_step.step is not None:
        plan_step.step_title = plan_step.step.title
    plan_step.save()
    career = plan_step.plan.career
    Plan.objects.filter(pk=plan_step.plan_id).update(
        updated_at=plan_step.updated_at, career_title=career.title, career_slug=career.slug
    )
    return plan_step


def _own_writable_plan(*, user, plan_id: int) -> Plan:
    """The user's plan, locked for the write; NotFound unless it is theirs, PlanReadOnly
    while its guide is not published. Call inside a transaction."""
    plan = (
        Plan.objects.select_for_update(of=("self",))
        .select_related("career")
        .filter(pk=plan_id, user=user)
        .first()
    )
    if plan is None:
        raise NotFound("No such plan.")
    if plan.read_only:
        raise PlanReadOnly(plan)
    return plan


@transaction.atomic
def plan_set_target_date(*, user, plan_id: int, target_date: date | None) -> Plan:
    """Set or clear the plan's target date; NotFound unless it is the user's own plan."""
    plan = _own_writable_plan(user=user, plan_id=plan_id)
    plan.target_date = target_date
    plan.save(update_fields=["target_date", "updated_at"])
    return plan
