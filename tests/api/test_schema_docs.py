"""The OpenAPI schema and the docs page: complete, valid, described, served locally."""

import re

import pytest
from django.urls import reverse
from drf_spectacular.validation import validate_schema

pytestmark = pytest.mark.django_db

OPERATIONS = {
    ("get", "/api/v1/"),
    ("get", "/api/v1/careers/"),
    ("get", "/api/v1/careers/{slug}/"),
    ("get", "/api/v1/careers/{slug}/readiness-questions/"),
    ("get", "/api/v1/careers/{slug}/last-answers/"),
    ("get", "/api/v1/results/"),
    ("post", "/api/v1/results/skills/"),
    ("post", "/api/v1/results/readiness/"),
    ("get", "/api/v1/results/{id}/"),
    ("get", "/api/v1/plans/{slug}/"),
    ("post", "/api/v1/plans/{slug}/"),
    ("patch", "/api/v1/plans/{slug}/steps/{id}/"),
    ("get", "/api/v1/plans/{slug}/items/"),
    ("patch", "/api/v1/plans/{slug}/items/{id}/"),
    ("get", "/api/v1/matches/"),
    ("get", "/api/v1/me/"),
    ("patch", "/api/v1/me/"),
    ("post", "/api/v1/auth/token/"),
}


@pytest.fixture
def schema(client):
    response = client.get(reverse("api:schema"), headers={"Accept": "application/json"})
    assert response.status_code == 200
    return response.json()


def operations(schema):
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            yield method, path, operation


def test_the_schema_is_valid_openapi_3_listing_every_endpoint(schema):
    validate_schema(schema)

    assert schema["openapi"].startswith("3.")
    assert {(method, path) for method, path, _ in operations(schema)} == OPERATIONS


def test_every_operation_has_a_summary_a_description_and_examples(schema):
    for method, path, operation in operations(schema):
        label = f"{method.upper()} {path}"
        assert operation.get("summary"), label
        assert len(operation.get("description", "")) > 60, label
        success = [code for code in operation["responses"] if code.startswith("2")]
        assert any(
            operation["responses"][code]["content"]["application/json"].get("examples")
            for code in success
        ), f"{label} has no response example"
        if "requestBody" in operation:
            content = operation["requestBody"]["content"]
            assert list(content) == ["application/json"], label
            assert content["application/json"].get("examples"), f"{label} has no request example"


def test_every_operation_documents_its_json_errors(schema):
    for method, path, operation in operations(schema):
        label = f"{method.upper()} {path}"
        responses = operation["responses"]
        assert "429" in responses, label
        if method in ("post", "patch"):
            assert {"400", "413", "415"} <= set(responses), label
        if "{" in path:
            assert "404" in responses, label
        for code, response in responses.items():
            if code.startswith(("4", "5")):
                ref = response["content"]["application/json"]["schema"]["$ref"]
                assert ref == "#/components/schemas/Error", f"{label} {code}"


def test_token_and_session_are_the_documented_security_schemes(schema):
    schemes = schema["components"]["securitySchemes"]

    assert schemes["tokenAuth"] == {
        "type": "apiKey",
        "in": "header",
        "name": "Authorization",
        "description": schemes["tokenAuth"]["description"],
    }
    assert "Token <key>" in schemes["tokenAuth"]["description"]
    assert "cookieAuth" in schemes
    paths = schema["paths"]
    assert {} in paths["/api/v1/careers/"]["get"]["security"]  # public
    assert {} not in paths["/api/v1/results/"]["get"]["security"]  # signed in only
    assert paths["/api/v1/auth/token/"]["post"]["security"] == [{}]


def test_the_docs_page_uses_only_the_sites_own_static_files(client):
    response = client.get(reverse("api:docs"))

    assert response.status_code == 200
    page = response.content.decode()
    assets = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert assets, "the page loads Swagger UI"
    start_up = reverse("api:docs") + "?script="
    for asset in assets:
        assert asset.startswith("/static/drf_spectacular_sidecar/") or asset == start_up, asset
        assert client.get(asset).status_code == 200, asset
    assert "cdn" not in page.lower() and "https://" not in page
    # Swagger UI's start-up script is a file of its own (no inline script under the CSP).
    assert 'url: "/api/v1/schema/"' in client.get(start_up).content.decode()
