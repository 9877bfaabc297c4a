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
    extend_schema_field,
)
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import APIView

from api.fields import StrictSlugField
from guide.cache import content_version
from occupations import selectors as official

from . import selectors
from .models import Career, Category

TAG = "careers"
# Part of every ETag, so a change to what this API returns invalidates what clients cached.
# 2: the career detail gained `occupations` and `official_pay`.
REPRESENTATION_VERSION = "2"


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


PAY_BASIS_HELP = "`base` (base salary) or `total` (total compensation: base, bonus, stock)."
PAY_SCOPE_HELP = "`national`, `company` (one employer's staff) or `regional`."


class FactsOutputSerializer(serializers.Serializer):
    """The key facts. The pay figures are the headline the page shows: from the newest
    imported OEWS release for the career's primary occupation unless staff override it."""

    median_salary_usd = serializers.IntegerField(allow_null=True, source="headline.median")
    salary_low_usd = serializers.IntegerField(allow_null=True, source="headline.low")
    salary_high_usd = serializers.IntegerField(allow_null=True, source="headline.high")
    salary_high_open = serializers.BooleanField(
        source="headline.high_open", help_text='True when the range has no top ("$350k+").'
    )
    pay_basis = serializers.CharField(source="headline.basis", help_text=PAY_BASIS_HELP)
    pay_scope = serializers.CharField(source="headline.scope", help_text=PAY_SCOPE_HELP)
    pay_as_of = serializers.CharField(
        source="headline.period_label", help_text='The period the pay refers to, e.g. "May 2025".'
    )
    pay_is_estimate = serializers.BooleanField(
        source="headline.is_estimate", help_text="True when the pay is our own estimate."
    )
    growth_outlook_pct = serializers.DecimalField(
        max_digits=5, decimal_places=1, allow_null=True, coerce_to_string=False
    )
    growth_period = serializers.CharField()
    annual_openings = serializers.IntegerField(allow_null=True)
    typical_education = MarkdownField()
    time_to_ready = serializers.CharField(
        help_text="How long it usually takes to become hireable from scratch, in one phrase."
    )
    top_industries = serializers.ListField(
        child=serializers.CharField(), source="industries_list", help_text="Most common first."
    )


class SourceOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    publisher = serializers.CharField()
    url = serializers.CharField()
    accessed = serializers.DateField(allow_null=True)
    official = serializers.BooleanField(help_text="Published by a government statistics office.")
    edition = serializers.CharField(help_text='e.g. "May 2025" or "2024–34"; may be empty.')


class PayFigureOutputMixin(serializers.Serializer):
    pay_basis = serializers.CharField(help_text=PAY_BASIS_HELP)
    pay_scope = serializers.CharField(help_text=PAY_SCOPE_HELP)
    is_estimate = serializers.BooleanField(help_text="True when the figure is our own estimate.")
    as_of = serializers.DateField(allow_null=True)


class KeyFactOutputSerializer(PayFigureOutputMixin):
    kind = serializers.CharField(help_text="Which fact of `facts` this cites.")
    label = serializers.CharField(source="get_kind_display")
    note = serializers.CharField()
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


class LevelOutputSerializer(PayFigureOutputMixin):
    id = serializers.IntegerField(help_text="The level's id, for a skills-gap analysis.")
    title = serializers.CharField()
    years_min = serializers.IntegerField()
    years_max = serializers.IntegerField(allow_null=True)
    years_label = serializers.CharField()
    scope = MarkdownField()
    focus_areas = MarkdownField()
    salary_low_usd = serializers.IntegerField(allow_null=True)
    salary_high_usd = serializers.IntegerField(allow_null=True)
    salary_high_open = serializers.BooleanField()
    salary_median_usd = serializers.IntegerField(allow_null=True)
    salary_average_usd = serializers.IntegerField(allow_null=True)
    base_low_usd = serializers.IntegerField(
        allow_null=True, help_text="Base salary's low end when the row is total compensation."
    )
    base_high_usd = serializers.IntegerField(
        allow_null=True, help_text="Base salary's high end (equal to the low end for one figure)."
    )
    source = SourceOutputSerializer(allow_null=True)
    expectation_offset = serializers.IntegerField(
        help_text="Added to every skill's expected proficiency at this level (kept within 0–4)."
    )


