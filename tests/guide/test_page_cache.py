"""Visitors get the guide page from the cache; any edit by staff shows on the next request."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from guide.models import Career, Skill
from tests.factory import add_skill, make_full_guide

pytestmark = pytest.mark.django_db


def get(client, career):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(career.get_absolute_url())
    return response, len(ctx.captured_queries)


def test_second_visit_is_served_from_the_cache_without_queries(client):
    career = make_full_guide(title="Amazon Engineer")
    first, first_queries = get(client, career)
    second, second_queries = get(client, career)
    assert first_queries == 15  # the guide page's pinned count (tests/guide/test_pages.py)
    assert second_queries == 0
    assert first.content == second.content


def test_editing_a_part_invalidates_the_cached_page(client):
    career = make_full_guide(title="Amazon Engineer")
    get(client, career)
    step = career.steps.first()
    step.title = "A brand new first step"
    step.save()
    response, queries = get(client, career)
    assert queries == 15
    assert "A brand new first step" in response.content.decode()


def test_renaming_a_shared_skill_shows_on_every_guide(client):
    career = make_full_guide(title="Amazon Engineer")
    skill = Skill.objects.create(name="Old name", slug="old-name")
    add_skill(career, skill)
    get(client, career)
    skill.name = "New name"
    skill.save()
    assert "New name" in get(client, career)[0].content.decode()


def test_unpublishing_in_bulk_removes_the_cached_page(client, publisher_client):
    career = make_full_guide(title="Amazon Engineer")
    assert get(client, career)[0].status_code == 200
    publisher_client.post(
        reverse("admin:guide_career_changelist"),
        {"action": "unpublish", "_selected_action": [career.pk]},
    )
    assert Career.objects.get(pk=career.pk).status == Career.Status.DRAFT
    assert get(client, career)[0].status_code == 404


def test_staff_preview_is_never_cached_for_visitors(client, publisher_client):
    draft = make_full_guide(title="Secret", status=Career.Status.DRAFT)
    assert publisher_client.get(draft.get_absolute_url()).status_code == 200
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_the_guide_page_still_answers_when_the_cache_is_down(client, settings, caplog):
    career = make_full_guide(title="Amazon Engineer")
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",  # nothing listens on port 9
        }
    }
    for _visit in range(2):  # neither reading nor storing the cached body may fail the page
        response = client.get(career.get_absolute_url())
        assert response.status_code == 200
        assert "Amazon Engineer" in response.content.decode()
    assert "guide cache unavailable" in caplog.text
