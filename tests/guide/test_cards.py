"""Career cards on the home page and the careers list read as whole sentences under a
heading of the right level."""

import re

import pytest
from django.urls import reverse

from guide.templatetags.guide_tags import whole_sentences
from tests.factory import make_career

pytestmark = pytest.mark.django_db

LONG = (
    "Platform engineers build the paved road other teams ship on. They run the clusters, "
    "pipelines and templates that make a new service a one-day job instead of a month. "
    "Most come from operations or backend work, and the best ones treat developers as "
    "customers with needs worth measuring. The role grew quickly after 2020."
)


def test_a_featured_card_ends_on_a_whole_sentence(client):
    make_career(title="Platform Engineer", summary=LONG, featured=True)
    html = client.get(reverse("home")).content.decode()
    shown = re.search(r'<article class="card">.*?<p>(.*?)</p>', html, re.S).group(1)
    assert shown.endswith(".")
    assert LONG.startswith(shown)
    assert len(shown) <= 240


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("One two. Three four! Five six?", 15, "One two."),
        ("A.B. costs $3.5k a year. Next one.", 26, "A.B. costs $3.5k a year."),
        ("A single sentence longer than the limit", 10, "A single sentence longer than the limit"),
    ],
)
def test_whole_sentences_cuts_only_between_sentences(text, limit, expected):
    assert whole_sentences(text, limit) == expected


def test_the_careers_list_heads_its_cards_in_order(client):
    make_career(title="Cloud Engineer")
    html = client.get(reverse("guide:career-list")).content.decode()
    levels = [int(level) for level in re.findall(r"<h([1-6])\b", html)]
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False)), levels
