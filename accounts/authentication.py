"""DRF authentication with a personal API token: ``Authorization: Token <key>``."""

from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header

from . import selectors, services


class ApiTokenAuthentication(BaseAuthentication):
    """Look the key up by its SHA-256 hash; refuse unknown, expired and revoked keys.

    Returns None (so other authenticators may try) when the header does not use the
    ``Token`` keyword; raises 401 when it does but the key is wrong.
    """

    keyword = "Token"

    def authenticate(self, request):
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() != self.keyword.lower().encode():
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(
                _("Send the header as “Authorization: Token <key>”, with one space.")
            )
        try:
            key = parts[1].decode("ascii")
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed(_("That token is not valid.")) from None
        token = selectors.api_token_for_key(key=key)
        if token is None:
            raise exceptions.AuthenticationFailed(
                _("That token is not valid: it may be mistyped, expired or revoked.")
            )
        services.api_token_mark_used(token=token)
        return token.user, token

    def authenticate_header(self, request):
        return self.keyword
