"""The pace line says "on pace" only once a steady pace asks for something done."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from assessments import services
from assessments.models import Plan
from guide.models import Step
from tests.factory import make_assessable_career

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(owner):
    career = make_assessable_career(title="Cloud Engineer")
    for i in range(4):
        Step.objects.create(career=career, title=f"Step {i}", body="Do it.", order=i)
    plan, _ = services.plan_start(user=owner, career=career)
    return plan


def set_dates(plan, *, started_days_ago, target_in_days):
    Plan.objects.filter(pk=plan.pk).update(
        created_at=timezone.now() - timedelta(days=started_days_ago),
        target_date=timezone.localdate() + timedelta(days=target_in_days),
    )


def page(client, plan):
    response = client.get(reverse("assessments:plan", args=[plan.slug]))
    return response.context["view"].pace, response.content.decode()


def test_day_one_is_not_called_on_pace(owner_client, plan):
    set_dates(plan, started_days_ago=0, target_in_days=40)
    pace, body = page(owner_client, plan)
    assert pace.state == "not_due"
    assert "on pace" not in body and "behind" not in body
    # Four steps over forty days: the first falls due after ten.
    first_due = timezone.localdate() + timedelta(days=10)
    assert pace.first_due == first_due
    assert "nothing is due yet" in body


def test_behind_once_something_is_due_and_nothing_is_done(owner_client, plan):
    set_dates(plan, started_days_ago=20, target_in_days=20)
    pace, body = page(owner_client, plan)
    assert (pace.state, pace.due, pace.done, pace.behind_by) == ("behind", 2, 0, 2)
    assert "you are behind</strong> by 2" in body


def test_on_pace_when_done_meets_what_is_due(owner_client, owner, plan):
    set_dates(plan, started_days_ago=10, target_in_days=30)
    step = plan.plan_steps.first()
    services.plan_step_update(user=owner, plan_step_id=step.pk, status="done")
    pace, body = page(owner_client, plan)
    assert (pace.state, pace.due, pace.done) == ("on_pace", 1, 1)
    assert "you are on pace" in body


def test_no_pace_line_without_a_target_date(owner_client, plan):
    pace, body = page(owner_client, plan)
    assert pace is None and "steady pace" not in body


def test_pace_chart_has_dates_on_the_x_axis(owner_client, plan):
    set_dates(plan, started_days_ago=5, target_in_days=5)
    _, body = page(owner_client, plan)
    target = timezone.localdate() + timedelta(days=5)
    assert f'class="axis axis-x" text-anchor="end">{target.day} {target:%b %Y}</text>' in body
