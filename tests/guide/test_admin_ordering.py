"""A guide's parts are ordered by dragging (django-admin-sortable2); no two share a position."""

import pytest
from django.urls import reverse

from guide.admin import positions_are_unique
from guide.models import FAQ, ProCon
from tests.factory import make_full_guide
from tests.guide.test_history import add_faq, save_in_admin

pytestmark = pytest.mark.django_db


def faq_keys(data, career):
    """The form index of each FAQ, by its id."""
    return {
        int(value): key.removesuffix("-id")
        for key, value in data.items()
        if key.startswith("faqs-") and key.endswith("-id") and value
    }


def test_the_order_input_is_hidden_and_dragging_is_offered(publisher_client):
    career = make_full_guide(title="Amazon Engineer")
    page = publisher_client.get(reverse("admin:guide_career_change", args=[career.pk]))
    text = page.content.decode()
    assert 'class="_reorder_"' in text
    assert "adminsortable2/js/adminsortable2" in text
    assert 'id="faqs-group"' in text and "sortable" in text


def test_posted_positions_are_renumbered_from_one_in_the_order_given(publisher_client):
    career = make_full_guide(title="Amazon Engineer")
    faqs = list(career.faqs.order_by("order"))

    def drag_last_to_top(data):
        keys = faq_keys(data, career)
        for position, faq in enumerate([faqs[-1], *faqs[:-1]], start=1):
            data[f"{keys[faq.pk]}-order"] = str(position * 10)

    save_in_admin(publisher_client, career, drag_last_to_top)
    assert list(career.faqs.order_by("order").values_list("order", "pk")) == [
        (position, faq.pk) for position, faq in enumerate([faqs[-1], *faqs[:-1]], start=1)
    ]


def test_duplicate_positions_cannot_be_saved(publisher_client):
    career = make_full_guide(title="Amazon Engineer")
    # The factory gives each pro and its con the same number, as older data did.
    assert not positions_are_unique(career.pros_cons.all())

    def same_number_everywhere(data):
        for key in faq_keys(data, career).values():
            data[f"{key}-order"] = "3"
        add_faq(data, "Do I need a degree?", "No; most teams hire on what you can show.")
        data[f"faqs-{int(data['faqs-TOTAL_FORMS']) - 1}-order"] = "3"

    save_in_admin(publisher_client, career, same_number_everywhere)
    assert positions_are_unique(FAQ.objects.filter(career=career))
    assert positions_are_unique(ProCon.objects.filter(career=career))
    # Ties keep their place on the page: the new FAQ, last on the page, comes last.
    assert career.faqs.order_by("order").last().question == "Do I need a degree?"


def test_a_new_row_without_a_position_goes_last(publisher_client):
    career = make_full_guide(title="Amazon Engineer")
    save_in_admin(
        publisher_client,
        career,
        lambda data: add_faq(data, "Is the work remote?", "Some teams allow it."),
    )
    ordered = list(career.faqs.order_by("order"))
    assert ordered[-1].question == "Is the work remote?"
    assert [faq.order for faq in ordered] == list(range(1, len(ordered) + 1))
