"""A visitor finds the Amazon Engineer guide from the home page and reads it."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import shot

pytestmark = pytest.mark.e2e


def test_visitor_reads_the_amazon_engineer_guide(page, live_server, guides):
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Amazon Engineer").first.click()
    expect(page).to_have_url(re.compile(r"/careers/amazon-engineer/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Amazon Engineer")

    facts = page.locator("#key-facts")
    expect(facts).to_contain_text("$135,980")  # BLS median for software developers, May 2025
    expect(facts).to_contain_text("15%")  # BLS projection 2024–34
    expect(facts).to_contain_text("2024–34")

    table = page.get_by_role("table", name=re.compile("Pay by experience level"))
    expect(table.locator("tbody tr")).to_have_count(4)  # the "Lead" stage has no price
    expect(table).to_contain_text("$250,000 – $400,000")
    expect(table).to_contain_text("Total compensation")

    levels = page.locator("#career-path .timeline-item")
    expect(levels).to_have_count(5)
    for title in ["Junior", "Senior", "Lead", "Principal"]:
        expect(page.locator("#career-path")).to_contain_text(f"{title} Amazon Engineer")
    shot(page, "guide-amazon-engineer")


def test_table_of_contents_links_jump_to_their_sections(page, live_server, guides):
    page.goto(live_server.url + "/careers/amazon-engineer/")
    page.locator(".toc").get_by_role("link", name="FAQ").click()
    expect(page).to_have_url(re.compile(r"#faq$"))
    expect(page.locator("#faq")).to_be_in_viewport()


def test_search_and_compare_from_the_browser(page, live_server, guides):
    page.goto(live_server.url + "/careers/")
    page.get_by_label("Search careers").fill("kubernetes")
    page.get_by_role("button", name="Search").click()
    expect(page.locator(".card-title")).not_to_have_count(0)
    expect(page.locator(".card-title", has_text="Platform Engineer")).to_be_visible()

    page.goto(live_server.url + "/careers/compare/")
    page.get_by_label("First career").select_option("amazon-engineer")
    page.get_by_label("Second career").select_option("cloud-engineer")
    page.get_by_role("button", name="Compare").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Amazon Engineer")
    expect(page.get_by_role("heading", name=re.compile("Shared skills"))).to_be_visible()
    shot(page, "compare")


def test_unknown_guide_shows_the_404_page(page, live_server, guides):
    response = page.goto(live_server.url + "/careers/not-a-career/")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("We couldn’t find that page")
