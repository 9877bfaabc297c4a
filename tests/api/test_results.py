"""A user's own assessment results: readiness questions, create (both kinds), list, detail."""

import uuid

import pytest
from django.test import Client
from django.urls import reverse

from assessments.models import Result
from tests.api.conftest import (
    assert_json_error,
    post_json,
    readiness_payload,
    skills_payload,
    token_client,
)
from tests.assessments.helpers import rate_all, skills_post
from tests.factory import make_career

pytestmark = pytest.mark.django_db

LIST = reverse("api:result-list")
SKILLS = reverse("api:result-create-skills")
READINESS = reverse("api:result-create-readiness")


def detail_url(pk) -> str:
    return reverse("api:result-detail", args=[pk])


# --- readiness questions ---------------------------------------------------------------------


def test_readiness_questions_give_everything_to_build_the_form(client, career):
    response = client.get(reverse("api:readiness-questions", args=[career.slug]))

    assert response.status_code == 200
    body = response.json()
    assert body["career"]["slug"] == career.slug
    assert [q["text"] for q in body["questions"]] == ["Shipped?", "Known?"]
    assert body["questions"][0]["dimension"]["name"] == "Projects"
    assert [o["label"] for o in body["questions"][0]["options"]] == [
        "Answer worth 0",
        "Answer worth 1",
        "Answer worth 2",
        "Answer worth 4",
    ]
    assert "points" not in body["questions"][0]["options"][0]


def test_readiness_questions_of_a_draft_are_a_json_404(client):
    draft = make_career(status="draft")

    assert_json_error(
        client.get(reverse("api:readiness-questions", args=[draft.slug])), 404, "not_found"
    )


# --- create ----------------------------------------------------------------------------------


def test_a_skills_analysis_by_token_is_scored_saved_and_returned_whole(owner, owner_api, career):
    response = post_json(owner_api, SKILLS, skills_payload(career, rating=1))

    assert response.status_code == 201
    body = response.json()
    result = Result.objects.get(user=owner)
    assert body["id"] == result.pk
    assert body["kind"] == "skills" and body["career_slug"] == career.slug
    assert body["target_level"] == "Mid Cloud Engineer"
    assert body["score"] == float(result.score) == 33.3  # each skill 1 of the expected 3
    assert body["items"] == result.items and len(body["items"]) == 3
    assert body["recommendations"] == result.recommendations
    assert all(r["why"] for r in body["recommendations"])
    assert body["url"] == detail_url(result.pk)
    assert body["html_url"] == result.get_absolute_url()


def test_the_api_scores_exactly_like_the_web_form(owner, owner_api, career):
    browser = Client()
    browser.force_login(owner)
    ratings = {cs.skill_id: i % 5 for i, cs in enumerate(career.career_skills.all())}
    skills_post(browser, career, ratings=ratings)
    payload = skills_payload(career)
    payload["ratings"] = [{"skill": s, "rating": r} for s, r in ratings.items()]

    post_json(owner_api, SKILLS, payload)

    web, api = Result.objects.filter(user=owner).order_by("pk")
    assert (api.score, api.items, api.recommendations) == (
        web.score,
        web.items,
        web.recommendations,
    )


def test_the_same_submission_key_returns_the_first_result(owner, owner_api, career):
    key = str(uuid.uuid4())
    first = post_json(owner_api, SKILLS, skills_payload(career, submission_key=key))

    again = post_json(owner_api, SKILLS, skills_payload(career, rating=4, submission_key=key))

    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json()["id"] == first.json()["id"]
    assert again.json()["score"] == first.json()["score"]
    assert Result.objects.filter(user=owner).count() == 1


def test_a_repeated_readiness_submission_key_returns_the_first_result(owner, owner_api, career):
    key = str(uuid.uuid4())
    first = post_json(owner_api, READINESS, readiness_payload(career, submission_key=key))

    weaker = readiness_payload(career, choose=lambda options: options[0], submission_key=key)
    again = post_json(owner_api, READINESS, weaker)

    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json()["id"] == first.json()["id"]
    assert again.json()["score"] == first.json()["score"] == 100.0
    assert Result.objects.filter(user=owner, kind="readiness").count() == 1


def test_someone_elses_submission_key_never_returns_their_result(owner_api, outsider, career):
    key = str(uuid.uuid4())
    theirs = post_json(token_client(outsider), SKILLS, skills_payload(career, submission_key=key))

    mine = post_json(owner_api, SKILLS, skills_payload(career, submission_key=key))

    assert mine.status_code == 201
    assert mine.json()["id"] != theirs.json()["id"]


def test_a_readiness_assessment_is_scored_and_saved(owner, owner_api, career):
    response = post_json(owner_api, READINESS, readiness_payload(career))

    assert response.status_code == 201
    body = response.json()
    result = Result.objects.get(user=owner, kind="readiness")
    assert body["id"] == result.pk and body["score"] == 100.0
    assert [item["name"] for item in body["items"]] == ["Projects", "Network"]
    assert body["items"][0]["answers"][0]["answer"] == "Answer worth 4"


