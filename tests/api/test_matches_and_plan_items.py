"""API additions of issue 11: careers your skills fit, and the items of a plan that came
from your results (list, update status and note), through the same services."""

import pytest
from django.urls import reverse

from assessments.models import PlanItem
from tests.api.conftest import assert_json_error, patch_json, post_json, skills_payload
from tests.factory import make_assessable_career

pytestmark = pytest.mark.django_db


def take_skills(client, career, rating=1):
    response = post_json(
        client, reverse("api:result-create-skills"), skills_payload(career, rating)
    )
    assert response.status_code == 201


@pytest.fixture
def items(owner_api, career):
    take_skills(owner_api, career, rating=1)
    assert owner_api.post(reverse("api:plan-detail", args=[career.slug])).status_code == 201
    return list(PlanItem.objects.order_by("order"))


def item_url(career, item):
    return reverse("api:plan-item-update", args=[career.slug, item.pk])


def test_matches_list_every_published_career_best_first(
    owner_api, career, django_assert_num_queries
):
    make_assessable_career(title="Data Engineer")
    take_skills(owner_api, career, rating=2)
    # the token with its user (1); the careers assessed (1), the newest analysis of
    # each (1), those results (1), published careers (1), their skills (1)
    with django_assert_num_queries(6):
        response = owner_api.get(reverse("api:match-list"))
    assert response.status_code == 200
    body = response.json()
    assert [c["slug"] for c in body["careers"]][0] == "cloud-engineer"
    assert {c["slug"] for c in body["careers"]} == {"cloud-engineer", "data-engineer"}
    data = next(c for c in body["careers"] if c["slug"] == "data-engineer")
    assert data["match_pct"] == 0.0 and data["not_rated"] and data["to_build"] == []
    assert body["sources"] == ["Cloud Engineer"] and body["skills_rated"] == 3


def test_matches_without_any_analysis_are_empty(owner_api):
    body = owner_api.get(reverse("api:match-list")).json()
    assert body == {"as_of": None, "sources": [], "skills_rated": 0, "careers": []}


def test_matches_need_an_account(client):
    assert client.get(reverse("api:match-list")).status_code in (401, 403)


def test_the_plan_and_its_item_list_hold_the_items_from_gaps(owner_api, career, items):
    assert items and items[0].kind == "gap"
    plan = owner_api.get(reverse("api:plan-detail", args=[career.slug])).json()
    assert [i["id"] for i in plan["items"]] == [i.pk for i in items]
    listed = owner_api.get(reverse("api:plan-item-list", args=[career.slug]))
    assert listed.status_code == 200
    assert listed.json()[0]["key"] == items[0].key
    assert listed.json()[0]["why"].startswith("You rated")


def test_updating_an_item_through_the_api(owner_api, career, items):
    response = patch_json(owner_api, item_url(career, items[0]), {"status": "doing", "note": "Go."})
    assert response.status_code == 200
    assert response.json()["status"] == "doing" and response.json()["note"] == "Go."
    response = patch_json(owner_api, item_url(career, items[0]), {"status": "done"})
    assert response.json()["note"] == "Go."  # left out, so kept


@pytest.mark.parametrize(
    "payload", [{}, {"status": "finished"}, {"note": 5}, {"note": "x" * 4001}, {"status": None}]
)
def test_a_malformed_item_update_is_a_400_and_keeps_the_note(owner_api, career, items, payload):
    patch_json(owner_api, item_url(career, items[0]), {"note": "Saved."})
    assert_json_error(patch_json(owner_api, item_url(career, items[0]), payload), 400)
    items[0].refresh_from_db()
    assert items[0].note == "Saved." and items[0].status == "todo"


def test_someone_elses_items_are_not_found(outsider_api, career, items):
    assert_json_error(patch_json(outsider_api, item_url(career, items[0]), {"status": "done"}), 404)
    assert_json_error(outsider_api.get(reverse("api:plan-item-list", args=[career.slug])), 404)
