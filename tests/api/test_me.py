"""`me`: the signed-in user's own profile, read and changed through the profile service."""

import pytest
from django.urls import reverse

from assessments.models import Goal
from guide.models import Career, CareerLevel
from tests.api.conftest import assert_json_error, patch_json
from tests.factory import make_assessable_career, make_career

pytestmark = pytest.mark.django_db

ME = reverse("api:me")


def test_me_shows_the_account_and_an_empty_goal(owner_api):
    response = owner_api.get(ME)

    assert response.status_code == 200
    body = response.json()
    assert body["email"] == "owner@example.com"
    assert body["display_name"] == ""
    assert body["target_career"] is None and body["target_level"] is None
    assert body["years_of_experience"] is None
    assert "no-store" in response["Cache-Control"]


def test_me_by_session_sets_the_csrf_cookie(session_api):
    response = session_api.get(ME)

    assert response.json()["email"] == "owner@example.com"
    assert session_api.cookies["csrftoken"].value


def test_setting_a_goal_is_saved(owner, owner_api, career):
    level = career.levels.all()[2]

    response = patch_json(
        owner_api,
        ME,
        {
            "display_name": "  Ann   Lee ",
            "target_career": career.slug,
            "target_level": level.pk,
            "years_of_experience": 4,
        },
    )

    assert response.status_code == 200
    body = response.json()
    assert body["display_name"] == "Ann Lee"
    assert body["target_career"] == {"slug": career.slug, "title": career.title}
    assert body["target_level"]["id"] == level.pk
    goal = Goal.objects.get(user=owner)
    assert (goal.target_career, goal.target_level, goal.years_of_experience) == (
        career,
        level,
        4,
    )
    owner.refresh_from_db()
    assert owner.display_name == "Ann Lee"


def test_a_level_alone_brings_its_career(owner, owner_api, career):
    level = career.levels.first()

    body = patch_json(owner_api, ME, {"target_level": level.pk}).json()

    assert body["target_career"]["slug"] == career.slug
    assert Goal.objects.get(user=owner).target_career == career


def test_a_new_career_drops_a_level_of_the_old_one(owner, owner_api, career):
    patch_json(owner_api, ME, {"target_level": career.levels.first().pk})
    other = make_assessable_career(title="Data Engineer")

    body = patch_json(owner_api, ME, {"target_career": other.slug}).json()

    assert body["target_career"]["slug"] == other.slug and body["target_level"] is None


def test_what_is_left_out_stays(owner, owner_api, career):
    patch_json(owner_api, ME, {"target_career": career.slug, "years_of_experience": 2})

    body = patch_json(owner_api, ME, {"display_name": "Ann"}).json()

    assert body["target_career"]["slug"] == career.slug and body["years_of_experience"] == 2


def test_null_clears(owner_api, career):
    patch_json(owner_api, ME, {"target_level": career.levels.first().pk, "years_of_experience": 3})

    body = patch_json(
        owner_api, ME, {"target_career": None, "target_level": None, "years_of_experience": None}
    ).json()

    assert (body["target_career"], body["target_level"], body["years_of_experience"]) == (
        None,
        None,
        None,
    )


def test_a_level_of_another_career_is_a_400(owner, owner_api, career):
    other = make_assessable_career(title="Data Engineer")
    payload = {"target_career": career.slug, "target_level": other.levels.first().pk}

    body = assert_json_error(patch_json(owner_api, ME, payload), 400, "invalid")

    assert list(body["errors"]) == ["target_level"]
    assert not Goal.objects.filter(user=owner, target_career__isnull=False).exists()


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"target_career": "no-such-career"}, "target_career"),
        ({"target_career": "secret-draft"}, "target_career"),
        ({"target_career": 5}, "target_career"),
        ({"target_level": 10**6}, "target_level"),
        ({"target_level": 10**30}, "target_level"),
        ({"target_level": "1"}, "target_level"),
        ({"target_level": "draft-level"}, "target_level"),
        ({"years_of_experience": 61}, "years_of_experience"),
        ({"years_of_experience": -1}, "years_of_experience"),
        ({"years_of_experience": "3"}, "years_of_experience"),
        ({"display_name": "x" * 81}, "display_name"),
        ({"display_name": "Ann\x00"}, "display_name"),
        ({"display_name": None}, "display_name"),
    ],
)
def test_bad_profile_fields_are_a_400(owner, owner_api, payload, field):
    draft = make_career(title="Secret Draft", status=Career.Status.DRAFT)
    if payload.get("target_level") == "draft-level":
        payload = {"target_level": CareerLevel.objects.create(career=draft, title="L").pk}

    body = assert_json_error(patch_json(owner_api, ME, payload), 400, "invalid")

    assert list(body["errors"]) == [field]
    assert not Goal.objects.filter(user=owner).exclude(target_career=None).exists()


def test_me_needs_credentials(client):
    assert_json_error(client.get(ME), 401, "not_authenticated")
    assert_json_error(patch_json(client, ME, {"display_name": "x"}), 401, "not_authenticated")


def test_a_session_patch_needs_its_csrf_token(owner, session_api):
    refused = patch_json(session_api, ME, {"display_name": "Ann"})
    session_api.get(ME)
    token = session_api.cookies["csrftoken"].value
    accepted = patch_json(session_api, ME, {"display_name": "Ann"}, headers={"X-CSRFToken": token})

    assert_json_error(refused, 403, "permission_denied")
    assert accepted.json()["display_name"] == "Ann"
