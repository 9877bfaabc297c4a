"""The goal drives the site: the profile lists only the goal career's levels, the dashboard
opens on the goal's career, and the home page shows a member their latest score, its band
and what to do next."""

import re

import pytest
from django.urls import reverse

from assessments import goals, scoring
from assessments.models import Result
from tests.assessments.helpers import rate_all, skills_post
from tests.factory import make_assessable_career

pytestmark = pytest.mark.django_db


@pytest.fixture
def amazon():
    return make_assessable_career(title="Amazon Engineer")


@pytest.fixture
def cloud():
    return make_assessable_career(title="Cloud Engineer")


def _level_options(body: str) -> list[str]:
    select = body[body.index('name="target_level"') :]
    select = select[: select.index("</select>")]
    return re.findall(r"<option value=\"\d+\"[^>]*>([^<(]+) \(", select)


def test_profile_lists_only_the_goal_careers_levels(owner_client, owner, amazon, cloud):
    body = owner_client.get(reverse("accounts:profile")).content.decode()
    assert len(_level_options(body)) == 6  # no career yet: every level, grouped
    goals.goal_update(user=owner, changes={"target_career": amazon})
    body = owner_client.get(reverse("accounts:profile")).content.decode()
    assert _level_options(body) == [level.title for level in amazon.levels.all()]
    assert "The levels of Amazon Engineer." in body


def test_changing_career_and_level_together_still_saves(owner_client, owner, amazon, cloud):
    goals.goal_update(user=owner, changes={"target_career": amazon})
    senior = cloud.levels.get(order=2)
    data = {"display_name": "", "target_career": cloud.pk, "target_level": senior.pk}
    response = owner_client.post(reverse("accounts:profile"), data | {"years_of_experience": ""})
    assert response.status_code == 302
    goal = goals.goal_for_user(user=owner)
    assert (goal.target_career, goal.target_level) == (cloud, senior)


def test_dashboard_opens_on_the_goals_career(owner_client, owner, amazon, cloud):
    skills_post(owner_client, amazon, ratings=rate_all(amazon, 2))
    skills_post(owner_client, cloud, ratings=rate_all(cloud, 2))  # the newest
    response = owner_client.get(reverse("assessments:dashboard"))
    assert [t.career_slug for t in response.context["tracks"]] == [cloud.slug, amazon.slug]
    goals.goal_update(user=owner, changes={"target_level": amazon.levels.get(order=2)})
    response = owner_client.get(reverse("assessments:dashboard"))
    assert [t.career_slug for t in response.context["tracks"]] == [amazon.slug, cloud.slug]
    assert "Your goal: <strong>Senior Amazon Engineer</strong>" in " ".join(
        response.content.decode().split()
    )


def test_home_page_shows_a_member_their_latest_score_band_and_next_actions(
    owner_client, owner, amazon
):
    goals.goal_update(user=owner, changes={"target_level": amazon.levels.get(order=2)})
    body = owner_client.get(reverse("home")).content.decode()
    assert "No result for Amazon Engineer yet." in body
    skills_post(owner_client, amazon, ratings=rate_all(amazon, 1))
    result = Result.objects.get()
    body = " ".join(owner_client.get(reverse("home")).content.decode().split())
    band = scoring.band_of(result.score)
    assert f'<span class="score-value">{scoring.whole(result.score)}%</span>' in body
    assert f'<span class="band band-{band.key}">{band.label}</span>' in body
    assert "Next actions" in body
    first = result.snapshot.recommendations[0]
    assert f"<strong>{first.subject}:</strong>" in body
    assert "Take it again, starting from your answers" in body


def test_home_page_for_a_visitor_has_no_member_part(client, amazon):
    body = client.get(reverse("home")).content.decode()
    assert "member-home" not in body


def test_home_page_query_count_for_a_member(owner_client, owner, amazon, django_assert_num_queries):
    goals.goal_update(user=owner, changes={"target_level": amazon.levels.get(order=2)})
    for rating in (1, 2, 3):
        skills_post(owner_client, amazon, ratings=rate_all(amazon, rating))
    owner_client.get(reverse("home"))
    # session (1), user (1), featured guides (1), categories (1), the goal (1), the latest
    # result (1).
    with django_assert_num_queries(6):
        assert owner_client.get(reverse("home")).status_code == 200


def test_a_goal_whose_guide_was_unpublished_reads_on_with_a_notice(owner_client, owner, amazon):
    goals.goal_update(user=owner, changes={"target_level": amazon.levels.get(order=2)})
    skills_post(owner_client, amazon, ratings=rate_all(amazon, 1))
    amazon.status = amazon.Status.DRAFT
    amazon.save()
    home = " ".join(owner_client.get(reverse("home")).content.decode().split())
    assert "The Amazon Engineer guide is not published at the moment." in home
    assert "Take it again" not in home
    assert '<span class="score-value">' in home  # the latest result still shows
    dashboard = owner_client.get(reverse("assessments:dashboard"))
    assert dashboard.status_code == 200
    assert "Its guide is not published at the moment" in dashboard.content.decode()
    assert reverse("assessments:skills", args=[amazon.slug]) not in dashboard.content.decode()
