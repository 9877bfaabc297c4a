"""Property-based fuzzing of the whole API from its own OpenAPI schema (schemathesis).

Every operation in /api/v1/schema/ is called with data generated from the schema, both
valid and deliberately invalid (negative mode), anonymously and with a personal token.
Each response must not be a server error, must have a status code, content type, headers
and body that the schema documents, and invalid data must be refused with a 4xx.

The schema is loaded from the WSGI application itself, so it is exactly what clients see.
Examples per operation are kept small so the whole module runs well under a minute; run
with FUZZ_EXAMPLES=100 (about three minutes) for a longer hunt.
"""

import os
import uuid
import zlib

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from assessments import services as assessment_services
from careerguide.wsgi import application
from tests.api.conftest import skills_payload, token_for

MAX_EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "6"))

schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", application)
schema.config.generation.update(max_examples=MAX_EXAMPLES, database="none")
schema.config.phases.update(phases=["examples", "coverage", "fuzzing"])

# Werkzeug's test client sends no client address; a real server always does, and the
# token exchange needs one for its per-address limits.
FROM_LOOPBACK = {"REMOTE_ADDR": "127.0.0.1"}

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    negative_data_rejection,
]


@pytest.fixture
def wsgi_in_test_transaction():
    """Requests go through the real WSGI handler, which closes the database connection
    when a request finishes; inside a test transaction that would end the test's
    connection. Django's own test client unhooks the same signal handler."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def world(db, wsgi_in_test_transaction, settings, owner, career):
    """Real objects for valid requests to reach: a career with a plan and a result."""
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": None, "user": None, "auth-token": None},
    }
    plan, _ = assessment_services.plan_start(user=owner, career=career)
    payload = skills_payload(career)
    result, _ = assessment_services.result_create_skills(
        user=owner,
        career=career,
        level=career.levels.get(pk=payload["level"]),
        ratings={r["skill"]: r["rating"] for r in payload["ratings"]},
        submission_key=uuid.uuid4(),
    )
    return {
        "key": token_for(owner),
        "slug": career.slug,
        "result": result.pk,
        "plan_step": plan.plan_steps.first().pk,
    }


# The fixture is made once per operation, not per example; that is intended: every example
# runs inside the same test transaction against the same objects.
shared_fixture = hypothesis_settings(suppress_health_check=[HealthCheck.function_scoped_fixture])


# Without credentials only these answer more than a 401 (tested in test_results.py and others).
PUBLIC = ["careers_list", "careers_retrieve", "careers_readiness_questions", "auth_token_create"]


@schema.include(operation_id=PUBLIC).parametrize()
@shared_fixture
def test_anonymous_requests(case, world):
    case.call_and_validate(checks=CHECKS, environ_base=FROM_LOOPBACK)


@schema.parametrize()
@shared_fixture
def test_requests_with_a_token(case, world):
    if case.meta is not None and not case.meta.generation.mode.is_negative:
        # Valid requests aim at real objects half the time, so they get past the 404.
        params = case.path_parameters or {}
        if "slug" in params and zlib.crc32(repr(case.body).encode()) % 2 == 0:
            params["slug"] = world["slug"]
            if "id" in params:
                params["id"] = world["plan_step"] if "steps" in case.path else world["result"]
        elif "id" in params and case.path == "/api/v1/results/{id}/":
            params["id"] = world["result"]
    case.call_and_validate(
        headers={"Authorization": f"Token {world['key']}"},
        checks=CHECKS,
        environ_base=FROM_LOOPBACK,
    )
