"""Careers: the paginated, searchable list and one whole guide, with conditional GET."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from guide.models import Career, RelatedCareer
from tests.api.conftest import assert_json_error
from tests.factory import add_skill, make_career, make_category, make_full_guide

pytestmark = pytest.mark.django_db

LIST = reverse("api:career-list")


def detail_url(career) -> str:
    return reverse("api:career-detail", args=[career.slug])


def slugs(response) -> list[str]:
    return [item["slug"] for item in response.json()["results"]]


def test_list_shows_only_published_careers_by_title(client):
    make_career(title="Zeta Engineer")
    make_career(title="Alpha Engineer")
    make_career(title="Hidden Draft", status=Career.Status.DRAFT)

    response = client.get(LIST)

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    assert slugs(response) == ["alpha-engineer", "zeta-engineer"]
    first = body["results"][0]
    assert first["url"] == "/api/v1/careers/alpha-engineer/"
    assert first["html_url"] == "/careers/alpha-engineer/"


def test_list_is_paginated(client):
    for i in range(25):
        make_career(title=f"Career {i:02d}")

    first = client.get(LIST).json()
    second = client.get(LIST, {"page": 2}).json()
    small = client.get(LIST, {"page_size": 5, "page": 5}).json()

    assert first["count"] == 25 and len(first["results"]) == 20
    assert first["next"].endswith("?page=2") and first["previous"] is None
    assert len(second["results"]) == 5 and second["next"] is None
    assert [c["title"] for c in small["results"]] == [f"Career {i:02d}" for i in range(20, 25)]


def test_search_and_category_filter_the_list(client):
    cloud = make_category(name="Cloud")
    by_title = make_career(title="Platform Engineer", category=cloud)
    by_skill = make_career(title="Beta", summary="Nothing to see.", category=cloud)
    add_skill(by_skill, name="Platform design")
    make_career(title="Gamma", summary="Unrelated.", category=cloud)
    make_career(title="Platform Lead")  # no category

    searched = client.get(LIST, {"search": "platform"})
    both = client.get(LIST, {"search": "platform", "category": "cloud"})

    assert set(slugs(searched)) == {by_title.slug, by_skill.slug, "platform-lead"}
    assert slugs(both) == [by_title.slug, by_skill.slug]  # a title match ranks first
    assert client.get(LIST, {"category": "no-such-category"}).json()["count"] == 0


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"search": "x" * 101}, "search"),
        ({"search": "cloud\x00"}, "search"),
        ({"category": "not a slug"}, "category"),
        ({"page": "two"}, "page"),
        ({"page": "0"}, "page"),
        ({"page": "-1"}, "page"),
        ({"page_size": "101"}, "page_size"),
        ({"page_size": "\x00"}, "page_size"),
    ],
)
def test_bad_query_parameters_are_a_json_400_naming_the_parameter(client, params, field):
    make_career()

    body = assert_json_error(client.get(LIST, params), 400, "invalid")

    assert list(body["errors"]) == [field]


def test_a_page_past_the_end_is_a_json_404(client):
    make_career()

    assert_json_error(client.get(LIST, {"page": 2}), 404, "not_found")


def test_list_runs_two_queries_however_many_careers(client, django_assert_num_queries):
    category = make_category(name="Cloud")
    for i in range(8):
        make_career(title=f"Career {i}", category=category if i % 2 else None)

    with django_assert_num_queries(2):
        # 1. COUNT(*) of the published careers matching the filters, for `count` and pages
        # 2. one page of those careers JOINed to their category
        response = client.get(LIST)

    assert response.json()["count"] == 8


def test_search_runs_three_queries(client, django_assert_num_queries):
    for i in range(4):
        add_skill(make_career(title=f"Career {i}"), name=f"Cloud skill {i}")

    with django_assert_num_queries(3):
        # 1. how many published careers the search document matches (also: whether a
        #    misspelt word needs correcting)
        # 2. the page of them, JOINed to their category, with rank, best first
        # 3. the passages of that page's guides, for their snippets
        response = client.get(LIST, {"search": "cloud"})

    assert response.json()["count"] == 4


def test_detail_is_the_whole_guide(client):
    career = make_full_guide(title="Amazon Engineer")
    draft = make_career(title="Secret Draft", status=Career.Status.DRAFT)
    RelatedCareer.objects.create(career=career, related_career=draft, order=99)

    response = client.get(detail_url(career))

    assert response.status_code == 200
    body = response.json()
    assert body["slug"] == "amazon-engineer" and body["title"] == "Amazon Engineer"
    assert body["facts"]["median_salary_usd"] == 110000
    assert body["facts"]["growth_outlook_pct"] == 22.0
    assert {f["kind"] for f in body["key_facts"]} == {"median_salary", "growth"}
    assert body["key_facts"][0]["source"]["title"] == "Source 1"
    skill = career.career_skills.select_related("skill").order_by("order").first()
    assert body["skills"][0] == {
        "id": skill.skill_id,
        "name": skill.skill.name,
        "slug": skill.skill.slug,
        "kind": "technical",
        "description": "",
        "importance": skill.importance,
        "expected_proficiency": skill.expected_proficiency,
        "expected_label": skill.expected_label,
        "detail": "",
    }
    assert [s["title"] for s in body["steps"]] == ["Step 0", "Step 1", "Step 2", "Step 3"]
    assert [lvl["title"] for lvl in body["levels"]] == ["Level 0", "Level 1"]
    assert body["levels"][0]["salary_median_usd"] == 100000
    for part in ("responsibilities", "education_paths", "regional_salaries", "sections"):
        assert body[part], part
    assert len(body["pros_cons"]) == 8 and len(body["faqs"]) == 4
    assert [r["title"] for r in body["related"]] == [r.title for r in _published_related(career)]
    assert "Secret Draft" not in response.content.decode()
    assert body["html_url"] == "/careers/amazon-engineer/"


def _published_related(career):
    return [
        link.related_career
        for link in career.related_links.filter(related_career__status="published")
    ]


def test_detail_loads_the_guide_in_a_fixed_number_of_queries(client, django_assert_num_queries):
    small, large = make_full_guide(scale=1), make_full_guide(scale=3)

    for career in (small, large):
        # 1 the career's updated_at (enough to answer 304), then guide.selectors.career_for_page:
        # 1 the career with its category, 14 one per part (sources, key facts with source,
        # responsibilities, skills with skill, education paths, steps, levels, regional
        # salaries, sections, specializations, pros and cons, FAQ, published related careers,
        # linked occupations with the occupation). Official pay adds one (tests/api/
        # test_official_pay.py); these guides link no occupation.
        with django_assert_num_queries(16):
            assert client.get(detail_url(career)).status_code == 200


@pytest.mark.parametrize("slug", ["no-such-career", "secret-draft"])
def test_unknown_and_draft_careers_are_a_json_404(client, slug):
    make_career(title="Secret Draft", status=Career.Status.DRAFT)

    body = assert_json_error(client.get(f"/api/v1/careers/{slug}/"), 404, "not_found")

    assert body["detail"] == "No published guide has that address."


def test_detail_answers_304_to_its_own_etag_in_one_query(client, django_assert_num_queries):
    career = make_full_guide()
    first = client.get(detail_url(career))
    etag = first["ETag"]

    with django_assert_num_queries(1):
        # 1 the career's updated_at: nothing else is loaded for a 304
        again = client.get(detail_url(career), headers={"If-None-Match": etag})

    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag
    assert "no-cache" in first["Cache-Control"]


def test_detail_answers_304_to_its_last_modified(client):
    career = make_career()
    first = client.get(detail_url(career))

    again = client.get(detail_url(career), headers={"If-Modified-Since": first["Last-Modified"]})

    assert again.status_code == 304


def test_an_edited_guide_is_sent_again_with_a_new_etag(client):
    career = make_career(title="Cloud Engineer")
    first = client.get(detail_url(career))
    Career.objects.filter(pk=career.pk).update(
        summary="Rewritten.", updated_at=timezone.now() + timezone.timedelta(seconds=2)
    )

    again = client.get(
        detail_url(career),
        headers={
            "If-None-Match": first["ETag"],
            "If-Modified-Since": first["Last-Modified"],
        },
    )

    assert again.status_code == 200
    assert again.json()["summary"] == "Rewritten."
    assert again["ETag"] != first["ETag"]


def test_a_stale_or_garbled_etag_gets_the_whole_guide(client):
    career = make_career()

    for value in ('"something-else"', "garbage\x01", "*x", 'W/"'):
        response = client.get(detail_url(career), headers={"If-None-Match": value})
        assert response.status_code == 200, value


def test_careers_are_public_but_a_wrong_token_is_a_401(owner):
    make_career()
    anonymous = Client()
    wrong = Client(headers={"Authorization": "Token cg_not-a-real-key"})

    assert anonymous.get(LIST).status_code == 200
    response = wrong.get(LIST)
    assert_json_error(response, 401, "authentication_failed")
    assert response["WWW-Authenticate"] == "Token"


def test_careers_answer_a_signed_in_user_too(owner_api, session_api):
    make_career()

    assert owner_api.get(LIST).json()["count"] == 1
    assert session_api.get(LIST).json()["count"] == 1


def test_renaming_a_shared_skill_changes_the_etag(client):
    career = make_career(title="Cloud Engineer")
    skill = add_skill(career, name="Old skill name").skill
    first = client.get(detail_url(career))
    skill.name = "New skill name"
    skill.save()

    again = client.get(detail_url(career), headers={"If-None-Match": first["ETag"]})

    assert again.status_code == 200
    assert "New skill name" in again.content.decode()
