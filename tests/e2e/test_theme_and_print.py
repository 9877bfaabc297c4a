"""Reading at night and on paper: the dark theme follows the browser and can be chosen, and a
printed guide keeps every FAQ answer and the address of every source, without buttons."""

import io
import re
import unicodedata

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.e2e.conftest import shot

pytestmark = pytest.mark.e2e


def background(page) -> str:
    return page.evaluate("getComputedStyle(document.body).backgroundColor")


def test_the_dark_theme_follows_the_browser(browser, live_server, guides):
    for scheme, expected in [("light", "rgb(255, 255, 255)"), ("dark", "rgb(18, 22, 29)")]:
        context = browser.new_context(color_scheme=scheme)
        page = context.new_page()
        page.goto(live_server.url + "/careers/amazon-engineer/")
        assert background(page) == expected, scheme
        shot(page, f"guide-{scheme}")
        context.close()


def test_a_chosen_theme_is_remembered_without_an_account(browser, live_server, guides):
    context = browser.new_context(color_scheme="light")
    page = context.new_page()
    page.goto(live_server.url + "/")
    toggle = page.get_by_role("button", name=re.compile("^Theme"))
    expect(toggle).to_have_text("Theme: system")
    toggle.click()  # light
    toggle.click()  # dark
    expect(toggle).to_have_text("Theme: dark")
    assert background(page) == "rgb(18, 22, 29)"

    page.goto(live_server.url + "/careers/")
    assert page.evaluate("document.documentElement.dataset.theme") == "dark"
    assert background(page) == "rgb(18, 22, 29)"
    page.get_by_role("button", name=re.compile("^Theme")).click()  # back to the system's choice
    page.reload()
    assert background(page) == "rgb(255, 255, 255)"
    context.close()


def test_a_printed_guide_keeps_every_faq_answer_and_source_address(page, live_server, guides):
    page.goto(live_server.url + "/careers/amazon-engineer/")
    answers = page.eval_on_selector_all(
        "details.faq .prose", "nodes => nodes.map(node => node.textContent)"
    )
    sources = page.eval_on_selector_all(
        "#sources a[href^='http']", "links => links.map(link => link.href)"
    )
    assert answers and sources

    pdf = PdfReader(io.BytesIO(page.pdf(format="A4")))
    text = " ".join(p.extract_text() for p in pdf.pages)
    printed = " ".join(unicodedata.normalize("NFKC", text).split())  # "ﬁ" ligatures → "fi"
    squashed = printed.replace(" ", "")
    for answer in answers:
        first_words = " ".join(answer.split()[:8])
        assert first_words in printed, first_words
    for address in sources:
        # Long addresses wrap across lines in the PDF: compare without spaces.
        assert address.replace(" ", "") in squashed, address
    for screen_only in ["Skills-gap analysis", "Theme: system", "Sign up", "On this page"]:
        assert screen_only not in printed, screen_only
