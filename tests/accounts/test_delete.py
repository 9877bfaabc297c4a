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
from assessments.goals import goal_update
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
    goal_update(user=user, changes={"target_career": make_career(), "years_of_experience": 4})
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

    assert response.status_code == 400
    assert "That password is not right" in str(response.context["form"].errors["password"])
    assert User.objects.filter(pk=owner.pk).exists()


def test_empty_password_deletes_nothing(client, owner):
    client.force_login(owner)
    response = client.post(URL, {})
    assert response.status_code == 400
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
        "assessments.Goal.user",
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


def admin_post_data(response) -> dict:
    """The admin change form as the browser would submit it unchanged."""
    data = {}
    form = response.context["adminform"].form
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if value is None or name == "password":
            continue
        data[name] = (
            [v.pk if hasattr(v, "pk") else v for v in value]
            if isinstance(value, list | models.QuerySet)
            else value
        )
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        for name, value in formset.management_form.initial.items():
            data[f"{formset.prefix}-{name}"] = value
        for index, sub in enumerate(formset.forms):
            for name in sub.fields:
                value = sub.initial.get(name)
                if value is not None:
                    data[f"{formset.prefix}-{index}-{name}"] = getattr(value, "pk", value)
    return data


def test_admin_history_keeps_no_trace_of_the_address(client, owner, django_user_model):
    boss = django_user_model.objects.create_superuser(email="boss@example.com", password="x")
    staff = Client()
    staff.force_login(boss)
    EmailAddress.objects.create(user=owner, email=owner.email, primary=True, verified=True)
    change_url = reverse("admin:accounts_user_change", args=[owner.pk])
    data = admin_post_data(staff.get(change_url))
    data["display_name"] = "Renamed by staff"
    assert staff.post(change_url, data).status_code == 302
    address = EmailAddress.objects.get(user=owner)
    address_url = reverse("admin:account_emailaddress_change", args=[address.pk])
    data = admin_post_data(staff.get(address_url))
    data["verified"] = False
    assert staff.post(address_url, data).status_code == 302
    about_owner = LogEntry.objects.filter(object_repr__icontains="owner@example.com")
    assert about_owner.count() == 2  # the history exists before the deletion
    other = LogEntry.objects.log_actions(
        user_id=boss.pk, queryset=[boss], action_flag=ADDITION, single_object=True
    )

    sign_in(client, owner.email)
    client.post(URL, {"password": PASSWORD})

    assert not User.objects.filter(email="owner@example.com").exists()
    for entry in LogEntry.objects.all():
        text = f"{entry.object_repr} {entry.change_message} {entry.get_change_message()}"
        assert "owner@example.com" not in text.lower()
    # What staff did stays in the history, only the address is gone.
    assert LogEntry.objects.filter(user=boss).count() == 3
    assert LogEntry.objects.get(pk=other.pk).object_repr == "boss@example.com"
