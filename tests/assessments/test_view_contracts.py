"""Views say what they accept, an invalid form answers 400 everywhere, and a plan step
is read once per request."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assessments import services
from assessments.models import PlanStep
from guide.models import Step
from tests.factory import make_assessable_career, make_result

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan_step(owner):
    career = make_assessable_career(title="Game Engineer")
    Step.objects.create(career=career, title="Ship a game", body="Text.", order=0)
    plan, _ = services.plan_start(user=owner, career=career)
    return PlanStep.objects.get(plan=plan)


def _post_step(client, plan_step, status, note=""):
    prefix = f"s{plan_step.pk}"
    return client.post(
        reverse("assessments:plan-step-update", args=[plan_step.pk]),
        {f"{prefix}-status": status, f"{prefix}-note": note},
    )


@pytest.mark.parametrize("name", ["assessments:dashboard", "assessments:plans"])
def test_read_only_pages_refuse_a_post(owner_client, name):
    assert owner_client.post(reverse(name)).status_code == 405
    assert owner_client.head(reverse(name)).status_code in {200, 302}


def test_the_result_page_refuses_a_post(owner_client, owner):
    career = make_assessable_career(title="Tools Engineer")
    result = make_result(user=owner, career=career)
    assert owner_client.post(result.get_absolute_url()).status_code == 405
    assert owner_client.get(result.get_absolute_url()).status_code == 200


def test_an_invalid_step_form_answers_400_with_the_plan_page(owner_client, plan_step):
    response = _post_step(owner_client, plan_step, "finished-ish", "lost?")
    assert response.status_code == 400
    page = response.content.decode()
    assert "Ship a game" in page and "Not saved:" in page and "lost?" in page
    plan_step.refresh_from_db()
    assert plan_step.status == PlanStep.Status.TODO


@pytest.mark.parametrize(
    ("name", "data"),
    [("accounts:delete", {"password": "wrong"}), ("accounts:token-create", {"token-name": ""})],
)
def test_invalid_account_forms_answer_400(owner_client, name, data):
    assert owner_client.post(reverse(name), data).status_code == 400


def test_saving_a_step_reads_the_step_once(owner_client, plan_step):
    with CaptureQueriesContext(connection) as queries:
        response = _post_step(owner_client, plan_step, "done", "Shipped.")
    assert response.status_code == 302
    reads = [
        q["sql"]
        for q in queries
        if q["sql"].startswith("SELECT") and 'FROM "assessments_planstep"' in q["sql"]
    ]
    assert len(reads) == 1, reads
    plan_step.refresh_from_db()
    assert (plan_step.status, plan_step.note) == ("done", "Shipped.")


def test_the_api_reads_the_step_once(owner, plan_step):
    client = Client()
    client.force_login(owner)
    url = reverse("api:plan-step-update", args=[plan_step.plan.slug, plan_step.pk])
    with CaptureQueriesContext(connection) as queries:
        response = client.patch(url, {"note": "Half done."}, content_type="application/json")
    assert response.status_code == 200, response.content
    reads = [
        q["sql"]
        for q in queries
        if q["sql"].startswith("SELECT") and 'FROM "assessments_planstep"' in q["sql"]
    ]
    assert len(reads) == 1, reads
    assert response.json()["note"] == "Half done." and response.json()["status"] == "todo"
