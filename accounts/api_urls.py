"""The accounts' API routes, included by api/urls.py under /api/v1/ (namespace `api`)."""

from django.urls import path

from . import api

urlpatterns = [
    path("me/", api.MeApi.as_view(), name="me"),
    path("auth/token/", api.TokenCreateApi.as_view(), name="auth-token"),
]
