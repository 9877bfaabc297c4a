"""axe-core finds no violation on the pages people use, at a phone's and a laptop's width, in
the light and the dark theme; and no page scrolls sideways at 320, 390 or 768 px."""

import uuid
from io import StringIO

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

from assessments import services
from assessments.models import Question
from guide.models import Career

pytestmark = pytest.mark.e2e

PUBLIC = [
    "/",
    "/careers/",
    "/careers/?q=cloud",
    "/careers/amazon-engineer/",
    "/careers/systems-engineer/",
    "/careers/compare/",
    "/careers/compare/?a=amazon-engineer&b=cloud-engineer",
    "/accounts/login/",
    "/accounts/signup/",
    "/no-such-page/",
]
MEMBER = [
    "/assessments/",
    "/assessments/amazon-engineer/skills/",
    "/assessments/amazon-engineer/readiness/",
    "/assessments/plan/amazon-engineer/",
    "/accounts/profile/",
    "/accounts/2fa/",
]


@pytest.fixture
def member_cookie(guides, live_server):
    """A member with a skills result, a readiness result and a started plan; their session."""
    call_command("load_assessments", stdout=StringIO())
    user = get_user_model().objects.create_user(
        email="reader@example.com", password="x-Long-pass-42"
    )
    career = Career.objects.get(slug="amazon-engineer")
    levels = list(career.levels.all())
    skills = services.skill_inputs(career)
    skills_result, _ = services.result_create_skills(
        user=user,
        career=career,
        level=levels[1],
        ratings={s.skill_id: i % 5 for i, s in enumerate(skills)},
        submission_key=uuid.uuid4(),
    )
    questions = list(Question.objects.for_career(career).prefetch_related("options"))
    readiness_result, _ = services.result_create_readiness(
        user=user,
        career=career,
        questions=questions,
        answers={q.pk: list(q.options.all())[1].pk for q in questions},
        submission_key=uuid.uuid4(),
    )
    services.plan_start(user=user, career=career)
    client = Client()
    client.force_login(user)
    return {
        "cookie": {
            "name": settings.SESSION_COOKIE_NAME,
            "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
            "url": live_server.url,
        },
        "results": [
            f"/assessments/results/{skills_result.pk}/",
            f"/assessments/results/{readiness_result.pk}/",
        ],
    }


def violations(page) -> list[str]:
    found = Axe().run(page).response["violations"]
    return [f"{v['id']} ×{len(v['nodes'])} at {v['nodes'][0]['target']}" for v in found]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [390, 1280])
def test_axe_finds_nothing_on_any_page(browser, live_server, member_cookie, scheme, width):
    problems = {}
    for signed_in in (False, True):
        context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
        pages = PUBLIC
        if signed_in:
            context.add_cookies([member_cookie["cookie"]])
            pages = MEMBER + member_cookie["results"]
        page = context.new_page()
        for path in pages:
            page.goto(live_server.url + path)
            found = violations(page)
            if found:
                problems[path] = found
        context.close()
    assert problems == {}


@pytest.mark.parametrize("width", [320, 390, 768])
def test_no_page_scrolls_sideways(browser, live_server, member_cookie, width):
    wide = {}
    for signed_in in (False, True):
        context = browser.new_context(viewport={"width": width, "height": 900})
        pages = PUBLIC
        if signed_in:
            context.add_cookies([member_cookie["cookie"]])
            pages = MEMBER + member_cookie["results"]
        page = context.new_page()
        for path in pages:
            page.goto(live_server.url + path)
            scroll_width = page.evaluate("document.documentElement.scrollWidth")
            if scroll_width > width:
                wide[path] = scroll_width
        context.close()
    assert wide == {}
