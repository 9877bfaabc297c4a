"""Results come best first, each with the passage that matched, highlighted and escaped.

The rule (docs/search.md): every word in the title ranks first; every word among the
title, summary, category and skill names next; a guide that has the words only further in
comes last. Within a tier, the database's relevance score; then the title.
"""

import pytest
from django.urls import reverse

from guide import search, selectors
from guide.models import FAQ, Section
from tests.factory import add_skill, make_career

pytestmark = pytest.mark.django_db


def titles(query: str) -> list[str]:
    return [career.title for career in selectors.career_list(query=query)]


def test_a_title_match_ranks_above_a_summary_match_above_a_passing_faq_mention():
    # Titles chosen so that alphabetical order is the reverse of the expected one.
    in_faq = make_career(title="Aardvark keeper", summary="Feeds animals.")
    for i in range(3):  # mentioned often, but only in the body
        FAQ.objects.create(career=in_faq, question=f"Q{i}?", answer="A kestrel flew by, a kestrel.")
    make_career(title="Mongoose keeper", summary="Trains every kestrel in the park.")
    make_career(title="Zebra and kestrel keeper", summary="Feeds animals.")
    make_career(title="Yak keeper", summary="Nothing about birds.")

    assert titles("kestrel") == ["Zebra and kestrel keeper", "Mongoose keeper", "Aardvark keeper"]


def test_a_skill_name_counts_like_the_summary():
    by_skill = make_career(title="Beta", summary="Works with data.")
    add_skill(by_skill, name="Falconry")
    by_section = make_career(title="Alpha", summary="Works with data.")
    Section.objects.create(career=by_section, title="Birds", anchor="birds", body="Falconry.")

    assert titles("falconry") == ["Beta", "Alpha"]


def test_words_split_between_title_and_body_rank_below_all_words_in_the_title():
    split = make_career(title="Aa harbour pilot", summary="Steers ships.")
    FAQ.objects.create(career=split, question="Tides?", answer="Reads the tides.")
    make_career(title="Zz harbour tides pilot", summary="Steers ships.")

    assert titles("harbour tides") == ["Zz harbour tides pilot", "Aa harbour pilot"]


def test_the_page_lists_results_best_first_with_a_highlighted_snippet(client):
    career = make_career(title="Beekeeper", summary="Looks after hives.")
    FAQ.objects.create(
        career=career, question="Stings?", answer="Expect a few stings in the first summer."
    )

    body = client.get(reverse("guide:career-list"), {"q": "stings summer"}).content.decode()

    assert '<p class="snippet">' in body
    assert "<mark>stings</mark>" in body
    assert "<mark>summer</mark>" in body


def test_a_snippet_shows_staff_text_escaped_never_as_markup(client):
    career = make_career(title="Web <b>Dev</b>", summary="Builds pages.")
    FAQ.objects.create(
        career=career,
        question="What not to do?",
        answer='Never paste `<script>alert(1)</script>` into the toucan form & "quotes".',
    )

    response = client.get(reverse("guide:career-list"), {"q": "toucan"})
    body = response.content.decode()
    snippet = str(response.context["careers"][0].snippet)

    assert "<script>alert" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in snippet
    assert "<mark>toucan</mark>" in snippet
    assert "&amp;" in snippet
    assert "<b>Dev</b>" not in body  # the title is escaped on the card too
    api = client.get(reverse("api:career-list"), {"search": "toucan"}).json()
    assert api["results"][0]["snippet"] == snippet


def test_marker_characters_typed_by_staff_cannot_open_a_mark():
    career = make_career(title="Tricky", summary="Plain.")
    FAQ.objects.create(career=career, question="Q?", answer="ibis \x02<i>x</i>\x03 end")

    snippet = str(selectors.career_list(query="ibis")[0].snippet)

    assert snippet.count("<mark>") == 1
    assert "<mark>ibis</mark>" in snippet
    assert "\x02" not in snippet and "\x03" not in snippet


