"""The dashboard answers "how am I doing?": the goal's latest score and change, plan
progress and the next three actions come first; the history is paginated."""

import re

import pytest
from django.urls import reverse

from assessments import goals, scoring, selectors, services
from assessments.models import Plan
from guide.models import Step
from tests.assessments.helpers import rate_all, skills_post
from tests.assessments.test_dashboard import make_history
from tests.factory import make_assessable_career

pytestmark = pytest.mark.django_db


@pytest.fixture
def careers():
    cloud = make_assessable_career(title="Cloud Engineer")
    other = make_assessable_career(title="Data Engineer")
    for i in range(4):
        Step.objects.create(career=cloud, title=f"Cloud step {i}", body="Do it.", order=i)
    return cloud, other


def first_screen(body: str) -> str:
    match = re.search(r'<section aria-labelledby="focus-h".*?</section>', body, re.S)
    assert match, "the dashboard opens with the focus section"
    return match.group(0)


def test_first_screen_shows_the_goals_score_change_plan_and_next_actions(
    owner_client, owner, careers
):
    cloud, other = careers
    goals.goal_update(user=owner, changes={"target_career": cloud})
    skills_post(owner_client, cloud, ratings=rate_all(cloud, 1))
    skills_post(owner_client, cloud, ratings=rate_all(cloud, 2))
    skills_post(owner_client, other, ratings=rate_all(other, 4))  # newer, but not the goal
    services.plan_start(user=owner, career=cloud)

    response = owner_client.get(reverse("assessments:dashboard"))
    focus = response.context["focus"]
    screen = first_screen(response.content.decode())

    assert focus.career_slug == "cloud-engineer" and focus.from_goal
    assert f"{focus.track.latest.score:.0f}%" in screen
    words = " ".join(screen.split())
    assert "points since your last attempt at this level" in words and "▲ +" in screen
    plan = Plan.objects.get(user=owner)
    assert "0 of " in screen and "Plan progress" in screen
    # Next three actions: the biggest gaps first (items from the result), then steps.
    assert len(focus.actions) == 3
    assert focus.actions[0].url.startswith(plan.get_absolute_url() + "#item-")
    assert "Next 3 actions" in screen
    for action in focus.actions:
        assert action.title in screen
    if hasattr(scoring, "band_of"):  # the score's band, once bands exist (issue 11, item 1)
        assert scoring.band_of(focus.track.latest.score).label in screen


def test_a_step_in_progress_comes_first_among_the_next_actions(owner_client, owner, careers):
    cloud, _ = careers
    goals.goal_update(user=owner, changes={"target_career": cloud})
    plan, _ = services.plan_start(user=owner, career=cloud)
    last = plan.plan_steps.order_by("-step__order").first()
    services.plan_step_update(user=owner, plan_step_id=last.pk, status="doing")
    focus = owner_client.get(reverse("assessments:dashboard")).context["focus"]
    assert [a.title for a in focus.actions] == ["Cloud step 3", "Cloud step 0", "Cloud step 1"]


def test_without_a_goal_the_latest_career_is_shown_and_a_plan_offered(owner_client, careers):
    cloud, _ = careers
    skills_post(owner_client, cloud, ratings=rate_all(cloud, 1))
    response = owner_client.get(reverse("assessments:dashboard"))
    screen = first_screen(response.content.decode())
    assert "Cloud Engineer" in screen and "set a goal" in screen
    assert reverse("assessments:plan", args=["cloud-engineer"]) in screen


def test_no_results_yet_says_what_to_do(owner_client, careers):
    screen = first_screen(owner_client.get(reverse("assessments:dashboard")).content.decode())
    assert "No results yet" in screen


def test_the_first_screen_is_not_a_box_of_links(owner_client, careers):
    """The start links (three per career) became one form with two choices."""
    body = owner_client.get(reverse("assessments:dashboard")).content.decode()
    assert body.count(reverse("assessments:readiness", args=["data-engineer"])) == 0
    assert 'action="/assessments/start/"' in body


def test_the_history_is_paginated(owner_client, owner, careers):
    cloud, _ = careers
    make_history(owner, cloud, 2 * selectors.HISTORY_PER_PAGE + 5)
    url = reverse("assessments:dashboard")
    first = owner_client.get(url)
    assert len(first.context["history"].object_list) == selectors.HISTORY_PER_PAGE
    assert "<span>Page 1 of 3</span>" in first.content.decode()
    last = owner_client.get(url, {"page": "3"})
    assert len(last.context["history"].object_list) == 5
    for bad in ("99", "abc", "-1"):
        response = owner_client.get(url, {"page": bad})
        assert response.status_code == 200  # a page past the end or not a number: no 500


def test_trend_charts_have_dates_on_the_x_axis(owner_client, careers):
    cloud, _ = careers
    skills_post(owner_client, cloud, ratings=rate_all(cloud, 1))
    skills_post(owner_client, cloud, ratings=rate_all(cloud, 2))
    body = owner_client.get(reverse("assessments:dashboard")).content.decode()
    assert body.count('class="axis axis-x"') >= 2
