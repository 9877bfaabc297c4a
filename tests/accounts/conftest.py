"""Fixtures and helpers for the account tests.

Passwords are hashed with Argon2 as in production (the rest of the suite uses MD5), but with
cheap parameters: the real ones cost about half a second per hash, by design. The cache is
emptied around every test by tests/conftest.py.
"""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import Argon2PasswordHasher
from django.core import mail
from django.urls import reverse

from tests.conftest import PASSWORD

LINK = re.compile(r"https?://testserver(/\S+)")


class CheapArgon2PasswordHasher(Argon2PasswordHasher):
    time_cost = 1
    memory_cost = 1024
    parallelism = 1


@pytest.fixture(autouse=True)
def _cheap_hashing(settings):
    settings.PASSWORD_HASHERS = ["tests.accounts.conftest.CheapArgon2PasswordHasher"]


@pytest.fixture
def mandatory_verification(settings):
    """Production's setting: no sign-in until the address is confirmed."""
    settings.ACCOUNT_EMAIL_VERIFICATION = "mandatory"


@pytest.fixture
def verified_owner(owner):
    EmailAddress.objects.create(user=owner, email=owner.email, primary=True, verified=True)
    return owner


def links_in(message) -> list[str]:
    """Paths of the links to this site in an email."""
    return LINK.findall(message.body)


def only_link(message) -> str:
    links = links_in(message)
    assert len(links) == 1, message.body
    return links[0]


def sign_up(client, email, password=PASSWORD, password2=None, **headers):
    """Post the sign-up form; keyword arguments are request headers (HTTP_...)."""
    data = {"email": email, "password1": password, "password2": password2 or password}
    return client.post(reverse("account_signup"), data, **headers)


def sign_in(client, email, password=PASSWORD, **headers):
    """Post the login form; keyword arguments are request headers (HTTP_...)."""
    data = {"login": email, "password": password}
    return client.post(reverse("account_login"), data, **headers)


def outbox_to(address) -> list:
    return [m for m in mail.outbox if address in m.to]


def errors_of(response, form="form") -> dict:
    return response.context[form].errors
