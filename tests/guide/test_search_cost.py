"""Search costs the same few queries, whatever the number of words.

A search used to add two joins over career skills per word, so the rows the database
had to consider multiplied with every word: five words took 13-24 seconds on the
shipped guides and eight could hold a worker until gunicorn killed it. Now every word is
looked up in one full-text index (one search document per career, guide/search.py).
These tests pin the shape of the SQL and the query count rather than a timing.
"""

import pytest
from django.core.management import call_command
from django.urls import reverse

from guide import selectors
from tests.factory import add_skill, make_career

pytestmark = pytest.mark.django_db

# Natural words that all occur in the shipped guides, then two that occur nowhere and
# fall beyond the word limit.
TEN_WORDS = "cloud infrastructure engineer aws security networking linux code golang haskell"


@pytest.fixture
def shipped_guides():
    call_command("load_guides", "--publish", verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115


def slugs(careers) -> list[str]:
    return [career.slug for career in careers]


def outer_from_clause(queryset) -> str:
    """The SQL between the outermost FROM and WHERE: the joins every result row pays for."""
    sql = str(queryset.query)
    return sql[sql.index(" FROM ") : sql.index(" WHERE ")]


def test_the_word_limit_leaves_the_two_last_words_out():
    words = TEN_WORDS.split()
    assert len(words) == 10
    assert selectors.MAX_SEARCH_WORDS == 8
    assert selectors.search_words(TEN_WORDS) == (words[:8], words[8:])


def test_ten_word_search_is_right_and_runs_four_queries(
    client, shipped_guides, django_assert_num_queries
):
    first_eight = " ".join(TEN_WORDS.split()[:8])
    expected = slugs(selectors.career_list(query=first_eight))
    assert len(expected) >= 2, "the first eight words should find shipped guides"
    assert slugs(selectors.career_list(query="golang haskell")) == [], "the last two match nothing"

    with django_assert_num_queries(4):
        # 1. how many published careers' search documents hold every word: one full-text
        #    lookup (it also says whether a misspelt word needs correcting)
        # 2. the page of them (with their category) and rank, best first
        # 3. the passages of that page's guides, for their snippets
        # 4. the categories that have a published career, for the filter menu
        response = client.get(reverse("guide:career-list"), {"q": TEN_WORDS})

    assert response.status_code == 200
    assert slugs(response.context["careers"]) == expected
    body = response.content.decode()
    assert "Searched the first 8 words" in body
    assert "golang haskell" in body  # the visitor is told which words were left out


def test_ten_word_api_search_is_right_and_runs_three_queries(
    client, shipped_guides, django_assert_num_queries
):
    expected = slugs(selectors.career_list(query=" ".join(TEN_WORDS.split()[:8])))

    with django_assert_num_queries(3):
        # 1. how many published careers match (the count of the response)
        # 2. the page of 20 with their category and rank, best first
        # 3. the passages of those 20 guides, for their snippets
        response = client.get(reverse("api:career-list"), {"search": TEN_WORDS})

    assert response.status_code == 200
    assert response.json()["count"] == len(expected)
    assert [item["slug"] for item in response.json()["results"]] == expected


def test_the_query_is_the_same_shape_for_one_word_and_eight():
    shapes = set()
    for words in (1, 4, 8):
        careers = Career_search_queryset(" ".join(TEN_WORDS.split()[:words]))
        sql = str(careers.query)
        outer = outer_from_clause(careers)
        # The category and the search index, one row each per career: nothing multiplies.
        assert "guide_careerskill" not in sql
        assert "guide_skill" not in sql
        assert "DISTINCT" not in sql
        shapes.add((outer, sql.count("SELECT"), sql.count("JOIN")))
    assert len(shapes) == 1, "more words must not add joins or subqueries"


def test_counting_the_matches_reads_the_index_once_not_once_per_guide(shipped_guides):
    # Counted through the ranked join, SQLite tested the match once per published career:
    # 199 ms at a thousand guides, against 1.4 ms reading the index once (docs/performance.md).
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from guide import search
    from guide.models import Career

    careers = Career.objects.published()
    with CaptureQueriesContext(connection) as counted:
        total = search.matching(careers, TEN_WORDS.split()[:5]).count()
    assert total == careers.search(TEN_WORDS.split()[:5]).count() > 0
    sql = counted.captured_queries[0]["sql"]
    if connection.vendor == "sqlite":  # PostgreSQL joins the one document, GIN-indexed
        assert "JOIN" not in sql.upper()
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}")
            plan = " | ".join(row[3] for row in cursor.fetchall())
        assert "LIST SUBQUERY" in plan, plan  # the matching ids, read once
        assert "INDEX 0:=" not in plan, plan  # no lookup of the match by one career's id


def Career_search_queryset(query):  # noqa: N802 - reads as the queryset it builds
    from guide.models import Career

    return Career.objects.published().select_related("category").search(query)


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
