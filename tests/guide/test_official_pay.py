"""Official pay (BLS OEWS) on the guide page: the national band, states, metros and "pay
where you live", each figure with its source; cached like the rest of the page."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from guide.models import Career
from occupations.models import Area, Release
from occupations.signals import release_imported
from tests.factory import (
    link_occupation,
    make_area,
    make_career,
    make_estimate,
    make_full_guide,
    make_occupation,
    make_release,
    make_software_developer_pay,
)

pytestmark = pytest.mark.django_db

SEATTLE = "0042660"


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def section(response) -> str:
    body = response.content.decode()
    start = body.index('id="official-pay"')
    return body[start : body.index("</section>", start)]


def get(client, career, **params):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(career.get_absolute_url(), params)
    return response, len(ctx.captured_queries)


@pytest.fixture
def guide():
    career = make_career(title="Amazon Engineer")
    occupation = make_software_developer_pay()
    link_occupation(
        career, occupation, fit_note="Amazon engineers are one slice of this occupation."
    )
    return career


def test_the_guide_shows_national_pay_with_band_table_and_source(client, guide):
    response, _ = get(client, guide)
    html = section(response)
    text = text_of(html)

    assert response.status_code == 200
    assert "Pay in the United States" in text
    assert 'href="#official-pay"' in response.content.decode()  # in the table of contents
    for figure in ["$82,460", "$105,210", "$135,980", "$171,980", "$214,670", "$148,100"]:
        assert figure in text
    assert "1,687,890" in text
    assert 'class="band-chart"' in html and "<title" in html  # the SVG, with its title
    assert "U.S. Bureau of Labor Statistics, Occupational Employment and Wage Statistics" in text
    assert "May 2025 release, published 15 May 2026" in text
    assert 'href="https://www.bls.gov/oes/"' in html
    assert "Basis: annual wages, all industries, national; excludes self-employed workers" in text
    assert "15-1252 Software Developers" in text
    assert "Amazon engineers are one slice of this occupation." in text


def test_states_fill_the_map_and_a_table_by_median(client, guide):
    text = text_of(section(get(client, guide)[0]))
    html = section(get(client, guide)[0])

    table = text[text.index("highest median first") :]
    assert table.index("California") < table.index("Washington") < table.index("Maryland")
    assert "$166,540" in table  # Washington's median
    assert "Washington: median $166,540" in text  # the tile's own title
    assert 'class="tile tile-none"' in html  # Alaska: median not released
    assert "median not released" in text  # … and the legend says what that shade means
    assert "Alaska not released" in text
    assert "by state; excludes self-employed workers" in text


def test_metros_best_paid_and_largest(client, guide):
    text = text_of(section(get(client, guide)[0]))
    best = text[text.index("Best paid") : text.index("Most jobs")]
    largest = text[text.index("Most jobs") :]
    assert (
        best.index("San Jose") < best.index("Seattle-Tacoma-Bellevue, WA") < best.index("New York")
    )
    assert largest.index("New York") < largest.index("Seattle") < largest.index("San Jose")
    assert "$167,280" in best
    assert "by metropolitan area; excludes self-employed workers" in text


def test_top_coded_wages_read_at_or_above_the_ceiling(client):
    career = make_career(title="Surgeon")
    release, occupation = make_release(), make_occupation(code="29-1248", title="Surgeons")
    nation = make_area(code="0000000", kind=Area.Kind.NATIONAL, state_fips="00", name="National")
    make_estimate(
        release=release,
        occupation=occupation,
        area=nation,
        median=None,
        mean=None,
        p10=120000,
        p25=200000,
        p75=None,
        p90=None,
        footnotes={"median_annual": "5", "p75_annual": "5", "p90_annual": "5", "mean_annual": "5"},
    )
    link_occupation(career, occupation)

    text = text_of(section(get(client, career)[0]))

    assert "Median ≥ $239,200" in text
    assert "90th percentile ≥ $239,200" in text
    assert "$120,000" in text
    assert "239200" not in text and "$239,200 " not in text.replace("≥ $239,200", "")


def test_pay_where_you_live_shows_the_area_and_keeps_the_choice(client, guide):
    response, _ = get(client, guide, area=SEATTLE)
    body = response.content.decode()
    text = text_of(body)

    assert response.status_code == 200
    where = text[text.index("Pay where you live") :]
    assert "Seattle-Tacoma-Bellevue, WA (metropolitan area)" in where
    for figure in ["$99,190", "$132,800", "$167,280", "$211,860", "$257,960", "92,770"]:
        assert figure in where
    assert "by metropolitan area; excludes self-employed workers" in where
    assert f'<option value="{SEATTLE}" selected>' in body
    assert f'action="{guide.get_absolute_url()}#pay-where"' in body
    assert '<label for="pay-area">' in body


@pytest.mark.parametrize("area", ["9999999", "not-a-code", "0" * 500, "\x00123", "0100000"])
def test_an_unknown_area_is_a_normal_page_with_a_message(client, guide, area):
    response, _ = get(client, guide, area=area)
    text = text_of(response.content.decode())
    assert response.status_code == 200
    assert "There are no official figures for Software Developers in that area" in text
    assert "Pick a state or metropolitan area from the list." in text
    assert "$135,980" in text  # the rest of the page is all there


def test_the_cached_page_serves_each_area_with_one_query(client, guide):
    first, first_queries = get(client, guide)
    again, cached_queries = get(client, guide)
    seattle, seattle_queries = get(client, guide, area=SEATTLE)
    plain, plain_queries = get(client, guide)

    assert cached_queries == 0
    # 1 Seattle's estimate for the occupation in the page's release, with its area.
    assert seattle_queries == 1
    assert "$132,800" in text_of(seattle.content.decode())  # Seattle's 25th percentile
    assert "$132,800" not in text_of(plain.content.decode())  # nothing per-area was cached
    assert plain_queries == 0
    assert first.content == again.content == plain.content


def test_guide_page_query_count_with_official_pay(client):
    career = make_full_guide(title="Large", scale=3)
    link_occupation(career, make_software_developer_pay())
    _, queries = get(client, career)
    # 15 as for any guide (tests/guide/test_pages.py, the last being the linked occupations),
    # then 1: every estimate of the primary occupation in the newest release, with its area.
    assert queries == 16


@pytest.mark.parametrize("situation", ["no occupation", "no release", "no primary"])
def test_a_guide_without_official_figures_shows_nothing_of_them(client, situation):
    career = make_full_guide(title="Plain")
    if situation == "no release":
        link_occupation(career, make_occupation())
    elif situation == "no primary":
        link_occupation(career, make_software_developer_pay(), primary=False)
    response = client.get(career.get_absolute_url())
    body = response.content.decode()
    assert response.status_code == 200
    assert "official-pay" not in body and "Pay where you live" not in body
    assert "Bureau of Labor Statistics" not in body
    response = client.get(career.get_absolute_url(), {"area": SEATTLE})
    assert response.status_code == 200 and "no official figures" not in response.content.decode()


def test_other_linked_occupations_are_listed_with_their_fit_note(client, guide):
    other = make_occupation(code="15-1244", title="Network and Computer Systems Administrators")
    link_occupation(guide, other, primary=False, fit_note="Some roles sit here.", order=1)
    text = text_of(section(get(client, guide)[0]))
    assert "15-1244 Network and Computer Systems Administrators: Some roles sit here." in text


def test_an_import_invalidates_the_cached_page(client, guide):
    get(client, guide)
    national = guide.occupations.get().occupation.estimates.get(area__kind=Area.Kind.NATIONAL)
    # An importer writes in bulk (no model signals), then says the figures changed.
    type(national).objects.filter(pk=national.pk).update(median_annual=140000)
    assert "$140,000" not in text_of(get(client, guide)[0].content.decode())

    release_imported.send(sender=Release, release=Release.objects.first())

    assert "$140,000" in text_of(get(client, guide)[0].content.decode())


def test_a_new_release_row_invalidates_the_cached_page(
    client, guide, django_capture_on_commit_callbacks
):
    assert "May 2025 release" in text_of(get(client, guide)[0].content.decode())
    with django_capture_on_commit_callbacks(execute=True):
        make_release(code="2026A01", name="May 2026", reference_date=datetime.date(2026, 5, 1))
    response, queries = get(client, guide)
    assert queries > 0  # rebuilt, not served from the cache
    # The newest release replaces the older one; it has no figures for this occupation yet.
    assert "May 2025 release" not in text_of(response.content.decode())


def test_staff_preview_shows_official_pay_on_a_draft(editor_client):
    career = make_career(title="Draft guide", status=Career.Status.DRAFT)
    link_occupation(career, make_software_developer_pay())
    response = editor_client.get(career.get_absolute_url(), {"area": SEATTLE})
    assert response.status_code == 200
    assert "$257,960" in text_of(response.content.decode())


def test_compare_shows_both_careers_official_pay(client, django_assert_num_queries):
    a, b = make_career(title="Amazon Engineer"), make_career(title="Systems Engineer")
    link_occupation(a, make_software_developer_pay())
    analysts = make_occupation(code="15-1211", title="Computer Systems Analysts")
    nation = Area.objects.get(code="0000000")
    make_estimate(release=Release.objects.get(), occupation=analysts, area=nation, median=103790)
    link_occupation(b, analysts)

    # 1 careers for the pickers, 2 both careers with their category, 3 their skills, 4 their
    # levels (with source), 5 their key facts (with source, for the headline pay), 6 their
    # occupations, 7 both occupations' national estimates (newest release), which also give
    # the headline pay.
    with django_assert_num_queries(7):
        response = client.get(reverse("guide:career-compare"), {"a": a.slug, "b": b.slug})
    text = text_of(response.content.decode())

    assert "Official pay in the United States" in text
    assert "Median annual pay $135,980 $103,790" in text
    assert "15-1252 Software Developers 15-1211 Computer Systems Analysts" in text
    assert "Release May 2025 (published 15 May 2026) May 2025 (published 15 May 2026)" in text
    assert "Both guides use" not in text
    assert text.count("Basis: annual wages, all industries, national") == 2


def test_compare_says_when_both_careers_share_an_occupation(client):
    a, b = make_career(title="Amazon Engineer"), make_career(title="Platform Engineer")
    occupation = make_software_developer_pay()
    link_occupation(a, occupation)
    link_occupation(b, occupation)
    response = client.get(reverse("guide:career-compare"), {"a": a.slug, "b": b.slug})
    text = text_of(response.content.decode())
    assert "Both guides use the official figures for 15-1252 Software Developers" in text
    assert text.count("Basis: annual wages, all industries, national") == 1


def test_compare_without_official_figures_shows_nothing_of_them(client):
    a, b = make_career(), make_career()
    link_occupation(a, make_occupation())  # linked, nothing imported
    response = client.get(reverse("guide:career-compare"), {"a": a.slug, "b": b.slug})
    assert response.status_code == 200
    assert "Official pay" not in response.content.decode()
