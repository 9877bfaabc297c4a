"""A visitor reads the official pay on a phone and picks where they live, without JavaScript."""

import re
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from playwright.sync_api import expect

from guide.models import Career
from tests.e2e.conftest import shot

pytestmark = pytest.mark.e2e

# Elements of the section that stick out past the right edge, leaving out what scrolls
# inside its own box (the tables).
OVERFLOW = """(width) => [...document.querySelectorAll('#official-pay *')]
  .filter(el => !el.closest('.table-scroll') && el.getBoundingClientRect().right > width + 1)
  .map(el => el.tagName + '.' + el.className)"""


@pytest.fixture
def paid_guide(guides):
    """The shipped guides with the shipped May 2025 extract imported, as `make run` has them."""
    extract = settings.BASE_DIR / "occupations" / "data" / "oews"
    call_command("import_oews", str(extract), stdout=StringIO())
    return Career.objects.get(slug="amazon-engineer")


@pytest.mark.parametrize("width", [1280, 390])
def test_official_pay_fits_the_screen_and_answers_where_you_live(
    browser, live_server, paid_guide, width
):
    context = browser.new_context(
        viewport={"width": width, "height": 900}, java_script_enabled=False
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(live_server.url + paid_guide.get_absolute_url())

    section = page.locator("#official-pay")
    expect(section).to_contain_text("$135,980")
    expect(section.locator("svg.state-map")).to_be_visible()
    assert page.evaluate(OVERFLOW, width) == []

    page.get_by_label("State or metropolitan area").select_option(
        label="Seattle-Tacoma-Bellevue, WA"
    )
    page.get_by_role("button", name="Show pay").click()
    expect(page).to_have_url(re.compile(r"\?area=0042660#pay-where$"))
    expect(page.locator(".pay-where-result")).to_contain_text("$167,280")
    assert page.evaluate(OVERFLOW, width) == []
    shot(page, f"official-pay-{width}")
    context.close()
