"""`manage.py check_guides`: stale figures, contradictions and uncited figures, with a
non-zero exit status when it finds any."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from guide.models import CareerLevel, KeyFact, Source
from tests.factory import make_full_guide, make_release

pytestmark = pytest.mark.django_db


def check() -> tuple[str, str | None]:
    """The command's output and, when it failed, its error (exit status 1)."""
    out = StringIO()
    try:
        call_command("check_guides", stdout=out)
    except CommandError as exc:
        return out.getvalue(), str(exc)
    return out.getvalue(), None


def test_consistent_current_figures_pass():
    make_full_guide(title="Platform Engineer")

    out, error = check()

    assert error is None
    assert out.strip() == "Figures OK: nothing stale, contradictory or uncited."


def test_an_official_figure_older_than_the_newest_release_is_listed():
    career = make_full_guide(title="Cloud Engineer")
    oews = Source.objects.create(career=career, title="OEWS", official=True, edition="May 2024")
    KeyFact.objects.filter(career=career, kind="median_salary").update(
        source=oews, as_of=date(2024, 5, 1)
    )
    make_release()  # May 2025

    out, error = check()

    assert (
        "cloud-engineer: stale: [facts] median_salary_usd: This pay figure is as of May 2024, "
        "older than the newest imported release (May 2025)." in out
    )
    assert error == "1 figure problem(s) in 1 guide(s)."


def test_a_projection_older_than_the_newest_edition_is_listed():
    make_full_guide(title="Platform Engineer")
    make_full_guide(title="Amazon Engineer", growth_period="2022–32")

    out, error = check()

    assert "amazon-engineer: stale: [facts] growth_period: The projection 2022–32" in out
    assert "platform-engineer" not in out
    assert error is not None


def test_a_contradiction_is_listed():
    career = make_full_guide(title="Amazon Engineer")
    career.median_salary_usd = 50000  # below the level table, on the same basis
    career.save()

    out, error = check()

    assert "amazon-engineer: contradiction: [facts] median_salary_usd" in out
    assert error is not None


def test_a_pay_figure_without_a_source_is_listed():
    career = make_full_guide(title="Systems Engineer")
    CareerLevel.objects.filter(career=career, order=0).update(is_estimate=False)

    out, error = check()

    assert "systems-engineer: unsourced: levels[0] source: This pay figure has no source." in out
    assert error is not None
