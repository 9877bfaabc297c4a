"""Password reset by email and password change, with expired and reused links."""

from datetime import datetime, timedelta

import pytest
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core import mail
from django.test import Client
from django.urls import reverse

from tests.conftest import PASSWORD

from .conftest import errors_of, only_link, outbox_to, sign_in

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "purple-otter-mountain-88"


def request_reset(client, email):
    return client.post(reverse("account_reset_password"), {"email": email})


def open_reset_link(client, message):
    """Follow the emailed link; allauth moves the key into the session and redirects."""
    response = client.get(only_link(message))
    if response.status_code == 302:
        return response["Location"], client.get(response["Location"])
    return only_link(message), response


def test_reset_by_emailed_link(client, owner):
    response = request_reset(client, "Owner@Example.com")
    assert response.status_code == 302
    assert response["Location"] == reverse("account_reset_password_done")

    (message,) = outbox_to("owner@example.com")
    assert "reset" in message.subject.lower()
    form_url, page = open_reset_link(client, message)
    assert page.status_code == 200
    assert "Choose a new password" in page.content.decode()

    response = client.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 302
    owner.refresh_from_db()
    assert owner.check_password(NEW_PASSWORD)
    assert sign_in(client, "owner@example.com", PASSWORD).status_code == 400
    assert sign_in(client, "owner@example.com", NEW_PASSWORD).status_code == 302


def test_unknown_email_reveals_nothing(client, owner):
    known = request_reset(client, "owner@example.com")
    unknown = request_reset(client, "stranger@example.com")

    # Same page, same redirect: nothing tells the visitor which address has an account.
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    done = client.get(unknown["Location"]).content.decode()
    assert "stranger@example.com" not in done
    assert "If an account uses that address" in done
    # The stranger's mailbox gets a note with no reset link; only its owner reads it.
    (note,) = outbox_to("stranger@example.com")
    assert "no account uses this address" in note.body
    assert "/password/reset/key/" not in note.body


def test_reused_reset_link_no_longer_works(client, owner):
    request_reset(client, "owner@example.com")
    (message,) = mail.outbox
    form_url, _ = open_reset_link(client, message)
    client.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    client.logout()

    _, page = open_reset_link(client, message)
    assert page.status_code == 200
    assert "This link no longer works" in page.content.decode()
    owner.refresh_from_db()
    assert owner.check_password(NEW_PASSWORD)


def test_expired_reset_link_no_longer_works(client, owner, monkeypatch):
    request_reset(client, "owner@example.com")
    (message,) = mail.outbox
    later = datetime.now() + timedelta(days=4)  # the generator works in naive local time
    monkeypatch.setattr(PasswordResetTokenGenerator, "_now", lambda self: later)

    _, page = open_reset_link(client, message)

    assert page.status_code == 200
    assert "This link no longer works" in page.content.decode()
    assert reverse("account_reset_password") in page.content.decode()


def test_tampered_reset_link_no_longer_works(client, owner):
    bad = reverse("account_reset_password_from_key", kwargs={"uidb36": "zz", "key": "abc-def"})
    page = client.get(bad, follow=True)
    assert page.status_code == 200
    assert "This link no longer works" in page.content.decode()


def test_weak_new_password_is_refused_on_the_reset_form(client, owner):
    request_reset(client, "owner@example.com")
    form_url, _ = open_reset_link(client, mail.outbox[0])

    response = client.post(form_url, {"password1": "123456789012", "password2": "123456789012"})

    assert response.status_code == 400
    assert "entirely numeric" in str(errors_of(response)["password1"])
    owner.refresh_from_db()
    assert owner.check_password(PASSWORD)


def test_invalid_email_on_the_reset_form(client):
    response = request_reset(client, "not an email")
    assert response.status_code == 400
    assert "email" in errors_of(response)
    assert mail.outbox == []


def test_change_password_and_get_told_by_email(client, owner):
    sign_in(client, "owner@example.com")
    response = client.post(
        reverse("account_change_password"),
        {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )

    assert response.status_code == 302
    owner.refresh_from_db()
    assert owner.check_password(NEW_PASSWORD)
    # Still signed in on this device.
    assert client.get(reverse("accounts:profile")).status_code == 200
    (notice,) = outbox_to("owner@example.com")
    assert "password" in notice.subject.lower()
    assert "IP address" in notice.body


def test_change_password_with_wrong_current_password(client, owner):
    sign_in(client, "owner@example.com")
    response = client.post(
        reverse("account_change_password"),
        {"oldpassword": "wrong-one-entirely", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )

    assert response.status_code == 400
    assert "not your current password" in str(errors_of(response)["oldpassword"])
    owner.refresh_from_db()
    assert owner.check_password(PASSWORD)


def test_changing_the_password_signs_out_other_devices(client, owner):
    phone = Client()
    sign_in(phone, "owner@example.com")
    sign_in(client, "owner@example.com")

    client.post(
        reverse("account_change_password"),
        {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )

    assert client.get(reverse("accounts:profile")).status_code == 200
    assert phone.get(reverse("accounts:profile")).status_code == 302