def test_a_weak_readiness_result_recommends_with_reasons(owner_api, career):
    payload = readiness_payload(career, choose=lambda options: options[0])

    body = post_json(owner_api, READINESS, payload).json()

    assert body["score"] == 0.0
    assert body["recommendations"]
    assert all("weakest" in r["why"] for r in body["recommendations"])


def test_creating_needs_credentials(client, career):
    for url, payload in ((SKILLS, skills_payload(career)), (READINESS, readiness_payload(career))):
        response = post_json(client, url, payload)
        assert_json_error(response, 401, "not_authenticated")
        assert response["WWW-Authenticate"] == "Token"
    assert not Result.objects.exists()


def test_a_session_write_without_its_csrf_token_is_refused(session_api, career):
    response = post_json(session_api, SKILLS, skills_payload(career))

    body = assert_json_error(response, 403, "permission_denied")
    assert "CSRF" in body["detail"]
    assert not Result.objects.exists()


def test_a_session_write_with_its_csrf_token_is_accepted(owner, session_api, career):
    session_api.get(reverse("api:me"))  # sets the csrftoken cookie, as docs/api.md says
    token = session_api.cookies["csrftoken"].value

    response = post_json(
        session_api, SKILLS, skills_payload(career), headers={"X-CSRFToken": token}
    )

    assert response.status_code == 201
    assert Result.objects.get().user == owner


def test_a_revoked_or_expired_token_is_refused(owner, career):
    from django.utils import timezone

    from accounts.models import ApiToken

    api = token_client(owner)
    ApiToken.objects.update(expires_at=timezone.now())

    assert_json_error(post_json(api, SKILLS, skills_payload(career)), 401, "authentication_failed")
    ApiToken.objects.all().delete()
    assert_json_error(api.get(LIST), 401, "authentication_failed")


# --- list and detail -------------------------------------------------------------------------


def test_the_list_has_only_ones_own_results_newest_first(owner_api, outsider_api, career):
    older = post_json(owner_api, SKILLS, skills_payload(career)).json()
    newer = post_json(owner_api, READINESS, readiness_payload(career)).json()
    post_json(outsider_api, SKILLS, skills_payload(career))

    body = owner_api.get(LIST).json()

    assert body["count"] == 2
    assert [r["id"] for r in body["results"]] == [newer["id"], older["id"]]
    assert "items" not in body["results"][0]
    assert body["results"][1]["url"] == detail_url(older["id"])


def test_the_list_filters_by_career_and_kind(owner_api, career):
    post_json(owner_api, SKILLS, skills_payload(career))
    post_json(owner_api, READINESS, readiness_payload(career))

    assert owner_api.get(LIST, {"kind": "readiness"}).json()["count"] == 1
    assert owner_api.get(LIST, {"career": career.slug, "kind": "skills"}).json()["count"] == 1
    assert owner_api.get(LIST, {"career": "other-career"}).json()["count"] == 0
    assert owner_api.get(LIST, {"career": "", "kind": ""}).json()["count"] == 2
    body = assert_json_error(owner_api.get(LIST, {"kind": "quiz"}), 400, "invalid")
    assert list(body["errors"]) == ["kind"]


def test_the_list_runs_three_queries_however_many_results(owner, career, django_assert_num_queries):
    api = token_client(owner)
    for rating in range(5):
        post_json(api, SKILLS, skills_payload(career, rating=rating % 5))
    api.get(LIST)  # the token's last use is now recorded; it is written at most once a minute

    with django_assert_num_queries(3):
        # 1. the token by its hash, JOINed to its user (accounts.selectors.api_token_for_key)
        # 2. COUNT(*) of the user's results
        # 3. one page of them, without their snapshots
        response = api.get(LIST)
    assert response.json()["count"] == 5


def test_the_owner_reads_a_result_whole(owner_api, career):
    created = post_json(owner_api, SKILLS, skills_payload(career, rating=3)).json()

    response = owner_api.get(detail_url(created["id"]))

    assert response.status_code == 200
    assert response.json() == created


def test_the_owner_reads_it_by_session_too(owner_api, session_api, career):
    created = post_json(owner_api, SKILLS, skills_payload(career)).json()

    assert session_api.get(detail_url(created["id"])).json()["id"] == created["id"]


def test_another_users_result_is_a_404(owner_api, outsider_api, career):
    created = post_json(owner_api, SKILLS, skills_payload(career)).json()

    body = assert_json_error(outsider_api.get(detail_url(created["id"])), 404, "not_found")

    assert body["detail"] == "No such result."
    assert_json_error(outsider_api.get(detail_url(10**6)), 404, "not_found")


def test_a_visitors_unclaimed_result_is_a_404_too(outsider_api, career):
    visitor = Client()
    skills_post(visitor, career, ratings=rate_all(career, 2))
    result = Result.objects.get(user=None)

    assert_json_error(outsider_api.get(detail_url(result.pk)), 404, "not_found")


def test_results_need_credentials(client, owner_api, career):
    created = post_json(owner_api, SKILLS, skills_payload(career)).json()

    assert_json_error(client.get(LIST), 401, "not_authenticated")
    assert_json_error(client.get(detail_url(created["id"])), 401, "not_authenticated")
