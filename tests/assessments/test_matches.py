"""Careers your skills fit: every published career scored against the member's latest
ratings, with the skills that carry over, to build and not rated yet."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from assessments import selectors
from assessments.models import Result
from guide.models import Career
from tests.assessments.helpers import rate_all, skills_post
from tests.factory import add_skill, make_assessable_career, make_career, make_skill

pytestmark = pytest.mark.django_db


@pytest.fixture
def shared():
    """Two careers sharing two skills: Cloud (A, B, C) and Platform (A, B, D)."""
    a, b, c, d = (make_skill(name=n) for n in ("Linux", "Networking", "Terraform", "Go"))
    cloud = make_assessable_career(title="Cloud Engineer", skills=0)
    platform = make_assessable_career(title="Platform Engineer", skills=0)
    add_skill(cloud, a, importance=5, expected=3)
    add_skill(cloud, b, importance=3, expected=2)
    add_skill(cloud, c, importance=2, expected=2)
    add_skill(platform, a, importance=4, expected=2)
    add_skill(platform, b, importance=4, expected=4)
    add_skill(platform, d, importance=2, expected=2)
    return {"cloud": cloud, "platform": platform, "skills": (a, b, c, d)}


def rate(client, career, ratings, level=None):
    response = skills_post(client, career, ratings=ratings, level=level)
    assert response.status_code == 302
    return Result.objects.order_by("-pk").first()


def test_every_published_career_is_matched_from_the_latest_ratings(owner_client, owner, shared):
    a, b, c, _d = shared["skills"]
    rate(owner_client, shared["cloud"], {a.pk: 3, b.pk: 1, c.pk: 2})
    make_career(title="Draft Engineer", status=Career.Status.DRAFT)

    matches = selectors.career_matches(ratings=selectors.latest_ratings(user=owner))

    by_slug = {m.slug: m for m in matches.careers}
    assert set(by_slug) == {"cloud-engineer", "platform-engineer"}  # drafts are not offered
    platform = by_slug["platform-engineer"]
    # At the main level: Linux 3 ≥ 2 (match 1), Networking 1 of 4 (0.25), Go never rated
    # (counts 0): (4 × 1 + 4 × 0.25 + 2 × 0) / 10 = 50 %.
    assert platform.score == Decimal("50.0")
    assert [s.name for s in platform.carries_over] == ["Linux"]
    assert [(s.name, s.rating, s.expected) for s in platform.to_build] == [("Networking", 1, 4)]
    assert [(s.name, s.rating) for s in platform.not_rated] == [("Go", None)]
    # Cloud: (5 × 1 + 3 × 0.5 + 2 × 1) / 10 = 85 %, the best match, listed first.
    assert matches.careers[0].slug == "cloud-engineer"
    assert matches.careers[0].score == Decimal("85.0")


def test_a_newer_rating_in_another_career_replaces_the_older_one(owner_client, owner, shared):
    a, b, c, d = shared["skills"]
    rate(owner_client, shared["cloud"], {a.pk: 1, b.pk: 1, c.pk: 1})
    Result.objects.update(created_at=timezone.now() - timedelta(days=3))
    rate(owner_client, shared["platform"], {a.pk: 4, b.pk: 2, d.pk: 0})

    ratings = selectors.latest_ratings(user=owner)

    assert {r.name: r.rating for r in ratings.values()} == {
        "Linux": 4,  # from the newer Platform analysis
        "Networking": 2,
        "Terraform": 1,  # only rated for Cloud, so that rating stands
        "Go": 0,
    }
    assert ratings[a.pk].career_title == "Platform Engineer"


def test_only_the_newest_analysis_of_each_career_counts(owner_client, owner, shared):
    a, b, c, _d = shared["skills"]
    rate(owner_client, shared["cloud"], {a.pk: 4, b.pk: 4, c.pk: 4})
    Result.objects.update(created_at=timezone.now() - timedelta(days=3))
    rate(owner_client, shared["cloud"], {a.pk: 1, b.pk: 1, c.pk: 1})
    ratings = selectors.latest_ratings(user=owner)
    assert {r.rating for r in ratings.values()} == {1}


def test_no_skills_analysis_means_no_matches_and_no_queries(owner, django_assert_num_queries):
    with django_assert_num_queries(1):  # the careers assessed: none
        ratings = selectors.latest_ratings(user=owner)
    with django_assert_num_queries(0):
        assert selectors.career_matches(ratings=ratings).careers == []


def test_matching_costs_the_same_queries_however_long_the_history(
    owner_client, owner, shared, django_assert_num_queries
):
    a, b, c, _d = shared["skills"]
    for rating in range(5):
        rate(owner_client, shared["cloud"], {a.pk: rating, b.pk: 1, c.pk: 2})
    # the careers assessed (1), the newest analysis of each (1), those results (1),
    # published careers (1) and their skills with names (1)
    with django_assert_num_queries(5):
        matches = selectors.career_matches(ratings=selectors.latest_ratings(user=owner))
    assert len(matches.careers) == 2


def test_result_page_lists_the_matches_with_a_compare_link(owner_client, shared):
    a, b, c, _d = shared["skills"]
    result = rate(owner_client, shared["cloud"], {a.pk: 3, b.pk: 1, c.pk: 2})
    body = owner_client.get(result.get_absolute_url()).content.decode()
    assert "Careers your skills fit" in body
    assert "Platform Engineer" in body and "50%" in body
    compare = reverse("guide:career-compare") + "?a=cloud-engineer&amp;b=platform-engineer"
    assert compare in body


def test_a_visitors_result_is_matched_on_its_own_ratings(client, shared):
    a, b, c, _d = shared["skills"]
    response = skills_post(client, shared["cloud"], ratings={a.pk: 3, b.pk: 1, c.pk: 2})
    body = client.get(response["Location"]).content.decode()
    assert "Careers your skills fit" in body and "Platform Engineer" in body


def test_dashboard_lists_the_matches(owner_client, shared):
    career = shared["cloud"]
    rate(owner_client, career, rate_all(career, 2))
    body = owner_client.get(reverse("assessments:dashboard")).content.decode()
    assert 'id="matches"' in body and "Platform Engineer" in body
