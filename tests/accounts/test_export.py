"""The data export: a JSON attachment of everything about the user, and its registry."""

import json
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from accounts import export, services
from assessments.goals import goal_update
from guide.models import CareerLevel
from tests.factory import make_career

from .conftest import sign_in

pytestmark = pytest.mark.django_db

URL = reverse("accounts:export")


@pytest.fixture
def section_registry():
    """Put the registry back as it was after a test registers sections."""
    saved = dict(export._sections)
    yield
    export._sections.clear()
    export._sections.update(saved)


def download(client):
    response = client.get(URL)
    assert response.status_code == 200
    return response, json.loads(response.content)


def test_visitors_are_sent_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_export_is_a_json_attachment_with_a_format_version(client, owner):
    client.force_login(owner)

    response, data = download(client)

    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="career-guide-data-')
    assert "no-store" in response["Cache-Control"]
    assert data["format_version"] == export.FORMAT_VERSION == 1
    assert data["exported_at"]
    assert data["sections"][:5] == [
        "account",
        "email_addresses",
        "two_factor_authentication",
        "api_tokens",
        "sessions",
    ]
    # Contributed by assessments, which owns the goal, under the name it always had.
    assert "profile" in data["sections"]
    assert all(name in data for name in data["sections"])


def test_export_holds_everything_about_the_user_and_no_secrets(client, verified_owner):
    owner = verified_owner
    career = make_career(title="Cloud Engineer")
    level = CareerLevel.objects.create(career=career, title="Senior", years_min=5)
    owner.display_name = "Ada"
    owner.save()
    goal_update(
        user=owner,
        changes={"target_career": career, "target_level": level, "years_of_experience": 6},
    )
    token, key = services.api_token_create(user=owner, name="ci", lifetime=timedelta(days=30))
    sign_in(client, owner.email)  # a real sign-in, so the session is recorded
    Authenticator.objects.create(user=owner, type="totp", data={"secret": "TOPSECRET"})

    _, data = download(client)

    assert data["account"]["email"] == "owner@example.com"
    assert data["account"]["display_name"] == "Ada"
    assert data["profile"] == {
        "target_career": {"slug": "cloud-engineer", "title": "Cloud Engineer"},
        "target_level": {"title": "Senior"},
        "years_of_experience": 6,
        "updated_at": data["profile"]["updated_at"],
    }
    assert data["email_addresses"] == [
        {"email": "owner@example.com", "primary": True, "verified": True}
    ]
    assert data["two_factor_authentication"][0]["type"] == "totp"
    assert data["api_tokens"][0]["name"] == "ci"
    assert data["api_tokens"][0]["prefix"] == token.prefix
    assert len(data["sessions"]) == 1 and data["sessions"][0]["ip"] == "127.0.0.1"
    raw = json.dumps(data)
    for secret in (key, token.key_hash, "TOPSECRET", owner.password):
        assert secret not in raw


def test_export_never_includes_another_users_data(client, owner, outsider):
    services.api_token_create(user=outsider, name="outsider-token", lifetime=timedelta(days=30))
    EmailAddress.objects.create(user=outsider, email=outsider.email, verified=True)
    client.force_login(owner)

    _, data = download(client)

    raw = json.dumps(data)
    assert "outsider" not in raw


def test_an_empty_profile_exports_as_nulls(client, owner):
    client.force_login(owner)
    _, data = download(client)
    assert data["profile"]["target_career"] is None
    assert data["profile"]["years_of_experience"] is None
    assert data["api_tokens"] == []


def test_later_apps_add_sections_through_the_registry(client, owner, section_registry):
    def plans(user):
        return [{"step": "Learn SQL", "status": "done", "owner": user.email}]

    export.register("plan_progress", plans)
    export.register("plan_progress", plans)  # ready() running twice is harmless
    client.force_login(owner)

    _, data = download(client)

    assert data["sections"][-1] == "plan_progress"
    assert data["plan_progress"] == [
        {"step": "Learn SQL", "status": "done", "owner": "owner@example.com"}
    ]


@pytest.mark.parametrize("name", ["format_version", "exported_at", "sections", "Bad-Name", ""])
def test_reserved_or_malformed_section_names_are_refused(name, section_registry):
    with pytest.raises(ImproperlyConfigured):
        export.register(name, lambda user: None)


def test_a_section_name_cannot_be_taken_twice(section_registry):
    with pytest.raises(ImproperlyConfigured, match="already registered"):
        export.register("profile", lambda user: None)


def test_export_needs_get(client, owner):
    client.force_login(owner)
    assert client.post(URL).status_code == 405
