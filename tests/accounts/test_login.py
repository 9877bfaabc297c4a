"""Signing in and out: the happy path and every wrong input."""

import pytest
from django.urls import reverse

from tests.conftest import PASSWORD

from .conftest import errors_of, sign_in

pytestmark = pytest.mark.django_db

MISMATCH = "That email and password do not match an account"


def test_sign_in_and_out(client, owner):
    response = sign_in(client, "owner@example.com")

    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    home = client.get(reverse("home")).content.decode()
    assert reverse("accounts:profile") in home

    response = client.post(reverse("account_logout"))
    assert response.status_code == 302
    assert client.get(reverse("accounts:profile")).status_code == 302


def test_email_is_matched_in_any_case(client, owner):
    assert sign_in(client, "  OWNER@Example.com ").status_code == 302


def test_wrong_password_keeps_the_email_and_says_so(client, owner):
    response = sign_in(client, "owner@example.com", "not-the-password")

    assert response.status_code == 400
    assert MISMATCH in response.content.decode()
    assert response.context["form"]["login"].value() == "owner@example.com"
    # The password is never sent back to the browser.
    assert "not-the-password" not in response.content.decode()


def test_unknown_email_gets_the_same_answer_as_a_wrong_password(client, owner):
    unknown = sign_in(client, "nobody@example.com", PASSWORD)
    wrong = sign_in(client, "owner@example.com", "not-the-password")

    assert unknown.status_code == wrong.status_code == 400
    assert errors_of(unknown) == errors_of(wrong)


def test_empty_and_invalid_input_is_a_form_error(client):
    response = sign_in(client, "", "")
    assert response.status_code == 400
    assert set(errors_of(response)) == {"login", "password"}


def test_inactive_account_cannot_sign_in(client, owner):
    owner.is_active = False
    owner.save()

    response = sign_in(client, "owner@example.com")

    assert client.get(reverse("accounts:profile")).status_code == 302
    assert response.status_code in (200, 302)


def test_next_parameter_is_followed_but_only_on_this_site(client, owner):
    ok = client.post(
        reverse("account_login") + "?next=/careers/",
        {"login": "owner@example.com", "password": PASSWORD},
    )
    assert ok["Location"] == "/careers/"
    client.logout()
    evil = client.post(
        reverse("account_login") + "?next=https://evil.example/",
        {"login": "owner@example.com", "password": PASSWORD},
    )
    assert evil["Location"] == reverse("home")


def test_signed_in_visitor_is_sent_away_from_the_login_page(client, owner):
    client.force_login(owner)
    assert client.get(reverse("account_login")).status_code == 302


def test_login_page_fields_are_labelled_and_errors_tied_to_them(client, owner):
    page = client.get(reverse("account_login")).content.decode()
    assert '<label for="id_login">Email address' in page
    assert '<label for="id_password">Password' in page
    assert "Forgot your password?" in page

    response = sign_in(client, "owner@example.com", "")
    html = response.content.decode()
    assert 'id="id_password_error"' in html
    assert 'aria-describedby="id_password_error"' in html
    assert 'aria-invalid="true"' in html
