"""Bad input of every kind is a JSON error with a clear message, never a 500.

Covers the issue's list: malformed JSON, wrong types, unknown skills, out-of-range
ratings, huge payloads, NUL bytes; and the HTTP-level mistakes: wrong content type,
wrong method, an address that does not exist.
"""

import json

import pytest
from django.test import Client
from django.urls import reverse

from assessments.models import Result
from guide.models import Career
from tests.api.conftest import (
    assert_json_error,
    patch_json,
    post_json,
    readiness_payload,
    skills_payload,
    token_client,
)
from tests.factory import make_assessable_career, make_career

pytestmark = pytest.mark.django_db

SKILLS = reverse("api:result-create-skills")
READINESS = reverse("api:result-create-readiness")


def post_raw(client, body: bytes | str, content_type="application/json", url=SKILLS):
    return client.post(url, body, content_type=content_type)


@pytest.fixture
def api(owner):
    return token_client(owner)


@pytest.mark.parametrize(
    "body",
    [
        b'{"career": ',
        b"{'career': 'single quotes'}",
        b'{"career": "a\x00b"}',  # a raw NUL byte inside a string
        b"\x00\x00\x00",
        b'{"career": "\xff\xfe"}',  # not UTF-8
        b'{"level": NaN}',
        b'{"level": Infinity}',
        b"[" * 100_000 + b"]" * 100_000,  # deeper than Python's JSON decoder goes
    ],
    ids=["truncated", "single-quotes", "raw-nul", "only-nuls", "not-utf8", "nan", "inf", "deep"],
)
def test_malformed_json_is_a_400(api, career, body):
    assert_json_error(post_raw(api, body), 400, "parse_error")
    assert not Result.objects.exists()


@pytest.mark.parametrize("body", ["[]", '"skills"', "42", "null", "true"])
def test_json_that_is_not_an_object_is_a_400(api, career, body):
    body = assert_json_error(post_raw(api, body), 400, "invalid")

    assert "non_field_errors" in body["errors"]


def test_an_empty_body_lists_every_missing_field(api, career):
    body = assert_json_error(post_raw(api, ""), 400, "invalid")

    assert set(body["errors"]) == {"career", "level", "ratings"}


def _with(the_career, /, **changes):
    payload = skills_payload(the_career)
    for path, value in changes.items():
        if path.startswith("rating_"):
            payload["ratings"][0][path.removeprefix("rating_")] = value
        else:
            payload[path] = value
    return payload


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"career": 123}, "career"),
        ({"career": ["cloud-engineer"]}, "career"),
        ({"level": "2"}, "level"),
        ({"level": 2.5}, "level"),
        ({"level": True}, "level"),
        ({"level": None}, "level"),
        ({"ratings": {"1": 3}}, "ratings"),
        ({"ratings": "all threes"}, "ratings"),
        ({"ratings": [1, 2, 3]}, "ratings"),
        ({"rating_rating": "3"}, "ratings"),
        ({"rating_rating": 3.0}, "ratings"),
        ({"rating_rating": None}, "ratings"),
        ({"rating_skill": "7"}, "ratings"),
        ({"rating_skill": {"id": 7}}, "ratings"),
        ({"submission_key": 12345}, "submission_key"),
        ({"submission_key": "not-a-uuid"}, "submission_key"),
    ],
)
def test_wrong_types_are_a_400_naming_the_field(api, career, changes, field):
    body = assert_json_error(post_json(api, SKILLS, _with(career, **changes)), 400, "invalid")

    assert list(body["errors"]) == [field]
    assert not Result.objects.exists()


@pytest.mark.parametrize(
    ("rating", "limit"),
    [
        (-1, "greater than or equal to 0"),
        (5, "less than or equal to 4"),
        (10**30, "less than or equal to 4"),
        (-(10**30), "greater than or equal to 0"),
    ],
)
def test_out_of_range_ratings_are_a_400_pointing_at_the_rating(api, career, rating, limit):
    response = post_json(api, SKILLS, _with(career, rating_rating=rating))

    body = assert_json_error(response, 400, "invalid")
    assert body["errors"] == {"ratings": {"0": {"rating": [f"Ensure this value is {limit}."]}}}


def test_unknown_skills_are_a_400_naming_them(api, career):
    other_skill = make_assessable_career(title="Other").career_skills.first().skill_id
    payload = skills_payload(career)
    payload["ratings"].append({"skill": other_skill, "rating": 2})
    payload["ratings"].append({"skill": 10**12, "rating": 2})

    body = assert_json_error(post_json(api, SKILLS, payload), 400, "invalid")

    message = body["errors"]["ratings"][0]
    assert "Not skills of Cloud Engineer" in message
    assert str(other_skill) in message and str(10**12) in message


