"""Every address the site routes answers every HTTP method without a server error.

The test walks the whole URL configuration (the site, allauth, the admin, the API),
fills each route's parameters with real objects of the owner's where one fits, and
sends GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS and TRACE as a visitor, a signed-in
user and a staff editor. A 500 anywhere fails it and names the request.
"""

import re

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from tests.factory import make_assessable_career, make_full_guide, make_result

METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE"]
# Odd but valid-looking query strings every route also gets with GET: a NUL byte, and
# parameters the site's own forms and filters use.
ODD_QUERIES = [
    "?q=%00&career=%00&level=%00&a=%00&b=%00&category=%00&next=%00",
    "?career=amazon%00engineer&page=-1&search=%00",
]


def _walk(patterns, prefix=""):
    """(route text, view name) for every leaf pattern, in the order Django tries them."""
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            yield route


def _fill(route: str, values: dict) -> str:
    """A concrete path for a route: converters and named groups get real values."""

    def converter(match):
        kind, name = match.group(1) or "str", match.group(2)
        if name in values:
            return str(values[name])
        return {"int": "1", "slug": values["slug"], "path": "1", "uuid": values["uuid"]}.get(
            kind, "abc"
        )

    # Regex routes (the admin, allauth, the API's catch-all): named groups, then anchors.
    path = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: str(values.get(m.group(1), "1")), route)
    path = re.sub(r"<(?:(\w+):)?(\w+)>", converter, path)
    path = path.replace("^", "").replace("$", "").replace("\\", "")
    path = re.sub(r"[()?*+|\[\]]", "", path)
    return "/" + path


@pytest.fixture
def routes(owner):
    career = make_full_guide(title="Route Walk Engineer", slug="route-walk-engineer")
    make_assessable_career(title="Second Route Career", slug="second-route-career")
    result = make_result(user=owner, career=career)
    values = {
        "slug": career.slug,
        "pk": result.pk,
        "uuid": "00000000-0000-0000-0000-000000000000",
        "object_id": career.pk,
    }
    paths = sorted({_fill(route, values) for route in _walk(get_resolver().url_patterns)})
    assert len(paths) > 100  # the admin, allauth and the API are all in the walk
    return paths


def _client(who, owner, editor, django_user_model):
    client = Client(raise_request_exception=False)
    if who == "user":
        client.force_login(owner)
    elif who == "staff":
        client.force_login(editor)
    elif who == "superuser":
        client.force_login(
            django_user_model.objects.create_superuser(email="root@example.com", password="x")
        )
    return client


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["visitor", "user", "staff", "superuser"])
def test_no_route_answers_any_method_with_a_server_error(
    who, routes, owner, editor, django_user_model
):
    client = _client(who, owner, editor, django_user_model)
    failures = []
    for path in routes:
        for method in METHODS:
            response = client.generic(method, path)
            if response.status_code >= 500:
                failures.append(f"{method} {path} -> {response.status_code}")
        for query in ODD_QUERIES:
            response = client.get(path + query)
            if response.status_code >= 500:
                failures.append(f"GET {path}{query} -> {response.status_code}")
    assert failures == []


@pytest.mark.parametrize("path", ["/", "/careers/", "/careers/route-walk-engineer/", "/robots.txt"])
def test_public_pages_answer_head_as_they_answer_get(client, routes, path):
    """Link checkers and caches ask with HEAD; they got a 405 for the home page."""
    head, get = client.head(path), client.get(path)
    assert head.status_code == get.status_code == 200
    assert head.content == b""
