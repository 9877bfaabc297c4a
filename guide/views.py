from django.core.cache import cache
from django.db import connection
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from occupations.selectors import national_estimate

from . import cache as cache_keys
from . import selectors, seo
from .models import Career, Category

MAX_SLUG_LENGTH = 120


def _clean_param(request, name: str, limit: int = MAX_SLUG_LENGTH) -> str:
    """A query parameter trimmed, stripped of NUL bytes and capped in length."""
    return request.GET.get(name, "").replace("\x00", "").strip()[:limit]


def _can_preview(user) -> bool:
    return user.is_active and user.is_staff and user.has_perm("guide.view_career")


@require_safe
def home(request):
    featured = Career.objects.published().filter(featured=True).select_related("category")
    categories = Category.objects.with_published_careers()
    return render(
        request,
        "guide/home.html",
        {"featured": featured, "categories": categories},
    )


@require_safe
def career_list(request):
    query = _clean_param(request, "q", selectors.MAX_QUERY_LENGTH)
    category_slug = _clean_param(request, "category")
    found = selectors.career_search(query=query, category=category_slug)
    categories = Category.objects.with_published_careers()
    return render(
        request,
        "guide/career_list.html",
        {
            "careers": found.careers,
            "query": query,
            "corrected_query": found.corrected_query,
            "ignored_words": " ".join(found.ignored_words),
            "categories": categories,
            "category_slug": category_slug,
        },
    )


def _guide_page(career) -> dict:
    """Everything the guide page shows, rendered without any request or user."""
    page = selectors.GuidePage.build(career)
    primary = next((link for link in career.occupations.all() if link.primary), None)
    return {
        "title": career.title,
        "summary": career.summary,
        "is_published": career.is_published,
        "url": career.get_absolute_url(),
        "body": render_to_string(
            "guide/includes/career_body.html", {"career": career, "page": page}
        ),
        "structured_data": seo.guide_structured_data(
            page,
            occupation_link=primary,
            national_estimate=national_estimate(primary.occupation) if primary else None,
        ),
    }


@require_safe
def career_detail(request, slug):
    """One whole guide. Visitors get a cached copy (see guide/cache.py); staff see drafts."""
    if _can_preview(request.user):
        career = selectors.career_for_page(slug=slug, include_drafts=True)
        guide = _guide_page(career) if career is not None else None
    else:
        key = cache_keys.page_key(slug)
        guide = cache.get(key)
        if guide is None:
            career = selectors.career_for_page(slug=slug)
            guide = _guide_page(career) if career is not None else None
            if guide is not None:
                cache.set(key, guide, cache_keys.PAGE_TIMEOUT)
    if guide is None:
        raise Http404("No published guide has that address.")
    structured_data = seo.absolute(guide["structured_data"], request.build_absolute_uri)
    return render(
        request,
        "guide/career_detail.html",
        {"guide": guide, "json_ld": seo.json_ld(structured_data)},
    )


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
    """200 when the app and its database answer, 503 otherwise."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # noqa: BLE001 - any database failure means unhealthy
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


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
