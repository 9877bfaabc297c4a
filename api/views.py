"""The API's own addresses: the index at /api/v1/, the Swagger UI docs page, and the JSON
404 for every address under /api/v1/ that nothing serves. The endpoints for data live
with their apps (`<app>/api.py`)."""

from django.urls import Resolver404, resolve, reverse
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from drf_spectacular.views import SpectacularSwaggerSplitView
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from .errors import error_response

INDEX_DESCRIPTION = (
    "Career Guide API, version 1: the published career guides for anyone, and a "
    "signed-in user's own results, plans and profile (a personal token or a browser "
    "session). `links` leads to the OpenAPI schema, its docs page and each collection."
)


class IndexOutputSerializer(serializers.Serializer):
    description = serializers.CharField(help_text="What this API offers, in a few words.")
    links = serializers.DictField(
        child=serializers.URLField(),
        help_text=(
            "Absolute addresses by name: `schema`, `docs`, and the collections "
            "`careers`, `results` and `me`."
        ),
    )


class ApiIndexView(APIView):
    """GET /api/v1/: where to go from the root. Public; read-only (other methods are a
    JSON 405). `links` maps a name to a route name of the `api` namespace; api/urls.py
    gives it, so this view knows no app."""

    permission_classes = [AllowAny]
    links: dict[str, str] = {}

    @extend_schema(
        operation_id="index_retrieve",
        tags=["index"],
        summary="Where to start",
        description=(
            "A short description of the API and the absolute addresses of the schema, the "
            "docs page and each collection. Anyone may read it; a wrong token is still a 401."
        ),
        responses={
            200: OpenApiResponse(
                IndexOutputSerializer,
                "The index.",
                examples=[
                    OpenApiExample(
                        "Index",
                        {
                            "description": INDEX_DESCRIPTION,
                            "links": {
                                name: f"https://careers.example.org/api/v1/{path}"
                                for name, path in [
                                    ("schema", "schema/"),
                                    ("docs", "docs/"),
                                    ("careers", "careers/"),
                                    ("results", "results/"),
                                    ("me", "me/"),
                                ]
                            },
                        },
                    )
                ],
            )
        },
    )
    def get(self, request):
        links = {
            name: request.build_absolute_uri(reverse(route)) for name, route in self.links.items()
        }
        return Response(
            IndexOutputSerializer({"description": INDEX_DESCRIPTION, "links": links}).data
        )


class ApiDocsView(SpectacularSwaggerSplitView):
    """Swagger UI whose start-up script is a file of its own (`?script`), so the page runs
    no inline script under the site's Content-Security-Policy. It is a page to read:
    GET and HEAD only; any other method is a JSON 405."""

    http_method_names = ["get", "head"]
    template_name = "api/swagger_ui.html"


@csrf_exempt  # a 404 for every method; the CSRF check would turn unsafe ones into a 403
def not_found(request, unmatched: str = ""):
    """Any address under /api/v1/ that no endpoint serves; hints at a missing slash."""
    detail = ""
    if not request.path_info.endswith("/"):
        try:
            match = resolve(request.path_info + "/")
        except Resolver404:
            match = None
        if match is not None and match.view_name != "api:not-found":
            detail = f"There is nothing at this address. Did you mean {request.path}/ ?"
    return error_response(404, detail)
