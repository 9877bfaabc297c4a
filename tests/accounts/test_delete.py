"""Deleting an account removes the user and every row of theirs, and nothing else."""

from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress, EmailConfirmation
from allauth.mfa.models import Authenticator
from allauth.usersessions.models import UserSession
from django.apps import apps
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.db import models
from django.test import Client
from django.urls import reverse

from accounts import services
from accounts.models import ApiToken, User
from tests.conftest import PASSWORD
from tests.factory import make_career

from .conftest import sign_in, sign_up

pytestmark = pytest.mark.django_db

URL = reverse("accounts:delete")


def user_foreign_keys():
    """Every (model, field) in the project that points at the user model, including
    the hidden tables behind many-to-many fields (groups, permissions)."""
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.concrete_fields:
            if field.is_relation and field.related_model is User:
                yield model, field


def rows_of(user_pk) -> dict[str, int]:
    counts = {}
    for model, field in user_foreign_keys():
        n = model._base_manager.filter(**{field.attname: user_pk}).count()
        if n:
            counts[f"{model._meta.label}.{field.name}"] = n
    return counts


def give_everything(user, client):
    """A user with a row in every kind of table that can belong to them."""
    sign_in(client, user.email)  # recorded as a user session
    address = EmailAddress.objects.create(user=user, email=user.email, primary=True)
    EmailConfirmation.objects.create(email_address=address, key=f"key-{user.pk}")
    Authenticator.objects.create(user=user, type="totp", data={"secret": "x"})
    Authenticator.objects.create(user=user, type="recovery_codes", data={"seed": "y"})
    services.profile_update(
        user=user,
        display_name="Someone",
        target_career=make_career(),
        target_level=None,
        years_of_experience=4,
    )
    services.api_token_create(user=user, name="script", lifetime=timedelta(days=1))
    user.groups.add(Group.objects.get(name="Editors"))
    user.user_permissions.add(Permission.objects.first())
    LogEntry.objects.create(
        user=user,
        content_type=ContentType.objects.get_for_model(User),
        object_id=str(user.pk),
        object_repr=str(user),
        action_flag=ADDITION,
    )


def test_the_page_explains_what_goes(client, owner):
    client.force_login(owner)
    page = client.get(URL)
    assert page.status_code == 200
    html = page.content.decode()
    assert "cannot be undone" in html
    assert '<label for="id_password">Your password' in html


def test_visitors_are_sent_to_sign_in(client):
    assert client.get(URL).status_code == 302
    assert client.post(URL, {"password": PASSWORD}).status_code == 302


def test_wrong_password_deletes_nothing(client, owner):
    client.force_login(owner)

    response = client.post(URL, {"password": "not-my-password"})

    assert response.status_code == 200
    assert "That password is not right" in str(response.context["form"].errors["password"])
    assert User.objects.filter(pk=owner.pk).exists()


def test_empty_password_deletes_nothing(client, owner):
    client.force_login(owner)
    response = client.post(URL, {})
    assert response.status_code == 200
    assert "password" in response.context["form"].errors
    assert User.objects.filter(pk=owner.pk).exists()


def test_delete_leaves_no_row_of_theirs_and_touches_no_one_else(client, owner, outsider):
    sign_in(Client(), owner.email, HTTP_USER_AGENT="phone")  # a second device
    give_everything(owner, client)
    give_everything(outsider, Client())
    owner_sessions = list(
        UserSession.objects.filter(user=owner).values_list("session_key", flat=True)
    )
    before = rows_of(owner.pk)
    outsider_before = rows_of(outsider.pk)
    # The test proves something only if the user really had rows in all these tables.
    for table in (
        "account.EmailAddress.user",
        "mfa.Authenticator.user",
        "usersessions.UserSession.user",
        "accounts.Profile.user",
        "accounts.ApiToken.user",
        "accounts.User_groups.user",
        "accounts.User_user_permissions.user",
        "admin.LogEntry.user",
    ):
        assert before.get(table), table
    assert len(owner_sessions) == 2

    response = client.post(URL, {"password": PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert not User.objects.filter(pk=owner.pk).exists()
    assert rows_of(owner.pk) == {}
    assert not EmailConfirmation.objects.filter(email_address__email=owner.email).exists()
    assert not Session.objects.filter(session_key__in=owner_sessions).exists()
    assert rows_of(outsider.pk) == outsider_before
    assert ApiToken.objects.filter(user=outsider).count() == 1


def test_delete_signs_out_everywhere_and_says_so(client, owner):
    sign_in(client, owner.email)
    phone = Client()
    sign_in(phone, owner.email)

    response = client.post(URL, {"password": PASSWORD}, follow=True)

    assert "and everything in it are deleted" in response.content.decode()
    assert not response.context["user"].is_authenticated
    assert client.get(reverse("accounts:profile")).status_code == 302
    assert phone.get(reverse("accounts:profile")).status_code == 302


def test_the_same_email_can_sign_up_again(client, owner, mandatory_verification):
    client.force_login(owner)
    client.post(URL, {"password": PASSWORD})

    response = sign_up(client, "OWNER@example.com")

    assert response.status_code == 302
    fresh = User.objects.get(email="owner@example.com")
    assert fresh.pk != owner.pk
    assert EmailAddress.objects.get(user=fresh).verified is False


def test_every_foreign_key_to_the_user_lets_deletion_through():
    """PROTECT or RESTRICT would make deletion fail; DO_NOTHING would leave orphans.
    Data that belongs to a user must CASCADE; SET_NULL is for rows that outlive them."""
    allowed = {models.CASCADE, models.SET_NULL}
    offenders = [
        f"{model._meta.label}.{field.name}"
        for model, field in user_foreign_keys()
        if field.remote_field.on_delete not in allowed
    ]
    assert offenders == []


def test_delete_service_works_without_a_request(owner):
    """The API or a management command can call the same service."""
    services.api_token_create(user=owner, name="x", lifetime=timedelta(days=30))
    pk = owner.pk
    services.account_delete(user=owner)
    assert rows_of(pk) == {}
