"""Trends compare like with like: a change of target level is named, never shown as a
rise or a drop; "what changed" leads with the moves; the guide notice says what changed and
appears only for edits that affect a score."""

import pytest
from django.urls import reverse

from assessments.models import Result
from guide.models import FAQ
from tests.assessments.helpers import rate_all, readiness_post, skills_post
from tests.factory import make_assessable_career, make_dimension, make_question

pytestmark = pytest.mark.django_db


@pytest.fixture
def career():
    return make_assessable_career(title="Amazon Engineer")


def _dashboard(client):
    response = client.get(reverse("assessments:dashboard"))
    assert response.status_code == 200
    return response, " ".join(response.content.decode().split())  # whitespace collapsed


def test_retake_at_a_higher_level_with_the_same_answers_shows_no_drop(owner_client, career):
    mid, senior = career.levels.get(order=1), career.levels.get(order=2)
    skills_post(owner_client, career, ratings=rate_all(career, 3), level=mid)
    skills_post(owner_client, career, ratings=rate_all(career, 3), level=senior)
    scores = list(Result.objects.order_by("created_at").values_list("score", flat=True))
    assert scores[1] < scores[0]  # the higher level expects more: the score is lower

    response, body = _dashboard(owner_client)
    [track] = response.context["tracks"]
    assert track.delta is None
    assert "▼" not in body and 'class="delta down' not in body
    assert "Target level changed from Mid Amazon Engineer to Senior Amazon Engineer." in body
    assert "This is your first attempt at Senior Amazon Engineer" in body
    # The chart marks the point where the level changed, and says so in its text.
    assert 'class="dot dot-marked"' in body
    assert "target level changed to Senior Amazon Engineer" in body
    assert 'class="axis level-mark-label"' in body


def test_since_last_time_compares_with_the_last_attempt_at_the_same_level(owner_client, career):
    mid, senior = career.levels.get(order=1), career.levels.get(order=2)
    skills_post(owner_client, career, ratings=rate_all(career, 2), level=senior)
    skills_post(owner_client, career, ratings=rate_all(career, 3), level=mid)
    skills_post(owner_client, career, ratings=rate_all(career, 3), level=senior)

    response, body = _dashboard(owner_client)
    [track] = response.context["tracks"]
    first_senior = Result.objects.order_by("created_at").first()
    assert track.baseline == first_senior
    assert track.delta == float(track.latest.score - first_senior.score) > 0
    assert "since your last attempt at Senior Amazon Engineer" in body
    assert "The change above compares with your last attempt at Senior Amazon Engineer." in body


def test_what_changed_leads_with_the_moves_biggest_first(owner_client, career):
    skills = list(career.career_skills.all())
    skills_post(owner_client, career, ratings=rate_all(career, 1))
    skills_post(
        owner_client,
        career,
        ratings=rate_all(career, 1) | {skills[2].skill_id: 2, skills[1].skill_id: 4},
    )
    response, body = _dashboard(owner_client)
    [track] = response.context["tracks"]
    assert [(c.name, c.direction, c.size) for c in track.changes] == [
        (skills[1].skill.name, "up", 3),
        (skills[2].skill.name, "up", 1),
        (skills[0].skill.name, "same", 0),
    ]
    assert "▲ up 3" in body


def test_what_changed_names_guide_changes_between_attempts(owner_client, career):
    skills_post(owner_client, career, ratings=rate_all(career, 2))
    first = career.career_skills.first()
    first.importance, first.expected_proficiency = 2, 4
    first.save()
    career.save()
    skills_post(owner_client, career, ratings=rate_all(career, 2))
    response, body = _dashboard(owner_client)
    [track] = response.context["tracks"]
    assert track.guide_changes_between == [
        f"{first.skill.name}: importance 5 → 2",
        f"{first.skill.name}: expected level 3 → 4",
    ]
    assert "The guide changed between the two attempts:" in body
    assert not track.guide_changed  # nothing changed since the latest attempt


def test_an_faq_edit_does_not_say_the_guide_changed(owner_client, career):
    skills_post(owner_client, career, ratings=rate_all(career, 2))
    FAQ.objects.create(career=career, question="Is it remote?", answer="Often.", order=1)
    career.summary = "Reworded by the editors."
    career.save()
    response, body = _dashboard(owner_client)
    [track] = response.context["tracks"]
    assert not track.guide_changed
    assert "has changed since your last attempt" not in body


def test_a_removed_skill_or_level_is_named_in_the_notice(owner_client, career):
    skills_post(owner_client, career, ratings=rate_all(career, 2))
    gone = career.career_skills.last()
    gone.delete()
    career.save()
    _, body = _dashboard(owner_client)
    assert f"{gone.skill.name} was removed" in body
    career.levels.filter(order=1).delete()
    career.save()
    _, body = _dashboard(owner_client)
    assert "the level “Mid Amazon Engineer” is no longer in the guide" in body


def test_readiness_notice_names_a_new_question(owner_client, career):
    network = make_dimension(name="Network")
    make_question(dimension=network, text="Do you know people in the field?")
    readiness_post(owner_client, career)
    make_question(dimension=network, text="Have you been to a meetup?")
    career.save()
    _, body = _dashboard(owner_client)
    assert "question added: “Have you been to a meetup?”" in body


def test_unchanged_ratings_are_summed_up_not_listed_as_rows(owner_client, career):
    skills_post(owner_client, career, ratings=rate_all(career, 2))
    skills_post(owner_client, career, ratings=rate_all(career, 2))
    _, body = _dashboard(owner_client)
    assert "No rating changed." in body
    assert 'class="change-same"' not in body
    assert f"The same as before ({career.career_skills.count()}):" in body


def test_the_guide_check_costs_the_same_whatever_the_history(owner_client, owner, career):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    network = make_dimension(name="Network")
    make_question(dimension=network, text="Do you know people in the field?")

    def count():
        career.save()  # a staff edit since the latest attempt: the deeper check runs
        with CaptureQueriesContext(connection) as ctx:
            _dashboard(owner_client)
        return len(ctx.captured_queries)

    skills_post(owner_client, career, ratings=rate_all(career, 1))
    readiness_post(owner_client, career)
    small = count()
    for rating in (2, 3, 1, 2):
        skills_post(owner_client, career, ratings=rate_all(career, rating))
        readiness_post(owner_client, career)
    # The dashboard's own queries (pinned in test_dashboard.py: 20 with a plan; no plan
    # here, so no plan steps or items: 18), then the deeper guide check: career skills,
    # levels, questions, options (4).
    assert small == count() == 22
