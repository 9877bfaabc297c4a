"""API tokens end when the password changes or is reset; turning on 2FA offers to end them."""

from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts import services
from accounts.models import ApiToken
from tests.conftest import PASSWORD

from .conftest import outbox_to, sign_in
from .test_mfa import confirm_password, enrol_totp
from .test_passwords import NEW_PASSWORD, open_reset_link, request_reset

pytestmark = pytest.mark.django_db


def api_status(key: str) -> int:
    return Client(headers={"Authorization": f"Token {key}"}).get(reverse("api:me")).status_code


def make_token(user, name="script"):
    return services.api_token_create(user=user, name=name, lifetime=timedelta(days=90))


def test_changing_the_password_revokes_every_token(client, owner, outsider):
    _, key = make_token(owner)
    _, other_key = make_token(owner, name="other script")
    _, outsiders_key = make_token(outsider)
    assert api_status(key) == 200
    sign_in(client, owner.email)
    mail.outbox.clear()

    page = client.get(reverse("account_change_password")).content.decode()
    assert "also revokes your API tokens" in page  # the form warns before anything happens
    response = client.post(
        reverse("account_change_password"),
        {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
        follow=True,
    )

    assert response.status_code == 200
    assert api_status(key) == 401
    assert api_status(other_key) == 401
    assert api_status(outsiders_key) == 200
    assert not ApiToken.objects.filter(user=owner).exists()
    assert "Your API tokens are revoked" in response.content.decode()
    (notice,) = outbox_to(owner.email)
    assert "API tokens of the account were revoked" in notice.body


def test_resetting_the_password_revokes_every_token(client, owner):
    _, key = make_token(owner)
    assert api_status(key) == 200
    request_reset(client, owner.email)
    (message,) = outbox_to(owner.email)
    form_url, _ = open_reset_link(client, message)
    mail.outbox.clear()

    response = client.post(
        form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}, follow=True
    )

    assert response.status_code == 200
    assert api_status(key) == 401
    assert "Your API tokens are revoked" in response.content.decode()
    (notice,) = outbox_to(owner.email)
    assert "API tokens of the account were revoked" in notice.body


def test_revoke_all_from_the_profile(client, owner, outsider):
    _, key = make_token(owner)
    _, second = make_token(owner, name="second")
    _, outsiders_key = make_token(outsider)
    client.force_login(owner)

    response = client.post(reverse("accounts:token-revoke-all"), follow=True)

    assert response.status_code == 200
    assert "2 tokens are revoked" in response.content.decode()
    assert api_status(key) == api_status(second) == 401
    assert api_status(outsiders_key) == 200


def test_revoke_all_needs_post(client, owner):
    make_token(owner)
    client.force_login(owner)
    assert client.get(reverse("accounts:token-revoke-all")).status_code == 405
    assert ApiToken.objects.filter(user=owner).count() == 1


def test_turning_on_two_factor_offers_to_revoke_tokens(client, verified_owner):
    _, key = make_token(verified_owner)
    sign_in(client, verified_owner.email)
    confirm_password(client)

    enrol_totp(client)

    # Not revoked silently: the token still works, and the user is asked.
    assert api_status(key) == 200
    page = client.get(reverse("accounts:profile")).content.decode()
    assert "made before two-factor authentication was on" in page
    assert reverse("accounts:token-revoke-all") in page
    client.post(reverse("accounts:token-revoke-all"))
    assert api_status(key) == 401


def test_two_factor_without_tokens_offers_nothing(client, verified_owner):
    sign_in(client, verified_owner.email)
    confirm_password(client)
    enrol_totp(client)
    page = client.get(reverse("accounts:profile")).content.decode()
    assert "made before two-factor authentication was on" not in page


def test_tokens_cannot_be_made_without_an_expiry(client, owner):
    client.force_login(owner)
    page = client.get(reverse("accounts:profile")).content.decode()
    assert 'value="never"' not in page

    response = client.post(
        reverse("accounts:token-create"), {"token-name": "forever", "token-lifetime": "never"}
    )

    assert "token-lifetime" in response.content.decode()
    assert "lifetime" in response.context["token_form"].errors
    assert not ApiToken.objects.exists()
    _, key = make_token(owner)
    token = ApiToken.objects.get()
    assert token.expires_at <= timezone.now() + timedelta(days=366)
