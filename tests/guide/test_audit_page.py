"""The figure audit of a guide in the admin (/admin/guide/career/<pk>/audit/): every figure
with its source and date, and the warnings of the freshness and contradiction rules."""

import html
import re
from datetime import date
from io import StringIO

import pytest
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from guide.audit import build_audit
from guide.figures import CareerFigures, Problem
from guide.models import Career, CareerLevel, KeyFact, Source
from occupations.models import Estimate
from tests.conftest import signed_in
from tests.factory import (
    link_occupation,
    make_full_guide,
    make_release,
    make_software_developer_pay,
)

pytestmark = pytest.mark.django_db


def audit_url(career) -> str:
    return reverse("admin:guide_career_audit", args=[career.pk])


def text_of(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def rows(response) -> dict[str, str]:
    """Each table row's text, by the figure named in its row header."""
    body = response.content.decode()
    found = {}
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S):
        header = re.search(r'<th scope="row">\s*(.*?)\s*(?:<span|</th>)', row, re.S)
        if header:
            found[text_of(header.group(1))] = text_of(row)
    return found


def usd(value: int) -> str:
    return f"${value:,}"


@pytest.fixture
def amazon():
    call_command("load_guides", "--publish", stdout=StringIO())
    call_command("import_oews", "occupations/data/oews", "--skip-loaded", stdout=StringIO())
    return Career.objects.get(slug="amazon-engineer")


def test_every_figure_of_the_shipped_guide_is_listed_with_its_source(editor_client, amazon):
    response = editor_client.get(audit_url(amazon))

    assert response.status_code == 200
    found = rows(response)
    cited_levels = amazon.levels.exclude(salary_low_usd=None).select_related("source")
    assert cited_levels.count() == 4  # the lead level has no pay of its own
    for level in cited_levels:
        row = found[level.title]
        assert usd(level.salary_low_usd) in row
        assert level.source.title in row and level.source.publisher in row
        assert "Total compensation" in row and "One company" in row
        base = found[f"{level.title}: base salary"]
        assert usd(level.base_low_usd) in base and "Base salary" in base
        assert (level.base_source or level.source).title in base
    for region in amazon.regional_salaries.select_related("source"):
        row = found[region.region]
        assert usd(region.salary_low_usd) in row and usd(region.salary_high_usd) in row
        if region.source:
            assert region.source.title in row
        else:
            assert region.is_estimate and "Our estimate" in row
    for kind in ("education", "industries", "growth", "openings"):
        fact = amazon.key_facts.select_related("source").get(kind=kind)
        assert fact.source.title in found[fact.get_kind_display()]
    assert "15% over 2024–34" in found["Growth outlook"]
    assert "Edition 2024–34" in found["Growth outlook"]
    assert f"{amazon.annual_openings:,} a year" in found["Annual openings"]
    # The headline and the official pay come from the imported release, cited to it.
    national = Estimate.objects.get(occupation__code="15-1252", area__kind="N")
    assert usd(national.median_annual) in found["Median salary"]
    assert "Occupational Employment and Wage Statistics" in found["Median salary"]
    assert usd(national.p10_annual) in found["National: 10th percentile"]
    assert usd(national.p90_annual) in found["National: 90th percentile"]
    assert "Edition May 2025" in found["National: median"]
    assert found["States"].startswith("States 52 areas, medians")
    assert "No warnings." in response.content.decode()


def test_a_figure_from_an_out_of_date_source_is_flagged(editor_client):
    career = make_full_guide(title="Cloud Engineer")
    oews = Source.objects.create(
        career=career,
        title="OEWS May 2024",
        publisher="U.S. Bureau of Labor Statistics",
        official=True,
        edition="May 2024",
    )
    KeyFact.objects.filter(career=career, kind="median_salary").update(
        source=oews, as_of=date(2024, 5, 1)
    )
    make_release()  # May 2025

    response = editor_client.get(audit_url(career))

    row = rows(response)["Median salary"]
    assert "OEWS May 2024" in row and "Edition May 2024" in row
    assert (
        "Out of date: This pay figure is as of May 2024, older than the newest imported "
        "release (May 2025)." in row
    )
    summary = text_of(response.content.decode().split('class="audit-summary')[1])
    assert summary.startswith('audit-has-warnings" role="status"> 1 warning in')
    assert "1 out of date" in summary
    assert "No warnings." not in response.content.decode()


