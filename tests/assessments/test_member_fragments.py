"""Members' pages are rendered once and then served from the cache until something they
show changes (assessments/fragments.py): a new result, a ticked step, a new goal, a guide
edit. Served again, they cost the same few queries however long the history; they stay
personal (`private, no-store`, never from the shared page cache)."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assessments import goals, services
from assessments.models import Result
from core.pagecache import content_changed
from guide.models import Step
from tests.assessments.helpers import rate_all, skills_post
from tests.assessments.test_dashboard import make_history
from tests.factory import make_assessable_career

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("assessments:dashboard")


def get(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return response, len(ctx.captured_queries)


def history_caption(response) -> str:
    return re.search(r"All \d+ results?", response.content.decode()).group(0)


@pytest.fixture
def career():
    career = make_assessable_career(title="Cloud Engineer")
    Step.objects.create(career=career, title="Build a project", body="Ship one.", order=0)
    return career


@pytest.fixture
def member(owner, owner_client, career):
    """The owner with a plan and two skills-gap analyses of one career."""
    services.plan_start(user=owner, career=career)
    for rating in (1, 2):
        skills_post(owner_client, career, ratings=rate_all(career, rating))
    return owner


def test_shown_again_the_pages_cost_the_same_few_queries_at_2_and_200_results(
    owner_client, member, career
):
    def served_twice(url):
        _response, first = get(owner_client, url)
        _response, again = get(owner_client, url)
        return first, again

    def pages():
        newest = Result.objects.filter(user=member).latest("created_at", "pk")
        return [
            DASHBOARD,
            newest.get_absolute_url(),
            reverse("assessments:plan", args=[career.slug]),
        ]

    small = [served_twice(url) for url in pages()]
    make_history(member, career, 198)
    large = [served_twice(url) for url in pages()]
    assert small == large
    (dashboard, result, plan) = large
    # Rendered: pinned in test_dashboard.py (20) and test_queries_and_concurrency.py (9);
    # the plan: session, user, the career, the plan, stamp, the plan's steps and items
    # (2), the guide's steps (1), the newest result of each kind (1).
    assert (dashboard[0], result[0], plan[0]) == (20, 9, 9)
    # From the cache, the dashboard: session, user, the member's stamp (3); a result:
    # session, the result, user, stamp (4); the plan: session, user, the career, the
    # plan, stamp (5). (The content version and the fragment come from the cache.)
    assert (dashboard[1], result[1], plan[1]) == (3, 4, 5)


def test_a_new_result_shows_at_once(owner_client, member, career):
    assert history_caption(get(owner_client, DASHBOARD)[0]) == "All 2 results"
    skills_post(owner_client, career, ratings=rate_all(career, 4))
    response, _queries = get(owner_client, DASHBOARD)
    assert history_caption(response) == "All 3 results"
    assert "100%" in response.content.decode()  # the newest score, every skill at 4 of 4


def test_a_ticked_step_shows_at_once_on_the_dashboard_and_the_plan(owner_client, member, career):
    plan_url = reverse("assessments:plan", args=[career.slug])
    step = member.plans.get().plan_steps.first()
    assert "0 of" in get(owner_client, DASHBOARD)[0].content.decode()
    before = get(owner_client, plan_url)[0].content.decode()
    services.plan_step_update(user=member, plan_step_id=step.pk, status="done", note="Shipped it.")
    assert "1 of" in get(owner_client, DASHBOARD)[0].content.decode()
    after = get(owner_client, plan_url)[0].content.decode()
    assert "Shipped it." not in before and "Shipped it." in after


def test_a_new_goal_and_a_guide_edit_show_at_once(owner_client, member, career):
    get(owner_client, DASHBOARD)
    goals.goal_update(
        user=member, changes={"target_career": career, "target_level": career.levels.all()[1]}
    )
    assert career.levels.all()[1].title in get(owner_client, DASHBOARD)[0].content.decode()
    _response, cached = get(owner_client, DASHBOARD)
    content_changed()  # what a publish, a rollback or a pay import does
    _response, rendered = get(owner_client, DASHBOARD)
    assert (cached, rendered) == (3, 20)


def test_each_member_sees_only_their_own(owner_client, member, outsider, career):
    get(owner_client, DASHBOARD)
    other = Client()
    other.force_login(outsider)
    response, _queries = get(other, DASHBOARD)
    assert "All 2 results" not in response.content.decode()
    assert not response.context["history"].paginator.count


def test_members_pages_stay_private_and_out_of_the_shared_page_cache(owner_client, member, career):
    newest = Result.objects.filter(user=member).latest("created_at", "pk")
    for url in (
        DASHBOARD,
        newest.get_absolute_url(),
        reverse("assessments:plan", args=[career.slug]),
    ):
        for _ in range(2):  # rendered, then from the fragment cache
            response = owner_client.get(url)
            assert "private" in response["Cache-Control"]
            assert "no-store" in response["Cache-Control"]
            assert "X-Page-Cache" not in response


def test_a_plan_page_from_the_cache_carries_tokens_its_forms_can_use(owner, member, career):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(owner)
    plan_url = reverse("assessments:plan", args=[career.slug])
    browser.get(plan_url)
    page = browser.get(plan_url).content.decode()  # from the cache
    step = member.plans.get().plan_steps.first()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    response = browser.post(
        reverse("assessments:plan-step-update", args=[step.pk]),
        {f"s{step.pk}-status": "doing", "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302
    step.refresh_from_db()
    assert step.status == "doing"
