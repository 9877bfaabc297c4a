"""Query counts pinned for the home page and the careers list (STYLE.md §20): the count
does not grow with the number of careers or categories shown."""

import pytest
from django.urls import reverse

from tests.factory import make_career, make_category

pytestmark = pytest.mark.django_db


def make_careers(count, *, featured=True):
    for i in range(count):
        make_career(title=f"Career {i:02}", category=make_category(), featured=featured)


@pytest.mark.parametrize("featured", [1, 12])
def test_home_runs_two_queries_however_many_featured_guides(
    client, django_assert_num_queries, featured
):
    make_careers(featured)
    # 1 featured published careers with their category; 2 categories with a published career.
    with django_assert_num_queries(2):
        response = client.get(reverse("home"))
    assert response.status_code == 200
    assert len(response.context["featured"]) == featured


@pytest.mark.parametrize("careers", [1, 12])
def test_careers_list_runs_three_queries_however_many_careers(
    client, django_assert_num_queries, careers
):
    make_careers(careers, featured=False)
    # 1 how many published careers (for the pages); 2 the page of them with their category,
    # by title; 3 categories for the filter.
    with django_assert_num_queries(3):
        response = client.get(reverse("guide:career-list"))
    assert response.status_code == 200
    assert len(response.context["careers"]) == careers


def test_careers_list_search_with_a_category_runs_four_queries(client, django_assert_num_queries):
    cloud = make_category(name="Cloud")
    make_career(title="Cloud Engineer", category=cloud)
    make_career(title="Cloud Architect", category=cloud)
    make_careers(5, featured=False)
    # 1 how many published careers in the category match (also: whether to correct a
    # word); 2 the page of them, with it; 3 the passages of that page's guides, for their
    # snippets; 4 categories for the filter.
    with django_assert_num_queries(4):
        response = client.get(reverse("guide:career-list"), {"q": "cloud", "category": "cloud"})
    assert [c.title for c in response.context["careers"]] == ["Cloud Architect", "Cloud Engineer"]


def test_signed_in_pages_add_only_the_session_and_the_user(owner_client, django_assert_num_queries):
    make_careers(3)
    # 1 session, 2 user, then the page's own queries as above; the home page adds the
    # member's part (the goal, the latest result; tests/assessments/test_goal_drives_the_site.py).
    with django_assert_num_queries(6):
        assert owner_client.get(reverse("home")).status_code == 200
    with django_assert_num_queries(5):
        assert owner_client.get(reverse("guide:career-list")).status_code == 200