def test_a_skill_left_unrated_is_a_400_naming_it(api, career):
    payload = skills_payload(career)
    dropped = payload["ratings"].pop()

    body = assert_json_error(post_json(api, SKILLS, payload), 400, "invalid")

    assert f"({dropped['skill']})" in body["errors"]["ratings"][0]


def test_a_skill_rated_twice_is_a_400(api, career):
    payload = skills_payload(career)
    payload["ratings"].append(payload["ratings"][0])

    body = assert_json_error(post_json(api, SKILLS, payload), 400, "invalid")

    assert "more than once" in body["errors"]["ratings"][0]


def test_too_many_ratings_are_a_400(api, career):
    payload = skills_payload(career)
    payload["ratings"] = [{"skill": i, "rating": 1} for i in range(1, 502)]

    body = assert_json_error(post_json(api, SKILLS, payload), 400, "invalid")

    assert "ratings" in body["errors"]


@pytest.mark.parametrize("level", ["other-career", 10**6, 10**30, 0])
def test_a_level_not_of_this_career_is_a_400(api, career, level):
    if level == "other-career":
        level = make_assessable_career(title="Other").levels.first().pk

    body = assert_json_error(post_json(api, SKILLS, _with(career, level=level)), 400, "invalid")

    assert list(body["errors"]) == ["level"]


@pytest.mark.parametrize("slug", ["no-such-career", "secret-draft", "bare-career", "x" * 121])
def test_a_career_that_cannot_be_assessed_is_a_400(api, career, slug):
    make_career(title="Secret Draft", status=Career.Status.DRAFT)
    make_career(title="Bare Career")  # published, but no skills or levels

    body = assert_json_error(post_json(api, SKILLS, _with(career, career=slug)), 400, "invalid")

    assert list(body["errors"]) == ["career"]


@pytest.mark.parametrize(
    "method, url, field, payload",
    [
        pytest.param(post_json, SKILLS, "career", skills_payload, id="skills"),
        pytest.param(post_json, READINESS, "career", readiness_payload, id="readiness"),
        pytest.param(patch_json, reverse("api:me"), "target_career", lambda c: {}, id="goal"),
    ],
)
def test_a_career_slug_longer_than_any_career_has_is_refused_for_its_length(
    api, career, method, url, field, payload
):
    longest = Career._meta.get_field("slug").max_length
    body = {**payload(career), field: "x" * (longest + 1)}

    errors = assert_json_error(method(api, url, body), 400, "invalid")["errors"]

    assert list(errors) == [field]
    assert f"no more than {longest} characters" in str(errors[field])


@pytest.mark.parametrize("where", ["career", "submission_key", "key"])
def test_escaped_nul_bytes_in_strings_are_a_400(api, career, where):
    payload = skills_payload(career)
    if where == "key":
        payload["car\x00eer"] = "x"  # an unknown key is ignored; the rest is valid
        assert post_json(api, SKILLS, payload).status_code == 201
        return
    payload[where] = "cloud\x00engineer"

    body = assert_json_error(post_json(api, SKILLS, payload), 400, "invalid")

    assert list(body["errors"]) == [where]


def test_nul_bytes_in_the_address_and_headers_are_refused(api, career):
    assert_json_error(api.get("/api/v1/careers/%00/"), 404, "not_found")
    assert_json_error(api.get("/api/v1/results/", {"career": "a\x00"}), 400, "invalid")
    nul_token = Client(headers={"Authorization": "Token cg_\x00"})
    assert_json_error(nul_token.get("/api/v1/results/"), 401, "authentication_failed")


def test_a_body_over_the_upload_limit_is_a_413(api, career, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    payload = skills_payload(career, padding="x" * 2000)

    assert_json_error(post_json(api, SKILLS, payload), 413, "request_too_large")
    assert not Result.objects.exists()


def test_a_three_megabyte_body_is_a_413_at_the_default_limit(api, career):
    payload = skills_payload(career, padding="x" * 3 * 1024 * 1024)

    assert_json_error(post_json(api, SKILLS, payload), 413, "request_too_large")


def test_huge_bodies_in_a_session_are_refused_before_the_csrf_check_reads_them(session_api, career):
    # The CSRF check looks for a token in the body of a POST; DRF parses that body (JSON
    # only), so a form body is a 415 unread and a huge JSON body a 413.
    session_api.get(reverse("api:me"))  # the csrftoken cookie, without the header
    huge = "x" * 3 * 1024 * 1024

    as_form = session_api.post(
        SKILLS, "a=" + huge, content_type="application/x-www-form-urlencoded"
    )
    as_json = post_json(session_api, SKILLS, {"a": huge})

    assert_json_error(as_form, 415, "unsupported_media_type")
    assert_json_error(as_json, 413, "request_too_large")


@pytest.mark.parametrize(
    "content_type",
    ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "xml"],
)
def test_a_body_that_is_not_json_is_a_415(api, career, content_type):
    body = json.dumps(skills_payload(career))

    assert_json_error(post_raw(api, body, content_type), 415, "unsupported_media_type")


