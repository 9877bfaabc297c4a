"""The REST API, mounted at /api/v1/ by careerguide/urls.py. See docs/api.md.

Each app routes its own endpoints in `<app>/api_urls.py`; they are included here by
dotted path, without a namespace of their own, so every route is `api:<name>`. The
index links to collections by route name. Neither is a Python import: this package
imports no app.
"""

from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView

from . import views

app_name = "api"

APP_ROUTES = ["guide.api_urls", "assessments.api_urls", "accounts.api_urls"]

INDEX_LINKS = {
    "schema": "api:schema",
    "docs": "api:docs",
    "careers": "api:career-list",
    "results": "api:result-list",
    "me": "api:me",
}

urlpatterns = [
    path("", views.ApiIndexView.as_view(links=INDEX_LINKS), name="index"),
    *[path("", include(module)) for module in APP_ROUTES],
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", views.ApiDocsView.as_view(url_name="api:schema"), name="docs"),
    # Last: any other address under /api/v1/ is a JSON 404 (with a hint for a missing slash).
    re_path(r"^(?P<unmatched>.*)$", views.not_found, name="not-found"),
]
