"""The contradiction rules (guide/figures.py), refused by the loader with the guide and
field named, and by the admin with the message on the field or inline row."""

import pytest
from django.urls import reverse

from guide.loader import ContentError, load_guides
from guide.models import Career, KeyFact, Source
from tests.factory import make_full_guide
from tests.forms import form_data

pytestmark = pytest.mark.django_db

GUIDE = """slug = "{slug}"
title = "{title}"
summary = "A role."

[facts]
median_salary_usd = {median}
growth_outlook_pct = {growth}
growth_period = "{period}"
annual_openings = {openings}

[[sources]]
key = "ooh"
title = "Occupational Outlook Handbook: Software Developers"
url = "https://www.bls.gov/ooh/software-developers.htm"
official = true
edition = "{edition}"

[[sources]]
key = "oews"
title = "Occupational Employment and Wages, May 2025"
url = "https://www.bls.gov/oes/2025/may/oes151252.htm"
official = true
edition = "May 2025"

[[sources]]
key = "reports"
title = "Pay reports by level"
url = "https://example.com/levels"

[[key_facts]]
kind = "median_salary"
source = "{median_source}"
pay_basis = "base"
pay_scope = "national"
as_of = 2025-05-01
is_estimate = {median_estimate}

[[key_facts]]
kind = "growth"
source = "ooh"

[[key_facts]]
kind = "openings"
source = "ooh"

[[levels]]
title = "Junior"
salary_low_usd = 100000
salary_high_usd = {level_high}
pay_basis = "{level_basis}"
pay_scope = "national"
source = "reports"
as_of = 2025-11-01
"""


def guide(**values) -> str:
    defaults = {
        "slug": "dev",
        "title": "Developer",
        "median": 135980,
        "growth": 15.0,
        "period": "2024–34",
        "openings": 129200,
        "edition": "2024–34",
        "median_source": "oews",
        "median_estimate": "false",
        "level_high": 150000,
        "level_basis": "base",
    }
    return GUIDE.format(**{**defaults, **values})


def load(tmp_path, *texts) -> None:
    for index, text in enumerate(texts):
        (tmp_path / f"guide-{index}.toml").write_text(text, encoding="utf-8")
    load_guides(content_dir=tmp_path)


def refused(tmp_path, *texts) -> str:
    with pytest.raises(ContentError) as excinfo:
        load(tmp_path, *texts)
    assert Career.objects.count() == 0  # nothing half-loaded
    return str(excinfo.value)


def test_a_consistent_guide_loads(tmp_path):
    load(tmp_path, guide())
    assert Career.objects.get(slug="dev").median_salary_usd == 135980


def test_loader_refuses_a_headline_outside_the_level_table_on_the_same_basis(tmp_path):
    message = refused(tmp_path, guide(median=90000))
    assert message.startswith("guide-0.toml: [facts] median_salary_usd:")
    assert "$90,000" in message and "$100,000 to $150,000" in message


def test_a_level_table_on_another_basis_is_not_compared(tmp_path):
    load(tmp_path, guide(median=90000, level_basis="total"))
    assert Career.objects.count() == 1


def test_loader_refuses_a_growth_period_that_is_not_its_sources_edition(tmp_path):
    message = refused(tmp_path, guide(growth=22.0, period="2022–32"))
    assert message.startswith("guide-0.toml: [facts] growth_period:")
    assert "2022–32" in message and "2024–34 edition" in message


def test_loader_refuses_two_guides_with_different_figures_for_one_statistic(tmp_path):
    amazon = guide(slug="amazon", title="Amazon Engineer", growth=22.0)
    platform = guide(slug="platform", title="Platform Engineer")
    message = refused(tmp_path, amazon, platform)
    assert "[facts] growth_outlook_pct" in message
    assert "Platform Engineer" in message or "Amazon Engineer" in message


def test_two_guides_agreeing_on_a_statistic_load(tmp_path):
    load(tmp_path, guide(slug="amazon"), guide(slug="platform", title="Platform"))
    assert Career.objects.count() == 2


