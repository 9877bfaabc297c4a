"""Sign-up, email confirmation, and every kind of bad sign-up input."""

import time

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.shortcuts import resolve_url
from django.urls import reverse

from tests.conftest import PASSWORD

from .conftest import errors_of, only_link, outbox_to, sign_in, sign_up

pytestmark = pytest.mark.django_db


def test_signup_confirm_link_then_sign_in(client, django_user_model, mandatory_verification):
    response = sign_up(client, "New.Person@Example.com")

    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    user = django_user_model.objects.get()
    assert user.email == "new.person@example.com"
    assert not EmailAddress.objects.get(user=user).verified
    # Not signed in until the address is confirmed.
    assert client.get(reverse("accounts:profile")).status_code == 302

    (message,) = mail.outbox
    assert message.to == ["new.person@example.com"]
    assert message.subject.startswith("[Career Guide] Confirm your email address")
    confirm_path = only_link(message)
    page = client.get(confirm_path)
    assert page.status_code == 200
    assert "new.person@example.com" in page.content.decode()

    response = client.post(confirm_path)
    assert response.status_code == 302
    assert EmailAddress.objects.get(user=user).verified
    client.logout()

    response = sign_in(client, "new.person@example.com")
    assert response.status_code == 302
    assert client.get(reverse("accounts:profile")).status_code == 200


def test_unconfirmed_account_cannot_sign_in(client, mandatory_verification):
    sign_up(client, "waiting@example.com")
    client.logout()
    mail.outbox.clear()

    response = sign_in(client, "waiting@example.com")

    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert client.get(reverse("accounts:profile")).status_code == 302


def test_optional_verification_signs_in_at_once_and_lands_on_the_member_home(client, settings):
    response = sign_up(client, "quick@example.com")

    assert response.status_code == 302
    assert response["Location"] == resolve_url(settings.MEMBER_HOME_URL)
    assert client.get(reverse("accounts:profile")).status_code == 200
    assert len(mail.outbox) == 1  # the confirmation link is still sent


def test_next_parameter_is_kept_through_signup(client):
    response = client.post(
        reverse("account_signup") + "?next=/careers/",
        {"email": "next@example.com", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response["Location"] == "/careers/"


@pytest.mark.parametrize("email", ["owner@example.com", "OWNER@example.com", "Owner@Example.COM"])
def test_duplicate_email_in_any_case_is_refused_on_the_form(client, owner, email):
    response = sign_up(client, email)

    assert response.status_code == 400
    assert "email" in errors_of(response)
    assert "already exists" in str(errors_of(response)["email"])
    assert f'value="{email}"' in response.content.decode()
    assert response.context["form"]["email"].value() == email


def test_duplicate_email_with_mandatory_verification_reveals_nothing(
    client, owner, django_user_model, mandatory_verification
):
    """With enumeration protection the form looks like a normal sign-up; the real owner
    is told by email instead, and no second account appears."""
    response = sign_up(client, "OWNER@example.com")

    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert django_user_model.objects.count() == 1
    (message,) = outbox_to("owner@example.com")
    assert "already has one" in message.body
    assert "/accounts/password/reset/" in message.body


@pytest.mark.parametrize(
    "email", ["not-an-email", "a@b", "two@@example.com", "spaces in@x.org", ""]
)
def test_invalid_email_is_refused_and_the_form_kept(client, django_user_model, email):
    response = sign_up(client, email)

    assert response.status_code == 400
    assert "email" in errors_of(response)
    assert django_user_model.objects.count() == 0


@pytest.mark.parametrize(
    ("password", "expected"),
    [
        ("short1!", "too short"),
        ("password123", "too common"),
        ("8675309123456", "entirely numeric"),
        ("alice.smith.example", "too similar"),
    ],
)
def test_weak_password_is_refused_with_the_reason(client, django_user_model, password, expected):
    response = sign_up(client, "alice.smith@example.com", password)

    assert response.status_code == 400
    assert expected in str(errors_of(response)["password1"])
    assert response.context["form"]["email"].value() == "alice.smith@example.com"
    assert django_user_model.objects.count() == 0


def test_mismatched_passwords_are_refused(client, django_user_model):
    response = sign_up(client, "typo@example.com", PASSWORD, PASSWORD + "x")

    assert response.status_code == 400
    assert errors_of(response)["password2"]
    assert django_user_model.objects.count() == 0


def test_new_password_is_hashed_with_argon2(client, django_user_model):
    from careerguide import settings as project_settings

    assert project_settings.PASSWORD_HASHERS[0].endswith(".Argon2PasswordHasher")
    sign_up(client, "hash@example.com")
    assert django_user_model.objects.get().password.startswith("argon2$")


def test_expired_confirmation_link_explains_itself(client, monkeypatch, mandatory_verification):
    sign_up(client, "late@example.com")
    confirm_path = only_link(mail.outbox[0])
    four_days_later = time.time() + 4 * 24 * 3600
    monkeypatch.setattr(time, "time", lambda: four_days_later)

    page = client.get(confirm_path)
    assert page.status_code == 200
    assert "This link no longer works" in page.content.decode()
    response = client.post(confirm_path)
    assert response.status_code == 200
    assert not EmailAddress.objects.get(email="late@example.com").verified


def test_reused_confirmation_link_does_no_harm(client, mandatory_verification):
    sign_up(client, "twice@example.com")
    confirm_path = only_link(mail.outbox[0])
    client.post(confirm_path)
    client.logout()

    page = client.get(confirm_path)
    assert page.status_code == 200
    response = client.post(confirm_path)
    assert response.status_code in (200, 302)
    assert EmailAddress.objects.filter(email="twice@example.com", verified=True).count() == 1
    # Confirming again does not sign anyone in.
    assert client.get(reverse("accounts:profile")).status_code == 302


def test_garbage_confirmation_key_is_a_friendly_page(client):
    response = client.get(reverse("account_confirm_email", args=["nonsense-key"]))
    assert response.status_code == 200
    assert "This link no longer works" in response.content.decode()
