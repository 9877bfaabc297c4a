"""Errors under /api/ that no API view answered, in the API's JSON body (see MIDDLEWARE)."""

from .errors import error_response

API_PATH_PREFIX = "/api/"


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
