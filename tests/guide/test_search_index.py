"""The search index follows every edit of a guide, and the commands leave it current."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from guide import search, selectors
from guide.models import FAQ, Career, SearchDocument, SearchTerm, Skill
from tests.factory import add_skill, make_career, make_category, make_full_guide
from tests.forms import form_data

pytestmark = pytest.mark.django_db


def found(query: str) -> list[str]:
    return [career.slug for career in selectors.career_list(query=query)]


def test_editing_an_faq_finds_the_new_word_and_drops_the_old():
    career = make_career(title="Keeper")
    faq = FAQ.objects.create(career=career, question="Pets?", answer="Mostly hamsters.")
    assert found("hamsters") == [career.slug]

    faq.answer = "Mostly gerbils."
    faq.save()

    assert found("gerbils") == [career.slug]
    assert found("hamsters") == []


def test_deleting_an_faq_drops_its_words():
    career = make_career(title="Keeper")
    faq = FAQ.objects.create(career=career, question="Pets?", answer="Mostly hamsters.")
    faq.delete()
    assert found("hamsters") == []


def test_renaming_a_shared_skill_or_category_reindexes_every_career_with_it():
    skill = Skill.objects.create(name="Abacus", slug="abacus")
    category = make_category(name="Counting")
    first, second = make_career(title="First", category=category), make_career(title="Second")
    add_skill(first, skill)
    add_skill(second, skill)

    skill.name = "Slide rule"
    skill.save()
    category.name = "Reckoning"
    category.save()

    assert sorted(found("slide rule")) == ["first", "second"]
    assert found("abacus") == []
    assert found("reckoning") == ["first"]


def test_deleting_a_career_removes_it_and_its_document():
    career = make_full_guide(title="Doomed Engineer")
    FAQ.objects.create(career=career, question="Q?", answer="Marmots.")
    career_id = career.pk

    career.delete()

    assert found("marmots") == []
    assert not SearchDocument.objects.filter(pk=career_id).exists()


def test_publishing_and_unpublishing_change_what_is_found(publisher_client):
    draft = make_career(title="Otter Engineer", status=Career.Status.DRAFT)
    assert found("otter") == []

    changelist = reverse("admin:guide_career_changelist")
    publisher_client.post(changelist, {"action": "publish", "_selected_action": [draft.pk]})
    assert found("otter") == [draft.slug]

    publisher_client.post(changelist, {"action": "unpublish", "_selected_action": [draft.pk]})
    assert found("otter") == []


def test_an_edit_in_the_admin_is_found_at_once(publisher_client, client):
    career = make_full_guide(title="Amazon Engineer")
    faq = career.faqs.first()
    url = reverse("admin:guide_career_change", args=[career.pk])
    data = form_data(publisher_client.get(url).content.decode(), "career_form")
    key = next(k for k, v in data.items() if k.startswith("faqs-") and v == str(faq.pk))
    data[key.replace("-id", "-answer")] = "Ask about the capybara rota."
    data["_save"] = "Save"

    assert publisher_client.post(url, data).status_code == 302

    response = client.get(reverse("guide:career-list"), {"q": "capybara"})
    assert [c.slug for c in response.context["careers"]] == [career.slug]


def test_load_guides_leaves_every_career_indexed():
    call_command("load_guides", "--publish", verbosity=0, stdout=io.StringIO())
    assert SearchDocument.objects.count() == Career.objects.count() > 0
    assert SearchTerm.objects.filter(term="dynamodb").exists()


def test_load_guides_indexes_careers_left_without_a_document():
    career = make_career(title="Lonely Engineer")
    search.clear()  # as a database migrated from before search is
    assert found("lonely") == []

    call_command("load_guides", verbosity=0, stdout=io.StringIO())

    assert found("lonely") == [career.slug]


def test_reindex_search_rebuilds_everything_and_says_how_much():
    first = make_career(title="First Engineer")
    make_career(title="Second Engineer")
    search.clear()
    SearchTerm.objects.create(term="stalewordnobodyholds")
    out = io.StringIO()

    call_command("reindex_search", stdout=out)

    assert out.getvalue().strip() == "Search index rebuilt: 2 guides."
    assert found("first") == [first.slug]
    assert not SearchTerm.objects.filter(term="stalewordnobodyholds").exists()


def test_a_batch_indexes_each_career_once_at_the_end():
    career = make_career(title="Batch Engineer")
    with search.batch():
        FAQ.objects.create(career=career, question="Q?", answer="Pangolins.")
        assert found("pangolins") == []  # not yet: the batch indexes when it ends
    assert found("pangolins") == [career.slug]


def test_the_document_holds_plain_text_not_markdown():
    career = make_career(title="Writer")
    FAQ.objects.create(career=career, question="Q?", answer="# Head\n\n- **bold** item\n- two")
    document = SearchDocument.objects.get(career=career)
    assert "**" not in document.body
    assert "#" not in document.body
    assert "bold item" in document.body
