"""A search that finds nothing because of a typo finds what the visitor meant, and says so."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from guide import selectors
from guide.models import FAQ, MAX_SEARCH_WORDS
from tests.factory import add_skill, make_career

pytestmark = pytest.mark.django_db


@pytest.fixture
def cloud_guides():
    cloud = make_career(title="Cloud Engineer", summary="Runs services in the cloud.")
    add_skill(cloud, name="Kubernetes")
    make_career(title="Gardener", summary="Grows plants outdoors.")
    return cloud


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("clod", "cloud"), ("kubrenetes", "kubernetes"), ("kubernets", "kubernetes")],
)
def test_a_misspelt_word_finds_the_guides_with_the_word_meant(client, cloud_guides, typed, meant):
    response = client.get(reverse("guide:career-list"), {"q": typed})

    assert [c.slug for c in response.context["careers"]] == [cloud_guides.slug]
    body = response.content.decode()
    if response.context["corrected_query"]:  # "kubernets" is found by stemming alone
        assert response.context["corrected_query"] == meant
        assert f"these are the guides for “{meant}”" in body


def test_only_the_unknown_word_is_corrected(cloud_guides):
    found = selectors.career_search(query="cloud kubrenetes")
    assert [c.slug for c in found.careers] == [cloud_guides.slug]
    assert found.corrected_words == ["cloud", "kubernetes"]


def test_the_api_corrects_the_same_way(client, cloud_guides):
    body = client.get(reverse("api:career-list"), {"search": "clod"}).json()
    assert [item["slug"] for item in body["results"]] == [cloud_guides.slug]


def test_a_word_found_as_typed_is_never_corrected(cloud_guides):
    found = selectors.career_search(query="cloud")
    assert found.corrected_words is None


def test_nothing_close_means_nothing_found_and_no_correction(client, cloud_guides):
    response = client.get(reverse("guide:career-list"), {"q": "zzyzx"})
    assert list(response.context["careers"]) == []
    assert response.context["corrected_query"] == ""
    assert "No guide matches that search" in response.content.decode()


def test_short_words_are_not_corrected(cloud_guides):
    assert list(selectors.career_search(query="clo").careers) == []


def test_a_word_added_by_an_edit_becomes_a_correction_target(cloud_guides):
    FAQ.objects.create(career=cloud_guides, question="Observability?", answer="Use dashboards.")
    found = selectors.career_search(query="dashbords")
    assert found.corrected_words == ["dashboards"]
    assert [c.slug for c in found.careers] == [cloud_guides.slug]


def test_correcting_every_word_is_bounded(cloud_guides, django_assert_max_num_queries):
    typos = " ".join(["clodd"] * 2 + ["zzyzxa", "qwertyu", "plantz", "gardner", "kubrenetes", "x"])
    assert len(typos.split()) == MAX_SEARCH_WORDS
    with django_assert_max_num_queries(3 + MAX_SEARCH_WORDS):
        # 1 the search as typed (nothing), 1 which words the guides hold, at most one
        # lookup of similar words per unknown word, 1 the corrected search
        selectors.career_search(query=typos)


def test_the_shipped_guides_forgive_a_typo(client):
    call_command("load_guides", "--publish", verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115
    typed = client.get(reverse("api:career-list"), {"search": "infrastucture"}).json()
    meant = client.get(reverse("api:career-list"), {"search": "infrastructure"}).json()
    assert typed["count"] == meant["count"] > 0


def test_words_joined_by_punctuation_count_against_the_limit(
    cloud_guides, django_assert_max_num_queries
):
    joined = "-".join(f"zq{i}xyzw" for i in range(30))[:100]
    with django_assert_max_num_queries(3 + MAX_SEARCH_WORDS):
        assert list(selectors.career_search(query=joined).careers) == []