def test_a_figure_another_guide_shows_differently_names_that_guide(editor_client):
    url = "https://www.bls.gov/ooh/software-developers.htm"
    make_full_guide(title="Platform Engineer", growth_outlook_pct=15)
    amazon = make_full_guide(title="Amazon Engineer", growth_outlook_pct=22)
    Source.objects.filter(career__title__in=["Platform Engineer", "Amazon Engineer"]).update(
        url=url
    )

    response = editor_client.get(audit_url(amazon))

    row = rows(response)["Growth outlook"]
    assert "22% over 2024–34" in row
    assert "Contradiction: “Platform Engineer” shows 15% for 2024–34" in row
    assert "this guide shows 22% for 2024–34" in row


def test_a_level_problem_sits_on_its_level(editor_client):
    career = make_full_guide(title="Systems Engineer")
    CareerLevel.objects.filter(career=career, order=1).update(is_estimate=False, as_of=None)

    found = rows(editor_client.get(audit_url(career)))

    assert "No date" in found["Level 1"]
    assert "Out of date: This pay figure has no date (as of). (levels[1] as_of)" in found["Level 1"]
    assert "No source: This pay figure has no source." in found["Level 1"]
    assert "Out of date" not in found["Level 0"]


def test_the_change_page_links_to_the_audit(editor_client):
    career = make_full_guide()

    response = editor_client.get(reverse("admin:guide_career_change", args=[career.pk]))

    assert f'<a href="{audit_url(career)}">Audit figures</a>' in response.content.decode()


def test_only_staff_who_may_see_guides_open_the_audit(client, outsider_client, django_user_model):
    career = make_full_guide()
    login = reverse("admin:login")

    assert client.get(audit_url(career)).url.startswith(login)
    assert outsider_client.get(audit_url(career)).url.startswith(login)
    viewer = django_user_model.objects.create_user(email="viewer@example.com", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_career"))
    # The audit only reads: staff who may see a guide (an editor on a live guide) open it.
    assert signed_in(viewer).get(audit_url(career)).status_code == 200
    nobody = django_user_model.objects.create_user(email="nobody@example.com", is_staff=True)
    assert signed_in(nobody).get(audit_url(career)).status_code == 403


def test_an_unknown_guide_goes_back_to_the_list(editor_client):
    response = editor_client.get(reverse("admin:guide_career_audit", args=[987654]))

    assert response.status_code == 302
    assert response.url == reverse("admin:index")


def audit_queries(client, career) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(audit_url(career))
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_the_audit_runs_a_fixed_number_of_queries(editor_client):
    occupation = make_software_developer_pay()
    small = make_full_guide(scale=1)
    large = make_full_guide(scale=4)
    for career in (small, large):
        link_occupation(career, occupation)

    # Session and user (2); the user's own and group permissions (2); the career (1); its
    # key facts, levels, regional salaries and occupation links (4); official pay (1);
    # the newest release (1); the projection yardstick (2); other guides' growth figures (2).
    assert audit_queries(editor_client, small) == 15
    assert audit_queries(editor_client, large) == 15
    assert len(rows(editor_client.get(audit_url(large)))) > len(
        rows(editor_client.get(audit_url(small)))
    )


def test_build_audit_places_each_problem_and_keeps_the_ones_without_a_figure():
    """The arranging half alone, on unsaved rows: no database."""
    career = Career(title="Data Engineer", annual_openings=1000, growth_period="2024–34")
    figures = CareerFigures(career=career, facts={}, levels=[], regional=[])
    period = Problem("growth_period", "The period is wrong.")
    elsewhere = Problem("time_to_ready", "Not a figure on the audit.")

    audit = build_audit(figures, problems=[("contradiction", period), ("stale", elsewhere)])

    [outlook] = audit.sections
    [openings] = outlook.rows
    assert openings.figure == "Annual openings" and openings.value == "1,000 a year over 2024–34"
    # No growth figure is shown, so the period's problem sits on the openings it dates.
    assert [w.message for w in openings.warnings] == ["The period is wrong."]
    assert [w.place for w in audit.unplaced] == ["[facts] time_to_ready"]
    assert audit.warning_count == 2
    assert audit.counts == [("Out of date", 1), ("Contradiction", 1)]
