"""REST API for assessments: readiness questions, a user's own results, and their plans.

One view per operation: the input serializer parses and checks the request against the
career (the same rules as the HTML forms), the view calls the same service the HTML views
call, and an output serializer renders the result. Another user's results and plan steps
answer 404, exactly as the HTML pages do.
"""

import uuid

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.urls import reverse
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import APIView

from api.fields import (
    StrictCharField,
    StrictChoiceField,
    StrictIntegerField,
    StrictUUIDField,
)
from guide.api import CAREER_SLUG_MAX_LENGTH, CareerSlugField, api_career_url
from guide.models import Career, Proficiency
from guide.selectors import published_career

from . import exceptions as domain
from . import goals, limits, prefill, selectors, services, submissions
from .models import Plan, PlanItem, PlanStep, Result
from .scoring import RATING_MAX, RATING_MIN

MAX_ANSWERS = 500  # far above any career's skills or questions; bounds the work per request


def api_result_url(pk: int) -> str:
    return reverse("api:result-detail", kwargs={"pk": pk})


def _career_or_error(slug: str) -> Career:
    career = selectors.career_for_assessment(slug=slug)
    if career is None:
        raise serializers.ValidationError({"career": ["No published guide has that slug."]})
    return career


# --- Output serializers ---------------------------------------------------------------------


class CareerRefOutputSerializer(serializers.Serializer):
    slug = serializers.CharField()
    title = serializers.CharField()
    url = serializers.SerializerMethodField()

    def get_url(self, career) -> str:
        return api_career_url(career.slug)


class OptionOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    label = serializers.CharField()


class DimensionOutputSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    description = serializers.CharField()


class QuestionOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    text = serializers.CharField()
    help_text = serializers.CharField()
    dimension = DimensionOutputSerializer()
    options = OptionOutputSerializer(many=True, source="options.all")


class ReadinessFormOutputSerializer(serializers.Serializer):
    career = CareerRefOutputSerializer()
    questions = QuestionOutputSerializer(many=True)


class ResultListOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=Result.Kind.choices)
    career_slug = serializers.CharField(help_text="As it was when scored.")
    career_title = serializers.CharField(help_text="As it was when scored.")
    target_level = serializers.CharField(help_text="Skills-gap analyses only; empty otherwise.")
    score = serializers.DecimalField(
        max_digits=5, decimal_places=1, coerce_to_string=False, help_text="Overall %, 0–100."
    )
    flat_answers = serializers.BooleanField(
        help_text="Every rating was the same, which makes the result less reliable."
    )
    created_at = serializers.DateTimeField()
    url = serializers.SerializerMethodField()

    def get_url(self, result) -> str:
        return api_result_url(result.pk)


class ResultDetailOutputSerializer(ResultListOutputSerializer):
    items = serializers.ListField(
        child=serializers.DictField(),
        source="snapshot.item_dicts",
        help_text=(
            "The snapshot it was scored against. Skills-gap: one per skill with `skill_id`, "
            "`name`, `kind`, `importance`, `expected`, `rating`, `match`, `match_pct`, "
            "`shortfall`, `priority`. Readiness: one per dimension with `slug`, `name`, "
            "`points`, `max_points`, `pct` and the `answers` given."
        ),
    )
    recommendations = serializers.ListField(
        child=serializers.DictField(),
        source="snapshot.recommendation_dicts",
        help_text=(
            "What to do next, biggest gaps first: `kind`, `title`, `url`, `detail` "
            "(Markdown), `subject` and `why` (the reason it was recommended)."
        ),
    )
    guide_updated_at = serializers.DateTimeField(
        help_text="When the guide was last changed at the time of scoring."
    )
    html_url = serializers.CharField(source="get_absolute_url")


class PlanStepOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="Use it to update the step.")
    title = serializers.CharField(source="step_title")
    body = serializers.SerializerMethodField(help_text="Markdown; empty for a retired step.")
    duration = serializers.SerializerMethodField()
    status = serializers.ChoiceField(choices=PlanStep.Status.choices)
    note = serializers.CharField(help_text="The user's private note.")
    updated_at = serializers.DateTimeField()

    def get_body(self, plan_step) -> str:
        return plan_step.step.body if plan_step.step else ""

    def get_duration(self, plan_step) -> str:
        return plan_step.step.duration if plan_step.step else ""


class PlanItemOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="Use it to update the item.")
    kind = serializers.ChoiceField(
        choices=PlanItem.Kind.choices,
        help_text="`gap`: a skill below the level; `area`: a weak readiness area; "
        "`resource`: a learning resource for one of them.",
    )
    key = serializers.CharField(
        help_text="What the item is about (`skill:<id>`, `area:<slug>`, `resource:<id>`); "
        "stays the same when the plan is updated from a newer result."
    )
    subject = serializers.CharField(help_text="The skill or readiness area it is for.")
    title = serializers.CharField()
    detail = serializers.CharField(help_text="Markdown, kept when the resource is deleted.")
    url = serializers.CharField(help_text="The resource's address; may be empty.")
    why = serializers.CharField(help_text="Why it was suggested, from the result.")
    priority = serializers.IntegerField(help_text="Importance × shortfall for a skill gap.")
    in_latest = serializers.BooleanField(
        help_text="False when your latest results no longer call for it (it is kept)."
    )
    status = serializers.ChoiceField(choices=PlanStep.Status.choices)
    note = serializers.CharField(help_text="The user's private note.")
    updated_at = serializers.DateTimeField()


class PlanCareerOutputSerializer(serializers.Serializer):
    slug = serializers.CharField()
    title = serializers.CharField()
    url = serializers.SerializerMethodField(help_text="Null while the guide is not published.")

    def get_url(self, plan) -> str | None:
        return api_career_url(plan.slug) if not plan.read_only else None


class PlanOutputSerializer(serializers.Serializer):
    career = PlanCareerOutputSerializer(
        source="plan", help_text="The guide's title and slug; kept when the guide is removed."
    )
    guide = serializers.ChoiceField(
        source="plan.guide_state",
        choices=Plan.GuideState.choices,
        help_text="While not `published` the plan is read-only: steps cannot be updated.",
    )
    target_date = serializers.DateField(source="plan.target_date", allow_null=True)
    progress_pct = serializers.FloatField(
        source="progress",
        help_text="Done steps and items as a share of those not skipped, in %.",
    )
    expected_pct = serializers.FloatField(
        source="expected",
        allow_null=True,
        help_text="Where the target date says progress should be today; null without one.",
    )
    steps = PlanStepOutputSerializer(many=True, help_text="The guide's steps, in its order.")
    retired_steps = PlanStepOutputSerializer(
        many=True, source="retired", help_text="Steps staff removed from the guide since."
    )
    items = PlanItemOutputSerializer(
        many=True,
        help_text="Items made from your latest results: the biggest skill gaps and weak "
        "readiness areas, each followed by its resources.",
    )
    created_at = serializers.DateTimeField(source="plan.created_at")
    updated_at = serializers.DateTimeField(source="plan.updated_at")


class SkillFitOutputSerializer(serializers.Serializer):
    skill_id = serializers.IntegerField()
    name = serializers.CharField()
    importance = serializers.IntegerField(help_text="1–5 for this career.")
    expected = serializers.IntegerField(help_text="0–4 at the career's main level.")
    rating = serializers.IntegerField(allow_null=True, help_text="Your latest; null if never.")


class CareerMatchOutputSerializer(serializers.Serializer):
    slug = serializers.CharField()
    title = serializers.CharField()
    url = serializers.SerializerMethodField()
    match_pct = serializers.DecimalField(
        source="score",
        max_digits=5,
        decimal_places=1,
        coerce_to_string=False,
        help_text="The skills score at the career's main level, 0–100 (docs/scoring.md).",
    )
    carries_over = SkillFitOutputSerializer(many=True, help_text="Rated at or above expected.")
    to_build = SkillFitOutputSerializer(
        many=True, help_text="Rated below expected, biggest importance × shortfall first."
    )
    not_rated = SkillFitOutputSerializer(many=True, help_text="Never rated; count as 0.")

    def get_url(self, match) -> str:
        return api_career_url(match.slug)


