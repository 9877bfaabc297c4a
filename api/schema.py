"""OpenAPI details for /api/v1/schema/ (`DEFAULT_SCHEMA_CLASS`): the error responses every
operation can give, so clients (and the schema fuzzer in tests/api) expect them all.

An app describes its own authentication in the schema (accounts/api.py: the token scheme).
"""

from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from drf_spectacular.utils import OpenApiExample, OpenApiResponse

from .errors import INVALID_DETAIL, ErrorSerializer


def _error(detail: str, code: str, **extra) -> dict:
    return {"detail": detail, "code": code, **extra}


_ERROR_RESPONSES = {
    "400": OpenApiResponse(
        ErrorSerializer,
        "Bad input: malformed JSON, or fields that are missing, of the wrong type or out of "
        "range (`errors` says which).",
        examples=[
            OpenApiExample(
                "Invalid field",
                _error(INVALID_DETAIL, "invalid", errors={"level": ["Pick one of its levels."]}),
            ),
            OpenApiExample(
                "Malformed JSON",
                _error(
                    "JSON parse error - Expecting value: line 1 column 1 (char 0)", "parse_error"
                ),
            ),
        ],
    ),
    "401": OpenApiResponse(
        ErrorSerializer,
        "No credentials, or a token that is wrong, expired or revoked.",
        examples=[
            OpenApiExample(
                "No credentials",
                _error("Authentication credentials were not provided.", "not_authenticated"),
            )
        ],
    ),
    "403": OpenApiResponse(
        ErrorSerializer,
        "Refused: for a session, a missing or wrong CSRF token on a write.",
        examples=[
            OpenApiExample(
                "CSRF",
                _error("CSRF Failed: CSRF token missing.", "permission_denied"),
            )
        ],
    ),
    "404": OpenApiResponse(
        ErrorSerializer,
        "Nothing there, or it belongs to someone else.",
        examples=[OpenApiExample("Not found", _error("No such result.", "not_found"))],
    ),
    "413": OpenApiResponse(
        ErrorSerializer,
        "The body is larger than the server accepts (2.5 MB by default).",
        examples=[
            OpenApiExample(
                "Too large",
                _error("The request body is larger than this API accepts.", "request_too_large"),
            )
        ],
    ),
    "415": OpenApiResponse(
        ErrorSerializer,
        "The body is not `application/json`.",
        examples=[
            OpenApiExample(
                "Form body",
                _error('Unsupported media type "text/plain" in request.', "unsupported_media_type"),
            )
        ],
    ),
    "429": OpenApiResponse(
        ErrorSerializer,
        "Too many requests; the `Retry-After` header says how many seconds to wait.",
        examples=[
            OpenApiExample(
                "Throttled",
                _error("Request was throttled. Expected available in 42 seconds.", "throttled"),
            )
        ],
    ),
}


class AutoSchema(SpectacularAutoSchema):
    """drf-spectacular's schema, plus the error responses each operation can really give,
    so clients (and the schema fuzzer in tests/api) know every status to expect."""

    def _error_codes(self) -> list[str]:
        view = self.view
        writes = self.method in ("POST", "PUT", "PATCH")
        has_query = any(p["in"] == "query" for p in self._get_parameters())
        codes = []
        if writes or has_query:
            codes.append("400")  # bad JSON or fields; malformed query parameters
        if view.get_authenticators():
            codes.append("401")  # no credentials where needed, or a wrong token anywhere
            if writes:
                codes.append("403")  # a session write without its CSRF token
        if "{" in self.path or self._is_list_view():
            codes.append("404")
        if writes:
            codes += ["413", "415"]
        if view.get_throttles():
            codes.append("429")
        return codes

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        for code in self._error_codes():
            if code not in responses:
                responses[code] = self._get_response_for_code(
                    _ERROR_RESPONSES[code], code, direction=direction
                )
        return dict(sorted(responses.items()))
