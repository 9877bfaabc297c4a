"""Issue 11 in a real browser: matches for the other careers are listed, the plan holds
items from the gaps, a step saves without a reload, the dashboard's first screen shows
the goal's score and next actions, and the charts and plan stay usable at 390 px."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.e2e.conftest import shot

pytestmark = pytest.mark.e2e

PASSWORD = "a-long-and-unusual-passphrase-8"


@pytest.fixture
def content(guides):
    call_command("load_assessments", stdout=StringIO())


def sign_up(page, base, email):
    page.goto(base + "/accounts/signup/")
    page.locator("input[name=email]").fill(email)
    page.locator("input[name=password1]").fill(PASSWORD)
    page.locator("input[name=password2]").fill(PASSWORD)
    page.locator("form").filter(has=page.locator("input[name=password2]")).locator(
        "button[type=submit]"
    ).click()


def test_matches_plan_from_gaps_saving_in_place_and_the_first_screen(
    page, browser, live_server, content
):
    from accounts.models import User
    from assessments import goals
    from assessments.models import PlanItem
    from guide.models import Career

    base = live_server.url
    sign_up(page, base, "plan@example.com")
    user = User.objects.get(email="plan@example.com")
    goals.goal_update(
        user=user, changes={"target_career": Career.objects.get(slug="amazon-engineer")}
    )

    # A skills-gap analysis; the result lists the other careers the ratings fit.
    page.goto(base + "/assessments/amazon-engineer/skills/")
    for fieldset in page.locator("fieldset.rating").all():
        fieldset.locator("input[type=radio][value='1']").check()
    page.get_by_role("button", name="See my result").click()
    expect(page).to_have_url(re.compile(r"/assessments/results/\d+/$"))
    matches = page.locator("#matches")
    expect(matches.get_by_role("heading", name="Careers your skills fit")).to_be_visible()
    expect(matches.locator("tbody tr")).to_have_count(Career.objects.published().count())
    expect(matches.get_by_role("link", name="Cloud Engineer", exact=True)).to_be_visible()
    expect(matches.get_by_role("link", name=re.compile("^Compare Cloud Engineer"))).to_be_visible()
    shot(page, "result-matches")

    # The plan holds items made from the gaps, before the guide's steps.
    page.goto(base + "/assessments/plan/amazon-engineer/")
    page.get_by_role("button", name="Start this plan").click()
    items = page.locator("li.plan-item")
    expect(items.first).to_contain_text("Raise")
    expect(items.first.locator(".why")).to_contain_text("You rated")

    # Saving an item happens in place: no navigation, the status and progress update.
    page.evaluate("window.__sameDocument = true")
    first = items.first
    first.get_by_label("Doing").check()
    first.get_by_label("Private note").fill("Started on it.")
    expect(first.locator(".save-status")).to_have_text("Unsaved changes")
    first.get_by_role("button", name="Save").click()
    expect(first.locator(".save-status")).to_contain_text("Saved")
    expect(first.locator("[data-status-label]")).to_have_text("Doing")
    assert page.evaluate("window.__sameDocument") is True
    item = PlanItem.objects.get(pk=int(first.get_attribute("id").split("-")[1]))
    assert (item.status, item.note) == ("doing", "Started on it.")
    shot(page, "plan-items")

    # An unsaved change is not lost silently: leaving asks first.
    step = page.locator("li[id^=step-]").first
    step.get_by_label("Done").check()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.dismiss()))
    page.close(run_before_unload=True)
    page.wait_for_timeout(500)
    assert dialogs == ["beforeunload"]

    # The dashboard's first screen: the goal's score, plan progress and next actions.
    context = browser.new_context(viewport={"width": 390, "height": 844})
    phone = context.new_page()
    phone.set_default_timeout(15_000)
    phone.goto(base + "/accounts/login/")
    phone.locator("input[name=login]").fill("plan@example.com")
    phone.locator("input[name=password]").fill(PASSWORD)
    phone.locator("form").filter(has=phone.locator("input[name=password]")).locator(
        "button[type=submit]"
    ).click()
    phone.goto(base + "/assessments/")
    focus = phone.locator("section.focus")
    expect(focus.get_by_role("heading", level=2)).to_contain_text("Amazon Engineer")
    expect(focus.locator(".score-value")).to_have_text(re.compile(r"^\d+%$"))
    expect(focus.locator(".next-actions li")).to_have_count(3)
    expect(focus.locator(".next-actions li").first).to_contain_text("Raise")
    box = focus.bounding_box()
    assert box["y"] < 844, "the answer is on the first screen"
    # Chart labels stay legible on a phone: dates on the x axis, at least 11 px tall.
    expect(phone.locator("svg.line-chart .axis-x").first).to_be_visible()
    sizes = phone.eval_on_selector_all(
        "svg.line-chart text", "els => els.map(e => e.getBoundingClientRect().height)"
    )
    assert sizes and min(sizes) >= 11, sizes
    shot(phone, "dashboard-phone")

    # Touch targets on the plan are at least 44 px tall on a phone.
    phone.goto(base + "/assessments/plan/amazon-engineer/")
    heights = phone.eval_on_selector_all(
        ".status-choice label, .plan-step .button",
        "els => els.map(e => e.getBoundingClientRect().height)",
    )
    assert heights and min(heights) >= 44, heights
    context.close()
