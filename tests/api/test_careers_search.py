"""The API's `?search=`: the same search as the site, best first, with rank and snippet."""

import pytest
from django.urls import reverse

from guide.models import FAQ
from tests.factory import make_career

pytestmark = pytest.mark.django_db

LIST = reverse("api:career-list")


def test_search_results_come_best_first_with_rank_and_snippet(client):
    in_faq = make_career(title="Aa keeper", summary="Feeds animals.")
    FAQ.objects.create(career=in_faq, question="Birds?", answer="A heron visits daily.")
    make_career(title="Zz heron keeper", summary="Feeds animals.")

    results = client.get(LIST, {"search": "heron"}).json()["results"]

    assert [item["title"] for item in results] == ["Zz heron keeper", "Aa keeper"]
    assert results[0]["rank"] > results[1]["rank"]
    assert int(results[0]["rank"]) == 3  # every word in the title (2) and in the keywords (1)
    assert int(results[1]["rank"]) == 0  # only in the body
    assert "A <mark>heron</mark> visits daily" in results[1]["snippet"]
    assert results[0]["snippet"] == ""  # the word is only in the title


def test_without_search_rank_and_snippet_are_null_and_the_order_alphabetical(client):
    make_career(title="Zz")
    make_career(title="Aa")

    results = client.get(LIST).json()["results"]

    assert [item["title"] for item in results] == ["Aa", "Zz"]
    assert all(item["rank"] is None and item["snippet"] is None for item in results)


def test_search_results_are_paginated(client):
    for i in range(25):
        make_career(title=f"Heron {i:02d}")

    first = client.get(LIST, {"search": "heron"}).json()
    second = client.get(LIST, {"search": "heron", "page": 2}).json()

    assert first["count"] == 25 and len(first["results"]) == 20
    assert len(second["results"]) == 5
    seen = {item["slug"] for item in first["results"] + second["results"]}
    assert len(seen) == 25


def test_the_schema_documents_rank_snippet_and_the_search_rule(client):
    schema = client.get(reverse("api:schema"), headers={"Accept": "application/json"}).json()
    item = schema["components"]["schemas"]["CareerListOutput"]["properties"]
    assert "<mark>" in item["snippet"]["description"]
    assert "tier" in item["rank"]["description"]
    operation = schema["paths"]["/api/v1/careers/"]["get"]
    assert "best first" in operation["description"]
    search = next(p for p in operation["parameters"] if p["name"] == "search")
    assert "somewhere in the guide" in search["description"]
