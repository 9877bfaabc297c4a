"""Saving results is limited per user or per visitor's address, on the forms and the API
alike; a repeated form never counts; one account keeps at most so many results a day."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from assessments.models import Result
from tests.api.conftest import assert_json_error, post_json, skills_payload, token_client
from tests.assessments.helpers import rate_all, readiness_post, skills_post, submission_key
from tests.core.test_settings import run_check
from tests.factory import make_assessable_career, make_question

pytestmark = pytest.mark.django_db

API_SKILLS = reverse("api:result-create-skills")


@pytest.fixture
def career():
    career = make_assessable_career(title="Cloud Engineer")
    make_question()
    return career


@pytest.fixture
def low_rate(settings):
    settings.ASSESSMENT_SUBMIT_RATE = "3/minute"
    settings.ASSESSMENT_DAILY_RESULTS_MAX = 100


def signed_in(user, ip="203.0.113.1"):
    client = Client(REMOTE_ADDR=ip)
    client.force_login(user)
    return client


def test_a_visitor_over_the_rate_gets_a_429_with_the_form_and_answers_kept(low_rate, career):
    visitor = Client(REMOTE_ADDR="203.0.113.1")
    for _ in range(3):
        assert skills_post(visitor, career, ratings=rate_all(career, 2)).status_code == 302

    response = skills_post(visitor, career, ratings=rate_all(career, 3))

    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 120  # under two windows of the rate
    body = response.content.decode()
    assert "Not saved yet" in body and "your answers are kept below" in body
    skill = career.career_skills.all()[0].skill_id
    checked = re.findall(rf'<input[^>]*name="skill_{skill}" value="(\d)"[^>]*checked', body)
    assert checked == ["3"]
    assert Result.objects.count() == 3
    assert readiness_post(visitor, career).status_code == 429
    other_address = Client(REMOTE_ADDR="203.0.113.2")
    assert skills_post(other_address, career, ratings=rate_all(career, 2)).status_code == 302


def test_a_new_session_does_not_reset_a_visitors_count(low_rate, career):
    for _ in range(3):
        skills_post(Client(REMOTE_ADDR="203.0.113.1"), career, ratings=rate_all(career, 2))

    fresh = Client(REMOTE_ADDR="203.0.113.1")

    assert skills_post(fresh, career, ratings=rate_all(career, 2)).status_code == 429


def test_a_signed_in_user_is_counted_across_addresses_and_across_html_and_api(
    low_rate, career, owner, outsider
):
    skills_post(signed_in(owner, "203.0.113.1"), career, ratings=rate_all(career, 2))
    skills_post(signed_in(owner, "203.0.113.2"), career, ratings=rate_all(career, 2))
    api = token_client(owner)
    assert post_json(api, API_SKILLS, skills_payload(career)).status_code == 201

    over = skills_post(signed_in(owner, "203.0.113.3"), career, ratings=rate_all(career, 2))
    api_over = post_json(api, API_SKILLS, skills_payload(career))

    assert over.status_code == 429
    body = assert_json_error(api_over, 429, "throttled")
    assert "the most we take" in body["detail"]
    assert 0 < int(api_over["Retry-After"]) <= 120
    assert Result.objects.filter(user=owner).count() == 3
    assert skills_post(signed_in(outsider), career, ratings=rate_all(career, 2)).status_code == 302


def test_repeating_a_form_returns_its_result_and_counts_nothing(low_rate, career, owner):
    client = signed_in(owner)
    url = reverse("assessments:skills", args=[career.slug])
    key = submission_key(client.get(url))
    first = skills_post(client, career, ratings=rate_all(career, 2), key=key)
    for _ in range(5):
        again = skills_post(client, career, ratings=rate_all(career, 2), key=key)
        assert again.status_code == 302 and again["Location"] == first["Location"]
    payload = skills_payload(career, submission_key="0b5e1f0e-8c1a-4a57-9d7e-2f1c3d4b5a69")
    api = token_client(owner)
    assert post_json(api, API_SKILLS, payload).status_code == 201
    for _ in range(5):
        assert post_json(api, API_SKILLS, payload).status_code == 200

    assert skills_post(client, career, ratings=rate_all(career, 2)).status_code == 302
    assert skills_post(client, career, ratings=rate_all(career, 2)).status_code == 429
    assert Result.objects.count() == 3


def test_one_account_keeps_at_most_the_daily_number_of_results(settings, career, owner):
    settings.ASSESSMENT_DAILY_RESULTS_MAX = 3
    client = signed_in(owner)
    for _ in range(3):
        assert skills_post(client, career, ratings=rate_all(career, 2)).status_code == 302
    Result.objects.filter(pk=Result.objects.order_by("pk").first().pk).update(
        created_at=timezone.now() - timedelta(hours=23)
    )

    refused = skills_post(client, career, ratings=rate_all(career, 2))
    api_refused = post_json(token_client(owner), API_SKILLS, skills_payload(career))

    assert refused.status_code == 429
    assert "3 results in the last 24 hours" in refused.content.decode()
    assert 3000 < int(refused["Retry-After"]) <= 3600
    body = assert_json_error(api_refused, 429, "throttled")
    assert "Your earlier results are all kept" in body["detail"]
    assert Result.objects.filter(user=owner).count() == 3

    Result.objects.filter(user=owner).update(created_at=timezone.now() - timedelta(hours=25))
    assert skills_post(client, career, ratings=rate_all(career, 2)).status_code == 302


def test_behind_a_trusted_proxy_visitors_are_counted_by_their_own_address(
    low_rate, settings, career
):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    balancer = "10.0.0.5"
    first = Client(REMOTE_ADDR=balancer, headers={"X-Forwarded-For": "198.51.100.1"})
    second = Client(REMOTE_ADDR=balancer, headers={"X-Forwarded-For": "198.51.100.2"})
    for _ in range(3):
        skills_post(first, career, ratings=rate_all(career, 2))

    assert skills_post(first, career, ratings=rate_all(career, 2)).status_code == 429
    assert skills_post(second, career, ratings=rate_all(career, 2)).status_code == 302


def test_without_trusted_proxies_a_forged_forwarded_for_does_not_dodge_the_rate(low_rate, career):
    for i in range(3):
        client = Client(REMOTE_ADDR="203.0.113.1", headers={"X-Forwarded-For": f"192.0.2.{i}"})
        skills_post(client, career, ratings=rate_all(career, 2))

    forged = Client(REMOTE_ADDR="203.0.113.1", headers={"X-Forwarded-For": "192.0.2.99"})

    assert skills_post(forged, career, ratings=rate_all(career, 2)).status_code == 429


@pytest.mark.parametrize(
    ("env", "variable"),
    [
        ({"ASSESSMENT_SUBMIT_RATE": "ten a minute"}, "ASSESSMENT_SUBMIT_RATE"),
        ({"ASSESSMENT_SUBMIT_RATE": "0/minute"}, "ASSESSMENT_SUBMIT_RATE"),
        ({"ASSESSMENT_DAILY_RESULTS_MAX": "0"}, "ASSESSMENT_DAILY_RESULTS_MAX"),
        ({"VISITOR_RESULT_RETENTION_DAYS": "soon"}, "VISITOR_RESULT_RETENTION_DAYS"),
    ],
)
def test_bad_limit_settings_stop_the_start(env, variable):
    result = run_check(**env)

    assert result.returncode != 0
    assert variable in result.stderr
