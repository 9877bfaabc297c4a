"""A plan and its notes outlive the guide: kept, shown read-only, exported. GET makes nothing."""

import json

import pytest
from django.urls import reverse

from assessments import services
from assessments.models import Plan, PlanStep
from guide.models import Career, Step
from tests.factory import make_assessable_career

pytestmark = pytest.mark.django_db


@pytest.fixture
def career():
    career = make_assessable_career(title="Cloud Engineer")
    for i, title in enumerate(["Learn the basics", "Build projects"]):
        Step.objects.create(career=career, title=title, body=f"Body of {title}.", order=i)
    return career


def plan_url(career):
    return reverse("assessments:plan", args=[career.slug])


def start_with_a_note(owner_client, owner, career):
    assert owner_client.post(plan_url(career), {"start": "1"}).status_code == 302
    step = PlanStep.objects.get(plan__user=owner, step_title="Build projects")
    services.plan_step_update(
        user=owner, plan_step_id=step.pk, status="doing", note="Half of the CLI tool."
    )
    return step


def test_opening_a_plan_page_creates_nothing(owner_client, career):
    response = owner_client.get(plan_url(career))

    assert response.status_code == 200
    body = response.content.decode()
    assert "Learn the basics" in body and "Build projects" in body
    assert 'name="start"' in body
    assert not Plan.objects.exists() and not PlanStep.objects.exists()


def test_starting_a_plan_is_a_post_and_makes_every_step_to_do(owner_client, owner, career):
    response = owner_client.post(plan_url(career), {"start": "1"})

    assert response.status_code == 302
    plan = Plan.objects.get(user=owner)
    assert (plan.career_title, plan.career_slug) == ("Cloud Engineer", career.slug)
    assert list(plan.plan_steps.values_list("status", flat=True)) == ["todo", "todo"]
    assert owner_client.post(plan_url(career), {"start": "1"}).status_code == 302
    assert Plan.objects.filter(user=owner).count() == 1


def test_deleting_the_guide_keeps_the_plan_and_notes_read_only(owner_client, owner, career):
    step = start_with_a_note(owner_client, owner, career)
    slug = career.slug

    Career.objects.filter(pk=career.pk).delete()

    plan = Plan.objects.get(user=owner)
    assert plan.career is None and plan.career_title == "Cloud Engineer"
    dashboard = owner_client.get(reverse("assessments:dashboard")).content.decode()
    assert f'href="{reverse("assessments:plan", args=[slug])}"' in dashboard
    response = owner_client.get(reverse("assessments:plan", args=[slug]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Half of the CLI tool." in body and "was removed" in body
    assert reverse("assessments:plan-step-update", args=[step.pk]) not in body
    refused = owner_client.post(
        reverse("assessments:plan-step-update", args=[step.pk]),
        {f"s{step.pk}-status": "done", f"s{step.pk}-note": ""},
    )
    assert refused.status_code == 302
    step.refresh_from_db()
    assert (step.status, step.note) == ("doing", "Half of the CLI tool.")


def test_an_unpublished_guides_plan_is_shown_read_only(owner_client, owner, career):
    step = start_with_a_note(owner_client, owner, career)
    Career.objects.filter(pk=career.pk).update(status=Career.Status.DRAFT)

    response = owner_client.get(plan_url(career))

    assert response.status_code == 200
    body = response.content.decode()
    assert "Half of the CLI tool." in body and "not published" in body
    assert reverse("assessments:plan-step-update", args=[step.pk]) not in body
    assert (
        f'href="{plan_url(career)}"'
        in owner_client.get(reverse("assessments:dashboard")).content.decode()
    )
    with pytest.raises(Exception, match="read-only"):
        services.plan_step_update(user=owner, plan_step_id=step.pk, status="done", note="")


def test_an_unpublished_guide_without_a_plan_is_a_404(owner_client, career):
    Career.objects.filter(pk=career.pk).update(status=Career.Status.DRAFT)

    assert owner_client.get(plan_url(career)).status_code == 404
    assert owner_client.post(plan_url(career), {"start": "1"}).status_code == 404
    assert not Plan.objects.exists()


def test_the_export_keeps_a_removed_guides_plan(owner_client, owner, career):
    start_with_a_note(owner_client, owner, career)
    Career.objects.filter(pk=career.pk).delete()

    data = json.loads(owner_client.get(reverse("accounts:export")).content)

    [plan] = data["plans"]
    assert plan["career"] == "Cloud Engineer" and plan["guide"] == "removed"
    assert "Half of the CLI tool." in [s["note"] for s in plan["steps"]]


def test_a_guide_made_again_under_the_same_address_continues_the_kept_plan(
    owner_client, owner, career
):
    start_with_a_note(owner_client, owner, career)
    Career.objects.filter(pk=career.pk).delete()
    again = make_assessable_career(title="Cloud Engineering", slug=career.slug)
    Step.objects.create(career=again, title="Ship it", body="Ship.", order=0)

    assert owner_client.post(plan_url(again), {"start": "1"}).status_code == 302

    plan = Plan.objects.get(user=owner)
    assert plan.career == again
    view = owner_client.get(plan_url(again)).context["view"]
    assert [s.step_title for s in view.steps] == ["Ship it"]
    assert "Half of the CLI tool." in [s.note for s in view.retired]
