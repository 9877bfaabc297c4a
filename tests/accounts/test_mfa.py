"""Two-factor authentication: enrol an authenticator app, sign in with its codes, recover."""

import time

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY, format_hotp_value, hotp_value
from django.core import mail
from django.test import Client
from django.urls import reverse

from tests.conftest import PASSWORD

from .conftest import errors_of, outbox_to, sign_in

pytestmark = pytest.mark.django_db


def totp_code(secret: str) -> str:
    """The code an authenticator app shows now, computed with allauth's own helpers.

    Waits out the last second of a period so the code cannot roll over in flight.
    """
    period = mfa_settings.TOTP_PERIOD
    if period - time.time() % period < 1.5:
        time.sleep(1.6)
    return format_hotp_value(hotp_value(secret, int(time.time()) // period))


def enrol_totp(client) -> str:
    """Turn on the authenticator app for the signed-in user; return its secret."""
    page = client.get(reverse("mfa_activate_totp"))
    assert page.status_code == 200
    secret = client.session[SECRET_SESSION_KEY]
    assert secret in page.content.decode()  # shown for typing in by hand
    response = client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})
    assert response.status_code == 302
    return secret


def confirm_password(client):
    """allauth asks for the password again before two-factor settings change."""
    response = client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    assert response.status_code == 302


@pytest.fixture
def mfa_client(client, verified_owner):
    sign_in(client, verified_owner.email)
    confirm_password(client)
    return client


def test_changing_two_factor_settings_asks_for_the_password_again(client, verified_owner):
    sign_in(client, verified_owner.email)
    response = client.get(reverse("mfa_activate_totp"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))

    wrong = client.post(response["Location"], {"password": "not-my-password"})
    assert wrong.status_code == 400
    assert "That password is not right" in wrong.content.decode()

    right = client.post(response["Location"], {"password": PASSWORD})
    assert right["Location"] == reverse("mfa_activate_totp")
    assert client.get(reverse("mfa_activate_totp")).status_code == 200


# allauth mails the notice on commit; serialized_rollback restores the migrations' data.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_enrol_authenticator_app(mfa_client, verified_owner):
    mail.outbox.clear()
    page = mfa_client.get(reverse("mfa_activate_totp")).content.decode()
    assert "data:image/svg+xml;base64," in page  # the QR code

    wrong = mfa_client.post(reverse("mfa_activate_totp"), {"code": "000000"})
    assert wrong.status_code == 400
    assert "That code is not right" in str(errors_of(wrong)["code"])
    assert not Authenticator.objects.filter(user=verified_owner).exists()

    secret = mfa_client.session[SECRET_SESSION_KEY]
    response = mfa_client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})

    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_view_recovery_codes")
    types = set(Authenticator.objects.filter(user=verified_owner).values_list("type", flat=True))
    assert types == {Authenticator.Type.TOTP, Authenticator.Type.RECOVERY_CODES}
    codes_page = mfa_client.get(response["Location"]).content.decode()
    assert "10 of 10 codes left" in codes_page
    (notice,) = outbox_to(verified_owner.email)
    assert "Two-factor authentication is on" in notice.subject


def test_sign_in_needs_the_code_after_enrolment(mfa_client, verified_owner):
    secret = enrol_totp(mfa_client)
    browser = Client()

    response = sign_in(browser, verified_owner.email)

    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    assert browser.get(reverse("accounts:profile")).status_code == 302  # password alone: no

    wrong = browser.post(reverse("mfa_authenticate"), {"code": "123456"})
    assert wrong.status_code == 400
    assert "That code is not right" in wrong.content.decode()

    response = browser.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
    assert response.status_code == 302
    assert browser.get(reverse("accounts:profile")).status_code == 200


def test_a_code_cannot_be_replayed(mfa_client, verified_owner):
    secret = enrol_totp(mfa_client)
    code = totp_code(secret)
    first, second = Client(), Client()
    sign_in(first, verified_owner.email)
    assert first.post(reverse("mfa_authenticate"), {"code": code}).status_code == 302

    sign_in(second, verified_owner.email)
    response = second.post(reverse("mfa_authenticate"), {"code": code})

    assert response.status_code == 400
    assert second.get(reverse("accounts:profile")).status_code == 302


def test_recovery_code_signs_in_once(mfa_client, verified_owner):
    enrol_totp(mfa_client)
    recovery = Authenticator.objects.get(
        user=verified_owner, type=Authenticator.Type.RECOVERY_CODES
    ).wrap()
    code = recovery.get_unused_codes()[0]

    browser = Client()
    sign_in(browser, verified_owner.email)
    assert browser.post(reverse("mfa_authenticate"), {"code": code}).status_code == 302
    assert browser.get(reverse("accounts:profile")).status_code == 200

    again = Client()
    sign_in(again, verified_owner.email)
    assert again.post(reverse("mfa_authenticate"), {"code": code}).status_code == 400
    assert again.get(reverse("accounts:profile")).status_code == 302
    remaining = Authenticator.objects.get(
        user=verified_owner, type=Authenticator.Type.RECOVERY_CODES
    ).wrap()
    assert len(remaining.get_unused_codes()) == 9


def test_recovery_codes_can_be_viewed_downloaded_and_replaced(mfa_client, verified_owner):
    enrol_totp(mfa_client)
    old = Authenticator.objects.get(user=verified_owner, type="recovery_codes").wrap()
    old_codes = old.get_unused_codes()

    page = mfa_client.get(reverse("mfa_view_recovery_codes")).content.decode()
    assert all(code in page for code in old_codes)
    download = mfa_client.get(reverse("mfa_download_recovery_codes"))
    assert download["Content-Disposition"].startswith("attachment")
    assert old_codes[0] in download.content.decode()

    assert mfa_client.post(reverse("mfa_generate_recovery_codes")).status_code == 302
    new = Authenticator.objects.get(user=verified_owner, type="recovery_codes").wrap()
    assert set(new.get_unused_codes()).isdisjoint(old_codes)


def test_turning_it_off(mfa_client, verified_owner):
    enrol_totp(mfa_client)
    assert mfa_client.get(reverse("mfa_deactivate_totp")).status_code == 200

    response = mfa_client.post(reverse("mfa_deactivate_totp"))

    assert response.status_code == 302
    assert not Authenticator.objects.filter(user=verified_owner).exists()
    browser = Client()
    sign_in(browser, verified_owner.email)
    assert browser.get(reverse("accounts:profile")).status_code == 200


def test_unconfirmed_address_cannot_enrol(client, owner):
    EmailAddress.objects.create(user=owner, email=owner.email, primary=True, verified=False)
    sign_in(client, owner.email)
    confirm_password(client)
    response = client.post(reverse("mfa_activate_totp"), {"code": "000000"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("mfa_index")
    assert "Confirm your email address before turning on" in response.content.decode()
    assert not Authenticator.objects.filter(user=owner).exists()


def test_the_two_factor_page_explains_the_state(mfa_client):
    before = mfa_client.get(reverse("mfa_index")).content.decode()
    assert "Set up an authenticator app" in before
    enrol_totp(mfa_client)
    after = mfa_client.get(reverse("mfa_index")).content.decode()
    assert "Turn off" in after
    assert "10 of 10 codes left" in after
