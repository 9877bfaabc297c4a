"""What search engines and link previews see: JSON-LD that matches the guide, canonical
addresses, a description per page, OpenGraph and Twitter tags, and a favicon."""

import datetime
import json
import re

import pytest
from django.urls import reverse

from guide.models import FAQ, CareerOccupation
from occupations.models import Area, Estimate, Occupation, Release
from tests.factory import make_career, make_full_guide

pytestmark = pytest.mark.django_db


def json_ld(html: str) -> dict:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(blocks) == 1
    return json.loads(blocks[0])


def graph_item(data: dict, kind: str) -> dict:
    return next(item for item in data["@graph"] if item["@type"] == kind)


def meta(html: str, attribute: str, name: str) -> str:
    found = re.search(rf'<meta {attribute}="{re.escape(name)}"\s+content="([^"]*)"', html)
    assert found, name
    return found.group(1)


def link_official_pay(career, *, median=135980):
    occupation = Occupation.objects.create(code="15-1252", title="Software Developers")
    CareerOccupation.objects.create(career=career, occupation=occupation, primary=True)
    release = Release.objects.create(
        code="2025A01",
        name="May 2025",
        reference_date=datetime.date(2025, 5, 1),
        published=datetime.date(2026, 5, 15),
    )
    nation = Area.objects.create(
        code="0000000", kind=Area.Kind.NATIONAL, state_fips="00", name="U.S."
    )
    Estimate.objects.create(
        release=release,
        occupation=occupation,
        area=nation,
        employment=1687890,
        p10_annual=82460,
        p25_annual=105210,
        median_annual=median,
        p75_annual=171980,
        p90_annual=None,
        footnotes={"p90_annual": "5"},
    )


def test_guide_json_ld_describes_the_occupation_its_faq_and_breadcrumbs(client):
    career = make_full_guide(title="Cloud Engineer")
    html = client.get(career.get_absolute_url()).content.decode()
    data = json_ld(html)

    assert data["@context"] == "https://schema.org"
    occupation = graph_item(data, "Occupation")
    assert occupation["name"] == "Cloud Engineer"
    assert occupation["url"] == f"http://testserver{career.get_absolute_url()}"
    skills = [cs.skill.name for cs in career.career_skills.all()]
    assert all(name in occupation["skills"] for name in skills)
    assert occupation["responsibilities"] == [r.text for r in career.responsibilities.all()]
    assert "estimatedSalary" not in occupation  # no official figures linked: none claimed

    faq = graph_item(data, "FAQPage")
    assert [(q["name"], q["acceptedAnswer"]["text"]) for q in faq["mainEntity"]] == [
        (f.question, f.answer) for f in career.faqs.all()
    ]
    crumbs = graph_item(data, "BreadcrumbList")["itemListElement"]
    assert [c["name"] for c in crumbs] == ["Home", "Careers", "Cloud Engineer"]
    assert crumbs[-1]["item"] == occupation["url"]


def test_guide_json_ld_carries_the_official_pay_with_its_source(client):
    career = make_full_guide(title="Amazon Engineer")
    link_official_pay(career)
    occupation = graph_item(
        json_ld(client.get(career.get_absolute_url()).content.decode()), "Occupation"
    )

    assert occupation["occupationalCategory"]["codeValue"] == "15-1252"
    salary = occupation["estimatedSalary"][0]
    assert salary["median"] == 135980
    assert salary["percentile10"] == 82460
    assert "percentile90" not in salary  # top-coded by BLS: no number is made up
    assert (
        "May 2025" in salary["description"]
        and "Bureau of Labor Statistics" in salary["description"]
    )


def test_json_ld_cannot_close_its_script_element(client):
    career = make_full_guide(title="Platform Engineer")
    FAQ.objects.create(career=career, question="</script><b>hi</b>?", answer="Use `<`.", order=99)
    html = client.get(career.get_absolute_url()).content.decode()
    faq = graph_item(json_ld(html), "FAQPage")
    assert faq["mainEntity"][-1]["name"] == "</script><b>hi</b>?"
    assert "</script><b>" not in html


def test_each_public_page_has_its_own_description_and_canonical_address(client):
    career = make_full_guide(title="Systems Engineer")
    other = make_career(title="Network Engineer")
    pages = {
        reverse("home"): "http://testserver/",
        reverse("guide:career-list") + "?q=cloud": "http://testserver/careers/",
        career.get_absolute_url(): f"http://testserver{career.get_absolute_url()}",
        reverse("guide:career-compare"): "http://testserver/careers/compare/",
    }
    descriptions = set()
    for url, canonical in pages.items():
        html = client.get(url).content.decode()
        assert f'<link rel="canonical" href="{canonical}">' in html, url
        descriptions.add(meta(html, "name", "description"))
        assert meta(html, "property", "og:title")
        assert meta(html, "name", "twitter:card") == "summary"
    assert len(descriptions) == len(pages)

    compare = client.get(reverse("guide:career-compare"), {"a": career.slug, "b": other.slug})
    html = compare.content.decode()
    assert f"/careers/compare/?a={career.slug}&amp;b={other.slug}" in html
    assert "Systems Engineer and Network Engineer side by side" in meta(html, "name", "description")


def test_guide_shares_with_its_own_title_and_summary(client):
    career = make_full_guide(title="Infrastructure Engineer", summary="Keeps the machines honest.")
    html = client.get(career.get_absolute_url()).content.decode()
    assert meta(html, "property", "og:title") == "Infrastructure Engineer career guide"
    assert meta(html, "property", "og:description") == "Keeps the machines honest."
    assert meta(html, "property", "og:type") == "article"
    assert meta(html, "property", "og:url") == f"http://testserver{career.get_absolute_url()}"


def test_every_page_links_a_favicon_and_the_old_address_finds_it(client):
    html = client.get(reverse("home")).content.decode()
    assert re.search(r'<link rel="icon" href="[^"]*favicon\.svg"', html)
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("img/favicon.svg")


def test_the_sitemap_lists_every_published_guide_with_its_last_change(client):
    career = make_career(title="Amazon Engineer")
    make_career(title="Hidden Draft", status="draft")
    body = client.get(reverse("sitemap")).content.decode()
    assert career.get_absolute_url() in body
    assert "hidden-draft" not in body
    assert f"<lastmod>{career.updated_at.date().isoformat()}</lastmod>" in body
