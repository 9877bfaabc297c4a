"""A visitor's result lives in their session and becomes theirs on sign-up or log-in."""

import pytest
from django.test import Client
from django.urls import reverse

from assessments import services
from assessments.models import Result
from tests.assessments.helpers import rate_all, readiness_post, skills_post
from tests.conftest import PASSWORD
from tests.factory import make_assessable_career, make_question

pytestmark = pytest.mark.django_db


@pytest.fixture
def career():
    career = make_assessable_career(title="Cloud Engineer")
    make_question()
    return career


def test_visitor_sees_their_result_and_is_invited_to_keep_it(client, career):
    response = skills_post(client, career, ratings=rate_all(career, 2))
    result = Result.objects.get()
    assert result.user is None
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "Keep this result" in page.content.decode()


def test_another_visitor_cannot_see_it(client, career):
    skills_post(client, career, ratings=rate_all(career, 2))
    result = Result.objects.get()
    assert Client().get(result.get_absolute_url()).status_code == 404


def test_signing_up_claims_the_visitors_results(client, career, django_user_model):
    skills_post(client, career, ratings=rate_all(career, 2))
    readiness_post(client, career)
    response = client.post(
        reverse("account_signup"),
        {"email": "new@example.com", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 302
    user = django_user_model.objects.get(email="new@example.com")
    assert Result.objects.filter(user=user).count() == 2
    dashboard = client.get(reverse("assessments:dashboard")).content.decode()
    assert "Cloud Engineer: skills-gap analysis" in dashboard


def test_logging_in_claims_the_visitors_results(client, career, owner):
    skills_post(client, career, ratings=rate_all(career, 2))
    response = client.post(reverse("account_login"), {"login": owner.email, "password": PASSWORD})
    assert response.status_code == 302
    result = Result.objects.get()
    assert result.user == owner
    assert client.get(result.get_absolute_url()).status_code == 200


def test_claiming_never_takes_someone_elses_result(career, owner, outsider):
    theirs = Client()
    theirs.force_login(outsider)
    skills_post(theirs, career, ratings=rate_all(career, 2))
    result = Result.objects.get()
    moved = services.results_claim(user=owner, result_ids=[result.pk, "junk", -3])
    assert moved == 0
    result.refresh_from_db()
    assert result.user == outsider


def test_a_claimed_result_is_no_longer_reachable_from_the_old_session(client, career, owner):
    skills_post(client, career, ratings=rate_all(career, 2))
    result = Result.objects.get()
    services.results_claim(user=owner, result_ids=[result.pk])
    assert client.get(result.get_absolute_url()).status_code == 404
