import logging

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import connection
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from core.pagecache import public_page
from occupations import selectors as official

from . import cache as cache_keys
from . import drafts, home_sections, selectors, seo
from .models import Career, Category
from .pay_charts import PercentileBand, StateMap

logger = logging.getLogger(__name__)

MAX_SLUG_LENGTH = 120
# Guides on one page of the careers list and of search: the work per request stays the
# same however many guides there are (docs/performance.md, the 1,000-guide figures).
CAREERS_PER_PAGE = 24
AREA_CODE_LENGTH = 7
# Where the "pay where you live" part sits in the cached guide body: the part is rendered
# per request when the query names an area, and cut in here. An HTML comment, which the
# Markdown sanitiser strips from staff prose, so no guide text can contain it.
WHERE_MARKER = "<!-- pay-where-you-live -->"


def _clean_param(request, name: str, limit: int = MAX_SLUG_LENGTH) -> str:
    """A query parameter trimmed, stripped of NUL bytes and capped in length."""
    return request.GET.get(name, "").replace("\x00", "").strip()[:limit]


def _can_preview(user) -> bool:
    return user.is_active and user.is_staff and user.has_perm("guide.view_career")


@public_page
@require_safe
def home(request):
    featured = Career.objects.published().filter(featured=True).select_related("category")
    categories = Category.objects.with_published_careers()
    return render(
        request,
        "guide/home.html",
        {
            "featured": featured,
            "categories": categories,
            "member_sections": home_sections.sections_for(request.user),
        },
    )


@public_page
@require_safe
def career_list(request):
    query = _clean_param(request, "q", selectors.MAX_QUERY_LENGTH)
    category_slug = _clean_param(request, "category")
    found = selectors.career_search(query=query, category=category_slug)
    page = Paginator(found.careers, CAREERS_PER_PAGE).get_page(request.GET.get("page"))
    categories = Category.objects.with_published_careers()
    return render(
        request,
        "guide/career_list.html",
        {
            "careers": found.add_snippets(page.object_list),
            "page": page,
            "query": query,
            "corrected_query": found.corrected_query,
            "ignored_words": " ".join(found.ignored_words),
            "categories": categories,
            "category_slug": category_slug,
        },
    )


def _where_you_live(where: dict, area_code: str) -> str:
    """The "pay where you live" part: the picker, and the area's figures when one is named.

    `where` is the plain data the cached page keeps (occupation, release, choices, citation).
    An area code that is not one of ours gets a message, never an error; one query at most.
    """
    context = {"where": where, "area_code": area_code, "area": None, "band": None}
    if area_code:
        area = official.area_pay(where["occupation_id"], area_code, release_id=where["release_id"])
        context["area"] = area
        context["band"] = PercentileBand.build(area)
    return render_to_string("includes/pay_where.html", context)


def _guide_page(career) -> dict:
    """Everything the guide page shows, rendered without any request or user."""
    page = selectors.GuidePage.build(career)
    where = None
    charts = {}
    if page.pay is not None:
        summary = page.pay.summary
        where = {
            "occupation_id": summary.occupation.pk,
            "release_id": summary.release.pk,
            "choices": summary.area_choices,
            "citation": page.pay.citation,
            "fit_note": page.pay.fit_note,
            "url": career.get_absolute_url(),
        }
        charts = {
            "band": PercentileBand.build(summary.national),
            "map": StateMap.build(summary.states),
            "where_marker": WHERE_MARKER,
        }
    body = render_to_string(
        "guide/includes/career_body.html", {"career": career, "page": page, **charts}
    )
    body_head, _, body_tail = body.partition(WHERE_MARKER)
    return {
        "title": career.title,
        "summary": career.summary,
        "is_published": career.is_published,
        "url": career.get_absolute_url(),
        "body_head": body_head,
        "body_tail": body_tail,
        "where": where,
        "where_html": _where_you_live(where, "") if where else "",
        "structured_data": seo.guide_structured_data(
            page, occupation_link=selectors.primary_link(career)
        ),
    }


