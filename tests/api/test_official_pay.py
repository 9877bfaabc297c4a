"""The career detail in the API carries its occupations and official pay, the same numbers the
guide page and the compare page show."""

import re

import pytest
from django.urls import reverse

from occupations.models import Area
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


def detail(client, career):
    response = client.get(reverse("api:career-detail", kwargs={"slug": career.slug}))
    assert response.status_code == 200
    return response.json()


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_detail_carries_occupations_and_official_pay(client):
    career = make_career(title="Amazon Engineer")
    occupation = make_software_developer_pay()
    link_occupation(career, occupation, fit_note="One slice of it.")
    other = make_occupation(code="15-1244", title="Network and Computer Systems Administrators")
    link_occupation(career, other, primary=False, order=1)

    data = detail(client, career)

    assert data["occupations"] == [
        {"code": "15-1252", "title": "Software Developers", "primary": True,
         "fit_note": "One slice of it."},
        {"code": "15-1244", "title": "Network and Computer Systems Administrators",
         "primary": False, "fit_note": ""},
    ]  # fmt: skip
    pay = data["official_pay"]
    assert pay["occupation"] == {"code": "15-1252", "title": "Software Developers"}
    assert pay["release"] == {"code": "2025A01", "name": "May 2025", "published": "2026-05-15"}
    assert pay["source"].startswith("U.S. Bureau of Labor Statistics")
    assert pay["source_url"] == "https://www.bls.gov/oes/"
    assert pay["basis"]["state"].startswith("annual wages, all industries, by state")
    assert pay["national"] == {
        "area": {"code": "0000000", "name": "the United States", "kind": "national"},
        "employment": 1687890,
        "mean": 148100,
        "p10": 82460,
        "p25": 105210,
        "median": 135980,
        "p75": 171980,
        "p90": 214670,
        "notes": {},
    }
    assert [s["area"]["name"] for s in pay["states"]] == [
        "California", "Washington", "Maryland", "Alaska"
    ]  # fmt: skip
    alaska = pay["states"][-1]
    assert alaska["median"] is None
    assert alaska["notes"]["median"] == {
        "footnote": "8",
        "status": "not_released",
        "at_least": None,
        "text": "not released",
    }
    assert pay["metros_best_paid"][1]["area"] == {
        "code": "0042660",
        "name": "Seattle-Tacoma-Bellevue, WA",
        "kind": "metro",
    }
    assert pay["metros_largest"][0]["area"]["name"] == "New York-Newark-Jersey City, NY-NJ"


def test_a_top_coded_wage_is_null_with_its_floor(client):
    career = make_career(title="Surgeon")
    release, occupation = make_release(), make_occupation(code="29-1248", title="Surgeons")
    nation = make_area(code="0000000", kind=Area.Kind.NATIONAL, state_fips="00", name="National")
    make_estimate(
        release=release,
        occupation=occupation,
        area=nation,
        median=250000,
        p90=None,
        footnotes={"p90_annual": "5"},
    )
    link_occupation(career, occupation)

    national = detail(client, career)["official_pay"]["national"]

    assert national["p90"] is None
    assert national["notes"] == {
        "p90": {"footnote": "5", "status": "top_coded", "at_least": 239200, "text": "≥ $239,200"}
    }


def test_without_figures_official_pay_is_null(client):
    career = make_career()
    assert detail(client, career)["official_pay"] is None
    assert detail(client, career)["occupations"] == []
    link_occupation(career, make_occupation())  # linked, but nothing imported
    data = detail(client, career)
    assert data["official_pay"] is None and data["occupations"][0]["code"] == "15-1252"


def test_detail_with_official_pay_adds_one_query(client, django_assert_num_queries):
    career = make_full_guide(scale=2)
    link_occupation(career, make_software_developer_pay())
    # 16 as in tests/api/test_careers.py (the last being the linked occupations), then 1:
    # every estimate of the primary occupation in the newest release, with its area.
    with django_assert_num_queries(17):
        detail(client, career)


def test_page_compare_and_api_show_the_same_figures(client):
    a = make_career(title="Amazon Engineer")
    b = make_career(title="Platform Engineer")
    occupation = make_software_developer_pay()
    link_occupation(a, occupation)
    link_occupation(b, occupation)

    api = detail(client, a)["official_pay"]["national"]
    page = text_of(client.get(a.get_absolute_url()).content.decode())
    compare = text_of(
        client.get(reverse("guide:career-compare"), {"a": a.slug, "b": b.slug}).content.decode()
    )

    figures = [f"${api[key]:,}" for key in ("p10", "p25", "median", "p75", "p90", "mean")]
    for figure in figures:
        assert figure in page
    assert f"{api['employment']:,}" in page
    assert f"Median annual pay ${api['median']:,} ${api['median']:,}" in compare
    assert f"${api['p10']:,} to ${api['p90']:,}" in compare
    assert f"{api['employment']:,}" in compare
    assert "Both guides use the official figures for 15-1252 Software Developers" in compare
    state = detail(client, b)["official_pay"]["states"][0]
    assert f"California ${state['median']:,}" in page


def test_the_schema_documents_occupations_and_official_pay(client):
    schema = client.get(reverse("api:schema"), {"format": "json"}).json()
    components = schema["components"]["schemas"]
    detail_props = components["CareerDetailOutput"]["properties"]
    assert {"occupations", "official_pay"} <= set(detail_props)
    assert set(components["AreaPayOutput"]["properties"]) == {
        "area", "employment", "mean", "p10", "p25", "median", "p75", "p90", "notes"
    }  # fmt: skip
    assert "FigureNoteOutput" in components
    operation = schema["paths"]["/api/v1/careers/{slug}/"]["get"]
    example = operation["responses"]["200"]["content"]["application/json"]["examples"]
    (shown,) = example.values()
    assert shown["value"]["official_pay"]["national"]["median"] == 135980
    assert "top_coded" in operation["description"]
