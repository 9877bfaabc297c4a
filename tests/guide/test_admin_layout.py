"""The career change page: a bar of links to every part, errors flagged at their part."""

import re

import pytest
from django.urls import reverse

from tests.factory import make_full_guide
from tests.forms import form_data
from tests.guide.test_history import add_faq

pytestmark = pytest.mark.django_db


def jump_bar(html: str) -> str:
    return re.search(r'<nav class="guide-jump".*?</nav>', html, re.S).group(0)


def test_the_jump_bar_links_to_every_part_on_the_page(publisher_client):
    career = make_full_guide(title="Amazon Engineer")
    html = publisher_client.get(reverse("admin:guide_career_change", args=[career.pk])).content
    html = html.decode()
    targets = re.findall(r'href="#([^"]+)"', jump_bar(html))
    assert "faqs-group" in targets and "career_skills-group" in targets
    assert len(targets) == 14 + 4  # every inline group and the named fieldsets
    for target in targets:
        assert f'id="{target}"' in html
    assert "css/admin-guide.css" in html


def test_an_error_is_shown_at_its_part_and_flagged_in_the_bar(publisher_client):
    career = make_full_guide(title="Amazon Engineer")
    url = reverse("admin:guide_career_change", args=[career.pk])
    data = form_data(publisher_client.get(url).content.decode(), "career_form")
    add_faq(data, "", "An answer without its question.")
    response = publisher_client.post(url, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert re.search(r"FAQ\s*<span class=\"guide-jump-errors\">\(1 to fix\)</span>", jump_bar(html))
    faqs = html[html.index('id="faqs-group"') : html.index('id="related_links-group"')]
    assert "This field is required." in faqs
    assert html.count("This field is required.") == faqs.count("This field is required.")
    assert not career.faqs.filter(answer="An answer without its question.").exists()


def test_a_long_guide_with_over_a_thousand_fields_still_saves(publisher_client):
    career = make_full_guide(title="Amazon Engineer", scale=6)
    url = reverse("admin:guide_career_change", args=[career.pk])
    data = form_data(publisher_client.get(url).content.decode(), "career_form")
    assert len(data) > 1000  # Django's default cap
    add_faq(data, "Is there an on-call rota?", "Most teams share one.")
    response = publisher_client.post(url, data)
    assert response.status_code == 302
    assert career.faqs.filter(question="Is there an on-call rota?").exists()