def _published_guide_page(slug: str) -> dict | None:
    """The page data of a published guide, from the shared cache when it answers. A cache
    that cannot answer (Redis down) costs the page its speed, never the page itself, as
    for whole cached pages (core/pagecache.py)."""
    try:
        key = cache_keys.page_key(slug)
        guide = cache.get(key)
    except Exception:  # noqa: BLE001 - any cache failure: render from the database
        logger.warning("guide cache unavailable; rendering %s uncached", slug)
        key, guide = None, None
    if guide is None:
        career = selectors.career_for_page(slug=slug)
        guide = _guide_page(career) if career is not None else None
        if guide is not None and key is not None:
            try:
                cache.set(key, guide, cache_keys.PAGE_TIMEOUT)
            except Exception:  # noqa: BLE001 - the page is still right, only not stored
                logger.warning("guide cache unavailable; %s not stored", slug)
    return guide


@public_page
@require_safe
def career_detail(request, slug):
    """One whole guide. Visitors get a cached copy (see guide/cache.py); staff see drafts."""
    draft = None
    if _can_preview(request.user):
        career = selectors.career_for_page(slug=slug, include_drafts=True)
        guide = _guide_page(career) if career is not None else None
        if career is not None and career.is_working_draft:
            draft = {"live": career.draft_of, "changes": drafts.draft_changes(career)}
    else:
        guide = _published_guide_page(slug)
    if guide is None:
        raise Http404("No published guide has that address.")
    where_html = guide["where_html"]
    area_code = _clean_param(request, "area", AREA_CODE_LENGTH + 1)
    if guide["where"] is not None and area_code:
        where_html = _where_you_live(guide["where"], area_code)
    structured_data = seo.absolute(guide["structured_data"], request.build_absolute_uri)
    return render(
        request,
        "guide/career_detail.html",
        {
            "guide": guide,
            "where_html": where_html,
            "json_ld": seo.json_ld(structured_data),
            "draft": draft,
        },
    )


@public_page
@require_safe
def career_compare(request):
    a_slug, b_slug = _clean_param(request, "a"), _clean_param(request, "b")
    published = Career.objects.published().only("slug", "title")
    comparison = None
    error = ""
    if a_slug or b_slug:
        if not (a_slug and b_slug):
            error = "Pick two careers to compare."
        elif a_slug == b_slug:
            error = "Pick two different careers."
        else:
            comparison = selectors.career_comparison(a_slug=a_slug, b_slug=b_slug)
            if comparison is None:
                error = "One of those careers has no published guide. Pick from the lists."
    return render(
        request,
        "guide/career_compare.html",
        {
            "careers": published,
            "comparison": comparison,
            "a_slug": a_slug,
            "b_slug": b_slug,
            "error": error,
        },
    )


@never_cache
@require_safe
def healthz(request):
    """200 when the app, its database and (when one is configured, REDIS_URL) its shared
    cache answer; 503 naming what failed otherwise. For load balancers' health checks."""
    status = {"database": "ok"}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # noqa: BLE001 - any database failure means unhealthy
        status["database"] = "unavailable"
    if settings.HEALTHZ_CHECKS_CACHE:
        try:
            cache.set("healthz", 1, timeout=10)
            status["cache"] = "ok" if cache.get("healthz") == 1 else "unavailable"
        except Exception:  # noqa: BLE001 - a cache that cannot answer is unhealthy
            status["cache"] = "unavailable"
    healthy = all(value == "ok" for value in status.values())
    return JsonResponse(
        {"status": "ok" if healthy else "error", **status}, status=200 if healthy else 503
    )


@public_page
@require_safe
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /accounts/",
        "Disallow: /assessments/",
        "Disallow: /api/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


@require_safe
def favicon(request):
    """Browsers and crawlers ask for /favicon.ico whatever a page links to: point them at ours.

    Resolved per request, not at import, so the hashed name comes from the static manifest."""
    return HttpResponsePermanentRedirect(static("img/favicon.svg"))
