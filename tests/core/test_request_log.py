"""Every request gets an id (the balancer's, when it sends a sane one), returned in
X-Request-ID and written with the request on one structured log line."""

import json
import logging

import pytest

from core.requestlog import JsonFormatter

pytestmark = pytest.mark.django_db


def request_lines(caplog):
    return [r for r in caplog.records if r.name == "careerguide.requests"]


def test_each_response_carries_a_new_request_id_and_one_log_line(client, caplog):
    caplog.set_level(logging.INFO, logger="careerguide.requests")
    first = client.get("/healthz")
    second = client.get("/no-such-page/")
    assert first["X-Request-ID"] != second["X-Request-ID"]
    lines = request_lines(caplog)
    assert [(r.method, r.path, r.status) for r in lines] == [
        ("GET", "/healthz", 200),
        ("GET", "/no-such-page/", 404),
    ]
    assert lines[0].request_id == first["X-Request-ID"]
    assert lines[0].duration_ms >= 0 and lines[0].user_id is None


def test_the_balancers_id_is_passed_through_but_junk_is_replaced(client, caplog):
    caplog.set_level(logging.INFO, logger="careerguide.requests")
    given = client.get("/healthz", headers={"X-Request-ID": "lb-7f3a9c21-0042"})
    assert given["X-Request-ID"] == "lb-7f3a9c21-0042"
    junk = client.get("/healthz", headers={"X-Request-ID": "x\nINFO forged line"})
    assert junk["X-Request-ID"] != "x\nINFO forged line"
    assert "\n" not in junk["X-Request-ID"] and len(junk["X-Request-ID"]) == 32


def test_a_members_request_is_logged_with_their_id_not_their_email(owner_client, owner, caplog):
    caplog.set_level(logging.INFO, logger="careerguide.requests")
    owner_client.get("/assessments/")
    line = request_lines(caplog)[-1]
    assert line.user_id == owner.pk
    assert owner.email not in JsonFormatter().format(line)


def test_log_lines_are_json_with_the_request_fields(client, caplog):
    caplog.set_level(logging.INFO, logger="careerguide.requests")
    response = client.get("/healthz")
    entry = json.loads(JsonFormatter().format(request_lines(caplog)[-1]))
    assert entry["request_id"] == response["X-Request-ID"]
    assert entry["status"] == 200 and entry["path"] == "/healthz" and entry["level"] == "INFO"
    assert set(entry) >= {"time", "logger", "message", "method", "duration_ms", "user_id"}
