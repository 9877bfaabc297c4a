"""REST API for one's own account: the profile (`me`) and exchanging a password for a token.

The writes go through `accounts.services` (the same as the profile page). The goal's
fields of `me` come from the registered profile sections (`accounts.profile_sections`), so
accounts needs no other app. The token exchange signs in the way the web site does,
through allauth's adapter, so it shares the site's per-account limit on failed attempts.
"""

import copy
from functools import partial

from allauth.account import app_settings as allauth_settings
from allauth.account.adapter import get_adapter
from allauth.account.utils import has_verified_email
from allauth.mfa.utils import is_mfa_enabled
from django import forms
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import ensure_csrf_cookie
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from api.errors import ErrorSerializer
from api.fields import (
    StrictCharField,
    StrictChoiceField,
    StrictEmailField,
)
from api.throttles import ScopedRateThrottle

from . import profile_sections, services
from .authentication import ApiTokenAuthentication
from .forms import TOKEN_LIFETIMES
from .models import ApiToken, User

# --- Output serializers ---------------------------------------------------------------------


def _with_sections(fields: dict, part: str) -> dict:
    """`fields` followed by the fields the registered profile sections declare in `part`."""
    for section in profile_sections.sections():
        fields.update(copy.deepcopy(getattr(section, part)._declared_fields))
    return fields


# The account's fields, then each profile section's (the goal, contributed by assessments). A
# comment, not a docstring: drf-spectacular would publish a docstring in the schema.
class MeOutputSerializer(serializers.Serializer):
    email = serializers.EmailField(source="user.email")
    display_name = serializers.CharField(source="user.display_name")
    date_joined = serializers.DateTimeField(source="user.date_joined")

    def get_fields(self):
        return _with_sections(super().get_fields(), "api_output")


class TokenOutputSerializer(serializers.Serializer):
    token = serializers.CharField(help_text="The key. It is shown this once; keep it secret.")
    name = serializers.CharField()
    prefix = serializers.CharField(help_text="The start of the key, shown on the profile page.")
    created_at = serializers.DateTimeField()
    expires_at = serializers.DateTimeField()


# --- Input serializers ----------------------------------------------------------------------


class MeUpdateInputSerializer(serializers.Serializer):
    display_name = StrictCharField(
        max_length=User._meta.get_field("display_name").max_length,
        allow_blank=True,
        required=False,
        help_text="The name shown on the site; empty for none.",
    )

    def get_fields(self):
        return _with_sections(super().get_fields(), "api_input")


class TokenCreateInputSerializer(serializers.Serializer):
    email = StrictEmailField(max_length=254)
    password = StrictCharField(max_length=1024, trim_whitespace=False)
    name = StrictCharField(
        max_length=ApiToken._meta.get_field("name").max_length,
        required=False,
        help_text="What will use the token, e.g. “progress script”. Default: a dated name.",
    )
    lifetime = StrictChoiceField(
        choices=[(value, label) for value, (label, _) in TOKEN_LIFETIMES.items()],
        default="90",
        help_text="Days until it stops working: 30, 90 or 365. Default 90.",
    )


# --- Views ----------------------------------------------------------------------------------

_ME_EXAMPLE = {
    "email": "ann@example.org",
    "display_name": "Ann",
    "date_joined": "2025-10-01T08:00:00Z",
    "target_career": {"slug": "amazon-engineer", "title": "Amazon Engineer"},
    "target_level": {"id": 12, "title": "SDE II", "years_label": "2–5 years"},
    "years_of_experience": 3,
}


def _me(user) -> dict:
    me = {"user": user}
    for section in profile_sections.sections():
        me.update(section.api_read(user=user))
    return me


