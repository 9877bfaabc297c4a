"""Search costs the same few queries, and grows by one subquery per word, however long it is.

A search used to add two joins over career skills per word, so the rows the database
had to consider multiplied with every word: five words took 13-24 seconds on the
shipped guides and eight could hold a worker until gunicorn killed it. These tests pin
the shape of the SQL and the query count rather than a timing.
"""

import pytest
from django.core.management import call_command
from django.urls import reverse

from guide import selectors
from guide.models import Career
from tests.factory import add_skill, make_career

pytestmark = pytest.mark.django_db

# Natural words that all occur in the shipped guides, then two that occur nowhere and
# fall beyond the word limit.
TEN_WORDS = "cloud infrastructure engineer aws security networking linux code golang haskell"


@pytest.fixture
def shipped_guides():
    call_command("load_guides", "--publish", verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115


def expected_slugs(words: list[str]) -> list[str]:
    """The careers whose title, summary or a skill name holds every word, worked out in Python."""
    found = []
    for career in Career.objects.published().prefetch_related("career_skills__skill"):
        texts = [career.title, career.summary] + [
            cs.skill.name for cs in career.career_skills.all()
        ]
        texts = [text.lower() for text in texts]
        if all(any(word.lower() in text for text in texts) for word in words):
            found.append((career.title, career.slug))
    return [slug for _, slug in sorted(found)]


def outer_from_clause(queryset) -> str:
    """The SQL between the outermost FROM and WHERE: the joins every result row pays for."""
    sql = str(queryset.query)
    return sql[sql.index(" FROM ") : sql.index(" WHERE ")]


def test_the_word_limit_leaves_the_two_last_words_out():
    words = TEN_WORDS.split()
    assert len(words) == 10
    assert selectors.MAX_SEARCH_WORDS == 8
    assert selectors.search_words(TEN_WORDS) == (words[:8], words[8:])


def test_ten_word_search_is_right_and_runs_two_queries(
    client, shipped_guides, django_assert_num_queries
):
    first_eight = TEN_WORDS.split()[:8]
    expected = expected_slugs(first_eight)
    assert expected, "the first eight words should find at least one shipped guide"
    assert expected_slugs(TEN_WORDS.split()) == [], "the last two words match nothing"

    with django_assert_num_queries(2):
        # 1. the published careers (with their category) where each word is in the title,
        #    the summary or, through one EXISTS subquery per word, a skill name
        # 2. the categories that have a published career, for the filter menu
        response = client.get(reverse("guide:career-list"), {"q": TEN_WORDS})

    assert response.status_code == 200
    assert [c.slug for c in response.context["careers"]] == expected
    body = response.content.decode()
    assert "Searched the first 8 words" in body
    assert "golang haskell" in body  # the visitor is told which words were left out


def test_ten_word_api_search_is_right_and_runs_two_queries(
    client, shipped_guides, django_assert_num_queries
):
    expected = expected_slugs(TEN_WORDS.split()[:8])

    with django_assert_num_queries(2):
        # 1. COUNT(*) of the matching published careers, one EXISTS per word, no DISTINCT
        # 2. one page of them JOINed to their category
        response = client.get(reverse("api:career-list"), {"search": TEN_WORDS})

    assert response.status_code == 200
    assert response.json()["count"] == len(expected)
    assert [item["slug"] for item in response.json()["results"]] == expected


@pytest.mark.parametrize("words", [1, 4, 8])
def test_no_skill_join_reaches_the_outer_query_and_no_distinct(words):
    query = " ".join(TEN_WORDS.split()[:words])
    careers = selectors.career_list(query=query)
    sql = str(careers.query)

    # Only the category join, whatever the number of words (it was 1 + 2 per word).
    assert outer_from_clause(careers).count("JOIN") == 1
    assert "guide_careerskill" not in outer_from_clause(careers)
    assert "guide_skill" not in outer_from_clause(careers)
    assert "DISTINCT" not in sql
    assert sql.count("EXISTS") == words


def test_every_word_may_match_a_different_field():
    career = make_career(title="Cloud Engineer", summary="Keeps the lights on.")
    add_skill(career, name="Terraform modules")
    other = make_career(title="Cloud Architect", summary="Draws boxes.")
    add_skill(other, name="Kubernetes")
    add_skill(other, name="Terraform basics")

    found = selectors.career_list(query="CLOUD lights terraform")
    assert [c.pk for c in found] == [career.pk]
    found = selectors.career_list(query="cloud kubernetes terraform")
    assert [c.pk for c in found] == [other.pk]


def test_a_career_with_many_matching_skills_is_listed_once():
    career = make_career(title="Platform Engineer")
    for i in range(12):
        add_skill(career, name=f"Platform skill {i}")
    found = selectors.career_list(query="platform skill platform")
    assert [c.pk for c in found] == [career.pk]


def test_short_queries_do_not_mention_a_word_limit(client):
    make_career(title="Cloud Engineer")
    body = client.get(reverse("guide:career-list"), {"q": "cloud engineer"}).content.decode()
    assert "Searched the first" not in body


def test_api_schema_documents_the_word_limit(client):
    schema = client.get(reverse("api:schema"), headers={"Accept": "application/json"})
    assert schema.status_code == 200
    assert "first 8 words" in schema.content.decode()
