"""API-wide plumbing for /api/v1/, referenced from settings.REST_FRAMEWORK and MIDDLEWARE.

The endpoints themselves live with the app whose data they serve (guide/api.py,
assessments/api.py, accounts/api.py) and are routed in careerguide/api_urls.py. What is
here is shared configuration: one JSON error body for every failure, the JSON parser,
pagination, throttles whose rates follow the settings and strict JSON fields. The OpenAPI
details are in api_schema.py. DRF imports this module while it defines its own views, so
it must not import rest_framework.views or drf_spectacular.openapi at the top.
"""

import re

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import (
    RequestDataTooBig,
    SuspiciousOperation,
    TooManyFieldsSent,
    TooManyFilesSent,
)
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, JsonResponse
from django.urls import Resolver404, resolve
from django.views.decorators.csrf import csrf_exempt
from rest_framework import exceptions, pagination, parsers, serializers, status, throttling
from rest_framework.fields import get_error_detail
from rest_framework.settings import api_settings

API_PATH_PREFIX = "/api/"

# --- Errors -------------------------------------------------------------------------------


class ErrorSerializer(serializers.Serializer):
    """The body of every error the API answers, whatever went wrong."""

    detail = serializers.CharField(help_text="What went wrong, in a sentence for people.")
    code = serializers.CharField(
        help_text=(
            "A stable code for programs: `invalid`, `parse_error`, `not_authenticated`, "
            "`authentication_failed`, `permission_denied`, `not_found`, `method_not_allowed`, "
            "`unsupported_media_type`, `request_too_large`, `throttled` …"
        )
    )
    errors = serializers.DictField(
        required=False,
        help_text=(
            "Only with `invalid` (400): each field's messages, nested like the request for "
            "lists and objects; `non_field_errors` holds those about the request as a whole."
        ),
    )


class RequestTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = "The request body is larger than this API accepts."
    default_code = "request_too_large"


INVALID_DETAIL = "The request has invalid fields; `errors` says what to fix in each."


def _error_body(exc: exceptions.APIException, data) -> dict:
    if isinstance(exc, exceptions.ValidationError):
        if not isinstance(data, dict):
            data = {api_settings.NON_FIELD_ERRORS_KEY: data}
        return {"detail": INVALID_DETAIL, "code": "invalid", "errors": data}
    codes = exc.get_codes()
    return {"detail": str(exc.detail), "code": codes if isinstance(codes, str) else "error"}


def exception_handler(exc, context):
    """DRF's handler, with Django's own refusals mapped too and one body for all errors.

    A 500 is still a 500: anything not recognised here is re-raised, logged by Django and
    answered in JSON by `JsonErrorsMiddleware`.
    """
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(*exc.args)
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(*exc.args)
    elif isinstance(exc, RequestDataTooBig):
        exc = RequestTooLarge()
    elif isinstance(exc, TooManyFieldsSent | TooManyFilesSent):
        exc = exceptions.ParseError("The request has too many fields.")
    elif isinstance(exc, SuspiciousOperation):
        exc = exceptions.ParseError("The request was refused as malformed.")
    elif isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(
            get_error_detail(exc)
            if hasattr(exc, "error_dict")
            else {"non_field_errors": exc.messages}
        )
    # Imported here: rest_framework.views imports this module (see the docstring).
    from rest_framework.views import exception_handler as drf_exception_handler

    response = drf_exception_handler(exc, context)
    if response is not None:
        response.data = _error_body(exc, response.data)
    return response


_STATUS_CODES = {
    400: ("The request was malformed.", "bad_request"),
    401: ("Authentication credentials were not provided.", "not_authenticated"),
    403: ("You do not have permission to perform this action.", "permission_denied"),
    404: ("There is nothing at this address in the API.", "not_found"),
    405: ("This address does not accept that method.", "method_not_allowed"),
    413: ("The request body is larger than this API accepts.", "request_too_large"),
    429: ("Too many requests. Wait a little and try again.", "throttled"),
}


def error_response(status_code: int, detail: str = "") -> JsonResponse:
    default_detail, code = _STATUS_CODES.get(
        status_code, ("The server could not answer this request.", "error")
    )
    if status_code == 500:
        default_detail, code = "Something went wrong on our side; it has been logged.", "error"
    return JsonResponse({"detail": detail or default_detail, "code": code}, status=status_code)


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


