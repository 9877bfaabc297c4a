"""A personal plan: the guide's steps with a status and a private note each."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from assessments import services
from assessments.models import Plan, PlanStep
from guide.models import Step
from tests.factory import make_assessable_career

pytestmark = pytest.mark.django_db


@pytest.fixture
def career():
    career = make_assessable_career(title="Cloud Engineer")
    for i, title in enumerate(["Pick a role", "Learn the basics", "Build projects", "Apply"]):
        Step.objects.create(career=career, title=title, body=f"Body of {title}.", order=i)
    return career


def update(client, plan_step, status, note=""):
    return client.post(
        reverse("assessments:plan-step-update", args=[plan_step.pk]),
        {f"s{plan_step.pk}-status": status, f"s{plan_step.pk}-note": note},
    )


def start(client, career):
    response = client.post(reverse("assessments:plan", args=[career.slug]), {"start": "1"})
    assert response.status_code == 302


def test_plan_lists_the_guides_steps_in_order(owner_client, career):
    start(owner_client, career)
    response = owner_client.get(reverse("assessments:plan", args=[career.slug]))
    assert response.status_code == 200
    titles = [s.step_title for s in response.context["view"].steps]
    assert titles == ["Pick a role", "Learn the basics", "Build projects", "Apply"]
    assert response.context["view"].progress == 0


def test_ticking_steps_moves_progress_and_keeps_the_place_on_the_page(owner_client, owner, career):
    start(owner_client, career)
    steps = list(PlanStep.objects.filter(plan__user=owner).order_by("step__order"))
    response = update(owner_client, steps[0], "done", "Chose backend.")
    assert response.status_code == 302
    assert response["Location"].endswith(f"#step-{steps[0].pk}")
    update(owner_client, steps[1], "doing")
    update(owner_client, steps[3], "skipped")

    steps[0].refresh_from_db()
    assert (steps[0].status, steps[0].note) == ("done", "Chose backend.")
    view = owner_client.get(reverse("assessments:plan", args=[career.slug])).context["view"]
    # one done out of three that are not skipped
    assert view.progress == 33.3
    assert view.done == 1


def test_an_invalid_status_changes_nothing(owner_client, owner, career):
    start(owner_client, career)
    step = PlanStep.objects.filter(plan__user=owner).first()
    update(owner_client, step, "done", "keep me")
    response = update(owner_client, step, "finished-ish", "lost?")
    assert response.status_code == 400  # the plan page again, with the error
    step.refresh_from_db()
    assert (step.status, step.note) == ("done", "keep me")


def test_outsider_cannot_touch_someone_elses_plan(owner_client, owner, outsider, career):
    start(owner_client, career)
    step = PlanStep.objects.filter(plan__user=owner).first()
    other = Client()
    other.force_login(outsider)
    assert update(other, step, "done").status_code == 404
    step.refresh_from_db()
    assert step.status == "todo"


def test_visitors_are_offered_sign_up_first(client, career):
    # The whole invitation is tested in tests/accounts/test_onboarding.py.
    response = client.get(reverse("assessments:plan", args=[career.slug]))
    assert response.status_code == 200
    assert reverse("account_signup") in response.content.decode()


def test_steps_removed_by_staff_keep_their_status_and_note(owner_client, owner, career):
    start(owner_client, career)
    step = PlanStep.objects.get(plan__user=owner, step_title="Apply")
    update(owner_client, step, "doing", "Sent three applications.")
    Step.objects.filter(title="Apply").delete()
    Step.objects.create(career=career, title="Negotiate", body="Ask.", order=9)

    response = owner_client.get(reverse("assessments:plan", args=[career.slug]))
    assert [s.title for s in response.context["new_steps"]] == ["Negotiate"]
    assert "Add it to my plan" in response.content.decode()
    start(owner_client, career)
    response = owner_client.get(reverse("assessments:plan", args=[career.slug]))
    view = response.context["view"]
    assert [s.step_title for s in view.retired] == ["Apply"]
    assert "Negotiate" in [s.step_title for s in view.steps]
    assert "Sent three applications." in response.content.decode()


def test_target_date_draws_a_pace_line(owner_client, owner, career):
    url = reverse("assessments:plan", args=[career.slug])
    start(owner_client, career)
    plan = Plan.objects.get(user=owner)
    Plan.objects.filter(pk=plan.pk).update(created_at=timezone.now() - timedelta(days=10))
    target = timezone.localdate() + timedelta(days=10)
    response = owner_client.post(url, {"plan-target_date": target.isoformat()})
    assert response.status_code == 302
    view = owner_client.get(url).context["view"]
    assert view.plan.target_date == target
    assert view.expected == 50.0
    body = owner_client.get(url).content.decode()
    assert "you are behind" in body and 'class="pace"' in body


def test_a_bad_target_date_is_a_form_error(owner_client, career):
    url = reverse("assessments:plan", args=[career.slug])
    start(owner_client, career)
    response = owner_client.post(url, {"plan-target_date": "31/31/2031"})
    assert response.status_code == 400
    assert "Enter a valid date." in response.content.decode()


def test_plan_service_is_idempotent(owner, career):
    first, created = services.plan_start(user=owner, career=career)
    second, created_again = services.plan_start(user=owner, career=career)
    assert (created, created_again) == (True, False)
    assert first.pk == second.pk
    assert PlanStep.objects.filter(plan=first).count() == 4
