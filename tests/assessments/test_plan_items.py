"""A plan built from the member's gaps: items for the biggest skill gaps and weak
readiness areas, each with its resources, kept across regenerations."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from assessments import services
from assessments.models import Plan, PlanItem, PlanStep, Resource, Result
from guide.models import Step
from tests.assessments.helpers import readiness_post, skills_post
from tests.factory import make_assessable_career, make_dimension, make_question

pytestmark = pytest.mark.django_db


@pytest.fixture
def career():
    career = make_assessable_career(title="Cloud Engineer", skills=3)
    for i, title in enumerate(["Pick a role", "Build projects"]):
        Step.objects.create(career=career, title=title, body=f"Body of {title}.", order=i)
    return career


def skills(career):
    return [cs.skill for cs in career.career_skills.select_related("skill").order_by("order")]


def resource_for(skill, title, **fields):
    return Resource.objects.create(
        title=title,
        description=f"What {title} builds.",
        skill=skill,
        url="https://example.com/r",
        **fields,
    )


def rate(client, career, ratings):
    response = skills_post(client, career, ratings=ratings)
    assert response.status_code == 302


def start(client, career):
    response = client.post(reverse("assessments:plan", args=[career.slug]), {"start": "1"})
    assert response.status_code == 302


def refresh(client, career):
    response = client.post(reverse("assessments:plan", args=[career.slug]), {"refresh": "1"})
    assert response.status_code == 302


def test_the_plan_holds_items_from_the_biggest_gaps_not_only_the_guides_steps(
    owner_client, owner, career
):
    first, second, third = skills(career)
    resource_for(first, "Design drills")
    # Mid expects 3 everywhere: shortfalls 3, 1 and none.
    rate(owner_client, career, {first.pk: 0, second.pk: 2, third.pk: 3})
    start(owner_client, career)

    plan = Plan.objects.get(user=owner)
    items = list(plan.items.order_by("order"))
    assert [(i.kind, i.subject) for i in items] == [
        ("gap", first.name),
        ("resource", first.name),
        ("gap", second.name),
    ]
    assert items[0].title == f"Raise {first.name} from 0 to 3 of 4"
    assert items[0].why.startswith(f"You rated {first.name} 0 of 4")
    assert items[1].title == "Design drills" and items[1].url == "https://example.com/r"
    assert plan.plan_steps.count() == 2  # the guide's steps are still there
    body = owner_client.get(plan.get_absolute_url()).content.decode()
    assert "From your results" in body and "Design drills" in body
    assert f"Raise {first.name} from 0 to 3 of 4" in body


def test_regenerating_after_a_new_result_keeps_status_and_notes(owner_client, owner, career):
    first, second, third = skills(career)
    rate(owner_client, career, {first.pk: 0, second.pk: 3, third.pk: 3})
    start(owner_client, career)
    plan = Plan.objects.get(user=owner)
    [gap] = plan.items.all()
    services.plan_item_update(user=owner, item_id=gap.pk, status="doing", note="Week one done.")

    Result.objects.update(created_at=timezone.now() - timedelta(days=1))
    rate(owner_client, career, {first.pk: 1, second.pk: 1, third.pk: 3})
    refresh(owner_client, career)

    items = {i.key: i for i in plan.items.all()}
    assert set(items) == {f"skill:{first.pk}", f"skill:{second.pk}"}
    kept = items[f"skill:{first.pk}"]
    assert kept.pk == gap.pk and kept.status == "doing" and kept.note == "Week one done."
    assert kept.title == f"Raise {first.name} from 1 to 3 of 4"  # text follows the result
    assert items[f"skill:{second.pk}"].status == "todo"

    # A later result with no gap in the first skill keeps the item, marked as earlier.
    Result.objects.update(created_at=timezone.now() - timedelta(days=1))
    rate(owner_client, career, {first.pk: 3, second.pk: 1, third.pk: 3})
    refresh(owner_client, career)
    kept.refresh_from_db()
    assert kept.in_latest is False and kept.note == "Week one done."
    body = owner_client.get(plan.get_absolute_url()).content.decode()
    assert "From earlier results" in body and "Week one done." in body


def test_generating_twice_adds_nothing_new(owner_client, owner, career):
    first, second, third = skills(career)
    rate(owner_client, career, {first.pk: 0, second.pk: 0, third.pk: 0})
    start(owner_client, career)
    plan = Plan.objects.get(user=owner)
    before = list(plan.items.values_list("pk", "key"))
    assert services.plan_items_generate(user=owner, plan_id=plan.pk) == 0
    assert list(plan.items.values_list("pk", "key")) == before


def test_an_item_whose_resource_was_deleted_keeps_its_text(owner_client, owner, career):
    first, second, third = skills(career)
    resource = resource_for(first, "Design drills")
    rate(owner_client, career, {first.pk: 0, second.pk: 3, third.pk: 3})
    start(owner_client, career)
    item = PlanItem.objects.get(kind="resource")
    services.plan_item_update(user=owner, item_id=item.pk, note="Chapter 2.")
    resource.delete()

    item.refresh_from_db()
    assert item.resource_id is None
    assert item.title == "Design drills" and item.note == "Chapter 2."
    refresh(owner_client, career)  # regenerating does not drop it either
    assert PlanItem.objects.filter(pk=item.pk, title="Design drills").exists()
    body = owner_client.get(reverse("assessments:plan", args=[career.slug])).content.decode()
    assert "Design drills" in body and "Chapter 2." in body


def test_weak_readiness_areas_become_items(owner_client, owner, career):
    network = make_dimension(name="Network", advice="Meet people who do the job.")
    make_question(dimension=network, text="How many engineers do you know?")
    Resource.objects.create(title="Meetups", description="Go to one.", dimension=network)
    readiness_post(owner_client, career, choose=lambda options: options[0])
    start(owner_client, career)
    items = list(Plan.objects.get(user=owner).items.order_by("order"))
    assert [(i.kind, i.key) for i in items][:2] == [
        ("area", "area:network"),
        ("resource", items[1].key),
    ]
    assert items[0].title == "Strengthen network (now 0%)"
    assert items[0].detail == "Meet people who do the job."


def test_progress_counts_items_and_steps(owner_client, owner, career):
    first, second, third = skills(career)
    rate(owner_client, career, {first.pk: 0, second.pk: 3, third.pk: 3})
    start(owner_client, career)
    plan = Plan.objects.get(user=owner)
    [gap] = plan.items.all()
    services.plan_item_update(user=owner, item_id=gap.pk, status="done")
    step = plan.plan_steps.first()
    services.plan_step_update(user=owner, plan_step_id=step.pk, status=PlanStep.Status.SKIPPED)
    response = owner_client.get(plan.get_absolute_url())
    view = response.context["view"]
    assert (view.done, len(view.counted), view.progress) == (1, 2, 50.0)
    assert "1 of 2 done (steps and items)" in response.content.decode()


def test_another_users_plan_items_cannot_be_generated_or_changed(
    owner_client, owner, outsider, career
):
    first, second, third = skills(career)
    rate(owner_client, career, {first.pk: 0, second.pk: 3, third.pk: 3})
    start(owner_client, career)
    plan = Plan.objects.get(user=owner)
    [gap] = plan.items.all()
    with pytest.raises(services.NotFound):
        services.plan_items_generate(user=outsider, plan_id=plan.pk)
    with pytest.raises(services.NotFound):
        services.plan_item_update(user=outsider, item_id=gap.pk, status="done")


def test_the_data_export_holds_the_items_and_their_notes(owner_client, owner, career):
    first, second, third = skills(career)
    rate(owner_client, career, {first.pk: 0, second.pk: 3, third.pk: 3})
    start(owner_client, career)
    [gap] = PlanItem.objects.all()
    services.plan_item_update(user=owner, item_id=gap.pk, note="Mine.")
    from assessments.selectors import plans_for_export

    [plan] = plans_for_export(owner)
    assert [(i["key"], i["note"]) for i in plan["items"]] == [(f"skill:{first.pk}", "Mine.")]
