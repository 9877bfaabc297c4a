"""On a phone: the header is one row with a Menu button that opens the navigation."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("width", [320, 390])
def test_the_phone_header_is_one_row_with_a_menu(browser, live_server, guides, width):
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(live_server.url + "/")
    brand = page.get_by_role("link", name="Career Guide", exact=True)
    menu = page.get_by_role("button", name="Menu")
    assert brand.bounding_box()["y"] == pytest.approx(menu.bounding_box()["y"], abs=12)
    careers = page.get_by_role("navigation", name="Main").get_by_role("link", name="Careers")
    expect(careers).to_be_hidden()

    menu.click()
    expect(menu).to_have_attribute("aria-expanded", "true")
    expect(careers).to_be_visible()
    assert careers.bounding_box()["height"] >= 44  # a touch target
    page.keyboard.press("Escape")
    expect(careers).to_be_hidden()
    expect(menu).to_be_focused()
    context.close()


def test_the_wide_header_shows_the_navigation_without_a_menu(page, live_server, guides):
    page.goto(live_server.url + "/")
    expect(page.get_by_role("button", name="Menu")).to_be_hidden()
    nav = page.get_by_role("navigation", name="Main")
    expect(nav.get_by_role("link", name="Careers")).to_be_visible()


def test_on_a_phone_the_pages_of_a_long_search_are_easy_to_tap(
    browser, live_server, transactional_db
):
    from tests.factory import make_career

    for number in range(30):
        make_career(title=f"Harbour pilot {number:02}", summary="Guides ships into the harbour.")
    context = browser.new_context(viewport={"width": 390, "height": 800})
    page = context.new_page()
    page.goto(live_server.url + "/careers/?q=harbour")

    pages = page.get_by_role("navigation", name="Pages of guides")
    expect(pages).to_contain_text("Page 1 of 2")
    following = pages.get_by_role("link", name="Next")
    box = following.bounding_box()
    assert box["height"] >= 44 and box["width"] >= 44  # a touch target
    following.click()

    expect(pages).to_contain_text("Page 2 of 2")
    expect(page.get_by_role("searchbox").or_(page.get_by_label("Search careers"))).to_have_value(
        "harbour"
    )
    assert page.locator(".card").count() == 6
    assert pages.get_by_role("link", name="Previous").bounding_box()["height"] >= 44
    context.close()
