"""Shared standard users: an owner, an outsider and a staff editor (STYLE.md §17)."""

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.test import Client

PASSWORD = "correct-horse-battery-42"


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Cached pages and rate-limit counters never leak from one test into the next."""
    cache.clear()
    yield
    cache.clear()


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
def editor_client(editor):
    """A client signed in as the editor, separate from the anonymous `client`."""
    signed_in = Client()
    signed_in.force_login(editor)
    return signed_in