class MatchesOutputSerializer(serializers.Serializer):
    as_of = serializers.DateTimeField(
        allow_null=True, help_text="When the newest rating used was given; null without any."
    )
    sources = serializers.ListField(
        child=serializers.CharField(),
        help_text="The careers whose skills-gap analyses the ratings come from.",
    )
    skills_rated = serializers.SerializerMethodField()
    careers = CareerMatchOutputSerializer(many=True, help_text="Best match first.")

    def get_skills_rated(self, matches) -> int:
        return len(matches.ratings)


# --- Input serializers ----------------------------------------------------------------------


class ResultListFilterSerializer(serializers.Serializer):
    career = serializers.SlugField(
        required=False,
        allow_blank=True,
        max_length=CAREER_SLUG_MAX_LENGTH,
        help_text="Only results for this career slug; empty for all.",
    )
    kind = serializers.ChoiceField(
        required=False,
        allow_blank=True,
        choices=Result.Kind.choices,
        help_text="Only this kind of assessment; empty for both.",
    )


class RatingInputSerializer(serializers.Serializer):
    skill = StrictIntegerField(help_text="A skill id from the career's `skills[].id`.")
    rating = StrictIntegerField(
        min_value=RATING_MIN,
        max_value=RATING_MAX,
        help_text=" · ".join(level.rating_label for level in Proficiency),
    )


class SubmissionKeyMixin(serializers.Serializer):
    submission_key = StrictUUIDField(
        required=False,
        help_text=(
            "Optional: a UUID you make per attempt. Sending the same key again returns the "
            "first result (200) instead of saving a second one."
        ),
    )


class SkillsResultInputSerializer(SubmissionKeyMixin):
    career = CareerSlugField()
    level = StrictIntegerField(help_text="The target level: one of the career's `levels[].id`.")
    ratings = RatingInputSerializer(
        many=True,
        max_length=MAX_ANSWERS,
        help_text="One rating for every skill of the career, each skill once.",
    )

    def validate(self, attrs):
        career = _career_or_error(attrs["career"])
        try:
            level, ratings = submissions.validate_skills(
                career=career,
                level_id=attrs["level"],
                ratings=[(item["skill"], item["rating"]) for item in attrs["ratings"]],
            )
        except DjangoValidationError as error:
            raise serializers.ValidationError(error.message_dict) from None
        return {**attrs, "career": career, "level": level, "ratings": ratings}


class AnswerInputSerializer(serializers.Serializer):
    question = StrictIntegerField(help_text="A question id from the readiness questions.")
    option = StrictIntegerField(help_text="The id of one of that question's options.")


class ReadinessResultInputSerializer(SubmissionKeyMixin):
    career = CareerSlugField()
    answers = AnswerInputSerializer(
        many=True,
        max_length=MAX_ANSWERS,
        help_text="One answer for every question of the career's readiness form.",
    )

    def validate(self, attrs):
        career = _career_or_error(attrs["career"])
        questions = selectors.readiness_questions(career=career)
        try:
            answers = submissions.validate_readiness(
                career=career,
                questions=questions,
                answers=[(item["question"], item["option"]) for item in attrs["answers"]],
            )
        except DjangoValidationError as error:
            raise serializers.ValidationError(error.message_dict) from None
        return {**attrs, "career": career, "questions": questions, "answers": answers}


class PlanStepUpdateInputSerializer(serializers.Serializer):
    status = StrictChoiceField(choices=PlanStep.Status.choices, required=False)
    note = StrictCharField(
        max_length=PlanStep._meta.get_field("note").max_length,
        allow_blank=True,
        required=False,
        trim_whitespace=False,
        help_text="Your private note (on the step or item); left out, it stays as saved.",
    )

    def validate(self, attrs):
        if not attrs:
            raise serializers.ValidationError("Send a `status`, a `note` or both.")
        return attrs


# --- Views ----------------------------------------------------------------------------------

