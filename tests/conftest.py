"""Shared fixtures for the whole suite (STYLE.md §17): the standard users (an owner, an
outsider, a staff editor, a publisher, a superuser), a signed-in client for each, and a
cache reset.

Passwords are hashed with MD5 in the suite (tests/settings.py); tests/accounts puts a cheap
Argon2 back where the behaviour depends on it.
"""

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.test import Client

from core.pagecache import local_pages

PASSWORD = "correct-horse-battery-42"


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Cached pages, rate-limit and throttle counters and used TOTP codes live in the cache:
    none leaks from one test into the next, nor does a page a worker kept for itself."""
    cache.clear()
    local_pages().clear()
    yield
    cache.clear()
    local_pages().clear()


def signed_in(user) -> Client:
    """A new client signed in as `user`, separate from the anonymous `client`."""
    browser = Client()
    browser.force_login(user)
    return browser


@pytest.fixture
def owner(django_user_model):
    return django_user_model.objects.create_user(email="owner@example.com", password=PASSWORD)


@pytest.fixture
def outsider(django_user_model):
    return django_user_model.objects.create_user(email="outsider@example.com", password=PASSWORD)


@pytest.fixture
def editor(django_user_model):
    """A staff member in the Editors group (made by a migration), not a superuser."""
    user = django_user_model.objects.create_user(
        email="editor@example.com", password=PASSWORD, is_staff=True
    )
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def publisher(django_user_model):
    """A staff member in the Publishers group (made by a migration): an editor who may
    also publish, schedule and roll back live guides."""
    user = django_user_model.objects.create_user(
        email="publisher@example.com", password=PASSWORD, is_staff=True
    )
    user.groups.add(Group.objects.get(name="Publishers"))
    return user


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser(email="boss@example.com", password=PASSWORD)


@pytest.fixture
def owner_client(owner):
    return signed_in(owner)


@pytest.fixture
def outsider_client(outsider):
    return signed_in(outsider)


@pytest.fixture
def editor_client(editor):
    return signed_in(editor)


@pytest.fixture
def publisher_client(publisher):
    return signed_in(publisher)


@pytest.fixture
def superuser_client(superuser):
    return signed_in(superuser)
