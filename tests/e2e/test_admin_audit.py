"""An editor opens a guide's figure audit from its change page; at 1,280 px it fits."""

from io import StringIO

import pytest
from django.core.management import call_command

from guide.models import Career
from tests.e2e.conftest import log_in, shot, staff_member

pytestmark = pytest.mark.e2e

WIDTH = 1280


@pytest.fixture
def editor_page(page, live_server, guides, django_user_model):
    call_command("import_oews", "occupations/data/oews", "--skip-loaded", stdout=StringIO())
    user = staff_member(django_user_model, "editor@example.com", "Publishers", publish=True)
    log_in(page, live_server, user)
    return page


def test_the_audit_opens_from_the_change_page_and_fits_1280(editor_page, live_server):
    career = Career.objects.get(slug="amazon-engineer")
    editor_page.goto(f"{live_server.url}/admin/guide/career/{career.pk}/change/")

    editor_page.get_by_role("link", name="Audit figures").click()
    editor_page.wait_for_load_state()

    assert editor_page.get_by_role("heading", name="Figures of “Amazon Engineer”").is_visible()
    assert editor_page.get_by_text("No warnings.").is_visible()
    tables = editor_page.locator("table.audit-table")
    assert tables.count() == 5  # key facts, growth, levels, regional, official pay
    assert editor_page.get_by_role("table", name="Pay by level").is_visible()
    assert editor_page.evaluate("() => document.documentElement.scrollWidth") <= WIDTH
    # No table runs past the content area (a table inside a scroller would not show above).
    content_right = editor_page.evaluate(
        "() => document.querySelector('#content-main').getBoundingClientRect().right"
    )
    rights = editor_page.evaluate(
        "() => [...document.querySelectorAll('table.audit-table')]"
        ".map(t => t.getBoundingClientRect().right)"
    )
    assert max(rights) <= content_right
    shot(editor_page, "admin-audit")
