"""The careers list and search come a page at a time: the same work per request however
many guides there are, with links between pages that keep the search."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from guide.models import Responsibility
from guide.search import reindex_all
from guide.views import CAREERS_PER_PAGE
from tests.factory import make_career

pytestmark = pytest.mark.django_db


def make_guides(count, *, start=0):
    for i in range(start, start + count):
        career = make_career(title=f"Cloud Role {i:03d}", summary=f"Cloud work, number {i}.")
        Responsibility.objects.create(career=career, text="Keeps the cloud accounts tidy.")
    reindex_all()


def test_the_list_shows_one_page_and_links_to_the_next(client):
    make_guides(CAREERS_PER_PAGE + 6)
    first = client.get(reverse("guide:career-list"))
    text = first.content.decode()
    assert len(first.context["careers"]) == CAREERS_PER_PAGE
    assert f"{CAREERS_PER_PAGE + 6} guides, page 1 of 2" in " ".join(text.split())
    assert 'href="?page=2" rel="next"' in text

    second = client.get(reverse("guide:career-list") + "?page=2")
    assert [c.title for c in second.context["careers"]][0] == f"Cloud Role {CAREERS_PER_PAGE:03d}"
    assert len(second.context["careers"]) == 6
    assert 'rel="prev"' in second.content.decode()


def test_search_pages_keep_the_words_and_mark_them(client):
    make_guides(CAREERS_PER_PAGE + 2)
    response = client.get(reverse("guide:career-list") + "?q=cloud")
    text = response.content.decode()
    assert 'href="?q=cloud&amp;page=2" rel="next"' in text
    assert all("<mark>" in career.snippet for career in response.context["careers"])
    last = client.get(reverse("guide:career-list") + "?q=cloud&page=2")
    assert len(last.context["careers"]) == 2


@pytest.mark.parametrize("page", ["abc", "0", "999", "-1", "1.5"])
def test_an_odd_page_number_gets_a_page_not_an_error(client, page):
    make_guides(CAREERS_PER_PAGE + 1)
    response = client.get(reverse("guide:career-list") + f"?page={page}")
    assert response.status_code == 200
    assert response.context["careers"]


@pytest.mark.parametrize("query", ["", "?q=cloud"])
def test_a_page_costs_the_same_with_30_guides_or_90(client, query):
    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("guide:career-list") + query).status_code == 200
        return len(queries)

    make_guides(30)
    small = count()
    make_guides(60, start=30)
    assert count() == small
