"""The REST API, mounted at /api/v1/ by careerguide/urls.py. See docs/api.md."""

from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from accounts import api as accounts_api
from assessments import api as assessments_api
from guide import api as guide_api

from . import api

app_name = "api"


class ApiDocsView(SpectacularSwaggerSplitView):
    """Swagger UI whose start-up script is a file of its own (`?script`), so the page runs
    no inline script under the site's Content-Security-Policy. It is a page to read:
    GET and HEAD only; any other method is a JSON 405."""

    http_method_names = ["get", "head"]
    template_name = "api/swagger_ui.html"


urlpatterns = [
    path("careers/", guide_api.CareerListApi.as_view(), name="career-list"),
    path("careers/<slug:slug>/", guide_api.CareerDetailApi.as_view(), name="career-detail"),
    path(
        "careers/<slug:slug>/readiness-questions/",
        assessments_api.ReadinessQuestionsApi.as_view(),
        name="readiness-questions",
    ),
    path("results/", assessments_api.ResultListApi.as_view(), name="result-list"),
    path(
        "results/skills/",
        assessments_api.ResultCreateSkillsApi.as_view(),
        name="result-create-skills",
    ),
    path(
        "results/readiness/",
        assessments_api.ResultCreateReadinessApi.as_view(),
        name="result-create-readiness",
    ),
    path("results/<int:pk>/", assessments_api.ResultDetailApi.as_view(), name="result-detail"),
    path("plans/<slug:slug>/", assessments_api.PlanDetailApi.as_view(), name="plan-detail"),
    path(
        "plans/<slug:slug>/steps/<int:pk>/",
        assessments_api.PlanStepUpdateApi.as_view(),
        name="plan-step-update",
    ),
    path("me/", accounts_api.MeApi.as_view(), name="me"),
    path("auth/token/", accounts_api.TokenCreateApi.as_view(), name="auth-token"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", ApiDocsView.as_view(url_name="api:schema"), name="docs"),
    # Last: any other address under /api/v1/ is a JSON 404 (with a hint for a missing slash).
    re_path(r"^(?P<unmatched>.*)$", api.not_found, name="not-found"),
]
