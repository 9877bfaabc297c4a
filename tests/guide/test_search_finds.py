"""Search finds a guide by any word in it, in any form of the word, and never a draft."""

import re

import pytest
from django.core.management import call_command
from django.urls import reverse

from guide import selectors
from guide.loader import CATALOG, CONTENT_DIR
from guide.models import (
    FAQ,
    Career,
    CareerLevel,
    EducationPath,
    ProCon,
    Responsibility,
    Section,
    Specialization,
    Step,
)
from tests.factory import add_skill, make_career, make_category

pytestmark = pytest.mark.django_db


def found(query: str, **filters) -> list[str]:
    return [career.slug for career in selectors.career_list(query=query, **filters)]


@pytest.fixture
def shipped_guides():
    call_command("load_guides", "--publish", verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115


def guides_whose_files_hold(word: str) -> set[str]:
    """Slugs of the shipped guide files that hold `word` as a whole word, any case."""
    pattern = re.compile(rf"\b{re.escape(word)}\b", re.I)
    return {
        path.stem
        for path in CONTENT_DIR.glob("*.toml")
        if path.name != CATALOG and pattern.search(path.read_text())
    }


@pytest.mark.parametrize("word", ["DynamoDB", "SRE", "dynamodb", "idempotent"])
def test_words_deep_in_the_shipped_guides_are_found(client, shipped_guides, word):
    published = set(Career.objects.published().values_list("slug", flat=True))
    expected = guides_whose_files_hold(word) & published
    assert expected, f"some shipped guide holds {word}"

    response = client.get(reverse("guide:career-list"), {"q": word})

    slugs = {career.slug for career in response.context["careers"]}
    assert expected <= slugs
    body = response.content.decode()
    assert '<p class="snippet">' in body
    assert re.search(rf"<mark>{word}s?</mark>", body, re.I)


def test_the_amazon_guide_is_found_by_words_only_its_body_holds(shipped_guides):
    assert "amazon-engineer" in found("DynamoDB")


@pytest.mark.parametrize(
    "make_part",
    [
        lambda c: Responsibility.objects.create(career=c, text="Tune the **quokka** cluster."),
        lambda c: Step.objects.create(career=c, title="Learn", body="Read the quokka manual."),
        lambda c: Step.objects.create(career=c, title="Quokka certification", body="Pass it."),
        lambda c: Section.objects.create(career=c, title="Tools", anchor="t", body="- quokka"),
        lambda c: Section.objects.create(career=c, title="Quokka", anchor="q", body="Text."),
        lambda c: FAQ.objects.create(career=c, question="Is quokka used?", answer="Yes."),
        lambda c: FAQ.objects.create(career=c, question="Why?", answer="Because of quokka."),
        lambda c: Specialization.objects.create(career=c, title="Quokka ops", body="New."),
        lambda c: ProCon.objects.create(career=c, kind=ProCon.Kind.CON, text="Quokka pager."),
        lambda c: EducationPath.objects.create(career=c, title="Path", description="Quokka U."),
        lambda c: CareerLevel.objects.create(career=c, title="Senior", scope="Owns quokka."),
        lambda c: add_skill(c, name="Quokka tuning"),
        lambda c: add_skill(c, name="Ops", description="Runs quokka fleets."),
    ],
    ids=[
        "responsibility",
        "step body",
        "step title",
        "section body",
        "section title",
        "faq question",
        "faq answer",
        "specialization",
        "pro or con",
        "education path",
        "career level",
        "skill name",
        "skill description",
    ],
)
def test_every_part_of_a_guide_is_searchable(make_part):
    career = make_career(title="Zoo Engineer", summary="Looks after the systems.")
    make_career(title="Other Engineer")
    make_part(career)

    assert found("quokka") == [career.slug]


def test_the_category_and_summary_are_searchable():
    career = make_career(
        title="Plain", summary="Keeps ledgers straight.", category=make_category(name="Finance")
    )
    assert found("ledgers") == [career.slug]
    assert found("finance") == [career.slug]


def test_markdown_is_stripped_so_words_in_links_and_emphasis_are_found():
    career = make_career(title="Writer")
    FAQ.objects.create(
        career=career, question="Where?", answer="See [the *wombat* guide](https://example.com)."
    )
    assert found("wombat") == [career.slug]
    assert found("https") == []  # the address of a link is not text a reader sees


@pytest.mark.parametrize(
    ("query", "text"),
    [
        ("engineering", "An engineer keeps it running."),
        ("engineers", "Engineering is the work."),
        ("running", "She runs the fleet."),
        ("deployments", "Every deployment is reviewed."),
    ],
)
def test_any_form_of_a_word_finds_the_others(query, text):
    career = make_career(title="Operator", summary="Plain words.")
    FAQ.objects.create(career=career, question="What?", answer=text)

    assert found(query) == [career.slug]


def test_every_word_must_be_somewhere_in_the_guide():
    both = make_career(title="Harbour pilot", summary="Steers ships.")
    FAQ.objects.create(career=both, question="Tides?", answer="Always check the tides.")
    make_career(title="Harbour master", summary="Runs the port.")

    assert found("harbour tides") == [both.slug]
    assert sorted(found("harbour")) == sorted([both.slug, "harbour-master"])


def test_drafts_are_never_found_by_title_body_or_typo(client):
    draft = make_career(title="Secret Walrus", status=Career.Status.DRAFT)
    FAQ.objects.create(career=draft, question="Walrus?", answer="The narwhal project.")
    make_career(title="Public Engineer")

    assert found("walrus") == []
    assert found("narwhal") == []
    assert found("narwhl") == []  # typo correction never reaches into a draft
    body = client.get(reverse("guide:career-list"), {"q": "narwhl"}).content.decode()
    assert "narwhal" not in body
    assert "Secret Walrus" not in body
    api = client.get(reverse("api:career-list"), {"search": "narwhal"}).json()
    assert api["count"] == 0


def test_search_with_a_category_keeps_that_category_only():
    ops = make_category(name="Operations")
    inside = make_career(title="Ops Engineer", category=ops)
    make_career(title="Web Engineer")

    assert found("engineer", category=ops.slug) == [inside.slug]


def test_a_query_of_only_common_words_finds_nothing_without_an_error(client):
    make_career(title="The Engineer")
    response = client.get(reverse("guide:career-list"), {"q": "the and of"})
    assert response.status_code == 200
    assert list(response.context["careers"]) == []


@pytest.mark.parametrize("query", ['"', "'", "*", "NEAR(", "a OR b", "{title}:x", "-", "^x", "é"])
def test_full_text_syntax_in_a_query_is_just_text(client, query):
    make_career(title="Cloud Engineer")
    assert client.get(reverse("guide:career-list"), {"q": query}).status_code == 200
    assert client.get(reverse("api:career-list"), {"search": query}).status_code == 200
