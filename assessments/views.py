import hashlib
from dataclasses import dataclass, field
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.template.defaultfilters import pluralize
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from guide.models import Career, Proficiency
from guide.selectors import is_slug, published_career

from . import exceptions, fragments, goals, limits, prefill, scoring, selectors, services, visitor
from .forms import PlanItemForm, PlanStepForm, ReadinessForm, SkillsForm, TargetDateForm
from .models import Plan, Result


def _career_or_404(slug: str):
    career = selectors.career_for_assessment(slug=slug)
    if career is None:
        raise Http404("No published guide has that address.")
    return career


def _goal_for(user):
    """The signed-in user's goal (target career and level), or None for a visitor."""
    return goals.goal_for_user(user=user) if user.is_authenticated else None


def _posted(request):
    """The POST data for a form, or None on GET (an empty POST still binds the form)."""
    return request.POST if request.method == "POST" else None


def _remember_for_visitor(request, result: Result) -> None:
    """Keep a visitor's own unclaimed result in their session; never anyone else's."""
    if request.user.is_authenticated or result.user_id is not None:
        return
    visitor.remember(request.session, result.pk)


def _assessment_form(request, *, career, form, template: str, context: dict, create):
    """Show an assessment form (400 when a POST of it is invalid) or save a valid one.

    `create(visitor_result_ids=...)` saves the result; it runs within the submission
    limits, and a refused submission gets the form back with a 429 and Retry-After."""

    def render_form(*, refusal=None, status=200):
        page = {"career": career, "form": form, "refusal": refusal, **context}
        return render(request, template, page, status=status)

    if request.method != "POST" or not form.is_valid():
        return render_form(status=400 if form.is_bound else 200)
    visitor_ids = visitor.result_ids(request.session)
    try:
        result, created = limits.submit(
            submitter=limits.Submitter(user=request.user, ip=limits.client_ip(request)),
            submission_key=form.cleaned_data["submission_key"],
            visitor_result_ids=visitor_ids,
            create=lambda: create(visitor_result_ids=visitor_ids),
        )
    except limits.SubmissionRefused as refusal:
        response = render_form(refusal=refusal, status=429)
        response["Retry-After"] = str(refusal.retry_after)
        return response
    _remember_for_visitor(request, result)
    if not created:
        messages.info(request, "That form was already submitted; here is its result.")
    return redirect(result)


@require_http_methods(["GET", "POST"])
def skills_assessment(request, slug):
    career = _career_or_404(slug)
    if not career.career_skills.all() or not career.levels.all():
        raise Http404("This guide has no skills or levels to assess yet.")
    start = None
    if request.method != "POST":
        start = prefill.skills_prefill(
            user=request.user, career=career, visitor_result_ids=visitor.result_ids(request.session)
        )
    level = prefill.level_to_preselect(
        career=career,
        goal=_goal_for(request.user),
        last=start.last if start else None,
        asked=request.GET.get("level", ""),
    )
    form = SkillsForm(_posted(request), career=career, level=level, prefill=start)
    return _assessment_form(
        request,
        career=career,
        form=form,
        template="assessments/skills_form.html",
        context={"anchors": Proficiency.anchors(), "terms": scoring.terms()},
        create=lambda **visitor_ids: services.result_create_skills(
            user=request.user,
            career=career,
            level=form.cleaned_data["level"],
            ratings=form.ratings(),
            submission_key=form.cleaned_data["submission_key"],
            **visitor_ids,
        ),
    )


@require_http_methods(["GET", "POST"])
def readiness_assessment(request, slug):
    career = _career_or_404(slug)
    questions = selectors.readiness_questions(career=career)
    if not questions:
        raise Http404("No readiness questions have been written yet.")
    start = None
    if request.method != "POST":
        start = prefill.readiness_prefill(
            user=request.user,
            career=career,
            questions=questions,
            visitor_result_ids=visitor.result_ids(request.session),
        )
    form = ReadinessForm(_posted(request), career=career, questions=questions, prefill=start)
    return _assessment_form(
        request,
        career=career,
        form=form,
        template="assessments/readiness_form.html",
        context={},
        create=lambda **visitor_ids: services.result_create_readiness(
            user=request.user,
            career=career,
            questions=questions,
            answers=form.answers(),
            submission_key=form.cleaned_data["submission_key"],
            **visitor_ids,
        ),
    )


