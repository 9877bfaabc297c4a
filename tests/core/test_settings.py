"""The site refuses to start with insecure or broken configuration, in one clear line."""

import base64
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GOOD_KEY = "k" * 20 + "-production-secret-value-0123456789"


def run_check(**env_overrides):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    env.pop("REDIS_URL", None)
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "CRITICAL"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("env", "variable"),
    [
        ({"DJANGO_DEBUG": "0", "DJANGO_ALLOWED_HOSTS": "example.org"}, "DJANGO_SECRET_KEY"),
        (
            {"DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": "short", "DJANGO_ALLOWED_HOSTS": "x.org"},
            "DJANGO_SECRET_KEY",
        ),
        (
            {
                "DJANGO_DEBUG": "0",
                "DJANGO_SECRET_KEY": "django-insecure-" + "x" * 40,
                "DJANGO_ALLOWED_HOSTS": "x.org",
            },
            "DJANGO_SECRET_KEY",
        ),
        ({"DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": GOOD_KEY}, "DJANGO_ALLOWED_HOSTS"),
        ({"DJANGO_DEBUG": "maybe"}, "DJANGO_DEBUG"),
        ({"DATABASE_URL": "not a url"}, "DATABASE_URL"),
        ({"REDIS_URL": "http://localhost"}, "REDIS_URL"),
        ({"DJANGO_CSRF_TRUSTED_ORIGINS": "example.org"}, "DJANGO_CSRF_TRUSTED_ORIGINS"),
        ({"EMAIL_HOST": "smtp.example.org", "EMAIL_PORT": "twenty"}, "EMAIL_PORT"),
    ],
)
def test_bad_configuration_is_refused_in_one_line_naming_the_variable(env, variable):
    result = run_check(**env)
    assert result.returncode != 0
    message = result.stderr.strip()
    assert "Traceback" not in message
    assert len(message.splitlines()) == 1
    assert message.startswith("Configuration error:")
    assert variable in message


def test_production_configuration_with_a_real_key_and_hosts_starts(tmp_path):
    result = run_check(
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=GOOD_KEY,
        DJANGO_ALLOWED_HOSTS="careers.example.org",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        MFA_ENCRYPTION_KEY=base64.urlsafe_b64encode(b"m" * 32).decode(),
    )
    assert result.returncode == 0, result.stderr
