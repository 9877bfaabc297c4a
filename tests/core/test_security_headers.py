"""Headers a browser and every cache between it and us act on.

- Content-Security-Policy on every page: our own scripts and styles only, nothing inline
  and nothing evaluated, so an injected `<script>` or `onerror=` runs nowhere. The API
  docs page allows its one inline style by a per-response nonce.
- Permissions-Policy switches off camera, microphone, geolocation and the like.
- Personal pages (a member's dashboard, results, plans, sessions, two-factor settings, the
  API answering a token) are `Cache-Control: private, no-store`; public guide pages are not.
"""

import re

import pytest
from django.test import Client
from django.urls import reverse

from tests.conftest import PASSWORD
from tests.factory import make_assessable_career, make_full_guide

pytestmark = pytest.mark.django_db


def _directives(response) -> dict[str, list[str]]:
    header = response.headers["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (part.split() for part in header.split(";") if part.strip())
    }


def _assert_strict_policy(response):
    policy = _directives(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    header = response.headers["Content-Security-Policy"]
    assert "unsafe-inline" not in header
    assert "unsafe-eval" not in header


def _assert_nothing_inline(html: str):
    """What the policy would block must not be on the page: it would simply break."""
    scripts = re.findall(r"<script\b([^>]*)>", html)
    # Data blocks (JSON for scripts, JSON-LD for search engines) are never executed.
    data_types = ('type="application/json"', 'type="application/ld+json"')
    assert all("src=" in attrs or any(t in attrs for t in data_types) for attrs in scripts), scripts
    assert not re.search(r"<style\b", html)
    assert not re.search(r"\sstyle=\"", html)
    assert not re.search(r"\son[a-z]+=\"", html)


@pytest.fixture
def career():
    guide = make_full_guide(title="Header Engineer", slug="header-engineer")
    make_assessable_career(title="Second Header Career", slug="second-header-career")
    return guide


PUBLIC_PAGES = [
    "/",
    "/careers/",
    "/careers/?q=engineer",
    "/careers/header-engineer/",
    "/careers/compare/?a=header-engineer&b=second-header-career",
    "/assessments/header-engineer/skills/",
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password/reset/",
    "/no-such-page/",
]


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_pages_carry_a_strict_policy_and_need_nothing_inline(client, career, path):
    response = client.get(path)
    assert response.status_code in (200, 404)
    _assert_strict_policy(response)
    _assert_nothing_inline(response.content.decode())
    assert "camera=()" in response.headers["Permissions-Policy"]


MEMBER_PAGES = [
    "/assessments/",
    "/accounts/profile/",
    "/accounts/email/",
    "/accounts/sessions/",
    "/accounts/2fa/",
    "/accounts/password/change/",
    "/accounts/delete/",
    "/admin/",
    "/admin/guide/career/",
]


@pytest.mark.parametrize("path", MEMBER_PAGES)
def test_member_and_staff_pages_carry_the_policy_and_are_never_cached(editor_client, career, path):
    response = editor_client.get(path)
    assert response.status_code == 200
    _assert_strict_policy(response)
    _assert_nothing_inline(response.content.decode())
    cache_control = response.headers["Cache-Control"]
    assert "private" in cache_control
    assert "no-store" in cache_control


def test_the_api_docs_page_allows_only_its_own_inline_style_by_nonce(client):
    response = client.get(reverse("api:docs"))
    assert response.status_code == 200
    policy = _directives(response)
    nonce = re.search(r'<style nonce="([^"]+)"', response.content.decode()).group(1)
    assert f"'nonce-{nonce}'" in policy["style-src"]
    assert policy["script-src"] == ["'self'"]  # the start-up script is a file of its own
    script = client.get(reverse("api:docs") + "?script=")
    assert script.status_code == 200
    assert "SwaggerUIBundle" in script.content.decode()
    # Another response gets another nonce.
    assert nonce not in client.get(reverse("api:docs")).headers["Content-Security-Policy"]


def test_a_signed_in_members_own_pages_are_private_and_not_stored(client, owner, career):
    client.force_login(owner)
    # A result of their own, made the way a browser does.
    url = reverse("assessments:skills", args=[career.slug])
    form = client.get(url).content.decode()
    key = re.search(r'name="submission_key" value="([0-9a-f-]+)"', form).group(1)
    level = career.levels.all()[0]
    data = {"submission_key": key, "level": level.pk}
    data |= {f"skill_{cs.skill_id}": 2 for cs in career.career_skills.all()}
    result_page = client.post(url, data, follow=True)
    assert result_page.status_code == 200
    for response in (
        result_page,
        client.get(reverse("assessments:dashboard")),
        client.get(reverse("api:result-list")),
    ):
        assert response.status_code == 200
        assert "no-store" in response.headers["Cache-Control"]
        assert "private" in response.headers["Cache-Control"]


def test_the_api_answering_a_token_is_private_and_not_stored(client, owner, career):
    token = client.post(
        reverse("api:auth-token"),
        {"email": owner.email, "password": PASSWORD},
        content_type="application/json",
    ).json()["token"]
    api = Client(headers={"Authorization": f"Token {token}"})
    for name in ("api:result-list", "api:me"):
        response = api.get(reverse(name))
        assert response.status_code == 200
        assert "no-store" in response.headers["Cache-Control"]
        assert "private" in response.headers["Cache-Control"]


def test_a_visitors_result_is_private_but_the_public_guide_is_not(client, career):
    guide = client.get(career.get_absolute_url())
    assert "no-store" not in guide.headers.get("Cache-Control", "")

    url = reverse("assessments:skills", args=[career.slug])
    form = client.get(url).content.decode()
    key = re.search(r'name="submission_key" value="([0-9a-f-]+)"', form).group(1)
    data = {"submission_key": key, "level": career.levels.all()[0].pk}
    data |= {f"skill_{cs.skill_id}": 3 for cs in career.career_skills.all()}
    result = client.post(url, data, follow=True)
    assert result.status_code == 200
    assert "no-store" in result.headers["Cache-Control"]


def test_the_server_error_page_needs_nothing_the_policy_blocks():
    from django.template.loader import render_to_string

    _assert_nothing_inline(render_to_string("500.html"))