_RESULT_EXAMPLE = {
    "id": 42,
    "kind": "skills",
    "career_slug": "amazon-engineer",
    "career_title": "Amazon Engineer",
    "target_level": "SDE II",
    "score": 71.4,
    "flat_answers": False,
    "created_at": "2025-11-24T10:00:00Z",
    "url": "/api/v1/results/42/",
    "items": [
        {
            "skill_id": 7,
            "name": "System design",
            "kind": "technical",
            "importance": 5,
            "expected": 3,
            "rating": 1,
            "match": 0.333,
            "match_pct": 33.3,
            "shortfall": 2,
            "priority": 10,
        }
    ],
    "recommendations": [
        {
            "kind": "advice",
            "title": "Build up System design",
            "url": "/careers/amazon-engineer/#skills",
            "detail": "",
            "subject": "System design",
            "why": "You rated System design 1 of 4; SDE II expects 3. It matters 5 of 5 …",
        }
    ],
    "guide_updated_at": "2025-11-20T09:30:00Z",
    "html_url": "/assessments/results/42/",
}
_CREATED = {
    201: OpenApiResponse(ResultDetailOutputSerializer, "Scored and saved."),
    200: OpenApiResponse(
        ResultDetailOutputSerializer, "This `submission_key` was already used: its result."
    ),
}


class ReadinessQuestionsApi(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="careers_readiness_questions",
        tags=["assessments"],
        summary="The readiness questions for a career",
        description=(
            "Everything needed to build the career-readiness form: each question with its "
            "dimension and answer options, in page order. Answer every question with one "
            "option id and POST them to `/api/v1/results/readiness/`. Open to everyone."
        ),
        responses=ReadinessFormOutputSerializer,
        examples=[
            OpenApiExample(
                "Questions",
                {
                    "career": {
                        "slug": "amazon-engineer",
                        "title": "Amazon Engineer",
                        "url": "/api/v1/careers/amazon-engineer/",
                    },
                    "questions": [
                        {
                            "id": 3,
                            "text": "How many projects have you shipped end to end?",
                            "help_text": "",
                            "dimension": {
                                "slug": "projects",
                                "name": "Projects and portfolio",
                                "description": "",
                            },
                            "options": [{"id": 9, "label": "None yet"}, {"id": 10, "label": "3+"}],
                        }
                    ],
                },
                response_only=True,
            )
        ],
    )
    def get(self, request, slug):
        career = selectors.career_for_assessment(slug=slug)
        if career is None:
            raise Http404("No published guide has that address.")
        questions = selectors.readiness_questions(career=career)
        return Response(
            ReadinessFormOutputSerializer({"career": career, "questions": questions}).data
        )


class ResultListApi(APIView):
    pagination_class = api_settings.DEFAULT_PAGINATION_CLASS

    @extend_schema(
        operation_id="results_list",
        tags=["assessments"],
        summary="Your assessment results",
        description=(
            "Every result of the signed-in user, newest first, 20 a page, without the "
            "snapshots (fetch one result for those). Filter with `career` and `kind`."
        ),
        parameters=[ResultListFilterSerializer],
        responses=ResultListOutputSerializer(many=True),
        examples=[
            OpenApiExample(
                "A page of results",
                {name: _RESULT_EXAMPLE[name] for name in ResultListOutputSerializer().fields},
                response_only=True,
            )
        ],
    )
    def get(self, request):
        filters = ResultListFilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        results = Result.objects.filter(user=request.user)
        if filters.validated_data.get("career"):
            results = results.filter(career_slug=filters.validated_data["career"])
        if filters.validated_data.get("kind"):
            results = results.filter(kind=filters.validated_data["kind"])
        results = results.defer("items", "recommendations").order_by("-created_at", "-pk")
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(results, request, view=self)
        return paginator.get_paginated_response(ResultListOutputSerializer(page, many=True).data)


def _result_create(request, input_serializer: type[serializers.Serializer], create) -> Response:
    """Parse the body, then score and save through `create(data, key)` within the web
    forms' limits (assessments/limits.py): 201 with the result, 200 with the first one for
    a repeated `submission_key`, and over the limits a 429 with Retry-After."""
    payload = input_serializer(data=request.data)
    payload.is_valid(raise_exception=True)
    data = payload.validated_data
    key = data.get("submission_key") or uuid.uuid4()
    try:
        result, created = limits.submit(
            submitter=limits.Submitter(user=request.user, ip=limits.client_ip(request)),
            submission_key=key,
            visitor_result_ids=(),
            create=lambda: create(data, key),
        )
    except limits.SubmissionRefused as refusal:
        raise exceptions.Throttled(wait=refusal.retry_after, detail=refusal.message) from None
    return Response(
        ResultDetailOutputSerializer(result).data,
        status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
    )


