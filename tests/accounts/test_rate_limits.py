"""allauth's abuse limits are on and actually stop repeated attempts."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from tests.conftest import PASSWORD

from .conftest import only_link, outbox_to, sign_in, sign_up

pytestmark = pytest.mark.django_db

TOO_MANY = "Too many failed login attempts"


def test_every_abuse_limit_is_configured():
    limits = settings.ACCOUNT_RATE_LIMITS
    for action in ("login_failed", "signup", "reset_password", "confirm_email", "change_password"):
        assert limits.get(action), action


def test_failed_sign_ins_lock_the_address_that_made_them(client, owner):
    for _ in range(5):
        response = sign_in(client, "owner@example.com", "wrong-password-here")
        assert TOO_MANY not in response.content.decode()

    response = sign_in(client, "owner@example.com", PASSWORD)

    assert response.status_code == 400
    assert TOO_MANY in response.content.decode()
    assert client.get(reverse("accounts:profile")).status_code == 302


def test_a_strangers_failures_do_not_lock_the_owner_out(owner):
    attacker, real_owner = Client(REMOTE_ADDR="203.0.113.66"), Client(REMOTE_ADDR="198.51.100.7")
    for _ in range(5):
        sign_in(attacker, "owner@example.com", "wrong-password-here")
    assert TOO_MANY in sign_in(attacker, "owner@example.com", PASSWORD).content.decode()

    response = sign_in(real_owner, "owner@example.com", PASSWORD)

    assert response.status_code == 302
    assert real_owner.get(reverse("accounts:profile")).status_code == 200


def test_many_addresses_guessing_one_account_hit_the_account_limit(owner):
    """Spread over many IPs, guesses at one account still stop, at a higher bar."""
    per_key = int(settings.ACCOUNT_RATE_LIMITS["login_failed"].split(",")[1].split("/")[0])
    for n in range(per_key):
        response = sign_in(Client(REMOTE_ADDR=f"203.0.113.{n // 5}"), "owner@example.com", "bad")
        assert TOO_MANY not in response.content.decode(), n

    fresh_address = Client(REMOTE_ADDR="198.51.100.99")
    locked = sign_in(fresh_address, "owner@example.com", PASSWORD)
    assert TOO_MANY in locked.content.decode()

    # The emailed reset link is the way back in: it clears the account's counter.
    fresh_address.post(reverse("account_reset_password"), {"email": "owner@example.com"})
    (message,) = outbox_to("owner@example.com")
    form_url = fresh_address.get(only_link(message))["Location"]
    new_password = "purple-otter-mountain-88"
    fresh_address.post(form_url, {"password1": new_password, "password2": new_password})
    assert sign_in(fresh_address, "owner@example.com", new_password).status_code == 302


def test_failed_sign_ins_from_one_address_are_limited_across_accounts(client, owner, outsider):
    for n in range(5):
        sign_in(client, f"guess{n}@example.com", "wrong-password-here")

    response = sign_in(client, "outsider@example.com", PASSWORD)

    assert TOO_MANY in response.content.decode()


def test_forged_forwarded_for_header_does_not_escape_the_limit(client, owner):
    for n in range(5):
        sign_in(client, "owner@example.com", "wrong", HTTP_X_FORWARDED_FOR=f"10.0.0.{n}")
    response = sign_in(client, "outsider@example.com", "wrong", HTTP_X_FORWARDED_FOR="10.9.9.9")
    assert TOO_MANY in response.content.decode()


def test_sign_ups_from_one_address_are_limited(client, django_user_model):
    for n in range(20):
        response = sign_up(client, f"bot{n}@example.com", "short")
        assert response.status_code == 400

    response = sign_up(client, "real.person@example.com")

    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()
    assert not django_user_model.objects.filter(email="real.person@example.com").exists()


def test_reset_requests_for_one_address_are_limited(client, owner):
    for _ in range(5):
        response = client.post(reverse("account_reset_password"), {"email": "owner@example.com"})
        assert response.status_code == 302

    response = client.post(reverse("account_reset_password"), {"email": "owner@example.com"})

    assert response.status_code == 429
    assert len(outbox_to("owner@example.com")) == 5


def test_confirmation_emails_are_not_resent_in_a_burst(client):
    sign_up(client, "burst@example.com")
    assert len(mail.outbox) == 1

    resend = {"action_send": "", "email": "burst@example.com"}
    for _ in range(3):
        client.post(reverse("account_email"), resend)

    assert len(mail.outbox) == 1
    cache.clear()  # the cool-down is over
    client.post(reverse("account_email"), resend)
    assert len(mail.outbox) == 2


def test_password_changes_are_limited(client, owner):
    sign_in(client, "owner@example.com")
    data = {"oldpassword": "wrong-password-x", "password1": "a", "password2": "b"}
    for _ in range(5):
        assert client.post(reverse("account_change_password"), data).status_code == 400

    assert client.post(reverse("account_change_password"), data).status_code == 429


def test_delete_account_password_guesses_are_limited(client, owner):
    client.force_login(owner)
    for _ in range(10):
        client.post(reverse("accounts:delete"), {"password": "guess-guess-guess"})

    response = client.post(reverse("accounts:delete"), {"password": PASSWORD})

    assert response.status_code == 400
    assert "Too many attempts" in response.content.decode()
    owner.refresh_from_db()
    assert owner.pk is not None


def test_behind_a_proxy_each_client_address_gets_its_own_limit(client, owner, outsider, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    for n in range(5):
        sign_in(client, f"guess{n}@example.com", "wrong", HTTP_X_FORWARDED_FOR="203.0.113.7")

    blocked = sign_in(client, "outsider@example.com", PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.7")
    other = sign_in(Client(), "outsider@example.com", PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.9")

    assert TOO_MANY in blocked.content.decode()
    assert other.status_code == 302


def test_a_negative_proxy_count_stops_the_site_from_starting():
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env["DJANGO_DEBUG"] = "1"
    env["ALLAUTH_TRUSTED_PROXY_COUNT"] = "-1"
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=Path(__file__).resolve().parents[2],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "ALLAUTH_TRUSTED_PROXY_COUNT must be 0 or more" in result.stderr
