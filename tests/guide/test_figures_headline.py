"""Key facts from one truth: the headline pay comes from the imported OEWS release for the
career's primary occupation, unless staff override it with their own cited figure."""

from datetime import date

import pytest
from django.urls import reverse

from tests.factory import make_full_guide, make_national_estimate, make_release

pytestmark = pytest.mark.django_db


def key_facts(client, career) -> str:
    html = client.get(career.get_absolute_url()).content.decode()
    start = html.index('id="key-facts"')
    return html[start : html.index("</section>", start)]


def test_the_headline_comes_from_the_release_and_says_which(client):
    career = make_full_guide(title="Amazon Engineer")  # its own median: $110,000
    make_national_estimate(career=career)

    facts = key_facts(client, career)

    assert "$135,980" in facts
    assert "$110,000" not in facts
    assert "$82.5k" in facts and "$214.7k" in facts  # 10th to 90th percentile
    assert "Pay figures as of May 2025" in facts
    assert "base salary, national" in facts
    assert "OEWS May 2025" in facts  # the release is the source


def test_the_newest_release_wins(client):
    career = make_full_guide()
    older = make_release(name="May 2024", reference_date=date(2024, 5, 1))
    make_national_estimate(career=career, release=older, median=133080)
    make_national_estimate(release=make_release(), median=135980)

    facts = key_facts(client, career)

    assert "$135,980" in facts
    assert "$133,080" not in facts


def test_staff_override_shows_their_own_cited_figure(client):
    career = make_full_guide(pay_override=True)
    make_national_estimate(career=career)

    facts = key_facts(client, career)

    assert "$110,000" in facts
    assert "$135,980" not in facts
    assert "Pay figures as of May 2025" in facts  # the override's own citation date
    assert "Source 1" in facts  # its own citation


def test_without_a_release_the_guide_shows_its_own_figures(client):
    career = make_full_guide()

    assert "$110,000" in key_facts(client, career)


def test_compare_and_api_show_the_same_headline_as_the_page(client):
    a = make_full_guide(title="Amazon Engineer")
    b = make_full_guide(title="Platform Engineer")
    estimate = make_national_estimate(career=a)
    make_national_estimate(release=estimate.release, code="15-1244", median=99130)

    compare = client.get(reverse("guide:career-compare"), {"a": a.slug, "b": b.slug})
    api = client.get(f"/api/v1/careers/{a.slug}/").json()

    assert "$135,980" in compare.content.decode()
    assert api["facts"]["median_salary_usd"] == 135980
    assert api["facts"]["pay_as_of"] == "May 2025"
    assert api["facts"]["pay_basis"] == "base"
