"""Fixtures for the API tests: clients signed in by token or by session, and a career
that can be assessed (skills, levels, readiness questions and steps). The cache reset and
the cheap password hasher come from tests/conftest.py and tests/settings.py."""

import json
from datetime import timedelta

import pytest
from django.test import Client

from accounts import services as account_services
from guide.models import Step
from tests.factory import make_assessable_career, make_dimension, make_question


def token_for(user, name="tests") -> str:
    _, key = account_services.api_token_create(user=user, name=name, lifetime=timedelta(days=30))
    return key


def token_client(user) -> Client:
    return Client(headers={"Authorization": f"Token {token_for(user)}"})


@pytest.fixture
def owner_api(owner):
    """The owner, signed in with a personal token."""
    return token_client(owner)


@pytest.fixture
def outsider_api(outsider):
    return token_client(outsider)


@pytest.fixture
def session_api(owner):
    """The owner signed in to the web site, with CSRF checks on as in a real browser."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(owner)
    return client


@pytest.fixture
def career():
    """Published, 3 skills, 3 levels (junior -1, mid 0, senior +1), 2 readiness questions
    in 2 dimensions, 3 steps."""
    career = make_assessable_career(title="Cloud Engineer")
    make_question(dimension=make_dimension(name="Projects", order=1), text="Shipped?")
    make_question(dimension=make_dimension(name="Network", order=2), text="Known?")
    for i, title in enumerate(["Learn the basics", "Build projects", "Apply"]):
        Step.objects.create(career=career, title=title, body=f"Body of {title}.", order=i)
    return career


def post_json(client, url, payload, **extra):
    return client.post(url, json.dumps(payload), content_type="application/json", **extra)


def patch_json(client, url, payload, **extra):
    return client.patch(url, json.dumps(payload), content_type="application/json", **extra)


def skills_payload(career, rating=2, *, level=None, **extra) -> dict:
    return {
        "career": career.slug,
        "level": (level or career.levels.all()[1]).pk,
        "ratings": [{"skill": cs.skill_id, "rating": rating} for cs in career.career_skills.all()],
        **extra,
    }


def readiness_payload(career, choose=lambda options: options[-1], **extra) -> dict:
    from assessments.models import Question

    questions = Question.objects.for_career(career).prefetch_related("options")
    return {
        "career": career.slug,
        "answers": [
            {"question": q.pk, "option": choose(list(q.options.all())).pk} for q in questions
        ],
        **extra,
    }


def assert_json_error(response, status: int, code: str | None = None) -> dict:
    """The response is `status` with the API's JSON error body; returns the body."""
    assert response.status_code == status, response.content[:500]
    assert response["Content-Type"].startswith("application/json"), response["Content-Type"]
    body = response.json()
    assert isinstance(body["detail"], str) and body["detail"]
    if code is not None:
        assert body["code"] == code, body
    return body