class ResultCreateSkillsApi(APIView):
    @extend_schema(
        operation_id="results_create_skills",
        tags=["assessments"],
        summary="Take a skills-gap analysis",
        description=(
            "Rate every skill of a career 0–4 for a target level; the result is scored by "
            "the same service as the web form and saved to your history (201). Skill and "
            "level ids come from `GET /api/v1/careers/{slug}/`. A repeated `submission_key` "
            "returns the first result (200)."
        ),
        request=SkillsResultInputSerializer,
        responses=_CREATED,
        examples=[
            OpenApiExample(
                "Ratings",
                {
                    "career": "amazon-engineer",
                    "level": 12,
                    "ratings": [{"skill": 7, "rating": 1}, {"skill": 8, "rating": 3}],
                    "submission_key": "0b5e1f0e-8c1a-4a57-9d7e-2f1c3d4b5a69",
                },
                request_only=True,
            ),
            OpenApiExample("Result", _RESULT_EXAMPLE, response_only=True, status_codes=["201"]),
        ],
    )
    def post(self, request):
        return _result_create(
            request,
            SkillsResultInputSerializer,
            lambda data, key: services.result_create_skills(
                user=request.user,
                career=data["career"],
                level=data["level"],
                ratings=data["ratings"],
                submission_key=key,
            ),
        )


class ResultCreateReadinessApi(APIView):
    @extend_schema(
        operation_id="results_create_readiness",
        tags=["assessments"],
        summary="Take a career-readiness assessment",
        description=(
            "Answer every readiness question of a career with one of its option ids (from "
            "`GET /api/v1/careers/{slug}/readiness-questions/`); the result is scored by the "
            "same service as the web form and saved to your history (201). A repeated "
            "`submission_key` returns the first result (200)."
        ),
        request=ReadinessResultInputSerializer,
        responses=_CREATED,
        examples=[
            OpenApiExample(
                "Answers",
                {
                    "career": "amazon-engineer",
                    "answers": [{"question": 3, "option": 10}, {"question": 4, "option": 14}],
                },
                request_only=True,
            ),
            OpenApiExample(
                "Result",
                {
                    **_RESULT_EXAMPLE,
                    "kind": "readiness",
                    "target_level": "",
                    "score": 58.3,
                    "items": [
                        {
                            "slug": "projects",
                            "name": "Projects and portfolio",
                            "points": 2,
                            "max_points": 6,
                            "pct": 33.3,
                            "answers": [
                                {
                                    "question": "How many projects have you shipped?",
                                    "answer": "One",
                                    "points": 2,
                                    "max": 6,
                                }
                            ],
                        }
                    ],
                },
                response_only=True,
                status_codes=["201"],
            ),
        ],
    )
    def post(self, request):
        return _result_create(
            request,
            ReadinessResultInputSerializer,
            lambda data, key: services.result_create_readiness(
                user=request.user,
                career=data["career"],
                questions=data["questions"],
                answers=data["answers"],
                submission_key=key,
            ),
        )


class ResultDetailApi(APIView):
    @extend_schema(
        operation_id="results_retrieve",
        tags=["assessments"],
        summary="One of your results, whole",
        description=(
            "The result with its snapshot (`items`) and recommendations, each saying why it "
            "was made. Another user's result answers 404."
        ),
        responses=ResultDetailOutputSerializer,
        examples=[OpenApiExample("Result", _RESULT_EXAMPLE, response_only=True)],
    )
    def get(self, request, pk):
        result = selectors.result_for_viewer(user=request.user, visitor_result_ids=(), pk=pk)
        if result is None:
            raise Http404("No such result.")
        return Response(ResultDetailOutputSerializer(result).data)


_PLAN_STEP_EXAMPLE = {
    "id": 31,
    "title": "Learn a language deeply",
    "body": "Pick one of Java, Python or C++ …",
    "duration": "3–6 months",
    "status": "doing",
    "note": "Halfway through the book.",
    "updated_at": "2025-11-24T10:00:00Z",
}


_PLAN_ITEM_EXAMPLE = {
    "id": 12,
    "kind": "gap",
    "key": "skill:7",
    "subject": "System design",
    "title": "Raise System design from 1 to 3 of 4",
    "detail": "",
    "url": "",
    "why": "You rated System design 1 of 4; SDE II expects 3. It matters 5 of 5 …",
    "priority": 10,
    "in_latest": True,
    "status": "doing",
    "note": "Reading one design case a week.",
    "updated_at": "2025-11-24T10:00:00Z",
}