def test_a_wrong_method_is_a_json_405_with_allow(api, client):
    response = api.get(SKILLS)
    assert_json_error(response, 405, "method_not_allowed")
    assert response["Allow"] == "POST, OPTIONS"
    response = client.delete(reverse("api:career-list"))
    assert_json_error(response, 405, "method_not_allowed")
    assert response["Allow"] == "GET, HEAD, OPTIONS"


@pytest.mark.parametrize(
    "path",
    ["/api/v1/nothing-here/", "/api/v1/results/abc/", "/api/", "/api/v2/careers/", "/api/x"],
)
def test_addresses_no_endpoint_serves_are_a_json_404(owner, path):
    browser = Client(enforce_csrf_checks=True)  # no CSRF token: still a 404, not a 403
    browser.force_login(owner)
    with_token = token_client(owner)

    for client in (Client(), browser, with_token):
        assert_json_error(client.get(path), 404, "not_found")
        response = client.post(path, "{}", content_type="application/json")
        assert_json_error(response, 404, "not_found")
        assert_json_error(client.delete(path), 404, "not_found")


def test_a_missing_trailing_slash_is_a_json_404_with_a_hint(api, career):
    assert_json_error(api.get("/api/v1/careers"), 404, "not_found")
    # POST without the slash: Django would redirect, or in DEBUG crash; the API says why.
    body = assert_json_error(post_json(api, "/api/v1/results/skills", {}), 404, "not_found")

    assert "Did you mean /api/v1/results/skills/ ?" in body["detail"]
    body = assert_json_error(api.get("/api/v1/no-such-thing"), 404, "not_found")
    assert "Did you mean" not in body["detail"]


# --- readiness --------------------------------------------------------------------------------


def test_readiness_answers_are_checked_against_the_questions(api, career):
    payload = readiness_payload(career)
    first, second = payload["answers"]

    missing = {**payload, "answers": [first]}
    twice = {**payload, "answers": [first, first, second]}
    unknown = {**payload, "answers": [first, second, {"question": 10**9, "option": 1}]}
    wrong_option = {
        **payload,
        "answers": [first, {"question": second["question"], "option": first["option"]}],
    }

    for bad, words in (
        (missing, "missing"),
        (twice, "more than once"),
        (unknown, "Not questions"),
        (wrong_option, "Pick one of each question's options"),
    ):
        body = assert_json_error(post_json(api, READINESS, bad), 400, "invalid")
        assert words in body["errors"]["answers"][0]
    assert not Result.objects.exists()


@pytest.mark.parametrize(
    "answers",
    [{"1": 2}, "all", [1], [{"question": "1", "option": 2}], [{"question": 1}], None],
)
def test_readiness_wrong_types_are_a_400(api, career, answers):
    payload = {**readiness_payload(career), "answers": answers}

    body = assert_json_error(post_json(api, READINESS, payload), 400, "invalid")

    assert list(body["errors"]) == ["answers"]


def test_readiness_for_a_career_without_questions_is_a_400(api, career):
    from assessments.models import Question

    Question.objects.update(active=False)

    body = assert_json_error(post_json(api, READINESS, readiness_payload(career)), 400)

    assert list(body["errors"]) == ["career"]


# --- failures outside the API's views ----------------------------------------------------------


def test_a_host_django_refuses_is_a_json_400(client):
    response = client.get(reverse("api:career-list"), headers={"Host": "evil.example"})

    assert_json_error(response, 400, "bad_request")


def test_a_crash_is_still_answered_in_json(monkeypatch):
    """A bug is a 500, logged by Django; under /api/ the client still gets a JSON body."""

    def broken(**kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr("guide.selectors.career_search", broken)
    client = Client(raise_request_exception=False)

    body = assert_json_error(client.get(reverse("api:career-list")), 500, "error")

    assert "a bug" not in body["detail"]


def test_pages_outside_the_api_keep_their_html_errors(client):
    response = client.get("/careers/no-such-career/")

    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
