"""TOTP secrets and recovery-code seeds are encrypted in the database and kept out of the admin."""

import importlib
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import reverse

from accounts import mfa_crypto

from .conftest import sign_in
from .test_mfa import confirm_password, enrol_totp, totp_code

pytestmark = pytest.mark.django_db

encryption_migration = importlib.import_module("accounts.migrations.0006_encrypt_mfa_secrets")


def raw_rows() -> str:
    """Every authenticator row as the database holds it, as one string."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT data FROM mfa_authenticator")
        return " ".join(str(row[0]) for row in cursor.fetchall())


@pytest.fixture
def enrolled(client, verified_owner):
    sign_in(client, verified_owner.email)
    confirm_password(client)
    return enrol_totp(client)


def test_the_database_holds_no_secret_in_clear(enrolled, verified_owner):
    secret = enrolled
    stored = raw_rows()

    assert secret not in stored
    codes = RecoveryCodes(
        Authenticator.objects.get(user=verified_owner, type=Authenticator.Type.RECOVERY_CODES)
    ).get_unused_codes()
    assert len(codes) == 10
    seed = Authenticator.objects.get(type=Authenticator.Type.RECOVERY_CODES).data["seed"]
    assert seed != mfa_crypto.decrypt(seed)  # stored is not what is used
    assert mfa_crypto.decrypt(seed) not in stored
    assert not any(code in stored for code in codes)


def test_sign_in_with_the_code_still_works(enrolled, verified_owner):
    browser = Client()
    assert sign_in(browser, verified_owner.email)["Location"] == reverse("mfa_authenticate")
    response = browser.post(reverse("mfa_authenticate"), {"code": totp_code(enrolled)})
    assert response.status_code == 302
    assert browser.get(reverse("accounts:profile")).status_code == 200


def test_a_rotated_key_still_opens_old_secrets(enrolled, verified_owner, settings):
    new_key = mfa_crypto.Fernet.generate_key().decode()
    settings.MFA_ENCRYPTION_KEYS = [new_key, *settings.MFA_ENCRYPTION_KEYS]

    browser = Client()
    sign_in(browser, verified_owner.email)
    response = browser.post(reverse("mfa_authenticate"), {"code": totp_code(enrolled)})
    assert response.status_code == 302

    call_command("mfa_reencrypt", stdout=(out := io.StringIO()))
    assert "Re-encrypted 2 authenticator(s)" in out.getvalue()
    call_command("mfa_reencrypt", stdout=(again := io.StringIO()))
    assert "Re-encrypted 0 authenticator(s)" in again.getvalue()
    settings.MFA_ENCRYPTION_KEYS = [new_key]  # the old key can now go
    totp = Authenticator.objects.get(type=Authenticator.Type.TOTP)
    assert mfa_crypto.decrypt(totp.data["secret"]) == enrolled


def test_the_migration_encrypts_clear_rows_once(owner):
    secret, seed = "JBSWY3DPEHPK3PXP", "ab" * 40
    Authenticator.objects.create(user=owner, type=Authenticator.Type.TOTP, data={"secret": secret})
    Authenticator.objects.create(
        user=owner,
        type=Authenticator.Type.RECOVERY_CODES,
        data={"seed": seed, "used_mask": 3, "migrated_codes": ["12345678"]},
    )

    encryption_migration.encrypt_secrets(apps, None)
    first = raw_rows()
    encryption_migration.encrypt_secrets(apps, None)  # idempotent: nothing changes

    assert raw_rows() == first
    assert secret not in first and seed not in first and "12345678" not in first
    totp = Authenticator.objects.get(type=Authenticator.Type.TOTP)
    codes = Authenticator.objects.get(type=Authenticator.Type.RECOVERY_CODES)
    assert mfa_crypto.decrypt(totp.data["secret"]) == secret
    assert mfa_crypto.decrypt(codes.data["seed"]) == seed
    assert codes.data["used_mask"] == 3
    assert [mfa_crypto.decrypt(c) for c in codes.data["migrated_codes"]] == ["12345678"]


def test_the_admin_does_not_show_secrets(enrolled, verified_owner, django_user_model):
    boss = django_user_model.objects.create_superuser(email="boss@example.com", password="x")
    staff = Client()
    staff.force_login(boss)
    totp = Authenticator.objects.get(type=Authenticator.Type.TOTP)

    pages = [
        staff.get(reverse("admin:index")),
        staff.get(reverse("admin:accounts_user_change", args=[verified_owner.pk])),
        staff.get(reverse("admin:mfa_authenticator_changelist")),
        staff.get(reverse("admin:mfa_authenticator_change", args=[totp.pk])),
    ]

    assert [page.status_code for page in pages] == [200, 200, 200, 200]
    stored_secret = totp.data["secret"]
    for page in pages:
        html = page.content.decode()
        assert enrolled not in html
        assert stored_secret not in html
        assert '"secret"' not in html and "seed" not in html


def _check_with(env_updates: dict) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "MFA_"))}
    env.update(env_updates)
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=Path(__file__).resolve().parents[2],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


PRODUCTION = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "k" * 50,
    "DJANGO_ALLOWED_HOSTS": "example.org",
}


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (None, "MFA_ENCRYPTION_KEY must be set"),
        ("not-a-key", "MFA_ENCRYPTION_KEY entry 1 is not a valid key"),
    ],
)
def test_a_missing_or_bad_key_stops_the_site_from_starting(value, message):
    env = dict(PRODUCTION)
    if value is not None:
        env["MFA_ENCRYPTION_KEY"] = value
    result = _check_with(env)
    assert result.returncode != 0
    assert message in result.stderr


def test_a_good_key_starts_the_site():
    key = mfa_crypto.Fernet.generate_key().decode()
    result = _check_with({**PRODUCTION, "MFA_ENCRYPTION_KEY": key})
    assert "MFA_ENCRYPTION_KEY" not in result.stderr
