"""Personal API tokens: created and shown once, hashed at rest, revocable, and accepted by
the DRF authentication class the API uses."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.test import APIRequestFactory
from rest_framework.views import APIView, exception_handler

from accounts import services
from accounts.authentication import ApiTokenAuthentication
from accounts.models import ApiToken

pytestmark = pytest.mark.django_db

CREATE = reverse("accounts:token-create")


class WhoAmI(APIView):
    """The smallest API view that needs a signed-in user."""

    authentication_classes = [ApiTokenAuthentication]
    permission_classes = [IsAuthenticated]
    throttle_classes = []

    def get_exception_handler(self):
        return exception_handler  # DRF's own, whatever the project configures

    def get(self, request):
        return Response({"email": request.user.email, "token": request.auth.name})


def call_api(header=None):
    extra = {"HTTP_AUTHORIZATION": header} if header is not None else {}
    request = APIRequestFactory().get("/api/v1/me/", **extra)
    return WhoAmI.as_view()(request)


def make_token(user, *, name="script", lifetime=timedelta(days=90)):
    return services.api_token_create(user=user, name=name, lifetime=lifetime)


def create_in_browser(client, name="laptop script", lifetime="90"):
    return client.post(CREATE, {"token-name": name, "token-lifetime": lifetime})


def test_create_shows_the_key_once_and_stores_only_its_hash(client, owner):
    client.force_login(owner)

    response = create_in_browser(client)

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    key = response.context["key"]
    assert key.startswith("cg_") and len(key) > 40
    assert key in response.content.decode()
    token = ApiToken.objects.get(user=owner)
    assert token.name == "laptop script"
    assert token.key_hash == ApiToken.hash_key(key) and key not in token.key_hash
    assert token.prefix == key[:11]
    assert timedelta(days=89) < token.expires_at - timezone.now() <= timedelta(days=90)
    # Afterwards only the prefix is ever shown.
    page = client.get(reverse("accounts:profile")).content.decode()
    assert token.prefix in page and key not in page


def test_key_opens_the_api(owner):
    _, key = make_token(owner)

    response = call_api(f"Token {key}")

    assert response.status_code == 200
    assert response.data == {"email": "owner@example.com", "token": "script"}
    token = ApiToken.objects.get(user=owner)
    assert token.last_used_at is not None


def test_last_used_is_written_at_most_once_a_minute(owner, django_assert_num_queries):
    _, key = make_token(owner)
    call_api(f"Token {key}")
    with django_assert_num_queries(1):  # the lookup by hash, no UPDATE
        assert call_api(f"Token {key}").status_code == 200


@pytest.mark.parametrize(
    "header",
    [
        "Token cg_not-a-real-key",
        "Token ",
        "Token one two",
        "token cg_" + "x" * 500,
        "Token \u00e9t\u00e9",
    ],
)
def test_bad_keys_get_401(owner, header):
    make_token(owner)
    response = call_api(header)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


def test_other_schemes_are_left_to_other_authenticators(owner):
    """Not our keyword: the request is simply anonymous, not "invalid token"."""
    for response in (call_api("Bearer something"), call_api()):
        assert response.status_code == 401
        assert "credentials were not provided" in str(response.data["detail"])
    assert "not valid" in str(call_api("Token cg_wrong").data["detail"])


def test_revoked_key_stops_working(client, owner):
    token, key = make_token(owner)
    client.force_login(owner)

    response = client.post(reverse("accounts:token-revoke", args=[token.pk]))

    assert response.status_code == 302
    assert not ApiToken.objects.filter(pk=token.pk).exists()
    assert call_api(f"Token {key}").status_code == 401


def test_expired_key_stops_working(owner):
    token, key = make_token(owner, lifetime=timedelta(days=30))
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert call_api(f"Token {key}").status_code == 401


def test_a_key_lives_at_most_a_year(owner):
    token, key = make_token(owner, lifetime=timedelta(days=365))
    assert call_api(f"Token {key}").status_code == 200
    with pytest.raises(ValidationError):
        make_token(owner, name="longer", lifetime=timedelta(days=366))
    assert list(ApiToken.objects.all()) == [token]


def test_key_of_a_deactivated_user_stops_working(owner):
    _, key = make_token(owner)
    owner.is_active = False
    owner.save()
    assert call_api(f"Token {key}").status_code == 401


def test_outsider_cannot_revoke_someone_elses_token(client, owner, outsider):
    token, _ = make_token(owner)
    client.force_login(outsider)

    response = client.post(reverse("accounts:token-revoke", args=[token.pk]))

    assert response.status_code == 404
    assert ApiToken.objects.filter(pk=token.pk).exists()


def test_revoke_needs_post(client, owner):
    token, _ = make_token(owner)
    client.force_login(owner)
    assert client.get(reverse("accounts:token-revoke", args=[token.pk])).status_code == 405
    assert ApiToken.objects.filter(pk=token.pk).exists()


def test_duplicate_and_empty_names_are_form_errors(client, owner):
    make_token(owner, name="Laptop Script")
    client.force_login(owner)

    duplicate = create_in_browser(client, name="laptop   script")
    empty = create_in_browser(client, name="   ")

    assert "already have a token with this name" in str(
        duplicate.context["token_form"].errors["name"]
    )
    assert "name" in empty.context["token_form"].errors
    assert ApiToken.objects.filter(user=owner).count() == 1


def test_unknown_lifetime_is_a_form_error(client, owner):
    client.force_login(owner)
    response = create_in_browser(client, lifetime="forever-and-ever")
    assert "lifetime" in response.context["token_form"].errors
    assert not ApiToken.objects.exists()


def test_an_account_holds_at_most_ten_tokens(client, owner):
    for n in range(services.MAX_API_TOKENS):
        make_token(owner, name=f"token {n}")
    client.force_login(owner)

    response = create_in_browser(client, name="one too many")

    assert response.status_code == 400
    assert "the most an account can hold" in response.content.decode()
    assert ApiToken.objects.filter(user=owner).count() == services.MAX_API_TOKENS


def test_keys_are_unique_and_random(owner):
    keys = {make_token(owner, name=f"t{n}")[1] for n in range(5)}
    assert len(keys) == 5
