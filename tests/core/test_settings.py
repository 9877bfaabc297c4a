"""The site refuses to start with insecure or broken configuration, in one clear line."""

import base64
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GOOD_KEY = "k" * 20 + "-production-secret-value-0123456789"


def bare_env() -> dict[str, str]:
    """This process's environment without any of the site's own settings."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    env.pop("REDIS_URL", None)
    return env


def run_check(fail_level="CRITICAL", **env_overrides):
    env = bare_env()
    env["DJANGO_DEBUG"] = "1"  # each case names DJANGO_DEBUG=0 when it means production
    env.update(env_overrides)
    return run_manage(env, "check", "--deploy", "--fail-level", fail_level)


def run_manage(env, *args):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
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


PRODUCTION = {
    "DJANGO_SECRET_KEY": GOOD_KEY,
    "DJANGO_ALLOWED_HOSTS": "careers.example.org",
    "MFA_ENCRYPTION_KEY": base64.urlsafe_b64encode(b"m" * 32).decode(),
}


def production_env(tmp_path, **overrides):
    env = bare_env()
    env.update(PRODUCTION, DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}", **overrides)
    return env


def test_debug_is_off_unless_asked_for_so_the_development_key_is_refused(tmp_path):
    env = production_env(tmp_path)
    env.pop("DJANGO_SECRET_KEY")
    result = run_manage(env, "check")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr

    env["DJANGO_SECRET_KEY"] = "django-insecure-local-development-key-do-not-use-in-production"
    result = run_manage(env, "check")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_the_deploy_check_is_clean_at_warning_level_under_production_settings(tmp_path):
    result = run_manage(production_env(tmp_path), "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_turning_a_hardening_default_off_is_a_choice_the_deploy_check_accepts(tmp_path):
    env = production_env(
        tmp_path,
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_HSTS_PRELOAD="0",
        DJANGO_HSTS_INCLUDE_SUBDOMAINS="0",
    )
    result = run_manage(env, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr


def _setting(env, expression):
    code = f"from django.conf import settings; print({expression})"
    result = run_manage(env, "shell", "--no-imports", "-c", code)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_production_hsts_is_a_year_with_subdomains_and_preload(tmp_path):
    env = production_env(tmp_path)
    values = _setting(
        env,
        "settings.SECURE_HSTS_SECONDS, settings.SECURE_HSTS_INCLUDE_SUBDOMAINS, "
        "settings.SECURE_HSTS_PRELOAD",
    )
    assert values == "31536000 True True"


def test_without_redis_production_workers_share_the_database_cache(tmp_path):
    """Several workers with per-process caches served a guide after it was unpublished."""
    env = production_env(tmp_path)
    backend = _setting(env, "settings.CACHES['default']['BACKEND']")
    assert backend == "django.core.cache.backends.db.DatabaseCache"
    assert run_manage(env, "migrate", "--noinput").returncode == 0
    assert run_manage(env, "createcachetable").returncode == 0
    # One process writes, another reads: the same value, as two workers would see it.
    write = run_manage(
        env, "shell", "--no-imports", "-c", "from django.core.cache import cache; cache.set('k', 7)"
    )
    assert write.returncode == 0, write.stderr
    assert _setting(env, "__import__('django.core.cache').core.cache.cache.get('k')") == "7"


def test_a_connection_pool_is_configured_from_the_environment():
    env = bare_env()
    env.update(
        DJANGO_DEBUG="1",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/anything",
        DATABASE_POOL_MAX_SIZE="8",
        DATABASE_POOL_MIN_SIZE="2",
    )
    script = (
        "import django, json; django.setup(); from django.conf import settings;"
        "db = settings.DATABASES['default'];"
        "print(json.dumps([db['OPTIONS']['pool'], db['CONN_MAX_AGE']]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "careerguide.settings"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    pool, max_age = __import__("json").loads(result.stdout)
    assert pool == {"min_size": 2, "max_size": 8, "timeout": 10}
    assert max_age == 0  # a pool replaces persistent connections


def test_a_pool_without_postgresql_is_refused_in_one_line():
    result = run_check(DATABASE_POOL_MAX_SIZE="4")
    assert result.returncode != 0
    assert "DATABASE_POOL_MAX_SIZE needs a PostgreSQL DATABASE_URL" in result.stderr
