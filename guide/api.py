"""REST API for the published guides: the list (searchable, paginated) and one whole guide.

One view per operation; input and output serializers apart; reads go through
`guide.selectors`, the same functions the HTML pages use. Prose fields are the staff's
Markdown source: sanitise it (as the site does) before showing it as HTML.
"""

from django.http import Http404
from django.urls import reverse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, quote_etag
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
)
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import APIView

from api.fields import StrictSlugField
from guide.cache import content_version

from . import selectors
from .models import Career, Category

TAG = "careers"
# Part of every ETag, so a change to what this API returns invalidates what clients cached.
REPRESENTATION_VERSION = "1"


def api_career_url(slug: str) -> str:
    return reverse("api:career-detail", kwargs={"slug": slug})


CAREER_SLUG_MAX_LENGTH = Career._meta.get_field("slug").max_length


class CareerSlugField(StrictSlugField):
    """A career named by its slug in a request body (JSON string only), no longer than
    the column that holds slugs, so an absurd one is a 400 before any query."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", CAREER_SLUG_MAX_LENGTH)
        kwargs.setdefault("help_text", "The career's slug.")
        super().__init__(**kwargs)


# --- Output serializers ---------------------------------------------------------------------


class MarkdownField(serializers.CharField):
    """A prose field as staff wrote it, in Markdown; the schema says so on every one."""

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", "Markdown.")
        super().__init__(**kwargs)


class CategoryOutputSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()


class CareerListOutputSerializer(serializers.Serializer):
    slug = serializers.CharField()
    title = serializers.CharField()
    category = CategoryOutputSerializer(allow_null=True)
    summary = serializers.CharField()
    featured = serializers.BooleanField()
    median_salary_usd = serializers.IntegerField(allow_null=True)
    growth_outlook_pct = serializers.DecimalField(
        max_digits=5, decimal_places=1, allow_null=True, coerce_to_string=False
    )
    updated_at = serializers.DateTimeField()
    url = serializers.SerializerMethodField(help_text="This guide in the API.")
    html_url = serializers.SerializerMethodField(help_text="This guide on the web site.")
    rank = serializers.SerializerMethodField(
        help_text=(
            "With `search`: how well the guide matches, higher first. The whole part is the "
            "tier (2: every word in the title; 1: in the title, summary, category and skill "
            "names; 0: elsewhere in the guide), the fraction the relevance within the tier. "
            "Null without `search`."
        )
    )
    snippet = serializers.SerializerMethodField(
        help_text=(
            "With `search`: a passage of the guide around the words, as HTML: the text is "
            "escaped and each match is in `<mark>`. Empty when the words are only in the title, "
            "summary or skills; null without `search`."
        )
    )

    def get_url(self, career) -> str:
        return api_career_url(career.slug)

    def get_html_url(self, career) -> str:
        return career.get_absolute_url()

    def get_rank(self, career) -> float | None:
        rank = getattr(career, "search_rank", None)
        return None if rank is None else round(rank, 4)

    def get_snippet(self, career) -> str | None:
        return getattr(career, "snippet", None)


class FactsOutputSerializer(serializers.Serializer):
    median_salary_usd = serializers.IntegerField(allow_null=True)
    salary_low_usd = serializers.IntegerField(allow_null=True)
    salary_high_usd = serializers.IntegerField(allow_null=True)
    salary_high_open = serializers.BooleanField(
        help_text='True when the range has no top ("$350k+").'
    )
    growth_outlook_pct = serializers.DecimalField(
        max_digits=5, decimal_places=1, allow_null=True, coerce_to_string=False
    )
    growth_period = serializers.CharField()
    annual_openings = serializers.IntegerField(allow_null=True)
    typical_education = MarkdownField()
    top_industries = serializers.ListField(
        child=serializers.CharField(), source="industries_list", help_text="Most common first."
    )


class SourceOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    publisher = serializers.CharField()
    url = serializers.CharField()
    accessed = serializers.DateField(allow_null=True)


class KeyFactOutputSerializer(serializers.Serializer):
    kind = serializers.CharField(help_text="Which fact of `facts` this cites.")
    label = serializers.CharField(source="get_kind_display")
    note = serializers.CharField()
    as_of = serializers.DateField(allow_null=True)
    source = SourceOutputSerializer(allow_null=True)


class ResponsibilityOutputSerializer(serializers.Serializer):
    text = MarkdownField()


class CareerSkillOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="skill_id", help_text="The skill's id, for ratings.")
    name = serializers.CharField(source="skill.name")
    slug = serializers.CharField(source="skill.slug")
    kind = serializers.CharField(source="skill.kind", help_text="`technical` or `soft`.")
    description = MarkdownField(source="skill.description")
    importance = serializers.IntegerField(help_text="1 (nice to have) to 5 (essential).")
    expected_proficiency = serializers.IntegerField(
        help_text="0–4, expected at the career's main level; each level shifts it."
    )
    expected_label = serializers.CharField()
    detail = MarkdownField()


class EducationPathOutputSerializer(serializers.Serializer):
    title = serializers.CharField()
    description = MarkdownField()
    typical_cost = serializers.CharField()
    typical_duration = serializers.CharField()


class StepOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    body = MarkdownField()
    duration = serializers.CharField()


class LevelOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="The level's id, for a skills-gap analysis.")
    title = serializers.CharField()
    years_min = serializers.IntegerField()
    years_max = serializers.IntegerField(allow_null=True)
    years_label = serializers.CharField()
    scope = MarkdownField()
    focus_areas = MarkdownField()
    salary_median_usd = serializers.IntegerField(allow_null=True)
    salary_average_usd = serializers.IntegerField(allow_null=True)
    expectation_offset = serializers.IntegerField(
        help_text="Added to every skill's expected proficiency at this level (kept within 0–4)."
    )


class RegionalSalaryOutputSerializer(serializers.Serializer):
    region = serializers.CharField()
    salary_usd = serializers.IntegerField(allow_null=True)
    salary_note = serializers.CharField()


class SectionOutputSerializer(serializers.Serializer):
    title = serializers.CharField()
    anchor = serializers.CharField()
    placement = serializers.CharField(
        help_text="Where it belongs: role, skills, education, salary, path or outlook."
    )
    body = MarkdownField()


class SpecializationOutputSerializer(serializers.Serializer):
    title = serializers.CharField()
    body = MarkdownField()


class ProConOutputSerializer(serializers.Serializer):
    kind = serializers.CharField(help_text="`pro` or `con`.")
    text = MarkdownField()


class FAQOutputSerializer(serializers.Serializer):
    question = serializers.CharField()
    answer = MarkdownField()


class RelatedCareerOutputSerializer(serializers.Serializer):
    slug = serializers.CharField(source="related_career.slug")
    title = serializers.CharField(source="related_career.title")
    note = serializers.CharField()
    url = serializers.SerializerMethodField()

    def get_url(self, link) -> str:
        return api_career_url(link.related_career.slug)


class CareerDetailOutputSerializer(serializers.Serializer):
    slug = serializers.CharField()
    title = serializers.CharField()
    category = CategoryOutputSerializer(allow_null=True)
    summary = serializers.CharField()
    featured = serializers.BooleanField()
    facts = FactsOutputSerializer(source="*")
    key_facts = KeyFactOutputSerializer(many=True, help_text="The source of each key fact.")
    responsibilities = ResponsibilityOutputSerializer(many=True)
    skills = CareerSkillOutputSerializer(many=True, source="career_skills")
    education_paths = EducationPathOutputSerializer(many=True)
    steps = StepOutputSerializer(many=True, help_text="How to become one, in order.")
    levels = LevelOutputSerializer(many=True, help_text="The career path, with salary by level.")
    regional_salaries = RegionalSalaryOutputSerializer(many=True)
    sections = SectionOutputSerializer(many=True, help_text="Free-form prose, in page order.")
    specializations = SpecializationOutputSerializer(many=True)
    pros_cons = ProConOutputSerializer(many=True)
    faqs = FAQOutputSerializer(many=True)
    related = RelatedCareerOutputSerializer(
        many=True, source="related_links", help_text="Published related careers only."
    )
    sources = SourceOutputSerializer(many=True)
    last_reviewed = serializers.DateField(allow_null=True)
    updated_at = serializers.DateTimeField()
    html_url = serializers.CharField(source="get_absolute_url")


# --- Input serializers ----------------------------------------------------------------------


class CareerListFilterSerializer(serializers.Serializer):
    search = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=selectors.MAX_QUERY_LENGTH,
        help_text=(
            "Words that must all appear somewhere in the guide (any form of a word: "
            "'engineering' finds 'engineer'). Only the first "
            f"{selectors.MAX_SEARCH_WORDS} words count; any after them are ignored."
        ),
    )
    category = serializers.SlugField(
        required=False,
        allow_blank=True,
        max_length=Category._meta.get_field("slug").max_length,
        help_text="A category's slug.",
    )


# --- Views ----------------------------------------------------------------------------------

_LIST_EXAMPLE = {  # one item; the schema shows it inside a page
    "slug": "amazon-engineer",
    "title": "Amazon Engineer",
    "category": {"slug": "software-engineering", "name": "Software engineering"},
    "summary": "Designs, builds and runs the services behind Amazon's stores.",
    "featured": True,
    "median_salary_usd": 172000,
    "growth_outlook_pct": 17.0,
    "updated_at": "2025-11-20T09:30:00Z",
    "url": "/api/v1/careers/amazon-engineer/",
    "html_url": "/careers/amazon-engineer/",
    "rank": 0.42,
    "snippet": "Tables live in <mark>DynamoDB</mark>, with on-call shared by the team …",
}


class CareerListApi(APIView):
    permission_classes = [AllowAny]
    pagination_class = api_settings.DEFAULT_PAGINATION_CLASS

    @extend_schema(
        operation_id="careers_list",
        tags=[TAG],
        summary="List published careers",
        description=(
            "Published career guides by title, 20 a page. `search` keeps careers whose "
            "guide holds every word anywhere (title, summary, skills, responsibilities, "
            "sections, FAQ, specializations, steps, pros and cons; the first "
            f"{selectors.MAX_SEARCH_WORDS} words count), ordered by `rank`, best first, "
            "each with a highlighted `snippet`. When no guide holds a word, it is corrected "
            "to the closest word that one does ('clod' to 'cloud'), if that finds guides. "
            "`category` keeps one category. Open to everyone. See docs/search.md."
        ),
        parameters=[CareerListFilterSerializer],
        responses=CareerListOutputSerializer(many=True),
        examples=[OpenApiExample("A page of careers", _LIST_EXAMPLE, response_only=True)],
    )
    def get(self, request):
        filters = CareerListFilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        careers = selectors.career_list(
            query=filters.validated_data.get("search", ""),
            category=filters.validated_data.get("category", ""),
        )
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(careers, request, view=self)
        return paginator.get_paginated_response(CareerListOutputSerializer(page, many=True).data)


def career_validators(career_updated_at) -> tuple[str, int]:
    """The ETag and Last-Modified time of a guide.

    The ETag also carries the site-wide guide content version (guide/cache.py), so an
    edit that does not touch the career row itself (a renamed shared skill, a related
    career unpublished) still changes it. HTTP dates have whole seconds and follow only
    the career's own saves, so the ETag is the exact one: send `If-None-Match`.
    """
    stamp = career_updated_at.timestamp()
    version = content_version()
    return quote_etag(f"career-{stamp:.6f}-c{version}-v{REPRESENTATION_VERSION}"), int(stamp)


class CareerDetailApi(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="careers_retrieve",
        tags=[TAG],
        summary="One whole career guide",
        description=(
            "Everything on the guide's page: key facts and their sources, responsibilities, "
            "skills with importance and expected proficiency, education paths, steps, levels "
            "with salaries, regional salaries, prose sections, specializations, pros and "
            "cons, FAQ and related careers. Use `skills[].id` and `levels[].id` to submit a "
            "skills-gap analysis.\n\n"
            "Conditional GET: send the `ETag` back as `If-None-Match` (or `Last-Modified` as "
            "`If-Modified-Since`) and an unchanged guide answers 304 with no body."
        ),
        parameters=[
            OpenApiParameter(
                "If-None-Match",
                OpenApiTypes.STR,
                OpenApiParameter.HEADER,
                description="The `ETag` of the copy you hold.",
            ),
            OpenApiParameter(
                "If-Modified-Since",
                OpenApiTypes.STR,
                OpenApiParameter.HEADER,
                description="The `Last-Modified` of the copy you hold (an HTTP date).",
            ),
            OpenApiParameter(
                "ETag",
                OpenApiTypes.STR,
                OpenApiParameter.HEADER,
                response=[200, 304],
                description="Changes whenever staff save the guide.",
            ),
            OpenApiParameter(
                "Last-Modified",
                OpenApiTypes.STR,
                OpenApiParameter.HEADER,
                response=[200, 304],
                description="When staff last saved the guide (an HTTP date).",
            ),
        ],
        responses={
            200: CareerDetailOutputSerializer,
            304: OpenApiResponse(description="Not modified since the copy you hold."),
        },
        examples=[
            OpenApiExample(
                "A guide (shortened)",
                {
                    "slug": "amazon-engineer",
                    "title": "Amazon Engineer",
                    "facts": {"median_salary_usd": 172000, "top_industries": ["Retail"]},
                    "skills": [
                        {
                            "id": 7,
                            "name": "System design",
                            "importance": 5,
                            "expected_proficiency": 3,
                        }
                    ],
                    "levels": [{"id": 12, "title": "SDE II", "expectation_offset": 0}],
                    "html_url": "/careers/amazon-engineer/",
                },
                response_only=True,
                status_codes=["200"],
            )
        ],
    )
    def get(self, request, slug):
        # One small query decides between 304 and loading the whole guide (14 queries).
        current = selectors.published_career(slug=slug, queryset=Career.objects.only("updated_at"))
        if current is None:
            raise Http404("No published guide has that address.")
        updated_at = current.updated_at
        etag, last_modified = career_validators(updated_at)
        not_modified = get_conditional_response(request, etag=etag, last_modified=last_modified)
        if not_modified is not None:
            response = not_modified
        else:
            career = selectors.career_for_page(slug=slug)
            if career is None:  # unpublished between the two queries
                raise Http404("No published guide has that address.")
            etag, last_modified = career_validators(career.updated_at)
            response = Response(CareerDetailOutputSerializer(career).data)
        response["ETag"] = etag
        response["Last-Modified"] = http_date(last_modified)
        patch_cache_control(response, public=True, no_cache=True)
        return response
