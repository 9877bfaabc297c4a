"""Site-wide response headers, for every page and the API alike (see MIDDLEWARE).

- ``PermissionsPolicyMiddleware`` switches off browser features no page here uses
  (camera, microphone, geolocation, payment ...), from ``settings.PERMISSIONS_POLICY``.
- ``PrivateResponsesMiddleware`` keeps personal answers out of every shared and local
  cache: anything answered to a signed-in user, to a request carrying credentials
  (``Authorization``, the API's tokens) or to a visitor whose session holds data of
  theirs (assessment results) is ``Cache-Control: private, no-store``.
- ``InvalidFormStatusMiddleware`` gives a refused form the status our own views give it
  (400) on the pages we do not write ourselves: allauth's sign-in, sign-up, password,
  email and MFA views re-render an invalid form with 200.
"""

from django import forms
from django.conf import settings
from django.utils.cache import add_never_cache_headers, patch_vary_headers


class PermissionsPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.header = ", ".join(
            f"{feature}=({' '.join(allow)})"
            for feature, allow in settings.PERMISSIONS_POLICY.items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        if self.header:
            response.headers.setdefault("Permissions-Policy", self.header)
        return response


class PrivateResponsesMiddleware:
    """Place after AuthenticationMiddleware: it reads ``request.user`` and the session."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if self._is_personal(request):
            add_never_cache_headers(response)
            patch_vary_headers(response, ["Cookie"])
        return response

    @staticmethod
    def _is_personal(request) -> bool:
        if "HTTP_AUTHORIZATION" in request.META:
            return True
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return True
        session = getattr(request, "session", None)
        # Only look at a session the request already loaded: never load one just to ask.
        return bool(session is not None and session.accessed and not session.is_empty())


class InvalidFormStatusMiddleware:
    """A POST answered with a page whose form has errors is a 400, on every page.

    Only a ``TemplateResponse`` still carrying its context is looked at, before it is
    rendered; our own views already answer 400 and are left alone (see
    docs/architecture.md, "the status of an invalid form").
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_template_response(self, request, response):
        if request.method == "POST" and response.status_code == 200:
            context = response.context_data or {}
            if any(
                isinstance(value, forms.BaseForm) and value.is_bound and value.errors
                for value in context.values()
            ):
                response.status_code = 400
        return response
