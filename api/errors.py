"""One JSON error body for every failure under /api/, and DRF's exception handler that
gives it (`settings.REST_FRAMEWORK["EXCEPTION_HANDLER"]`).

DRF imports the handler while it defines its own views, so this module must not import
rest_framework.views or drf_spectacular.openapi at the top.
"""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import (
    RequestDataTooBig,
    SuspiciousOperation,
    TooManyFieldsSent,
    TooManyFilesSent,
)
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, JsonResponse
from rest_framework import exceptions, serializers, status
from rest_framework.fields import get_error_detail
from rest_framework.settings import api_settings


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
