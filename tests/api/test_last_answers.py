"""GET /api/v1/careers/<slug>/last-answers/: what a career's form starts with, through the
same selector as the web form."""

import pytest
from django.urls import reverse

from assessments import goals
from tests.api.conftest import post_json, readiness_payload, skills_payload
from tests.factory import add_skill, make_assessable_career

pytestmark = pytest.mark.django_db


def url(career):
    return reverse("api:last-answers", args=[career.slug])


def test_a_first_time_career_has_no_answers_and_starts_on_the_main_level(owner_api, career):
    body = owner_api.get(url(career)).json()
    assert body["kind"] == "skills"
    assert body["career"]["slug"] == career.slug
    assert body["answers"] == [] and body["dropped"] == [] and body["last_attempt"] is None
    assert body["target_level"] == career.levels.get(expectation_offset=0).pk


def test_skills_last_answers_and_a_carried_over_rating(owner_api, owner, career):
    senior = career.levels.get(order=2)
    post_json(
        owner_api, reverse("api:result-create-skills"), skills_payload(career, 3, level=senior)
    )
    body = owner_api.get(url(career)).json()
    assert {a["id"]: a["value"] for a in body["answers"]} == {
        cs.skill_id: 3 for cs in career.career_skills.all()
    }
    assert not any(a["carried_over"] for a in body["answers"])
    assert body["last_attempt"]["target_level"] == senior.title
    assert body["target_level"] == senior.pk

    other = make_assessable_career(title="Data Engineer", skills=1)
    shared = career.career_skills.first()
    add_skill(other, shared.skill, order=3)
    goals.goal_update(user=owner, changes={"target_level": other.levels.get(order=0)})
    body = owner_api.get(url(other)).json()
    assert body["answers"] == [
        {
            "id": shared.skill_id,
            "value": 3,
            "carried_over": True,
            "source": body["answers"][0]["source"],
        }
    ]
    assert body["answers"][0]["source"]["career"] == career.slug
    assert body["target_level"] == other.levels.get(order=0).pk  # the goal's level


def test_readiness_last_answers(owner_api, career):
    payload = readiness_payload(career, choose=lambda options: options[1])
    post_json(owner_api, reverse("api:result-create-readiness"), payload)
    body = owner_api.get(url(career), {"kind": "readiness"}).json()
    assert body["kind"] == "readiness" and body["target_level"] is None
    assert {(a["id"], a["value"]) for a in body["answers"]} == {
        (a["question"], a["option"]) for a in payload["answers"]
    }


def test_dropped_skills_are_named(owner_api, career):
    post_json(owner_api, reverse("api:result-create-skills"), skills_payload(career, 2))
    gone = career.career_skills.last()
    gone.delete()
    body = owner_api.get(url(career)).json()
    assert body["dropped"] == [gone.skill.name]
    assert gone.skill_id not in {a["id"] for a in body["answers"]}


def test_bad_input_and_unknown_careers(owner_api, outsider_api, career, client):
    assert owner_api.get(url(career), {"kind": "everything"}).status_code == 400
    assert owner_api.get(reverse("api:last-answers", args=["no-such-guide"])).status_code == 404
    assert client.get(url(career)).status_code in (401, 403)
    post_json(owner_api, reverse("api:result-create-skills"), skills_payload(career, 2))
    assert outsider_api.get(url(career)).json()["answers"] == []  # never someone else's


def test_query_count(owner_api, career, django_assert_num_queries):
    for rating in (1, 2, 3):
        post_json(owner_api, reverse("api:result-create-skills"), skills_payload(career, rating))
    # token (1), the career (1), its skills (1) and levels (1), the latest result id per
    # career (1), those results (1), the goal (1): the same however many results there are.
    with django_assert_num_queries(7):
        assert owner_api.get(url(career)).status_code == 200
