"""Reads about one user, shared by the HTML views, the API authentication and the export."""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.usersessions.models import UserSession
from django.db.models import Exists, OuterRef, QuerySet

from .models import ApiToken, User


def email_is_taken(*, email: str) -> bool:
    """Whether `email` belongs to an account: some user's login, or a confirmed address.

    An address that someone added to their account but never confirmed is not theirs;
    it must not stop the address's real owner from signing up.
    """
    return (
        User.objects.filter(email__iexact=email).exists()
        or EmailAddress.objects.filter(email__iexact=email, verified=True).exists()
    )


def api_token_list(*, user: User) -> QuerySet[ApiToken]:
    """The user's tokens, newest first, expired ones included so they can be removed.

    Each carries `made_before_two_factor`: true when the user's authenticator app is
    newer than the token (see `api_tokens_before_two_factor`).
    """
    return (
        ApiToken.objects.filter(user=user)
        .annotate(made_before_two_factor=Exists(_totp_newer_than_token(user)))
        .order_by("-created_at", "-pk")
    )


def _totp_newer_than_token(user: User) -> QuerySet[Authenticator]:
    return Authenticator.objects.filter(
        user=user, type=Authenticator.Type.TOTP, created_at__gt=OuterRef("created_at")
    )


def api_tokens_before_two_factor(*, user: User) -> int:
    """How many of the user's tokens are older than their authenticator app (0 without one).

    Such a token was made when the password alone opened the account, so the profile
    offers to revoke them once two-factor authentication is on.
    """
    return ApiToken.objects.filter(user=user).filter(Exists(_totp_newer_than_token(user))).count()


def api_token_for_key(*, key: str) -> ApiToken | None:
    """The unexpired token of an active user matching `key`, or None. One query."""
    if not key.startswith(ApiToken.KEY_PREFIX) or len(key) > 100:
        return None
    return (
        ApiToken.objects.active()
        .select_related("user")
        .filter(key_hash=ApiToken.hash_key(key), user__is_active=True)
        .first()
    )


# Export sections. Each returns only JSON-able data and never a secret: no password
# hash, no token hash, no TOTP secret, no recovery codes.


def account_for_export(user: User) -> dict:
    return {
        "email": user.email,
        "display_name": user.display_name,
        "date_joined": user.date_joined,
        "last_login": user.last_login,
    }


def email_addresses_for_export(user: User) -> list[dict]:
    addresses = EmailAddress.objects.filter(user=user).order_by("-primary", "email")
    return [{"email": a.email, "primary": a.primary, "verified": a.verified} for a in addresses]


def two_factor_for_export(user: User) -> list[dict]:
    authenticators = Authenticator.objects.filter(user=user).order_by("created_at")
    return [
        {"type": a.type, "created_at": a.created_at, "last_used_at": a.last_used_at}
        for a in authenticators
    ]


def api_tokens_for_export(user: User) -> list[dict]:
    return [
        {
            "name": t.name,
            "prefix": t.prefix,
            "created_at": t.created_at,
            "last_used_at": t.last_used_at,
            "expires_at": t.expires_at,
        }
        for t in api_token_list(user=user)
    ]


def sessions_for_export(user: User) -> list[dict]:
    sessions = UserSession.objects.filter(user=user).order_by("created_at")
    return [
        {
            "ip": s.ip,
            "user_agent": s.user_agent,
            "created_at": s.created_at,
            "last_seen_at": s.last_seen_at,
        }
        for s in sessions
    ]