class RegionalSalaryOutputSerializer(PayFigureOutputMixin):
    region = serializers.CharField()
    salary_usd = serializers.IntegerField(allow_null=True)
    salary_low_usd = serializers.IntegerField(allow_null=True)
    salary_high_usd = serializers.IntegerField(allow_null=True)
    salary_note = serializers.CharField()
    source = SourceOutputSerializer(allow_null=True)


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


class OccupationLinkOutputSerializer(serializers.Serializer):
    code = serializers.CharField(source="occupation.code", help_text='SOC code, e.g. "15-1252".')
    title = serializers.CharField(source="occupation.title")
    primary = serializers.BooleanField(
        help_text="The occupation whose official pay is in `official_pay` (one per career)."
    )
    fit_note = serializers.CharField(help_text="How well the occupation fits this career.")


class FigureNoteOutputSerializer(serializers.Serializer):
    footnote = serializers.CharField(help_text="BLS footnote code: 5 top-coded, 8 not released.")
    # A plain string, not a choice: "status" enums elsewhere in the schema would clash by name.
    status = serializers.CharField(
        help_text="`top_coded`: at or above the survey's ceiling; `not_released`: withheld."
    )
    at_least = serializers.IntegerField(
        allow_null=True,
        help_text=f"For a top-coded wage, the floor it reaches ({official.TOP_CODED_ANNUAL_WAGE}).",
    )
    text = serializers.CharField(
        source="display", help_text='As the site shows it: "≥ $239,200" or "not released".'
    )


class AreaOutputSerializer(serializers.Serializer):
    code = serializers.CharField(
        help_text="OEWS area code (7 digits); use it as the page's `?area=`."
    )
    name = serializers.CharField()
    kind = serializers.CharField(source="kind_name", help_text="`national`, `state` or `metro`.")


def _figure(name: str, help_text: str) -> serializers.IntegerField:
    return serializers.IntegerField(
        source=f"{name}.value",
        allow_null=True,
        help_text=f"{help_text} Null when BLS gives no number: `notes.{name}` says why.",
    )


class AreaPayOutputSerializer(serializers.Serializer):
    area = AreaOutputSerializer(source="*")
    employment = _figure("employment", "Jobs, rounded by BLS.")
    mean = _figure("mean", "Mean annual wage, US dollars.")
    p10 = _figure("p10", "10th percentile annual wage.")
    p25 = _figure("p25", "25th percentile annual wage.")
    median = _figure("median", "Median annual wage.")
    p75 = _figure("p75", "75th percentile annual wage.")
    p90 = _figure("p90", "90th percentile annual wage.")
    notes = serializers.DictField(
        child=FigureNoteOutputSerializer(),
        help_text=(
            "Why each null figure is null, keyed by the figure's name; empty when all are numbers."
        ),
    )


class ReleaseOutputSerializer(serializers.Serializer):
    code = serializers.CharField(help_text='BLS release code, e.g. "2025A01".')
    name = serializers.CharField(help_text='e.g. "May 2025".')
    published = serializers.DateField(help_text="When BLS published it.")


class OccupationOutputSerializer(serializers.Serializer):
    code = serializers.CharField()
    title = serializers.CharField()


class OfficialPayOutputSerializer(serializers.Serializer):
    occupation = OccupationOutputSerializer(source="summary.occupation")
    fit_note = serializers.CharField()
    release = ReleaseOutputSerializer(source="summary.release")
    source = serializers.CharField(source="citation.source")
    source_url = serializers.CharField(source="citation.url")
    basis = serializers.DictField(
        child=serializers.CharField(),
        source="summary.basis",
        help_text="What the figures are, by kind of area (`national`, `state`, `metro`).",
    )
    national = AreaPayOutputSerializer(source="summary.national", allow_null=True)
    states = AreaPayOutputSerializer(
        many=True,
        source="summary.states",
        help_text="Every state and territory, highest median first.",
    )
    metros_best_paid = AreaPayOutputSerializer(
        many=True,
        source="summary.metros_best_paid",
        help_text=f"The {official.METRO_COUNT} metropolitan areas with the highest median.",
    )
    metros_largest = AreaPayOutputSerializer(
        many=True,
        source="summary.metros_largest",
        help_text=f"The {official.METRO_COUNT} metropolitan areas with the most jobs.",
    )


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
    occupations = OccupationLinkOutputSerializer(
        many=True,
        help_text="Standard occupations (SOC) whose official figures describe the career.",
    )
    official_pay = serializers.SerializerMethodField(
        help_text=(
            "Official pay (BLS OEWS) for the primary occupation in the newest imported release, "
            "the same figures as the guide page; null when there are none."
        )
    )

    @extend_schema_field(OfficialPayOutputSerializer(allow_null=True))
    def get_official_pay(self, career):
        pay = self.context.get("pay")
        return OfficialPayOutputSerializer(pay).data if pay is not None else None


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


