"""The guide's API routes, included by api/urls.py under /api/v1/ (namespace `api`)."""

from django.urls import path

from . import api

urlpatterns = [
    path("careers/", api.CareerListApi.as_view(), name="career-list"),
    path("careers/<slug:slug>/", api.CareerDetailApi.as_view(), name="career-detail"),
]
