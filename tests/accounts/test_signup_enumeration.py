"""Sign-up tells nobody which addresses have accounts: not by its answer, not by its
timing, not by a 500 when two sign-ups race, and an address someone else merely typed
in as theirs does not stop its real owner from signing up."""

import threading

import pytest
from allauth.account.models import EmailAddress
from django.db import close_old_connections
from django.test import Client
from django.urls import reverse

from accounts.forms import SignupForm
from accounts.models import User
from tests.conftest import PASSWORD

from .conftest import CheapArgon2PasswordHasher, only_link, outbox_to, sign_up

SENT = reverse("account_email_verification_sent")


class CountingHasher(CheapArgon2PasswordHasher):
    """A real (cheap) Argon2 hasher that counts how many passwords it hashed."""

    calls = 0

    def encode(self, password, salt):
        type(self).calls += 1
        return super().encode(password, salt)


@pytest.fixture
def counting_hasher(settings):
    settings.PASSWORD_HASHERS = ["tests.accounts.test_signup_enumeration.CountingHasher"]
    CountingHasher.calls = 0
    return CountingHasher


@pytest.mark.django_db
def test_an_existing_address_costs_the_same_hashing_as_a_new_one(
    owner, counting_hasher, mandatory_verification
):
    counting_hasher.calls = 0
    new = sign_up(Client(), "newcomer@example.com")
    hashes_for_new = counting_hasher.calls

    counting_hasher.calls = 0
    existing = sign_up(Client(), owner.email)
    hashes_for_existing = counting_hasher.calls

    assert hashes_for_new >= 1
    assert hashes_for_existing == hashes_for_new
    assert (new.status_code, new["Location"]) == (existing.status_code, existing["Location"])
    assert existing["Location"] == SENT
    assert "already" in outbox_to(owner.email)[0].subject.lower()


@pytest.mark.django_db
def test_an_existing_address_with_bad_passwords_hashes_nothing(
    owner, counting_hasher, mandatory_verification
):
    """A form error comes before any hashing on both paths, so there is nothing to hide."""
    for email in (owner.email, "newcomer@example.com"):
        counting_hasher.calls = 0
        response = sign_up(Client(), email, "short")
        assert response.status_code == 400
        assert counting_hasher.calls == 0


def race_sign_ups(email: str, n: int = 2) -> list:
    """n browsers post the sign-up form with the same address at the same moment."""
    barrier = threading.Barrier(n)
    responses = [None] * n

    def run(i):
        try:
            client = Client(raise_request_exception=False, REMOTE_ADDR=f"192.0.2.{i + 1}")
            barrier.wait()
            responses[i] = sign_up(client, email)
        finally:
            close_old_connections()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return responses


class _FirstSaveWaits:
    """Make both sign-ups pass the "is the address free?" check before either saves.

    Without it the race is real but rarely lost: the check and the insert are close
    together. Each request waits, with its form validated, until both are there.
    """

    def __init__(self, monkeypatch, n=2):
        barrier = threading.Barrier(n, timeout=10)
        original = SignupForm.try_save

        def try_save(form, request):
            barrier.wait()
            return original(form, request)

        monkeypatch.setattr(SignupForm, "try_save", try_save)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_simultaneous_sign_ups_with_one_address_give_no_error(
    monkeypatch, mandatory_verification, settings
):
    # One mail per address every 3 minutes would hide the loser's mail; lift that here.
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "confirm_email": False}
    _FirstSaveWaits(monkeypatch)

    responses = race_sign_ups("racer@example.com")

    assert [r.status_code for r in responses] == [302, 302]
    assert [r["Location"] for r in responses] == [SENT, SENT]
    assert User.objects.filter(email="racer@example.com").count() == 1
    subjects = sorted(m.subject.lower() for m in outbox_to("racer@example.com"))
    assert len(subjects) == 2
    assert any("already" in s for s in subjects)  # the loser is told as for an existing one


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_simultaneous_sign_ups_with_optional_verification_refuse_the_second(monkeypatch):
    _FirstSaveWaits(monkeypatch)

    responses = race_sign_ups("racer@example.com")

    codes = sorted(r.status_code for r in responses)
    assert codes == [302, 400]
    loser = next(r for r in responses if r.status_code == 400)
    assert "An account with this email address already exists" in loser.content.decode()
    assert User.objects.filter(email="racer@example.com").count() == 1


@pytest.mark.django_db
def test_an_unconfirmed_address_on_someone_elses_account_does_not_block_sign_up(
    client, owner, mandatory_verification
):
    # The owner types in a stranger's address as a second one and never confirms it.
    EmailAddress.objects.create(user=owner, email=owner.email, primary=True, verified=True)
    EmailAddress.objects.create(user=owner, email="stranger@example.com", verified=False)

    response = sign_up(client, "stranger@example.com")

    assert response["Location"] == SENT
    stranger = User.objects.get(email="stranger@example.com")
    (message,) = outbox_to("stranger@example.com")
    assert "already" not in message.subject.lower()
    # The stranger confirms and signs in; the squatter's unconfirmed claim is gone.
    client.post(only_link(message))
    assert EmailAddress.objects.get(email="stranger@example.com", verified=True).user == stranger
    assert not EmailAddress.objects.filter(user=owner, email="stranger@example.com").exists()
    signed_in = Client()
    response = signed_in.post(
        reverse("account_login"), {"login": "stranger@example.com", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert signed_in.get(reverse("accounts:profile")).context["user"] == stranger


@pytest.mark.django_db
def test_a_confirmed_address_still_counts_as_taken(client, owner, mandatory_verification):
    EmailAddress.objects.create(user=owner, email=owner.email, primary=True, verified=True)
    EmailAddress.objects.create(user=owner, email="second@example.com", verified=True)

    response = sign_up(client, "second@example.com")

    assert response["Location"] == SENT
    assert not User.objects.filter(email="second@example.com").exists()
    (message,) = outbox_to("second@example.com")
    assert "already" in message.subject.lower()