@require_safe
def result_detail(request, pk):
    result = selectors.result_for_viewer(
        user=request.user, visitor_result_ids=visitor.result_ids(request.session), pk=pk
    )
    if result is None:
        raise Http404("No such result.")

    def body():
        return render_to_string(
            "assessments/includes/result_detail_body.html",
            _result_context(result, viewer=request.user),
            request=request,
        )

    if result.user_id is not None:  # the owner's (result_for_viewer said so): cached for them
        page = fragments.cached_fragment(
            name="result", user=request.user, parts=(result.pk,), render=body
        )
    else:  # a visitor's, kept in their session: rendered each time
        page = body()
    return render(request, "assessments/result_detail.html", {"result": result, "body": page})


def _result_context(result: Result, *, viewer) -> dict:
    snapshot = result.snapshot
    items = snapshot.items
    if result.kind == Result.Kind.SKILLS:
        items = scoring.in_size_order(items)
        rows = [(item, scoring.severity_of(item.shortfall)) for item in items]
    else:
        rows = [(item, None) for item in items]
    gaps = scoring.gaps_of(items) if result.kind == Result.Kind.SKILLS else []
    return {
        "result": result,
        "items": items,
        "rows": rows,
        "gaps": [(g, scoring.severity_of(g.shortfall)) for g in gaps[: scoring.MAX_SKILL_GAPS]],
        "band": scoring.band_of(result.score),
        "recommendation_groups": recommendation_groups(snapshot.recommendations),
        "terms": scoring.terms(),
        "is_visitor_result": result.user_id is None,
        "matches": _matches_for(result, viewer=viewer),
    }


@dataclass
class RecommendationGroup:
    """The recommendations made for one gap or weak area, with the reason said once."""

    subject: str
    why: str
    items: list = field(default_factory=list)  # (recommendation, what it adds to the reason)


def recommendation_groups(recommendations) -> list[RecommendationGroup]:
    """Recommendations grouped by their subject, in the order made: the shared reason is
    given once, and a recommendation whose reason says more shows only the extra words."""
    groups: dict[str, RecommendationGroup] = {}
    for rec in recommendations:
        group = groups.setdefault(rec.subject, RecommendationGroup(rec.subject, rec.why))
        extra = rec.why.removeprefix(group.why).strip() if rec.why != group.why else ""
        group.items.append((rec, extra))
    return list(groups.values())


def _matches_for(result: Result, *, viewer):
    """Careers the viewer's skills fit: their latest ratings across every analysis when the
    result is theirs, or this result's own ratings for a visitor's result."""
    if result.user_id is not None:
        ratings = selectors.latest_ratings(user=viewer)  # the owner: result_for_viewer said so
    else:
        ratings = selectors.ratings_of_result(result)
    return selectors.career_matches(ratings=ratings)


@login_required
@require_safe
def dashboard(request):
    """First screen: the goal's latest score, plan progress and next actions. Then the
    trends (newest attempts, the goal's career first), careers the user's skills fit, and
    the full history, a page at a time. Its cost does not grow with the history, and its
    body is rendered once per change of the member's data (docs/performance.md)."""
    user = request.user
    page = request.GET.get("page", "")[:12]

    def body():
        goal = goals.goal_for_user(user=user)
        tracks = selectors.goal_first(
            selectors.dashboard_tracks(user=user), career=goal.target_career
        )
        plans = selectors.plans_for_dashboard(user=user)
        context = {
            "goal": goal,
            "focus": selectors.dashboard_focus(goal=goal, tracks=tracks, plans=plans),
            "tracks": tracks,
            "plans": plans,
            "history": selectors.dashboard_history(user=user, page=page),
            "matches": selectors.career_matches(ratings=selectors.latest_ratings(user=user)),
            "careers": Career.objects.published().only("slug", "title"),
            "trend_points": selectors.TREND_POINTS,
        }
        return render_to_string("assessments/includes/dashboard_body.html", context, request)

    page_body = fragments.cached_fragment(name="dashboard", user=user, parts=(page,), render=body)
    return render(request, "assessments/dashboard.html", {"body": page_body})


