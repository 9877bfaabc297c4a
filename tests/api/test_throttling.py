"""Rate limits: visitors per address, signed-in users per user, from the settings."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.api.conftest import assert_json_error, token_client
from tests.core.test_settings import run_check
from tests.factory import make_career

pytestmark = pytest.mark.django_db

LIST = reverse("api:career-list")


@pytest.fixture
def low_rates(settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {
            "anon": "3/minute",
            "user": "5/minute",
            "auth-token": "2/minute",
        },
    }


def test_visitors_are_limited_per_address_with_a_json_429(low_rates):
    make_career()
    visitor, other_visitor = Client(REMOTE_ADDR="203.0.113.1"), Client(REMOTE_ADDR="203.0.113.2")
    for _ in range(3):
        assert visitor.get(LIST).status_code == 200

    response = visitor.get(LIST)

    body = assert_json_error(response, 429, "throttled")
    assert "throttled" in body["detail"]
    assert 0 < int(response["Retry-After"]) <= 60
    assert other_visitor.get(LIST).status_code == 200


def test_a_forwarded_for_header_does_not_dodge_the_visitor_limit(low_rates):
    make_career()
    visitor = Client(REMOTE_ADDR="203.0.113.1")
    for i in range(3):
        visitor.get(LIST, headers={"X-Forwarded-For": f"198.51.100.{i}"})

    response = visitor.get(LIST, headers={"X-Forwarded-For": "198.51.100.99"})

    assert_json_error(response, 429, "throttled")


def test_signed_in_users_have_their_own_higher_limit(low_rates, owner, outsider):
    api = token_client(owner)
    for _ in range(5):
        assert api.get(reverse("api:me")).status_code == 200

    assert_json_error(api.get(LIST), 429, "throttled")
    assert token_client(outsider).get(reverse("api:me")).status_code == 200


def test_the_limit_covers_errors_too(low_rates):
    visitor = Client()
    for _ in range(3):
        visitor.get("/api/v1/careers/no-such-career/")

    assert_json_error(visitor.get("/api/v1/careers/no-such-career/"), 429, "throttled")


@pytest.mark.parametrize(
    "variable", ["API_THROTTLE_ANON", "API_THROTTLE_USER", "API_THROTTLE_AUTH_TOKEN"]
)
def test_a_malformed_rate_is_refused_at_start_up(variable):
    result = run_check(**{variable: "lots"})

    assert result.returncode != 0
    assert variable in result.stderr
