"""The dashboard's cost does not grow with the history: the same queries and about the
same HTML with 2 results as with 200 (it was 742 KB of HTML at 2,000 results)."""

import pytest
from django.urls import reverse

from assessments import selectors, services
from tests.assessments.helpers import rate_all, skills_post
from tests.assessments.test_dashboard import count_dashboard_queries, make_history
from tests.factory import make_assessable_career

pytestmark = pytest.mark.django_db


def test_queries_are_the_same_with_2_and_200_results(owner_client, owner):
    career = make_assessable_career(title="Cloud Engineer")
    services.plan_start(user=owner, career=career)
    for rating in (1, 2):  # two attempts of one track, so "what changed" is read too
        skills_post(owner_client, career, ratings=rate_all(career, rating))
    small, _ = count_dashboard_queries(owner_client)
    make_history(owner, career, 198)
    large, response = count_dashboard_queries(owner_client)
    assert response.context["history"].paginator.count == 200
    assert small == large == 20  # each named in test_dashboard.py


def test_the_page_stops_growing_once_the_history_outgrows_a_page(owner_client, owner):
    career = make_assessable_career(title="Cloud Engineer")
    make_history(owner, career, 40)  # past a history page and the charted attempts
    size_40 = len(owner_client.get(reverse("assessments:dashboard")).content)
    make_history(owner, career, 360)
    response = owner_client.get(reverse("assessments:dashboard"))
    assert response.context["history"].paginator.count == 400
    # Same rows and points on the page; only numbers in the text differ.
    assert len(response.content) < size_40 * 1.05
    tracks = response.context["tracks"]
    assert sum(len(t.results) for t in tracks) <= 2 * selectors.TREND_POINTS  # per track