_PLAN_EXAMPLE = {
    "career": {
        "slug": "amazon-engineer",
        "title": "Amazon Engineer",
        "url": "/api/v1/careers/amazon-engineer/",
    },
    "guide": "published",
    "target_date": None,
    "progress_pct": 25.0,
    "expected_pct": None,
    "steps": [_PLAN_STEP_EXAMPLE],
    "retired_steps": [],
    "items": [_PLAN_ITEM_EXAMPLE],
    "created_at": "2025-11-01T08:00:00Z",
    "updated_at": "2025-11-24T10:00:00Z",
}


class PlanDetailApi(APIView):
    @extend_schema(
        operation_id="plans_retrieve",
        tags=["plans"],
        summary="Your plan for a career",
        description=(
            "The signed-in user's plan for a career: each of the guide's steps with its "
            "status and private note, and progress. Reading never makes a plan: without "
            "one the answer is 404 (start it with POST). A plan outlives its guide: while "
            "the guide is unpublished or removed it is still returned, read-only."
        ),
        responses=PlanOutputSerializer,
        examples=[OpenApiExample("Plan", _PLAN_EXAMPLE, response_only=True)],
    )
    def get(self, request, slug):
        plan = selectors.plan_for_slug(user=request.user, slug=slug)
        if plan is None:
            if published_career(slug=slug, queryset=Career.objects.only("pk")) is not None:
                raise Http404("You have no plan for this career yet; POST here to start one.")
            raise Http404("No published guide has that address.")
        return Response(PlanOutputSerializer(selectors.plan_view(plan=plan)).data)

    @extend_schema(
        operation_id="plans_create",
        tags=["plans"],
        summary="Start your plan for a career",
        description=(
            "Make the signed-in user's plan for a published career, with every step to do "
            "(201). If the plan exists it is returned (200), with any steps the guide "
            "gained since added. No request body."
        ),
        request=None,
        responses={
            201: OpenApiResponse(PlanOutputSerializer, "Started."),
            200: OpenApiResponse(PlanOutputSerializer, "You already had it."),
        },
        examples=[OpenApiExample("Plan", _PLAN_EXAMPLE, response_only=True)],
    )
    def post(self, request, slug):
        career = published_career(slug=slug)
        if career is None:
            raise Http404("No published guide has that address.")
        plan, created = services.plan_start(user=request.user, career=career)
        return Response(
            PlanOutputSerializer(selectors.plan_view(plan=plan)).data,
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )


class PlanStepUpdateApi(APIView):
    @extend_schema(
        operation_id="plans_steps_partial_update",
        tags=["plans"],
        summary="Update one step of your plan",
        description=(
            "Change a step's `status` (todo, doing, done, skipped), its private `note`, or "
            "both; what you leave out stays as it is. The step id comes from the plan. A "
            "step of another user's plan answers 404; a plan whose guide is unpublished or "
            "removed is read-only (400)."
        ),
        request=PlanStepUpdateInputSerializer,
        responses=PlanStepOutputSerializer,
        examples=[
            OpenApiExample(
                "Mark done", {"status": "done", "note": "Shipped it."}, request_only=True
            ),
            OpenApiExample("Step", _PLAN_STEP_EXAMPLE, response_only=True),
        ],
    )
    def patch(self, request, slug, pk):
        plan = selectors.plan_for_slug(user=request.user, slug=slug)
        if plan is None:
            raise Http404("No such step in your plan.")
        payload = PlanStepUpdateInputSerializer(data=request.data)
        if not payload.is_valid():
            # An unknown step is a 404 whatever the body says, as before.
            if not PlanStep.objects.filter(pk=pk, plan=plan).exists():
                raise Http404("No such step in your plan.")
            raise serializers.ValidationError(payload.errors)
        try:
            plan_step = services.plan_step_update(
                user=request.user,
                plan_step_id=pk,
                plan_id=plan.pk,
                status=payload.validated_data.get("status"),
                note=payload.validated_data.get("note"),
            )
        except domain.NotFound:
            raise Http404("No such step in your plan.") from None
        return Response(PlanStepOutputSerializer(plan_step).data)


