"""Public guide pages: home, list and search, one guide, compare, 404s and drafts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from guide.models import Career, Section
from tests.factory import add_skill, make_career, make_category, make_full_guide, make_skill

pytestmark = pytest.mark.django_db


def test_home_links_to_featured_guides(client):
    featured = make_career(title="Amazon Engineer", featured=True)
    make_career(title="Quiet Career", featured=False)
    make_career(title="Secret Draft", featured=True, status=Career.Status.DRAFT)
    response = client.get(reverse("home"))
    body = response.content.decode()
    assert response.status_code == 200
    assert f'href="{featured.get_absolute_url()}"' in body
    assert "Quiet Career" not in body
    assert "Secret Draft" not in body


def test_list_shows_only_published_guides(client):
    make_career(title="Cloud Engineer")
    make_career(title="Hidden Draft", status=Career.Status.DRAFT)
    body = client.get(reverse("guide:career-list")).content.decode()
    assert "Cloud Engineer" in body
    assert "Hidden Draft" not in body


def test_search_matches_title_summary_and_skill_names(client):
    by_title = make_career(title="Platform Engineer")
    by_summary = make_career(title="Alpha", summary="Keeps the platform running.")
    by_skill = make_career(title="Beta", summary="Nothing to see.")
    add_skill(by_skill, name="Platform design")
    make_career(title="Gamma", summary="Unrelated.")

    response = client.get(reverse("guide:career-list"), {"q": "platform"})
    titles = [c.title for c in response.context["careers"]]
    # The title match ranks first; the summary and skill matches share a tier, by title.
    assert titles == [by_title.title, by_summary.title, by_skill.title]


def test_search_requires_every_word(client):
    career = make_career(title="Cloud Engineer", summary="Runs infrastructure on AWS.")
    make_career(title="Cloud Architect", summary="Designs systems.")
    response = client.get(reverse("guide:career-list"), {"q": "cloud aws"})
    assert [c.pk for c in response.context["careers"]] == [career.pk]


def test_category_filter(client):
    cloud = make_category(name="Cloud and Infrastructure")
    in_cloud = make_career(title="Cloud Engineer", category=cloud)
    make_career(title="Amazon Engineer")
    response = client.get(reverse("guide:career-list"), {"category": cloud.slug})
    assert [c.pk for c in response.context["careers"]] == [in_cloud.pk]


@pytest.mark.parametrize(
    "query",
    [
        "",
        " ",
        "x" * 5000,
        "%",
        "_",
        "'; DROP TABLE guide_career; --",
        "\x00null",
        "ü∑ø😀",
        "a b c d e f g h i j k",
    ],
)
def test_odd_searches_get_a_normal_page(client, query):
    make_career(title="Cloud Engineer")
    response = client.get(reverse("guide:career-list"), {"q": query, "category": query})
    assert response.status_code == 200


def test_unknown_slug_is_a_proper_404_page(client):
    response = client.get("/careers/no-such-career/")
    assert response.status_code == 404
    assert "couldn’t find that page" in response.content.decode()


def test_draft_is_404_for_visitors_and_signed_in_users(client, owner):
    draft = make_career(title="Draft Career", status=Career.Status.DRAFT)
    assert client.get(draft.get_absolute_url()).status_code == 404
    client.force_login(owner)
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_editor_can_preview_a_draft(editor_client):
    draft = make_career(title="Draft Career", status=Career.Status.DRAFT)
    response = editor_client.get(draft.get_absolute_url())
    assert response.status_code == 200
    body = response.content.decode()
    assert "Draft preview" in body
    assert 'name="robots" content="noindex"' in body


def test_guide_page_shows_every_part_with_anchors(client):
    career = make_full_guide(title="Amazon Engineer")
    Section.objects.create(
        career=career,
        title="Work environment",
        anchor="work-environment",
        body="Hybrid.",
        placement=Section.Placement.ROLE,
    )
    response = client.get(career.get_absolute_url())
    body = response.content.decode()
    assert response.status_code == 200
    assert "$110,000" in body
    assert "22%" in body
    for anchor in [
        "key-facts", "work-environment", "responsibilities", "skills", "education",
        "how-to-become", "salary", "career-path", "specializations", "pros-cons", "faq",
        "related", "sources", "section-0",
    ]:  # fmt: skip
        assert f'href="#{anchor}"' in body, anchor
        assert f'id="{anchor}"' in body, anchor
    assert "Level 0" in body and "0–2 years" in body
    assert "Source 0" in body


def test_related_drafts_are_not_linked(client):
    career = make_full_guide(title="Main")
    hidden = career.related_links.first().related_career
    hidden.status = Career.Status.DRAFT
    hidden.save()
    body = client.get(career.get_absolute_url()).content.decode()
    assert hidden.get_absolute_url() not in body


def count_guide_queries(client, career):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(career.get_absolute_url())
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_guide_page_query_count_does_not_grow_with_the_guide(client):
    small = make_full_guide(title="Small", scale=1)
    large = make_full_guide(title="Large", scale=3)
    # 1 career with its category, then one query per part: sources, key facts (with
    # source), responsibilities, skills (with skill), education paths, steps, levels,
    # regional salaries, sections, specializations, pros and cons, FAQ, related careers,
    # linked standard occupations (with the occupation). A guide whose primary occupation
    # has official pay adds one more (tests/guide/test_official_pay.py).
    assert count_guide_queries(client, small) == 15
    assert count_guide_queries(client, large) == 15


def test_compare_shows_two_careers_side_by_side(client):
    a = make_career(title="Amazon Engineer", median_salary_usd=110000)
    b = make_career(title="Cloud Engineer", median_salary_usd=120000)
    shared = make_skill(name="Distributed system design")
    add_skill(a, shared, importance=5)
    add_skill(b, shared, importance=3)
    add_skill(a, name="Data structures and algorithms")
    add_skill(b, name="Networking fundamentals")

    response = client.get(reverse("guide:career-compare"), {"a": a.slug, "b": b.slug})
    assert response.status_code == 200
    comparison = response.context["comparison"]
    assert [r.name for r in comparison.shared] == ["Distributed system design"]
    assert [r.name for r in comparison.only_a] == ["Data structures and algorithms"]
    assert [r.name for r in comparison.only_b] == ["Networking fundamentals"]
    body = response.content.decode()
    assert "$110,000" in body and "$120,000" in body


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"a": "amazon-engineer"}, "Pick two careers"),
        ({"a": "amazon-engineer", "b": "amazon-engineer"}, "two different"),
        ({"a": "amazon-engineer", "b": "nope"}, "no published guide"),
        ({"a": "amazon-engineer", "b": "draft-one"}, "no published guide"),
        ({"a": "x" * 10000, "b": "\x00"}, "Pick two careers"),
        ({"a": "x" * 10000, "b": "amazon-engineer"}, "no published guide"),
        ({"a": ["a", "b"], "b": "<script>"}, "no published guide"),
    ],
)
def test_bad_compare_parameters_get_a_normal_page_with_a_message(client, params, message):
    make_career(title="Amazon Engineer")
    make_career(title="Draft One", status=Career.Status.DRAFT)
    response = client.get(reverse("guide:career-compare"), params)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert response.context["comparison"] is None


def test_empty_compare_shows_the_pickers(client):
    make_career(title="Amazon Engineer")
    response = client.get(reverse("guide:career-compare"))
    assert response.status_code == 200
    assert 'id="compare-a"' in response.content.decode()


def test_sitemap_and_robots_list_only_published_guides(client):
    live = make_career(title="Live")
    draft = make_career(title="Draft", status=Career.Status.DRAFT)
    sitemap = client.get("/sitemap.xml").content.decode()
    assert live.get_absolute_url() in sitemap
    assert draft.get_absolute_url() not in sitemap
    robots = client.get("/robots.txt")
    assert robots.status_code == 200
    assert "Sitemap: http://testserver/sitemap.xml" in robots.content.decode()
