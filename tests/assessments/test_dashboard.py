"""The dashboard: latest score, trend, every result, what changed, guide-changed notice."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from assessments import services
from assessments.models import Result
from tests.assessments.helpers import rate_all, skills_post
from tests.factory import make_assessable_career

pytestmark = pytest.mark.django_db


def test_dashboard_needs_an_account(client):
    response = client.get(reverse("assessments:dashboard"))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_retaking_with_higher_ratings_shows_the_rise(owner_client):
    career = make_assessable_career(title="Cloud Engineer")
    first_skill = career.career_skills.first()
    skills_post(owner_client, career, ratings=rate_all(career, 1))
    skills_post(owner_client, career, ratings=rate_all(career, 1) | {first_skill.skill_id: 3})

    response = owner_client.get(reverse("assessments:dashboard"))
    body = response.content.decode()
    [track] = response.context["tracks"]
    assert len(track.results) == 2
    assert track.delta > 0
    assert "points since your last attempt at Mid Cloud Engineer" in " ".join(body.split())
    changes = {c.name: c.direction for c in track.changes}
    assert changes[first_skill.skill.name] == "up"
    assert set(changes.values()) == {"up", "same"}
    # The trend chart is an SVG with a text title, and the table lists both attempts.
    assert "<svg" in body and "Score over time for Cloud Engineer" in body
    assert body.count(">View<") == 2


def test_notice_when_the_guide_changed_since_the_last_attempt(owner_client):
    career = make_assessable_career(title="Cloud Engineer")
    skills_post(owner_client, career, ratings=rate_all(career, 2))
    body = owner_client.get(reverse("assessments:dashboard")).content.decode()
    assert "has changed since your last attempt" not in body
    first = career.career_skills.first()
    first.importance = 1
    first.save()
    career.save()  # the admin saves the guide with its inline skills
    body = owner_client.get(reverse("assessments:dashboard")).content.decode()
    assert "has changed since your last attempt in ways that affect the score" in body
    assert f"{first.skill.name}: importance 5 → 1" in body


def test_dashboard_shows_only_ones_own_results(owner_client, outsider):
    career = make_assessable_career(title="Cloud Engineer")
    other = Client()
    other.force_login(outsider)
    skills_post(other, career, ratings=rate_all(career, 2))
    response = owner_client.get(reverse("assessments:dashboard"))
    assert response.context["tracks"] == []


def make_history(user, career, count):
    now = timezone.now()
    items = [
        {"skill_id": cs.skill_id, "name": cs.skill.name, "rating": i % 5, "expected": 3}
        for i, cs in enumerate(career.career_skills.all())
    ]
    results = [
        Result(
            user=user,
            career=career,
            career_title=career.title,
            career_slug=career.slug,
            kind=Result.Kind.SKILLS if n % 2 else Result.Kind.READINESS,
            target_level="Mid",
            score=n % 100,
            items=items if n % 2 else [{"slug": "education", "name": "Education", "pct": 50.0}],
            guide_updated_at=career.updated_at,
        )
        for n in range(count)
    ]
    Result.objects.bulk_create(results)
    Result.objects.filter(user=user).update(created_at=now - timedelta(days=1))


def count_dashboard_queries(client):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("assessments:dashboard"))
    assert response.status_code == 200
    return len(ctx.captured_queries), response


def test_dashboard_query_count_is_fixed_with_200_results(owner_client, owner):
    a = make_assessable_career(title="Cloud Engineer")
    b = make_assessable_career(title="Platform Engineer")
    services.plan_start(user=owner, career=a)
    make_history(owner, a, 4)
    small, _ = count_dashboard_queries(owner_client)
    make_history(owner, a, 100)
    make_history(owner, b, 100)
    large, response = count_dashboard_queries(owner_client)
    assert sum(t.total for t in response.context["tracks"]) == 204
    assert response.context["history"].paginator.count == 204
    # session (1), user (1), the member's stamp for the cached body's key (1); trends:
    # attempts per track (1), ids of the newest attempts
    # of each track (1), those results (1), the latest two snapshots per track (1),
    # current guides for the changed notice (1); plans (1), plan steps (1), plan items
    # (1); goal (1); history: count (1) and page (1); matches: the careers assessed (1),
    # the newest analysis of each (1), those results (1), published careers (1), their
    # skills (1); published careers for the start form (1).
    assert small == large == 20