def test_highlight_escapes_before_marking():
    raw = "a <b> Engineers & <i>engineering</i> engine"
    assert search.highlight(raw, ["engineering"]) == (
        "a &lt;b&gt; <mark>Engineers</mark> &amp; "
        "&lt;i&gt;<mark>engineering</mark>&lt;/i&gt; engine"
    )
    assert search.highlight("no match here", ["cloud"]) == ""
    assert search.highlight(None, ["cloud"]) == ""


def test_a_long_guide_shows_the_passage_around_the_first_match():
    career = make_career(title="Long", summary="Plain.")
    filler = " ".join(f"filler{i}" for i in range(300))
    FAQ.objects.create(
        career=career, question="Q?", answer=f"{filler} the albatross nests {filler}"
    )

    snippet = str(selectors.career_list(query="albatross")[0].snippet)

    assert snippet.startswith("… ") and snippet.endswith(" …")
    assert "the <mark>albatross</mark> nests" in snippet
    assert len(snippet) < search.SNIPPET_LENGTH + 40


def test_a_match_only_in_the_title_shows_no_snippet(client):
    make_career(title="Pelican handler", summary="Works at the harbour.")

    response = client.get(reverse("guide:career-list"), {"q": "pelican"})

    assert [c.title for c in response.context["careers"]] == ["Pelican handler"]
    assert '<p class="snippet">' not in response.content.decode()


def test_without_a_query_the_list_is_alphabetical(client):
    for title in ["Zeta", "Alpha", "Mid"]:
        make_career(title=title)
    response = client.get(reverse("guide:career-list"))
    assert [c.title for c in response.context["careers"]] == ["Alpha", "Mid", "Zeta"]


def test_every_result_of_a_page_gets_its_snippet_however_far_down_the_list(client):
    # Passages used to be cut for the first 100 results only; now for the page shown.
    for number in range(30):
        career = make_career(title=f"Keeper {number:02}", summary="Plain.")
        FAQ.objects.create(career=career, question="Q?", answer=f"The lemur {number} sleeps.")

    second_page = client.get(reverse("guide:career-list"), {"q": "lemur", "page": 2})
    api_page = client.get(reverse("api:career-list"), {"search": "lemur", "page": 2})

    careers = second_page.context["careers"]
    assert [c.title for c in careers] == [f"Keeper {n:02}" for n in range(24, 30)]
    assert all("<mark>lemur</mark>" in c.snippet for c in careers)
    results = api_page.json()["results"]
    assert len(results) == 10
    assert all("<mark>lemur</mark>" in item["snippet"] for item in results)


def test_the_snippet_is_the_part_of_the_guide_that_holds_the_words():
    career = make_career(title="Birder", summary="Plain.")
    FAQ.objects.create(career=career, question="Gear?", answer="Binoculars and boots.", order=1)
    FAQ.objects.create(career=career, question="Birds?", answer="The osprey dives fast.", order=2)
    FAQ.objects.create(career=career, question="Hours?", answer="Dawn and dusk.", order=3)

    snippet = str(selectors.career_list(query="osprey")[0].snippet)

    assert snippet == "The <mark>osprey</mark> dives fast."


@pytest.mark.parametrize(
    ("term", "marked", "not_marked"),
    [
        ("engineering", ["engineer", "Engineers", "engineering"], ["engine"]),
        ("dynamodb", ["DynamoDB"], ["dynamic"]),
        ("kubernetes", ["Kubernetes"], ["kube"]),
        ("deployments", ["deploy", "deployment"], ["depot"]),
    ],
)
def test_other_forms_of_the_word_are_marked_and_look_alikes_are_not(term, marked, not_marked):
    text = " ".join(marked + not_marked)
    html = str(search.highlight(text, [term]))
    for word in marked:
        assert f"<mark>{word}</mark>" in html
    for word in not_marked:
        assert f"<mark>{word}</mark>" not in html
