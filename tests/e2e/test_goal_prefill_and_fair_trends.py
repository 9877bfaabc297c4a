"""Issue 11 in a real browser: the goal picks the form's level, a retake starts from the
last answers, a change of level is marked without a false drop, and results show a band."""

import re
from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.core.management import call_command
from playwright.sync_api import expect

from assessments import scoring
from guide.models import CareerLevel
from tests.e2e.conftest import shot

pytestmark = pytest.mark.e2e

PASSWORD = "a-long-and-unusual-passphrase-11"
BANDS = re.compile("|".join(band.label for band in scoring.BANDS))


@pytest.fixture
def member(guides, django_user_model):
    call_command("load_assessments", stdout=StringIO())
    user = django_user_model.objects.create_user(email="goal@example.com", password=PASSWORD)
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
    return user


def rate_every_skill(page, rating):
    for fieldset in page.locator("fieldset.rating").all():
        fieldset.locator(f"input[type=radio][value='{rating}']").check()


def test_goal_prefill_and_level_change(page, live_server, member):
    base = live_server.url
    senior = CareerLevel.objects.get(career__slug="amazon-engineer", title="Senior Amazon Engineer")
    principal = CareerLevel.objects.get(
        career__slug="amazon-engineer", title="Principal Amazon Engineer"
    )
    amazon_levels = CareerLevel.objects.filter(career__slug="amazon-engineer").count()

    page.goto(base + "/accounts/login/")
    page.locator("input[name=login]").fill(member.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()

    # Set the goal: the career first; the level select then lists only its levels.
    page.goto(base + "/accounts/profile/")
    page.get_by_label("Target career").select_option(label="Amazon Engineer")
    page.get_by_role("button", name="Save profile").click()
    levels = page.locator("select[name=target_level] option:not([value=''])")
    expect(levels).to_have_count(amazon_levels)
    page.locator("select[name=target_level]").select_option(value=str(senior.pk))
    page.get_by_role("button", name="Save profile").click()

    # The skills form starts on Senior and lists only the Amazon Engineer levels.
    page.goto(base + "/assessments/amazon-engineer/skills/")
    level = page.locator("select[name=level]")
    expect(level).to_have_value(str(senior.pk))
    expect(level.locator("option")).to_have_count(amazon_levels)
    for text in level.locator("option").all_inner_texts():
        assert "Amazon Engineer" in text
    rate_every_skill(page, 2)
    page.get_by_role("button", name="See my result").click()
    expect(page).to_have_url(re.compile(r"/assessments/results/\d+/$"))
    expect(page.locator(".score .band")).to_have_text(BANDS)
    expect(page.get_by_text("What the bands mean")).to_be_visible()
    expect(page.locator(".severity-legend")).to_be_visible()
    shot(page, "result-with-band")

    # The retake starts from the last answers, visibly; change only the level, higher.
    page.goto(base + "/assessments/amazon-engineer/skills/")
    expect(page.get_by_text("Pre-filled with your last answers")).to_be_visible()
    for fieldset in page.locator("fieldset.rating").all():
        expect(fieldset.locator("input[type=radio][value='2']")).to_be_checked()
    expect(page.locator(".prefilled-tag").first).to_contain_text("from your last attempt")
    shot(page, "retake-prefilled")
    page.locator("select[name=level]").select_option(value=str(principal.pk))
    page.get_by_role("button", name="See my result").click()
    expect(page).to_have_url(re.compile(r"/assessments/results/\d+/$"))
    expect(page.locator(".score .band")).to_have_text(BANDS)

    # The dashboard names the level change, marks it on the chart, shows no drop.
    page.goto(base + "/assessments/")
    expect(page.locator(".level-change").first).to_contain_text(
        "Target level changed from Senior Amazon Engineer to Principal Amazon Engineer"
    )
    expect(page.locator(".delta.down")).to_have_count(0)
    expect(page.locator("svg.line-chart circle.dot-marked")).to_have_count(1)
    expect(page.locator("svg.line-chart .level-mark-label")).to_have_text(
        "Principal Amazon Engineer"
    )
    shot(page, "dashboard-level-change")

    # The home page greets the member with the goal and the latest score's band.
    page.goto(base + "/")
    expect(page.locator(".member-home h2")).to_contain_text("Senior Amazon Engineer")
    expect(page.locator(".member-home .band")).to_have_text(BANDS)