def member_or_invitation(view):
    """Like `login_required`, but a visitor asking for a plan is told why it needs an
    account and offered sign-up first (then login), each coming back to this page."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.user.is_authenticated:
            return view(request, *args, **kwargs)
        career = None
        if kwargs.get("slug"):
            career = published_career(slug=kwargs["slug"], queryset=Career.objects.only("title"))
        return render(
            request,
            "assessments/plan_invitation.html",
            {"career": career, "next": request.get_full_path()},
        )

    return wrapper


@member_or_invitation
@require_http_methods(["GET", "POST"])
def plan_detail(request, slug):
    """The user's plan for a career. GET only shows: the plan if there is one (read-only
    while its guide is unpublished or removed), else the guide's steps and an offer to
    start. POST starts the plan or saves its target date."""
    career = published_career(slug=slug)  # its steps are read only to render the page
    plan = selectors.plan_for_slug(user=request.user, slug=slug)
    if plan is None and career is None:
        raise Http404("No published guide has that address.")
    url = reverse("assessments:plan", args=[slug])
    if request.method == "POST" and "start" in request.POST:
        if career is None:
            raise Http404("No published guide has that address.")
        services.plan_start(user=request.user, career=career)
        messages.success(request, f"Your plan for {career.title} is ready.")
        return redirect(url)
    if request.method == "POST" and "refresh" in request.POST and plan and not plan.read_only:
        added = services.plan_items_generate(user=request.user, plan_id=plan.pk)
        if added:
            messages.success(request, f"Added {added} item{pluralize(added)} from your results.")
        else:
            messages.info(request, "Your plan already holds everything your results call for.")
        return redirect(url + "#from-results")
    if request.method == "POST" and (plan is None or plan.read_only):
        messages.error(request, "Start the plan first; a plan whose guide is gone is read-only.")
        return redirect(url)
    date_form = TargetDateForm(
        _posted(request), initial={"target_date": plan and plan.target_date}, prefix="plan"
    )
    if date_form.is_bound and date_form.is_valid():
        try:
            services.plan_set_target_date(
                user=request.user,
                plan_id=plan.pk,
                target_date=date_form.cleaned_data["target_date"],
            )
        except exceptions.NotFound:
            raise Http404("No such plan.") from None
        messages.success(request, "Target date saved.")
        return redirect(url + "#pace")
    return _plan_page(
        request,
        career=career,
        plan=plan,
        date_form=date_form,
        status=400 if date_form.is_bound else 200,
    )


def _plan_page(request, *, career, plan, date_form, row_forms=None, status=200):
    """The plan page. `row_forms` ("step-<id>" or "item-<id>" → bound form) shows a
    refused form with its errors; the plan's steps and items are read once, by plan_view.
    A plain view of it (no refused form) is cached for the member: its forms carry CSRF
    tokens, so the key holds the member's CSRF secret too."""
    row_forms = row_forms or {}

    def body():
        return render_to_string(
            "assessments/includes/plan_body.html",
            _plan_context(career=career, plan=plan, date_form=date_form, row_forms=row_forms),
            request,
        )

    if status == 200 and not row_forms and not date_form.is_bound:
        get_token(request)  # the secret the page's tokens are made from, now in META
        secret = hashlib.sha256(request.META["CSRF_COOKIE"].encode()).hexdigest()
        slug = plan.slug if plan is not None else career.slug
        page = fragments.cached_fragment(
            name="plan", user=request.user, parts=(slug, secret), render=body
        )
    else:
        page = body()
    return render(
        request,
        "assessments/plan.html",
        {"career": career, "plan": plan, "body": page},
        status=status,
    )


def _plan_context(*, career, plan, date_form, row_forms) -> dict:
    view = selectors.plan_view(plan=plan) if plan is not None else None
    rows, item_rows, new_steps = [], [], []
    if view is not None and not plan.read_only:
        rows = [
            (
                step,
                row_forms.get(f"step-{step.pk}")
                or PlanStepForm(instance=step, prefix=f"s{step.pk}"),
            )
            for step in view.steps
        ]
        item_rows = [
            (
                item,
                row_forms.get(f"item-{item.pk}")
                or PlanItemForm(instance=item, prefix=f"i{item.pk}"),
            )
            for item in view.current_items
        ]
        have = {row.step_id for row in view.steps}
        new_steps = [step for step in career.steps.all() if step.pk not in have]
    return {
        "career": career,
        "plan": plan,
        "view": view,
        "rows": rows,
        "item_rows": item_rows,
        "new_steps": new_steps,
        "date_form": date_form,
        "latest_results": (
            selectors.latest_results_for_plan(plan=plan) if plan is not None else {}
        ),
        # A removed guide's kept plan, while a new guide now has its address.
        "can_continue": plan is not None and career is not None and plan.career_id is None,
    }


