"""Onboarding: a confirmed member lands on their dashboard, is told how many visitor
results moved into their history, and a visitor asking for a plan is offered sign-up
first with the reason."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from assessments.models import Plan, Result
from tests.assessments.helpers import rate_all, skills_post
from tests.factory import make_assessable_career

from .conftest import only_link, sign_up

pytestmark = pytest.mark.django_db


@pytest.fixture
def career():
    return make_assessable_career(title="Amazon Engineer")


def test_confirming_the_email_lands_on_the_dashboard_with_the_moved_results(
    client, mandatory_verification, career, django_user_model, mailoutbox
):
    skills_post(client, career, ratings=rate_all(career, 1))
    skills_post(client, career, ratings=rate_all(career, 2))
    sign_up(client, "new@example.com")
    response = client.post(only_link(mailoutbox[-1]))
    assert response.status_code == 302
    assert response["Location"] == reverse("assessments:dashboard")
    user = django_user_model.objects.get()
    assert Result.objects.filter(user=user).count() == 2
    page = client.get(response["Location"])
    assert "2 results you took before signing in were moved into your history." in (
        page.content.decode()
    )


def test_confirming_in_another_browser_asks_to_log_in_then_shows_the_dashboard(
    client, mandatory_verification, mailoutbox
):
    from django.test import Client

    sign_up(client, "other@example.com")
    response = Client().post(only_link(mailoutbox[-1]))
    assert response.status_code == 302
    assert response["Location"] == (
        reverse("account_login") + "?next=" + reverse("assessments:dashboard")
    )


def test_signing_up_without_confirmation_lands_on_the_dashboard(client, career):
    skills_post(client, career, ratings=rate_all(career, 1))
    response = sign_up(client, "quick@example.com")
    assert response["Location"] == reverse("assessments:dashboard")
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert "1 result you took before signing in was moved into your history." in messages


def test_no_message_when_nothing_moved(client, owner):
    from tests.conftest import PASSWORD

    response = client.post(reverse("account_login"), {"login": owner.email, "password": PASSWORD})
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert not any("moved into your history" in m for m in messages)


def test_a_visitor_asking_for_a_plan_is_offered_sign_up_with_the_reason(client, career):
    url = reverse("assessments:plan", args=[career.slug])
    response = client.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    assert "A plan for Amazon Engineer needs an account" in body
    assert "remembers which steps you have done" in body
    signup = body.index(f"{reverse('account_signup')}?next=/assessments/plan/amazon-engineer/")
    login = body.index(f"{reverse('account_login')}?next=")
    assert signup < login  # sign-up is offered first
    assert not Plan.objects.exists()


def test_a_visitor_posting_to_a_plan_changes_nothing(client, career):
    response = client.post(reverse("assessments:plan", args=[career.slug]), {"start": "1"})
    assert response.status_code == 200
    assert not Plan.objects.exists()


def test_plans_index_for_a_visitor_still_goes_to_log_in(client):
    response = client.get(reverse("assessments:plans"))
    assert response.status_code == 302
