"""Scanning a long guide in a browser: the contents sit open beside the text on a laptop and
fold into "On this page" on a phone, and the part being read is marked in them."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


def test_the_contents_mark_the_part_being_read(page, live_server, guides):
    page.goto(live_server.url + "/careers/amazon-engineer/")
    contents = page.locator("#toc-details")
    expect(contents).to_have_attribute("open", "")
    page.locator(".guide-groups").get_by_role("link", name="FAQ and more").click()
    page.locator("#faq").scroll_into_view_if_needed()
    page.mouse.wheel(0, 10)
    expect(contents.locator('a[aria-current="location"]')).to_have_count(1)
    current = contents.locator('a[aria-current="location"]').inner_text()
    assert current in {"Pros and cons", "FAQ", "Related careers", "Sources"}


def test_on_a_phone_the_contents_fold_and_the_summary_comes_first(browser, live_server, guides):
    context = browser.new_context(viewport={"width": 390, "height": 800})
    page = context.new_page()
    page.goto(live_server.url + "/careers/amazon-engineer/")
    contents = page.locator("#toc-details")
    expect(contents).not_to_have_attribute("open", "")
    glance = page.locator("#at-a-glance").bounding_box()
    assert glance["y"] < 800  # the 60-second summary is on the first screen
    page.get_by_text("On this page").click()
    expect(contents.get_by_role("link", name="Key facts")).to_be_visible()
    context.close()