def test_loader_refuses_an_estimate_cited_to_an_official_source(tmp_path):
    message = refused(tmp_path, guide(median_estimate="true"))
    assert message.startswith("guide-0.toml key_facts[1]:")
    assert "is_estimate" in message and "official source" in message


def test_an_estimate_with_its_own_source_loads(tmp_path):
    load(tmp_path, guide(median_estimate="true", median_source="reports"))
    fact = KeyFact.objects.get(kind="median_salary")
    assert fact.is_estimate and not fact.source.official


def test_loader_refuses_a_pay_figure_without_its_basis(tmp_path):
    message = refused(tmp_path, guide().replace('pay_basis = "base"\n', "", 1))
    assert "key_facts[1]: pay_basis" in message


# --- The admin ------------------------------------------------------------------------------


def change(publisher_client, career, **edits):
    """Post the career's change form as the browser would, with `edits` applied."""
    url = reverse("admin:guide_career_change", args=[career.pk])
    data = form_data(publisher_client.get(url).content.decode(), "career_form")
    data.update(edits)
    data["_save"] = "Save"
    return publisher_client.post(url, data)


def inline_prefix(kind: str, publisher_client, career) -> str:
    url = reverse("admin:guide_career_change", args=[career.pk])
    data = form_data(publisher_client.get(url).content.decode(), "career_form")
    key = next(k for k, v in data.items() if k.startswith("key_facts-") and v == kind)
    return key.removesuffix("-kind")


def field_errors(response, name):
    return response.context["adminform"].form.errors.get(name, [])


def test_admin_refuses_a_headline_outside_the_level_table(publisher_client):
    career = make_full_guide()  # levels $100,000 and $120,000, base salary

    response = change(publisher_client, career, median_salary_usd="95000")

    assert response.status_code == 200
    assert "lies outside the level table" in " ".join(field_errors(response, "median_salary_usd"))
    career.refresh_from_db()
    assert career.median_salary_usd == 110000


def test_admin_refuses_a_growth_period_that_is_not_its_sources_edition(publisher_client):
    career = make_full_guide()
    Source.objects.filter(career=career).update(official=True, edition="2024–34")

    response = change(publisher_client, career, growth_period="2022–32")

    assert "2024–34 edition" in " ".join(field_errors(response, "growth_period"))
    career.refresh_from_db()
    assert career.growth_period == "2024–34"


def test_admin_refuses_a_growth_figure_another_guide_shows_differently(publisher_client):
    url = "https://www.bls.gov/ooh/software-developers.htm"
    platform = make_full_guide(title="Platform Engineer", growth_outlook_pct=15)
    amazon = make_full_guide(title="Amazon Engineer", growth_outlook_pct=15)
    Source.objects.filter(career__in=[platform, amazon]).update(url=url)

    response = change(publisher_client, amazon, growth_outlook_pct="22")

    errors = " ".join(field_errors(response, "growth_outlook_pct"))
    assert "“Platform Engineer” shows 15% for 2024–34" in errors
    amazon.refresh_from_db()
    assert amazon.growth_outlook_pct == 15


def test_admin_refuses_an_estimate_cited_to_an_official_source(publisher_client):
    career = make_full_guide()
    Source.objects.filter(career=career).update(official=True)
    prefix = inline_prefix("median_salary", publisher_client, career)

    response = change(publisher_client, career, **{f"{prefix}-is_estimate": "on"})

    assert response.status_code == 200
    formset = next(
        inline.formset
        for inline in response.context["inline_admin_formsets"]
        if inline.formset.model is KeyFact
    )
    messages = " ".join(str(e) for form_errors in formset.errors for e in form_errors.values())
    assert "An estimate cannot cite an official source" in messages
    assert not KeyFact.objects.filter(career=career, is_estimate=True).exists()


def test_admin_saves_consistent_figures(publisher_client):
    career = make_full_guide()

    response = change(publisher_client, career, median_salary_usd="115000")

    assert response.status_code == 302
    career.refresh_from_db()
    assert career.median_salary_usd == 115000
