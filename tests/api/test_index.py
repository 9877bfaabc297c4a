"""`GET /api/v1/`: a small public index that links to the schema, the docs and each
collection, so a client can start from the root instead of a 404."""

import pytest
from django.test import Client

from .conftest import assert_json_error, token_client

pytestmark = pytest.mark.django_db

ROOT = "/api/v1/"
LINKS = {"schema", "docs", "careers", "results", "me"}


def test_the_root_is_a_public_index_whose_links_lead_somewhere(owner):
    visitor = Client()
    response = visitor.get(ROOT)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert len(body["description"]) > 20
    assert set(body["links"]) == LINKS
    assert all(url.startswith("http://testserver/api/v1/") for url in body["links"].values())

    # Following each link: public ones answer a visitor, personal ones ask for credentials
    # and answer the owner with a token.
    owner_api = token_client(owner)
    path = {name: url.removeprefix("http://testserver") for name, url in body["links"].items()}
    assert visitor.get(path["schema"]).status_code == 200
    assert visitor.get(path["docs"]).status_code == 200
    assert visitor.get(path["careers"]).json()["count"] == 0
    for name in ("results", "me"):
        assert_json_error(visitor.get(path[name]), 401, "not_authenticated")
        assert owner_api.get(path[name]).status_code == 200
    assert owner_api.get(path["me"]).json()["email"] == owner.email


def test_the_root_answers_a_signed_in_user_the_same_index(owner):
    response = token_client(owner).get(ROOT)

    assert response.status_code == 200
    assert response.json() == Client().get(ROOT).json()


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_the_root_only_reads_other_methods_are_a_json_405(method):
    response = getattr(Client(), method)(ROOT, "{}", content_type="application/json")

    assert_json_error(response, 405, "method_not_allowed")


def test_a_wrong_token_at_the_root_is_refused_like_anywhere_else():
    response = Client(headers={"Authorization": "Token not-a-real-token"}).get(ROOT)

    assert_json_error(response, 401, "authentication_failed")


@pytest.mark.parametrize("path", ["/api/v1/nothing-here/", "/api/v1/careers-x/", "/api/v1/x"])
def test_addresses_below_the_root_that_nothing_serves_are_still_a_json_404(path):
    assert_json_error(Client().get(path), 404, "not_found")
