"""The shipped guides' figures: May 2025 wages, the 2024–34 projections, one consistent and
sourced pay story for Amazon, estimates labelled, and nothing for check_guides to list."""

import re
import tomllib
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from guide.loader import CONTENT_DIR, career_files
from guide.models import Career, PayBasis, PayScope
from tests.factory import make_national_estimate, make_release
from tests.forms import form_data

pytestmark = pytest.mark.django_db

AMAZON = "amazon-engineer"


@pytest.fixture
def shipped():
    call_command("load_guides", "--publish", stdout=StringIO())


def text_of(client, slug: str) -> str:
    html = client.get(f"/careers/{slug}/").content.decode()
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def key_facts_of(client, slug: str) -> str:
    text = text_of(client, slug)
    return text[text.index("Key facts") : text.index("How close are you")]


def test_no_shipped_guide_cites_may_2024_wages():
    for path in career_files(CONTENT_DIR):
        text = path.read_text(encoding="utf-8")
        assert "May 2024" not in text, path.name
        assert "/oes/2024/" not in text, path.name
        for source in tomllib.loads(text).get("sources", []):
            if "bls.gov/oes" in source.get("url", ""):
                assert source.get("edition") == "May 2025", (path.name, source["key"])


def test_amazon_page_shows_the_may_2025_median_and_the_2024_34_projection(client, shipped):
    facts = key_facts_of(client, AMAZON)

    assert "$135,980" in facts
    assert "base salary, national, May 2025" in facts
    assert "15% projected, 2024–34" in facts
    assert "≈129,200" in facts
    assert "$110,000" not in facts and "22%" not in facts and "189,000" not in facts


def test_the_release_gives_amazon_and_platform_the_same_official_figures(client, shipped):
    older = make_release(name="May 2024", reference_date=date(2024, 5, 1))
    make_national_estimate(release=older, median=133080)
    make_national_estimate()  # 15-1252 in May 2025, as BLS published it; both guides link it

    for slug in (AMAZON, "platform-engineer"):
        facts = key_facts_of(client, slug)
        assert "$135,980" in facts and "Pay figures as of May 2025" in facts
        assert "15% projected, 2024–34" in facts


def test_amazon_levels_are_sourced_total_compensation_ranges(shipped):
    amazon = Career.objects.get(slug=AMAZON)
    priced = [level for level in amazon.levels.all() if level.has_pay]

    assert [level.title for level in priced] == [
        "Junior Amazon Engineer",
        "Amazon Engineer",
        "Senior Amazon Engineer",
        "Principal Amazon Engineer",
    ]  # the "Lead" stage, not an Amazon level, carries no price
    for level in priced:
        assert level.pay_basis == PayBasis.TOTAL and level.pay_scope == PayScope.COMPANY
        assert level.source is not None and level.as_of is not None
        assert level.salary_low_usd is not None
        assert level.salary_high_usd is not None or level.salary_high_open
    principal = priced[-1]
    assert principal.salary_low_usd > 350000  # total pay beyond the $350,000 base cap


def test_estimates_are_labelled_and_never_cite_an_official_source(shipped):
    amazon = Career.objects.get(slug=AMAZON)
    for career in Career.objects.all():
        rows = [*career.levels.all(), *career.regional_salaries.all(), *career.key_facts.all()]
        for row in rows:
            if row.is_estimate and row.source_id:
                assert not row.source.official, (career.slug, str(row))
    canada = amazon.regional_salaries.get(region="Canada")
    assert canada.is_estimate and canada.salary_usd is None  # a range, not a midpoint


def test_systems_guide_state_table_leads_with_maryland(client, shipped):
    systems = Career.objects.get(slug="systems-engineer")
    rows = list(systems.regional_salaries.values_list("region", "salary_usd"))

    assert rows[:2] == [("United States", 99130), ("Maryland", 118290)]
    assert "Maryland" in text_of(client, "systems-engineer")


def test_check_guides_finds_nothing_in_the_shipped_guides(shipped):
    make_release()  # May 2025 imported: every official wage figure is that release
    out = StringIO()

    call_command("check_guides", stdout=out)

    assert out.getvalue().startswith("Figures OK")


@pytest.mark.parametrize("slug", [AMAZON, "systems-engineer"])
def test_staff_can_save_a_shipped_guide_unchanged_in_the_admin(publisher_client, shipped, slug):
    career = Career.objects.get(slug=slug)
    url = reverse("admin:guide_career_change", args=[career.pk])
    data = form_data(publisher_client.get(url).content.decode(), "career_form")
    data["_save"] = "Save"

    response = publisher_client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors


def test_amazon_headline_sits_inside_its_level_table_on_the_same_basis(client, shipped):
    from guide.figures import level_range

    make_national_estimate()  # May 2025 15-1252, as BLS published it: the headline's source
    career = Career.objects.get(slug=AMAZON)
    low, high = level_range(career.levels.all(), PayBasis.BASE)
    assert low <= 135980 <= high  # base salary against the levels' base salary
    text = text_of(client, AMAZON)
    levels = text[text.index("Salary by level") : text.index("Salary commentary")]
    assert "base salary $129,000 – $184,000" in levels
    assert "Verve AI" not in levels and "Amazon software development engineer pay" in levels


def test_a_headline_outside_the_levels_base_salaries_is_refused(shipped):
    from guide.figures import headline_level_problems
    from guide.selectors import career_for_page

    make_national_estimate(median=400000)  # far above every level's base salary
    career = career_for_page(slug=AMAZON)
    problems = headline_level_problems(career.headline, career.levels.all())
    assert [p.field for p in problems] == ["median_salary_usd"]
    assert "base salary" in problems[0].message