@method_decorator(ensure_csrf_cookie, name="get")
@method_decorator(never_cache, name="dispatch")
class MeApi(APIView):
    @extend_schema(
        operation_id="me_retrieve",
        tags=["me"],
        summary="Your profile",
        description=(
            "The signed-in user's account and goal: target career and level, years of "
            "experience. For browser clients it also sets the `csrftoken` cookie that "
            "session writes must echo in the `X-CSRFToken` header."
        ),
        responses=MeOutputSerializer,
        examples=[OpenApiExample("Profile", _ME_EXAMPLE, response_only=True)],
    )
    def get(self, request):
        return Response(MeOutputSerializer(_me(request.user)).data)

    @extend_schema(
        operation_id="me_partial_update",
        tags=["me"],
        summary="Change your profile",
        description=(
            "Send only what changes. A level must belong to the target career; sending a "
            "level alone sets the career to its career, and a new career drops a level "
            "of another career."
        ),
        request=MeUpdateInputSerializer,
        responses=MeOutputSerializer,
        examples=[
            OpenApiExample(
                "Set a goal",
                {"target_career": "amazon-engineer", "target_level": 12, "years_of_experience": 3},
                request_only=True,
            ),
            OpenApiExample("Profile", _ME_EXAMPLE, response_only=True),
        ],
    )
    def patch(self, request):
        payload = MeUpdateInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        section_saves = []
        for section in profile_sections.sections():
            sent = {k: v for k, v in data.items() if k in section.api_input._declared_fields}
            if sent:
                section_saves.append(partial(section.api_update, user=request.user, data=sent))
        services.profile_update(
            user=request.user,
            display_name=data.get("display_name", request.user.display_name),
            section_saves=section_saves,
        )
        return Response(MeOutputSerializer(_me(request.user)).data)


@method_decorator(never_cache, name="dispatch")
class TokenCreateApi(APIView):
    authentication_classes = []
    permission_classes = [AllowAny]
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "auth-token"

    @extend_schema(
        operation_id="auth_token_create",
        tags=["auth"],
        summary="Exchange email and password for a token",
        description=(
            "Signs in as the web site does and answers a new personal API token (201). The "
            "key is shown only in this response; send it as `Authorization: Token <key>`. "
            "It is listed, and can be revoked, on the profile page. Rate limited per IP "
            "address (`API_THROTTLE_AUTH_TOKEN`), and failed attempts count against the "
            "same per-account limit as the sign-in page. Accounts with two-factor "
            "authentication cannot use it (403): make a token on the profile page."
        ),
        request=TokenCreateInputSerializer,
        responses={
            201: TokenOutputSerializer,
            403: OpenApiResponse(
                ErrorSerializer,
                "The account is switched off, uses two-factor authentication, or its email "
                "address is not confirmed yet.",
            ),
        },
        examples=[
            OpenApiExample(
                "Credentials",
                {"email": "ann@example.org", "password": "…", "name": "progress script"},
                request_only=True,
            ),
            OpenApiExample(
                "Token",
                {
                    "token": "cg_Zq3…",
                    "name": "progress script",
                    "prefix": "cg_Zq3x9Kp2",
                    "created_at": "2025-11-24T10:00:00Z",
                    "expires_at": "2026-02-22T10:00:00Z",
                },
                response_only=True,
                status_codes=["201"],
            ),
        ],
    )
    def post(self, request):
        payload = TokenCreateInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        try:
            user = get_adapter(request._request).authenticate(
                request._request, email=data["email"].lower(), password=data["password"]
            )
        except forms.ValidationError as error:  # allauth's per-account limit on failures
            raise exceptions.Throttled(detail=error.messages[0]) from None
        if user is None:
            raise serializers.ValidationError(
                {"non_field_errors": ["That email and password do not match an account."]}
            )
        if not user.is_active:  # allauth hands these back so the site can say why
            raise exceptions.PermissionDenied(
                "This account has been switched off. Contact us if that is a mistake."
            )
        if is_mfa_enabled(user):
            raise exceptions.PermissionDenied(
                "This account uses two-factor authentication, which a password alone cannot "
                "pass. Create a token on your profile page instead."
            )
        mandatory = allauth_settings.EmailVerificationMethod.MANDATORY
        if mandatory == allauth_settings.EMAIL_VERIFICATION and not has_verified_email(user):
            raise exceptions.PermissionDenied("Confirm your email address first.")
        name = data.get("name") or (
            f"API sign-in {timezone.now():%Y-%m-%d %H:%M} {get_random_string(4).lower()}"
        )
        token, key = services.api_token_create(
            user=user, name=name, lifetime=TOKEN_LIFETIMES[data["lifetime"]][1]
        )
        output = TokenOutputSerializer(
            {
                "token": key,
                "name": token.name,
                "prefix": token.prefix,
                "created_at": token.created_at,
                "expires_at": token.expires_at,
            }
        )
        return Response(output.data, status=status.HTTP_201_CREATED)


# --- OpenAPI ----------------------------------------------------------------------------------


class ApiTokenScheme(OpenApiAuthenticationExtension):
    """How the schema describes `Authorization: Token <key>`; registered on import, which
    the URL configuration does before any schema is generated."""

    target_class = ApiTokenAuthentication
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": (
                "A personal token from the profile page or `POST /api/v1/auth/token/`, "
                "sent as `Authorization: Token <key>`."
            ),
        }