# --- Last answers, for pre-filling a form ---------------------------------------------------


class LastAnswersFilterSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(
        required=False,
        default=Result.Kind.SKILLS,
        choices=Result.Kind.choices,
        help_text="Which form to pre-fill: `skills` (the default) or `readiness`.",
    )


class AnswerSourceOutputSerializer(serializers.Serializer):
    result = serializers.IntegerField(source="result_id", help_text="The result it came from.")
    career = serializers.CharField(source="career_slug")
    career_title = serializers.CharField()
    target_level = serializers.CharField(help_text="Empty for readiness.")
    created_at = serializers.DateTimeField()


class PrefilledAnswerOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="A skill id (skills) or a question id (readiness).")
    value = serializers.IntegerField(help_text="A rating 0–4 (skills) or an option id (readiness).")
    carried_over = serializers.BooleanField(help_text="True when it came from another career.")
    source = AnswerSourceOutputSerializer()


class LastAnswersOutputSerializer(serializers.Serializer):
    kind = serializers.CharField()
    career = CareerRefOutputSerializer()
    target_level = serializers.IntegerField(
        allow_null=True,
        help_text="Skills only: the level id the form starts on (the goal's, else the last "
        "attempt's, else the career's main level); null for readiness.",
    )
    last_attempt = AnswerSourceOutputSerializer(
        allow_null=True, help_text="Your latest result for this career and kind, if any."
    )
    answers = PrefilledAnswerOutputSerializer(many=True)
    dropped = serializers.ListField(
        child=serializers.CharField(),
        help_text="Names of skills or questions answered last time that the guide no longer asks.",
    )


class LastAnswersApi(APIView):
    @extend_schema(
        operation_id="careers_last_answers",
        tags=["assessments"],
        summary="Your last answers, to pre-fill a career's form",
        description=(
            "What the web form for this career starts with: for each skill (or readiness "
            "question) the career asks now, your newest answer from your latest result of "
            "every career, marked `carried_over` when it came from another career. Answers "
            "for skills or questions the guide no longer asks are left out and named in "
            "`dropped`. Post them, changed as you like, to `/api/v1/results/skills/` or "
            "`/api/v1/results/readiness/`. Nothing is stored by this call."
        ),
        parameters=[LastAnswersFilterSerializer],
        responses=LastAnswersOutputSerializer,
        examples=[
            OpenApiExample(
                "Skills, one rating carried over",
                {
                    "kind": "skills",
                    "career": {
                        "slug": "cloud-engineer",
                        "title": "Cloud Engineer",
                        "url": "/api/v1/careers/cloud-engineer/",
                    },
                    "target_level": 12,
                    "last_attempt": None,
                    "answers": [
                        {
                            "id": 4,
                            "value": 3,
                            "carried_over": True,
                            "source": {
                                "result": 41,
                                "career": "amazon-engineer",
                                "career_title": "Amazon Engineer",
                                "target_level": "Senior Amazon Engineer",
                                "created_at": "2026-05-02T09:30:00Z",
                            },
                        }
                    ],
                    "dropped": [],
                },
                response_only=True,
            )
        ],
    )
    def get(self, request, slug):
        filters = LastAnswersFilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        kind = filters.validated_data["kind"]
        career = selectors.career_for_assessment(slug=slug)
        if career is None:
            raise Http404("No published guide has that address.")
        level = None
        if kind == Result.Kind.SKILLS:
            start = prefill.skills_prefill(user=request.user, career=career)
            chosen = prefill.level_to_preselect(
                career=career, goal=goals.goal_for_user(user=request.user), last=start.last
            )
            level = chosen.pk if chosen else None
        else:
            start = prefill.readiness_prefill(
                user=request.user,
                career=career,
                questions=selectors.readiness_questions(career=career),
            )
        answers = [
            {
                "id": key,
                "value": value,
                "carried_over": start.is_carried(key),
                "source": start.sources[key],
            }
            for key, value in start.values.items()
        ]
        return Response(
            LastAnswersOutputSerializer(
                {
                    "kind": kind,
                    "career": career,
                    "target_level": level,
                    "last_attempt": start.last,
                    "answers": answers,
                    "dropped": start.dropped,
                }
            ).data
        )


