"""A user's plan for a career: start it, read it (reading never makes it), update a step."""

import pytest
from django.urls import reverse

from assessments.models import Plan, PlanStep
from guide.models import Career, Step
from tests.api.conftest import assert_json_error, patch_json, post_json
from tests.factory import make_career

pytestmark = pytest.mark.django_db


def plan_url(career) -> str:
    return reverse("api:plan-detail", args=[career.slug])


def step_url(career, plan_step) -> str:
    return reverse("api:plan-step-update", args=[career.slug, plan_step.pk])


@pytest.fixture
def steps(owner_api, owner, career):
    """The owner's plan steps, made by starting the plan."""
    assert owner_api.post(plan_url(career)).status_code == 201
    return list(PlanStep.objects.filter(plan__user=owner).order_by("step__order"))


def test_reading_a_plan_never_makes_one(owner, owner_api, career):
    response = owner_api.get(plan_url(career))

    body = assert_json_error(response, 404, "not_found")
    assert "POST" in body["detail"]
    assert not Plan.objects.exists()


def test_starting_a_plan_makes_it_with_every_step_to_do(owner, owner_api, career):
    response = owner_api.post(plan_url(career))

    assert response.status_code == 201
    body = response.json()
    assert body["career"]["slug"] == career.slug
    assert body["guide"] == "published"
    assert [s["title"] for s in body["steps"]] == ["Learn the basics", "Build projects", "Apply"]
    assert {s["status"] for s in body["steps"]} == {"todo"}
    assert body["steps"][0]["body"] == "Body of Learn the basics."
    assert body["progress_pct"] == 0 and body["expected_pct"] is None
    assert body["retired_steps"] == []
    assert Plan.objects.get(user=owner).plan_steps.count() == 3


def test_starting_or_reading_it_again_makes_nothing_new(owner, owner_api, career):
    assert owner_api.post(plan_url(career)).status_code == 201
    assert owner_api.post(plan_url(career)).status_code == 200
    assert owner_api.get(plan_url(career)).status_code == 200

    assert Plan.objects.filter(user=owner).count() == 1
    assert PlanStep.objects.filter(plan__user=owner).count() == 3


def test_updating_steps_moves_progress(owner_api, career, steps):
    done = patch_json(owner_api, step_url(career, steps[0]), {"status": "done", "note": "Did it."})
    patch_json(owner_api, step_url(career, steps[2]), {"status": "skipped"})

    assert done.status_code == 200
    assert done.json()["status"] == "done" and done.json()["note"] == "Did it."
    steps[0].refresh_from_db()
    assert (steps[0].status, steps[0].note) == ("done", "Did it.")
    # one done of the two not skipped
    assert owner_api.get(plan_url(career)).json()["progress_pct"] == 50.0


def test_what_is_left_out_stays_as_it_was(owner_api, career, steps):
    patch_json(owner_api, step_url(career, steps[0]), {"status": "doing", "note": "Chapter 3."})

    patch_json(owner_api, step_url(career, steps[0]), {"note": "Chapter 4."})
    patch_json(owner_api, step_url(career, steps[0]), {"status": "done"})

    steps[0].refresh_from_db()
    assert (steps[0].status, steps[0].note) == ("done", "Chapter 4.")


def test_a_session_updates_a_step_with_its_csrf_token(owner, session_api, career):
    session_api.get(reverse("api:me"))
    token = session_api.cookies["csrftoken"].value
    post_json(session_api, plan_url(career), {}, headers={"X-CSRFToken": token})
    plan_step = PlanStep.objects.filter(plan__user=owner).first()

    refused = patch_json(session_api, step_url(career, plan_step), {"status": "done"})
    accepted = patch_json(
        session_api, step_url(career, plan_step), {"status": "done"}, headers={"X-CSRFToken": token}
    )

    assert_json_error(refused, 403, "permission_denied")
    assert accepted.status_code == 200
    plan_step.refresh_from_db()
    assert plan_step.status == "done"


def test_another_users_step_is_a_404_and_unchanged(outsider_api, career, steps):
    response = patch_json(outsider_api, step_url(career, steps[0]), {"status": "done"})

    body = assert_json_error(response, 404, "not_found")
    assert body["detail"] == "No such step in your plan."
    steps[0].refresh_from_db()
    assert steps[0].status == "todo"


def test_a_step_under_another_careers_address_is_a_404(owner_api, career, steps):
    other = make_career(title="Other Career")

    response = patch_json(owner_api, step_url(other, steps[0]), {"status": "done"})

    assert_json_error(response, 404, "not_found")


@pytest.mark.parametrize("pk", [10**6, 10**30])
def test_an_unknown_step_is_a_404(owner_api, career, steps, pk):
    url = reverse("api:plan-step-update", args=[career.slug, pk])

    assert_json_error(patch_json(owner_api, url, {"status": "done"}), 404, "not_found")


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({}, "non_field_errors"),
        ({"status": "finished"}, "status"),
        ({"status": 1}, "status"),
        ({"status": None}, "status"),
        ({"note": 42}, "note"),
        ({"note": "x" * 4001}, "note"),
        ({"note": "a\x00b"}, "note"),
    ],
)
def test_bad_updates_are_a_400(owner_api, career, steps, payload, field):
    response = patch_json(owner_api, step_url(career, steps[0]), payload)

    body = assert_json_error(response, 400, "invalid")
    assert list(body["errors"]) == [field]
    steps[0].refresh_from_db()
    assert (steps[0].status, steps[0].note) == ("todo", "")


def test_a_step_staff_removed_is_kept_apart(owner_api, career, steps):
    Step.objects.filter(pk=steps[2].step_id).delete()

    body = owner_api.get(plan_url(career)).json()

    assert [s["title"] for s in body["retired_steps"]] == ["Apply"]
    assert len(body["steps"]) == 2


@pytest.mark.parametrize("slug", ["no-such-career", "secret-draft"])
def test_a_plan_for_an_unknown_or_draft_career_is_a_404(owner_api, slug):
    make_career(title="Secret Draft", status=Career.Status.DRAFT)

    assert_json_error(owner_api.get(f"/api/v1/plans/{slug}/"), 404, "not_found")
    assert_json_error(owner_api.post(f"/api/v1/plans/{slug}/"), 404, "not_found")
    assert not Plan.objects.exists()


def test_a_removed_guides_plan_is_still_read_and_read_only(owner_api, career, steps):
    patch_json(owner_api, step_url(career, steps[0]), {"status": "doing", "note": "Chapter 3."})
    Career.objects.filter(pk=career.pk).delete()

    body = owner_api.get(plan_url(career)).json()
    refused = patch_json(owner_api, step_url(career, steps[0]), {"status": "done"})

    assert body["guide"] == "removed" and body["career"]["url"] is None
    assert body["career"]["title"] == "Cloud Engineer"
    assert "Chapter 3." in [s["note"] for s in body["steps"] + body["retired_steps"]]
    body = assert_json_error(refused, 400, "invalid")
    assert "read-only" in body["errors"]["non_field_errors"][0]
    steps[0].refresh_from_db()
    assert steps[0].status == "doing"


def test_plans_need_credentials(client, career, steps):
    assert_json_error(client.get(plan_url(career)), 401, "not_authenticated")
    response = patch_json(client, step_url(career, steps[0]), {"status": "done"})
    assert_json_error(response, 401, "not_authenticated")
