"""Every account page uses the site layout, labels every field, and ties errors to fields."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from tests.conftest import PASSWORD

from .conftest import sign_in, sign_up

pytestmark = pytest.mark.django_db

VISITOR_PAGES = [
    "account_login",
    "account_signup",
    "account_reset_password",
    "account_reset_password_done",
    "account_email_verification_sent",
]
MEMBER_PAGES = [
    "accounts:profile",
    "accounts:delete",
    "account_email",
    "account_change_password",
    "account_logout",
    "mfa_index",
    "usersessions_list",
]


class FormAudit(HTMLParser):
    """Collects inputs, labels and element ids of a page."""

    def __init__(self):
        super().__init__()
        self.inputs, self.label_for, self.ids = [], set(), set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "label" and "for" in attrs:
            self.label_for.add(attrs["for"])
        if tag in ("input", "select", "textarea") and attrs.get("type") not in (
            "hidden",
            "submit",
        ):
            self.inputs.append(attrs)


def audit(html: str) -> FormAudit:
    parser = FormAudit()
    parser.feed(html)
    return parser


def assert_accessible_form_page(html: str):
    assert 'class="site-header"' in html  # our base.html, not allauth's bare layout
    assert 'name="robots" content="noindex"' in html
    assert "accounts/accounts.css" in html
    assert "Menu:" not in html  # allauth's default layout would show this
    page = audit(html)
    for field in page.inputs:
        assert field.get("id") in page.label_for, f"no label for {field}"
        for ref in (field.get("aria-describedby") or "").split():
            assert ref in page.ids, f"aria-describedby points at missing #{ref}"


@pytest.mark.parametrize("name", VISITOR_PAGES)
def test_visitor_pages(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert_accessible_form_page(response.content.decode())


@pytest.mark.parametrize("name", MEMBER_PAGES)
def test_member_pages(client, owner, name):
    sign_in(client, owner.email)
    response = client.get(reverse(name))
    assert response.status_code == 200
    html = response.content.decode()
    assert_accessible_form_page(html)
    if name != "account_logout":
        assert 'aria-label="Your account"' in html  # the account-area navigation


def test_pages_after_errors_keep_labels_and_describe_errors(client, owner):
    response = sign_up(client, "owner@example.com", "short", "different")
    html = response.content.decode()
    assert_accessible_form_page(html)
    page = audit(html)
    described = {f["name"]: f.get("aria-describedby", "") for f in page.inputs if f.get("name")}
    assert "id_email_error" in described["email"]
    assert "id_password1_error" in described["password1"]
    assert "id_password1_helptext" in described["password1"]


def test_profile_form_errors_are_tied_to_their_fields(client, owner):
    client.force_login(owner)
    response = client.post(reverse("accounts:profile"), {"years_of_experience": "99"})
    html = response.content.decode()
    assert_accessible_form_page(html)
    assert 'aria-describedby="id_years_of_experience_helptext id_years_of_experience_error"' in html


def test_mfa_pages_use_the_layout(client, verified_owner):
    sign_in(client, verified_owner.email)
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    response = client.get(reverse("mfa_activate_totp"))
    assert response.status_code == 200
    assert_accessible_form_page(response.content.decode())


def test_the_nav_shows_profile_only_when_signed_in(client, owner):
    assert 'href="/accounts/profile/"' not in client.get(reverse("home")).content.decode()
    client.force_login(owner)
    assert 'href="/accounts/profile/"' in client.get(reverse("home")).content.decode()


def test_emails_use_our_words_and_name(client):
    from django.core import mail

    sign_up(client, "words@example.com")
    (message,) = mail.outbox
    assert message.subject == "[Career Guide] Confirm your email address to finish signing up"
    assert "— Career Guide" in message.body
    assert "testserver" not in message.body.split("http")[0]  # no raw host as a greeting