def _wants_json(request) -> bool:
    """The plan page's script asks for JSON; a browser without it gets pages."""
    accept = request.headers.get("Accept", "")
    return "application/json" in accept and "text/html" not in accept


def _save_plan_row(request, pk, *, form_class, prefix, find_plan, save, anchor):
    """Save a step's or an item's status and note from the plan page.

    Without JavaScript: a redirect back to the row, or the plan page with the row's
    errors and what was typed (400). With the page's script (Accept: application/json):
    JSON, 200 with the saved status or 400 with the errors. A note left out of the
    request keeps the saved note; nothing saved is lost by a refused request."""
    form = form_class(request.POST, prefix=prefix)
    json = _wants_json(request)
    if not form.is_valid():
        plan = find_plan()
        if plan is None:
            raise Http404("No such step in your plan.")
        if json:
            return JsonResponse({"saved": False, "errors": form.errors}, status=400)
        career = published_career(slug=plan.slug, queryset=Career.objects.prefetch_related("steps"))
        date_form = TargetDateForm(initial={"target_date": plan.target_date}, prefix="plan")
        return _plan_page(
            request,
            career=career,
            plan=plan,
            date_form=date_form,
            row_forms={anchor: form},
            status=400,
        )
    note = form.cleaned_data["note"] if form.add_prefix("note") in request.POST else None
    try:
        row = save(status=form.cleaned_data["status"], note=note)
    except exceptions.NotFound:
        raise Http404("No such step in your plan.") from None
    except exceptions.PlanReadOnly as refusal:
        if json:
            errors = {"__all__": refusal.messages}
            return JsonResponse({"saved": False, "errors": errors}, status=400)
        messages.error(request, refusal.messages[0])
        return redirect(refusal.plan.get_absolute_url() + f"#{anchor}")
    title = getattr(row, "step_title", None) or row.title
    if json:
        view = selectors.plan_view(plan=row.plan)
        return JsonResponse(
            {
                "saved": True,
                "message": f"Saved “{title}”.",
                "status": row.status,
                "status_label": row.get_status_display(),
                "note": row.note,
                "progress": view.progress,
                "done": view.done,
                "counted": len(view.counted),
            }
        )
    messages.success(request, f"Saved “{title}”.")
    return redirect(row.plan.get_absolute_url() + f"#{anchor}")


@login_required
@require_POST
def plan_step_update(request, pk):
    """Save one step's status and note (see `_save_plan_row`); the step is read once, by
    the service (or by the plan page)."""
    return _save_plan_row(
        request,
        pk,
        form_class=PlanStepForm,
        prefix=f"s{pk}",
        find_plan=lambda: selectors.plan_with_step(user=request.user, plan_step_id=pk),
        save=lambda **change: services.plan_step_update(
            user=request.user, plan_step_id=pk, **change
        ),
        anchor=f"step-{pk}",
    )


@login_required
@require_POST
def plan_item_update(request, pk):
    """Save one plan item's status and note (see `_save_plan_row`)."""
    return _save_plan_row(
        request,
        pk,
        form_class=PlanItemForm,
        prefix=f"i{pk}",
        find_plan=lambda: selectors.plan_with_item(user=request.user, item_id=pk),
        save=lambda **change: services.plan_item_update(user=request.user, item_id=pk, **change),
        anchor=f"item-{pk}",
    )


@require_http_methods(["GET"])
def start(request):
    """The home page's "start an assessment" form: pick a career and a kind."""
    slug = request.GET.get("career", "").strip()
    kind = request.GET.get("kind", "skills")
    if not is_slug(slug):
        # Not something the form sends (NUL bytes, spaces, 500 characters ...): say so
        # rather than handing it to the database.
        return render(
            request,
            "assessments/start_invalid.html",
            {"careers": Career.objects.published().only("slug", "title")},
            status=400,
        )
    if published_career(slug=slug, queryset=Career.objects.only("pk")) is None:
        messages.error(request, "Pick a career from the list to start an assessment.")
        return redirect("guide:career-list")
    target = "assessments:readiness" if kind == "readiness" else "assessments:skills"
    return redirect(target, slug=slug)


@require_safe
def plans_index(request):
    """Send signed-in users with a single plan straight to it; others to the dashboard."""
    if request.user.is_authenticated:
        plans = list(Plan.objects.filter(user=request.user).select_related("career")[:2])
        if len(plans) == 1:
            return redirect(plans[0])
    return redirect("assessments:dashboard")