class JsonErrorsMiddleware:
    """Under /api/, errors that happen outside the API's views (an address under /api/ that
    the API does not know, a request Django refuses before routing, a crash) are answered
    with the same JSON body as every other API error, never an HTML page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            request.path_info.startswith(API_PATH_PREFIX)
            and response.status_code >= 400
            and not response.get("Content-Type", "").startswith("application/json")
        ):
            return error_response(response.status_code)
        return response


# --- Parsing, strict JSON fields and pagination ---------------------------------------------


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser; a document nested deeper than Python's decoder goes is a 400."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise exceptions.ParseError(
                "JSON parse error - the document is nested too deeply."
            ) from None


_JSON_TYPE_NAMES = {
    bool: "true or false",
    int: "a number",
    float: "a number",
    str: "a string",
    list: "a list",
    dict: "an object",
}


class _StrictJSONType:
    """Refuse a JSON value of the wrong type instead of coercing it: DRF would take
    `"3"` for 3, `3` for "3" and `123` for a UUID; this API says it is the wrong type."""

    json_type: type = str

    def to_internal_value(self, data):
        if type(data) is not self.json_type:
            wanted = _JSON_TYPE_NAMES[self.json_type]
            got = "null" if data is None else _JSON_TYPE_NAMES.get(type(data), "another type")
            raise serializers.ValidationError(f"Must be {wanted}, not {got}.", code="invalid")
        return super().to_internal_value(data)


class StrictCharField(_StrictJSONType, serializers.CharField):
    pass


class StrictSlugField(_StrictJSONType, serializers.SlugField):
    pass


class StrictEmailField(_StrictJSONType, serializers.EmailField):
    pass


class StrictUUIDField(_StrictJSONType, serializers.UUIDField):
    pass


class StrictIntegerField(_StrictJSONType, serializers.IntegerField):
    """A whole JSON number (not a string, float or boolean), by default from 1 to the
    largest id a database column holds, so an absurd id is a 400, never a database error."""

    json_type = int

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", 2**63 - 1)
        super().__init__(**kwargs)


class StrictChoiceField(_StrictJSONType, serializers.ChoiceField):
    pass


_WHOLE_NUMBER = re.compile(r"[0-9]{1,9}")


class PageNumberPagination(pagination.PageNumberPagination):
    """`?page=` and `?page_size=` (1–100). A malformed number is a 400; a page past the
    end is a 404."""

    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100

    def _whole_number(self, request, name: str, default: int, maximum: int | None) -> int:
        raw = request.query_params.get(name)
        if raw is None:
            return default
        if not _WHOLE_NUMBER.fullmatch(raw) or int(raw) < 1 or (maximum and int(raw) > maximum):
            limit = f" to {maximum}" if maximum else " or more"
            raise exceptions.ValidationError({name: [f"Give a whole number from 1{limit}."]})
        return int(raw)

    def get_page_number(self, request, paginator):
        return self._whole_number(request, self.page_query_param, 1, None)

    def get_page_size(self, request):
        return self._whole_number(
            request, self.page_size_query_param, self.page_size, self.max_page_size
        )

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"]["minimum"] = 1
            parameter["schema"]["maximum"] = 999_999_999
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"]["maximum"] = self.max_page_size
                parameter["description"] = (
                    f"Results per page, 1 to {self.max_page_size} (default {self.page_size})."
                )
        return parameters

    def get_paginated_response_schema(self, schema):
        paginated = super().get_paginated_response_schema(schema)
        paginated["properties"]["count"].update(minimum=0, example=42)
        paginated["properties"]["next"]["example"] = (
            "https://careers.example.org/api/v1/careers/?page=3"
        )
        paginated["properties"]["previous"]["example"] = (
            "https://careers.example.org/api/v1/careers/?page=1"
        )
        return paginated


# --- Throttles ------------------------------------------------------------------------------
# DRF copies the rates into each throttle class when it is first imported; these read them
# from the settings on every request instead, so a changed setting (or a test) takes effect.


class _RatesFromSettings:
    @property
    def THROTTLE_RATES(self):  # noqa: N802 - the name DRF looks up
        return api_settings.DEFAULT_THROTTLE_RATES


class AnonRateThrottle(_RatesFromSettings, throttling.AnonRateThrottle):
    """Visitors without credentials, per client IP address: rate `anon`."""


class UserRateThrottle(_RatesFromSettings, throttling.UserRateThrottle):
    """Signed-in users (session or token), per user: rate `user`."""


class ScopedRateThrottle(_RatesFromSettings, throttling.ScopedRateThrottle):
    """Views with a `throttle_scope`, such as the token exchange: rate of that scope."""