_NATIONAL_EXAMPLE = {
    "area": {"code": "0000000", "name": "the United States", "kind": "national"},
    "employment": 1687890,
    "mean": 148100,
    "p10": 82460,
    "p25": 105210,
    "median": 135980,
    "p75": 171980,
    "p90": 214670,
    "notes": {},
}
_OFFICIAL_PAY_EXAMPLE = {
    "occupation": {"code": "15-1252", "title": "Software Developers"},
    "fit_note": "Amazon engineers are one slice of this occupation.",
    "release": {"code": "2025A01", "name": "May 2025", "published": "2026-05-15"},
    "source": official.SOURCE_NAME,
    "source_url": "https://www.bls.gov/oes/",
    "basis": {
        "national": official.BASIS["N"],
        "state": official.BASIS["S"],
        "metro": official.BASIS["M"],
    },
    "national": _NATIONAL_EXAMPLE,
    "states": [
        {
            "area": {"code": "0600000", "name": "California", "kind": "state"},
            "employment": 284390,
            "mean": 186770,
            "p10": 105060,
            "p25": 136990,
            "median": 174410,
            "p75": 216670,
            "p90": 272670,
            "notes": {},
        },
        {
            "area": {"code": "0200000", "name": "Alaska", "kind": "state"},
            "employment": 530,
            "mean": None,
            "p10": None,
            "p25": None,
            "median": None,
            "p75": None,
            "p90": None,
            "notes": {
                name: {
                    "footnote": "8",
                    "status": "not_released",
                    "at_least": None,
                    "text": "not released",
                }
                for name in ("mean", "p10", "p25", "median", "p75", "p90")
            },
        },
    ],
    "metros_best_paid": [
        {
            "area": {
                "code": "0041940",
                "name": "San Jose-Sunnyvale-Santa Clara, CA",
                "kind": "metro",
            },
            "employment": 87350,
            "mean": 221710,
            "p10": 138420,
            "p25": 173650,
            "median": 213110,
            "p75": 226080,
            "p90": 289150,
            "notes": {},
        }
    ],
    "metros_largest": [],
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
        found = selectors.career_search(
            query=filters.validated_data.get("search", ""),
            category=filters.validated_data.get("category", ""),
        )
        paginator = self.pagination_class()
        page = found.add_snippets(paginator.paginate_queryset(found.careers, request, view=self))
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
            "`occupations` lists the standard occupations (SOC) linked to the career; "
            "`official_pay` carries the primary one's official figures from the newest imported "
            "BLS OEWS release (national percentiles, mean and employment, every state, the best "
            "paid and the largest metropolitan areas), exactly as the guide page shows them. A "
            "wage BLS does not publish is `null`, and `notes` says why: a top-coded wage (at or "
            "above $239,200 a year) has `status: top_coded` and `at_least: 239200`; it is never "
            "given as a number.\n\n"
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
                    "facts": {
                        "median_salary_usd": 135980,
                        "pay_basis": "base",
                        "pay_scope": "national",
                        "pay_as_of": "May 2025",
                        "top_industries": ["Retail"],
                    },
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
                    "occupations": [
                        {
                            "code": "15-1252",
                            "title": "Software Developers",
                            "primary": True,
                            "fit_note": "Amazon engineers are one slice of this occupation.",
                        }
                    ],
                    "official_pay": _OFFICIAL_PAY_EXAMPLE,
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
            response = Response(
                CareerDetailOutputSerializer(career, context={"pay": career.pay}).data
            )
        response["ETag"] = etag
        response["Last-Modified"] = http_date(last_modified)
        patch_cache_control(response, public=True, no_cache=True)
        return response
