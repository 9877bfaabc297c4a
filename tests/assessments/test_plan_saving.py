"""Saving a step or an item of a plan: in place for the page's script (JSON), a redirect
without it, and bad input refused with the saved note kept."""

import pytest
from django.urls import reverse

from assessments import services
from assessments.models import PlanItem
from guide.models import Step
from tests.assessments.helpers import skills_post
from tests.factory import make_assessable_career

pytestmark = pytest.mark.django_db
JSON = {"HTTP_ACCEPT": "application/json"}


@pytest.fixture
def plan(owner):
    career = make_assessable_career(title="Cloud Engineer")
    Step.objects.create(career=career, title="Build projects", body="Ship one.", order=0)
    plan, _ = services.plan_start(user=owner, career=career)
    return plan


@pytest.fixture
def step(plan, owner):
    row = plan.plan_steps.get()
    return services.plan_step_update(user=owner, plan_step_id=row.pk, note="Saved before.")


def post_step(client, step, data, **headers):
    url = reverse("assessments:plan-step-update", args=[step.pk])
    return client.post(url, {f"s{step.pk}-{k}": v for k, v in data.items()}, **headers)


def test_the_script_saves_a_step_in_place(owner_client, step):
    response = post_step(owner_client, step, {"status": "done", "note": "Shipped."}, **JSON)
    assert response.status_code == 200
    assert response.json() == {
        "saved": True,
        "message": "Saved “Build projects”.",
        "status": "done",
        "status_label": "Done",
        "note": "Shipped.",
        "progress": 100.0,
        "done": 1,
        "counted": 1,
    }
    step.refresh_from_db()
    assert (step.status, step.note) == ("done", "Shipped.")


def test_without_the_script_a_save_redirects_back_to_the_step(owner_client, step):
    response = post_step(owner_client, step, {"status": "doing", "note": "Half."})
    assert response.status_code == 302
    assert response["Location"].endswith(f"#step-{step.pk}")


@pytest.mark.parametrize(
    "data",
    [
        {"status": "finished", "note": "Typed now."},  # not a status
        {"note": "Typed now."},  # no status at all
        {"status": "done", "note": "x" * 4001},  # too long
    ],
)
def test_a_malformed_update_is_refused_and_keeps_the_saved_note(owner_client, step, data):
    as_json = post_step(owner_client, step, data, **JSON)
    assert as_json.status_code == 400
    assert as_json.json()["saved"] is False and as_json.json()["errors"]
    as_page = post_step(owner_client, step, data)
    assert as_page.status_code == 400
    assert "Not saved" in as_page.content.decode()
    step.refresh_from_db()
    assert (step.status, step.note) == ("todo", "Saved before.")


def test_leaving_the_note_out_keeps_the_saved_note(owner_client, step):
    response = post_step(owner_client, step, {"status": "done"}, **JSON)
    assert response.status_code == 200
    step.refresh_from_db()
    assert (step.status, step.note) == ("done", "Saved before.")


def test_an_item_saves_in_place_too(owner_client, owner, plan):
    career = plan.career
    skill = career.career_skills.first().skill
    skills_post(
        owner_client,
        career,
        ratings={cs.skill_id: 3 for cs in career.career_skills.all()} | {skill.pk: 0},
    )
    services.plan_items_generate(user=owner, plan_id=plan.pk)
    item = PlanItem.objects.get(plan=plan)
    url = reverse("assessments:plan-item-update", args=[item.pk])
    response = owner_client.post(
        url, {f"i{item.pk}-status": "doing", f"i{item.pk}-note": "On it."}, **JSON
    )
    assert response.status_code == 200 and response.json()["status_label"] == "Doing"
    bad = owner_client.post(url, {f"i{item.pk}-status": "", f"i{item.pk}-note": "Lost?"}, **JSON)
    assert bad.status_code == 400
    item.refresh_from_db()
    assert (item.status, item.note) == ("doing", "On it.")


def test_someone_elses_step_or_item_is_not_found(outsider_client, step):
    assert post_step(outsider_client, step, {"status": "done"}, **JSON).status_code == 404
    assert post_step(outsider_client, step, {"status": "bogus"}).status_code == 404
    url = reverse("assessments:plan-item-update", args=[999999])
    assert outsider_client.post(url, {"i999999-status": "done"}).status_code == 404


def test_a_read_only_plan_refuses_with_json_400(owner_client, step, plan):
    career = plan.career
    career.status = career.Status.DRAFT
    career.save()
    response = post_step(owner_client, step, {"status": "done", "note": "x"}, **JSON)
    assert response.status_code == 400 and response.json()["saved"] is False
    step.refresh_from_db()
    assert step.note == "Saved before."


def test_the_plan_page_loads_its_script_and_marks_the_forms(owner_client, plan, step):
    body = owner_client.get(plan.get_absolute_url()).content.decode()
    assert '<script src="/static/js/plan.js" defer></script>' in body
    assert "data-plan-row" in body and 'role="status"' in body
    assert "onclick" not in body and "<script>" not in body


def test_the_script_warns_before_leaving_unsaved_changes():
    from django.contrib.staticfiles import finders

    with open(finders.find("js/plan.js"), encoding="utf-8") as file:
        script = file.read()
    assert "beforeunload" in script and "X-CSRFToken" in script
