"""The assessments' API routes, included by api/urls.py under /api/v1/ (namespace `api`)."""

from django.urls import path

from . import api

urlpatterns = [
    path(
        "careers/<slug:slug>/readiness-questions/",
        api.ReadinessQuestionsApi.as_view(),
        name="readiness-questions",
    ),
    path(
        "careers/<slug:slug>/last-answers/",
        api.LastAnswersApi.as_view(),
        name="last-answers",
    ),
    path("results/", api.ResultListApi.as_view(), name="result-list"),
    path("results/skills/", api.ResultCreateSkillsApi.as_view(), name="result-create-skills"),
    path(
        "results/readiness/",
        api.ResultCreateReadinessApi.as_view(),
        name="result-create-readiness",
    ),
    path("results/<int:pk>/", api.ResultDetailApi.as_view(), name="result-detail"),
    path("matches/", api.MatchListApi.as_view(), name="match-list"),
    path("plans/<slug:slug>/", api.PlanDetailApi.as_view(), name="plan-detail"),
    path("plans/<slug:slug>/items/", api.PlanItemListApi.as_view(), name="plan-item-list"),
    path(
        "plans/<slug:slug>/items/<int:pk>/",
        api.PlanItemUpdateApi.as_view(),
        name="plan-item-update",
    ),
    path(
        "plans/<slug:slug>/steps/<int:pk>/",
        api.PlanStepUpdateApi.as_view(),
        name="plan-step-update",
    ),
]