def _plan_or_404(request, slug) -> Plan:
    plan = selectors.plan_for_slug(user=request.user, slug=slug)
    if plan is None:
        raise Http404("You have no plan at that address.")
    return plan


class PlanItemListApi(APIView):
    @extend_schema(
        operation_id="plans_items_list",
        tags=["plans"],
        summary="The items of your plan that came from your results",
        description=(
            "Every item made from your latest results for the plan's career (biggest skill "
            "gaps and weak readiness areas, each followed by its resources), in plan order, "
            "with its status and private note. Items your latest results no longer call for "
            "are kept with `in_latest: false`. A plan holds a few dozen items at most, so "
            "the list is not paginated. No plan: 404."
        ),
        responses=PlanItemOutputSerializer(many=True),
        examples=[OpenApiExample("Items", [_PLAN_ITEM_EXAMPLE], response_only=True)],
    )
    def get(self, request, slug):
        view = selectors.plan_view(plan=_plan_or_404(request, slug))
        return Response(PlanItemOutputSerializer(view.items, many=True).data)


class PlanItemUpdateApi(APIView):
    @extend_schema(
        operation_id="plans_items_partial_update",
        tags=["plans"],
        summary="Update one item of your plan",
        description=(
            "Change an item's `status` (todo, doing, done, skipped), its private `note`, or "
            "both, through the same service as the plan page; what you leave out stays as "
            "it is. Another user's item answers 404; a plan whose guide is unpublished or "
            "removed is read-only (400); a bad body is a 400 and changes nothing."
        ),
        request=PlanStepUpdateInputSerializer,
        responses=PlanItemOutputSerializer,
        examples=[
            OpenApiExample("Mark done", {"status": "done"}, request_only=True),
            OpenApiExample("Item", _PLAN_ITEM_EXAMPLE, response_only=True),
        ],
    )
    def patch(self, request, slug, pk):
        plan = _plan_or_404(request, slug)
        payload = PlanStepUpdateInputSerializer(data=request.data)
        if not payload.is_valid():
            if not PlanItem.objects.filter(pk=pk, plan=plan).exists():
                raise Http404("No such item in your plan.")
            raise serializers.ValidationError(payload.errors)
        try:
            item = services.plan_item_update(
                user=request.user,
                item_id=pk,
                plan_id=plan.pk,
                status=payload.validated_data.get("status"),
                note=payload.validated_data.get("note"),
            )
        except domain.NotFound:
            raise Http404("No such item in your plan.") from None
        return Response(PlanItemOutputSerializer(item).data)


_MATCHES_EXAMPLE = {
    "as_of": "2025-11-24T10:00:00Z",
    "sources": ["Amazon Engineer"],
    "skills_rated": 16,
    "careers": [
        {
            "slug": "cloud-engineer",
            "title": "Cloud Engineer",
            "url": "/api/v1/careers/cloud-engineer/",
            "match_pct": 68.0,
            "carries_over": [
                {"skill_id": 3, "name": "Linux", "importance": 4, "expected": 3, "rating": 3}
            ],
            "to_build": [
                {"skill_id": 7, "name": "Networking", "importance": 5, "expected": 3, "rating": 1}
            ],
            "not_rated": [
                {
                    "skill_id": 21,
                    "name": "Terraform",
                    "importance": 4,
                    "expected": 3,
                    "rating": None,
                }
            ],
        }
    ],
}


class MatchListApi(APIView):
    @extend_schema(
        operation_id="matches_list",
        tags=["assessments"],
        summary="Careers your skills fit",
        description=(
            "Every published career scored against your latest rating of each skill, taken "
            "from the newest skills-gap analysis of each career you have assessed. A match "
            "is the skills score (docs/scoring.md) at the career's main level; a skill you "
            "never rated counts as 0 and is listed in `not_rated`. Best match first. "
            "Without any skills-gap analysis the list is empty. Six careers or so: not "
            "paginated."
        ),
        responses=MatchesOutputSerializer,
        examples=[OpenApiExample("Matches", _MATCHES_EXAMPLE, response_only=True)],
    )
    def get(self, request):
        matches = selectors.career_matches(ratings=selectors.latest_ratings(user=request.user))
        return Response(MatchesOutputSerializer(matches).data)
