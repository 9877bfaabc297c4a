"""End-to-end tests: Playwright drives Debian's Chromium against Django's live server."""

import os
import shutil
from io import StringIO

import pytest
from django.core.management import call_command

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = os.environ.get("E2E_SCREENSHOTS", "")

# Playwright's sync API runs an event loop in this thread; Django's ORM calls made by
# the test itself (creating users, loading guides) are still plain synchronous code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        message = f"Chromium not found at {CHROMIUM}; .ci/run installs Debian's chromium"
        if os.environ.get("E2E_REQUIRE_BROWSER") == "1":  # .ci/run: a failure, never a skip
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def guides(transactional_db):
    call_command("load_guides", "--publish", stdout=StringIO())


def shot(page, name):
    """Save a screenshot when E2E_SCREENSHOTS names a folder (for people, not assertions)."""
    if SCREENSHOTS:
        page.screenshot(path=os.path.join(SCREENSHOTS, f"{name}.png"), full_page=True)
