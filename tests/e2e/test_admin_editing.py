"""An editor at a 1,280 px window: the guide's change page fits, parts reorder by dragging."""

import pytest

from guide.models import Career
from tests.e2e.conftest import log_in, staff_member

pytestmark = pytest.mark.e2e

WIDTH = 1280


@pytest.fixture
def editor_page(page, live_server, guides, django_user_model):
    # Changing a live guide's page directly takes the publish permission (docs/editing.md).
    user = staff_member(django_user_model, "editor@example.com", "Publishers", publish=True)
    log_in(page, live_server, user)
    return page


def change_url(live_server, career):
    return f"{live_server.url}/admin/guide/career/{career.pk}/change/"


def test_the_change_page_has_no_horizontal_overflow_at_1280(editor_page, live_server):
    career = Career.objects.get(slug="amazon-engineer")
    editor_page.goto(change_url(live_server, career))
    assert editor_page.evaluate("() => document.documentElement.scrollWidth") <= WIDTH
    # Every folded part opened, as an editor working through the guide would.
    editor_page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")
    assert editor_page.evaluate("() => document.documentElement.scrollWidth") <= WIDTH
    editor_page.get_by_role("link", name="FAQ", exact=True).click()
    assert editor_page.evaluate("() => location.hash") == "#faqs-group"


def drag(page, handle, target):
    """Drag with the mouse in small steps, as SortableJS expects from a person."""
    target.evaluate("e => e.closest('fieldset').scrollIntoView({block: 'center'})")
    start, end = handle.bounding_box(), target.bounding_box()
    page.mouse.move(start["x"] + 20, start["y"] + start["height"] / 2)
    page.mouse.down()
    page.mouse.move(start["x"] + 20, start["y"] - 10, steps=5)
    page.mouse.move(end["x"] + 20, end["y"] - 4, steps=20)
    page.mouse.up()


def test_an_editor_reorders_responsibilities_by_dragging(editor_page, live_server):
    career = Career.objects.get(slug="amazon-engineer")
    before = list(career.responsibilities.order_by("order").values_list("pk", flat=True))
    editor_page.goto(change_url(live_server, career))
    rows = editor_page.locator("#responsibilities-group tr.has_original")
    last_handle = rows.nth(len(before) - 1).locator("td.original p")
    first_handle = rows.nth(0).locator("td.original p")
    drag(editor_page, last_handle, first_handle)
    editor_page.get_by_role("button", name="Save", exact=True).first.click()
    editor_page.wait_for_load_state()
    assert "was changed successfully" in editor_page.content()
    after = list(career.responsibilities.order_by("order").values_list("pk", flat=True))
    assert after == [before[-1], *before[:-1]]
    orders = list(career.responsibilities.order_by("order").values_list("order", flat=True))
    assert orders == list(range(1, len(before) + 1))
