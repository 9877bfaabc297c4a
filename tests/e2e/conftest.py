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


def staff_member(django_user_model, email, group_name, *, publish):
    """A staff user in a group made here (a live-server test empties the database between
    tests, migration-made groups too) with the guide app's permissions, publishing or not."""
    from django.contrib.auth.models import Group, Permission

    from tests.conftest import PASSWORD

    perms = Permission.objects.filter(content_type__app_label="guide")
    if not publish:
        perms = perms.exclude(codename="publish_career")
    group, _ = Group.objects.get_or_create(name=group_name)
    group.permissions.set(perms)
    user = django_user_model.objects.create_user(email=email, password=PASSWORD, is_staff=True)
    user.groups.add(group)
    return user


def log_in(page, live_server, user):
    """Sign `user` in through the site's login form in this page's browser context."""
    from tests.conftest import PASSWORD

    page.goto(live_server.url + "/accounts/login/")
    page.locator("input[name=login]").fill(user.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()
    return page
