"""The whole assessment journey in a real browser, as issue 4's "done when" describes it."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.e2e.conftest import shot

pytestmark = pytest.mark.e2e

PASSWORD = "a-long-and-unusual-passphrase-7"


@pytest.fixture
def content(guides):
    call_command("load_assessments", stdout=StringIO())


def rate_every_skill(page, rating):
    for fieldset in page.locator("fieldset.rating").all():
        fieldset.locator(f"input[type=radio][value='{rating}']").check()


def test_visitor_to_member_journey(page, live_server, content):
    base = live_server.url

    # A visitor takes the skills-gap analysis from the guide page.
    page.goto(base + "/careers/amazon-engineer/")
    page.get_by_role("link", name="Skills-gap analysis").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Amazon Engineer")
    rate_every_skill(page, 1)
    page.get_by_role("button", name="See my result").click()
    expect(page).to_have_url(re.compile(r"/assessments/results/\d+/$"))
    expect(page.locator(".score-value")).to_be_visible()
    first_score = float(page.locator(".score-value").inner_text().rstrip("%"))
    expect(page.get_by_text("Keep this result")).to_be_visible()
    expect(page.locator(".why").first).to_contain_text("You rated")
    shot(page, "result-visitor")

    # They sign up; the result becomes theirs and shows on the dashboard.
    page.get_by_role("link", name="Sign up").first.click()
    page.locator("input[name=email]").fill("journey@example.com")
    page.locator("input[name=password1]").fill(PASSWORD)
    page.locator("input[name=password2]").fill(PASSWORD)
    page.locator("form").filter(has=page.locator("input[name=password2]")).locator(
        "button[type=submit]"
    ).click()
    page.goto(base + "/assessments/")
    expect(
        page.get_by_role("heading", name=re.compile("Amazon Engineer: skills-gap"))
    ).to_be_visible()

    # A second attempt with higher ratings raises the score on the trend and in "what changed".
    page.goto(base + "/assessments/amazon-engineer/skills/")
    rate_every_skill(page, 3)
    page.get_by_role("button", name="See my result").click()
    second_score = float(page.locator(".score-value").inner_text().rstrip("%"))
    assert second_score > first_score
    page.goto(base + "/assessments/")
    expect(page.locator(".track .delta.up")).to_be_visible()
    expect(page.locator("svg.line-chart circle")).to_have_count(2)
    expect(page.get_by_text("What changed since the attempt before")).to_be_visible()
    expect(page.locator("tr.change-up").first).to_be_visible()
    shot(page, "dashboard")

    # The readiness assessment.
    page.goto(base + "/assessments/amazon-engineer/readiness/")
    for fieldset in page.locator("fieldset.question").all():
        fieldset.locator("input[type=radio]").nth(1).check()
    page.get_by_role("button", name="See my readiness").click()
    expect(page.get_by_role("heading", name="Readiness by area")).to_be_visible()
    expect(page.locator(".rec").first).to_be_visible()
    shot(page, "readiness")

    # The plan: ticking a step saves it in place (the page's script) and moves progress.
    page.goto(base + "/assessments/plan/amazon-engineer/")
    page.get_by_role("button", name="Start this plan").click()  # opening it created nothing
    expect(page.locator(".score-value")).to_have_text("0%")
    second_step = page.locator("li[id^=step-]").nth(1)
    second_step.get_by_label("Done").check()
    second_step.get_by_role("button", name="Save").click()
    expect(second_step.locator(".save-status")).to_contain_text("Saved")
    expect(page.locator(".score-value")).not_to_have_text("0%")
    expect(page.locator("li[id^=step-]").nth(1)).to_have_class(re.compile("status-done"))
    shot(page, "plan")
