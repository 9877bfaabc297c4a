"""POST /api/v1/auth/token/: email and password in, a new personal token out."""

import pytest
from allauth.account.adapter import get_adapter
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.test import Client
from django.urls import reverse

from accounts.models import ApiToken
from tests.api.conftest import assert_json_error, post_json
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

EXCHANGE = reverse("api:auth-token")


def exchange(client, email="owner@example.com", password=PASSWORD, **extra):
    return post_json(client, EXCHANGE, {"email": email, "password": password, **extra})


def test_the_right_password_gets_a_working_token(client, owner):
    response = exchange(client, email="Owner@Example.com", name="progress script")

    assert response.status_code == 201
    assert "no-store" in response["Cache-Control"]
    body = response.json()
    token = ApiToken.objects.get(user=owner)
    assert body["name"] == token.name == "progress script"
    assert body["prefix"] == token.prefix == body["token"][:11]
    assert token.key_hash == ApiToken.hash_key(body["token"])  # only the hash is kept
    assert body["expires_at"] is not None  # 90 days by default
    me = Client(headers={"Authorization": f"Token {body['token']}"}).get(reverse("api:me"))
    assert me.json()["email"] == "owner@example.com"


def test_each_exchange_makes_a_new_token_with_a_dated_name(client, owner):
    first, second = exchange(client).json(), exchange(client, lifetime="365").json()

    assert first["token"] != second["token"]
    assert first["name"].startswith("API sign-in ") and first["name"] != second["name"]
    assert second["expires_at"] > first["expires_at"]
    assert ApiToken.objects.filter(user=owner).count() == 2


@pytest.mark.parametrize(
    ("email", "password"),
    [("owner@example.com", "wrong-password-1"), ("nobody@example.com", PASSWORD)],
)
def test_wrong_credentials_are_a_400_that_says_nothing_more(client, owner, email, password):
    body = assert_json_error(exchange(client, email, password), 400, "invalid")

    assert body["errors"] == {
        "non_field_errors": ["That email and password do not match an account."]
    }
    assert not ApiToken.objects.exists()


def test_a_switched_off_account_gets_no_token(client, owner):
    owner.is_active = False
    owner.save()

    body = assert_json_error(exchange(client), 403, "permission_denied")

    assert "switched off" in body["detail"]
    assert not ApiToken.objects.exists()


def test_an_account_with_two_factor_authentication_gets_no_token(client, owner):
    Authenticator.objects.create(user=owner, type="totp", data={"secret": "TOPSECRET"})

    body = assert_json_error(exchange(client), 403, "permission_denied")

    assert "two-factor" in body["detail"]
    assert not ApiToken.objects.exists()


def test_an_unconfirmed_address_gets_no_token_when_confirmation_is_mandatory(
    client, owner, settings
):
    settings.ACCOUNT_EMAIL_VERIFICATION = "mandatory"
    EmailAddress.objects.create(user=owner, email=owner.email, primary=True, verified=False)

    assert_json_error(exchange(client), 403, "permission_denied")
    EmailAddress.objects.update(verified=True)
    assert exchange(client).status_code == 201


@pytest.mark.parametrize(
    ("payload", "fields"),
    [
        ({}, {"email", "password"}),
        ({"email": "owner@example.com"}, {"password"}),
        ({"email": "not-an-email", "password": "x"}, {"email"}),
        ({"email": ["owner@example.com"], "password": PASSWORD}, {"email"}),
        ({"email": "owner@example.com", "password": 123}, {"password"}),
        ({"email": "owner@example.com", "password": "x" * 1025}, {"password"}),
        ({"email": "owner\x00@example.com", "password": PASSWORD}, {"email"}),
        ({"email": "owner@example.com", "password": PASSWORD, "lifetime": "forever"}, {"lifetime"}),
        ({"email": "owner@example.com", "password": PASSWORD, "name": "x" * 61}, {"name"}),
    ],
)
def test_bad_fields_are_a_400(client, owner, payload, fields):
    body = assert_json_error(post_json(client, EXCHANGE, payload), 400, "invalid")

    assert set(body["errors"]) == fields


def test_a_name_already_used_is_a_400(client, owner):
    exchange(client, name="laptop")

    body = assert_json_error(exchange(client, name="Laptop"), 400, "invalid")

    assert list(body["errors"]) == ["name"]


def test_the_exchange_ignores_a_session_and_needs_no_csrf_token(owner):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(owner)

    assert exchange(browser).status_code == 201


def test_the_exchange_has_its_own_strict_rate_per_address(client, owner, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {
            "anon": "1000/minute",
            "user": "1000/minute",
            "auth-token": "3/minute",
        },
    }
    for _ in range(3):
        assert exchange(client, password="wrong-password-1").status_code == 400

    response = exchange(client)

    assert_json_error(response, 429, "throttled")
    assert int(response["Retry-After"]) > 0
    assert not ApiToken.objects.exists()


def test_failed_attempts_count_against_the_accounts_sign_in_limit(owner, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login_failed": "3/5m/key"}
    for i in range(3):  # from three addresses, so only the per-account limit applies
        attacker = Client(REMOTE_ADDR=f"10.0.0.{i}")
        assert exchange(attacker, password="wrong-password-1").status_code == 400

    response = exchange(Client(REMOTE_ADDR="10.0.0.9"))

    body = assert_json_error(response, 429, "throttled")
    assert body["detail"] == get_adapter().error_messages["too_many_login_attempts"]
    assert not ApiToken.objects.exists()
