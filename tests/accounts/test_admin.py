"""Staff: createsuperuser works with an email, only staff reach the admin, and the
admin lists users with search and filters."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts.models import ApiToken, User
from accounts.services import api_token_create
from tests.conftest import PASSWORD

from .conftest import sign_in

pytestmark = pytest.mark.django_db


def test_createsuperuser_with_an_email(monkeypatch, capsys):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", PASSWORD)

    call_command("createsuperuser", "--noinput", "--email", "Boss@Example.com")

    boss = User.objects.get()
    assert boss.email == "boss@example.com"
    assert boss.is_staff and boss.is_superuser
    assert boss.check_password(PASSWORD)
    assert "Superuser created successfully" in capsys.readouterr().out


def test_createsuperuser_refuses_a_duplicate_email(monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", PASSWORD)
    call_command("createsuperuser", "--noinput", "--email", "boss@example.com")
    with pytest.raises(Exception, match="already"):
        call_command("createsuperuser", "--noinput", "--email", "BOSS@example.com")
    assert User.objects.count() == 1


def test_a_new_superuser_signs_in_to_the_admin_through_the_site(client, monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", PASSWORD)
    call_command("createsuperuser", "--noinput", "--email", "boss@example.com")

    login = client.get(reverse("admin:login"))
    assert login.status_code == 302
    assert login["Location"].startswith(reverse("account_login"))

    sign_in(client, "boss@example.com")
    assert client.get(reverse("admin:index")).status_code == 200


def test_visitors_are_sent_to_the_site_sign_in(client):
    response = client.get(reverse("admin:index"), follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("account_login"))


def test_signed_in_non_staff_are_refused(client, owner):
    client.force_login(owner)
    response = client.get(reverse("admin:index"), follow=True)
    assert response.status_code == 403
    assert "You cannot open this page" in response.content.decode()


def test_inactive_staff_are_refused(client, editor):
    editor.is_active = False
    editor.save()
    client.force_login(editor)
    assert client.get(reverse("admin:index")).status_code == 302


def test_user_list_search_and_filters(client, owner, outsider, monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", PASSWORD)
    call_command("createsuperuser", "--noinput", "--email", "boss@example.com")
    client.force_login(User.objects.get(email="boss@example.com"))
    url = reverse("admin:accounts_user_changelist")

    found = client.get(url, {"q": "outsider"}).content.decode()
    assert "outsider@example.com" in found and "owner@example.com" not in found
    staff = client.get(url, {"is_staff__exact": "1"}).content.decode()
    assert "boss@example.com" in staff and "owner@example.com" not in staff
    assert client.get(url, {"date_joined__gte": "2000-01-01 00:00:00+00:00"}).status_code == 200


def test_staff_can_add_a_user_and_case_duplicates_are_caught(client, owner, monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", PASSWORD)
    call_command("createsuperuser", "--noinput", "--email", "boss@example.com")
    client.force_login(User.objects.get(email="boss@example.com"))
    url = reverse("admin:accounts_user_add")

    created = client.post(
        url,
        {
            "email": "New@Example.com",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "usable_password": "true",
        },
    )
    duplicate = client.post(
        url,
        {
            "email": "OWNER@example.com",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "usable_password": "true",
        },
    )

    assert created.status_code == 302
    assert User.objects.filter(email="new@example.com").exists()
    assert duplicate.status_code == 200
    assert "already exists" in duplicate.content.decode()
    assert User.objects.filter(email__iexact="owner@example.com").count() == 1


def test_user_page_shows_profile_and_tokens_without_keys(client, owner, monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", PASSWORD)
    call_command("createsuperuser", "--noinput", "--email", "boss@example.com")
    token, key = api_token_create(user=owner, name="laptop", lifetime=timedelta(days=30))
    client.force_login(User.objects.get(email="boss@example.com"))

    page = client.get(reverse("admin:accounts_user_change", args=[owner.pk])).content.decode()

    assert token.prefix in page and key not in page and token.key_hash not in page
    tokens = client.get(reverse("admin:accounts_apitoken_changelist"), {"q": token.prefix})
    assert "laptop" in tokens.content.decode()
    assert client.get(reverse("admin:accounts_apitoken_add")).status_code == 403
    assert ApiToken.objects.count() == 1
