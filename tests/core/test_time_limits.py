"""Every request's database time is bounded: PostgreSQL's statement_timeout and gunicorn's.

The database settings are read once per process, so each case starts a fresh
`manage.py shell` with its own environment (as tests/core/test_settings.py does).
"""

import os
import runpy
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from tests.core.test_settings import run_check

ROOT = Path(__file__).resolve().parents[2]
on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite has no statement timeout"
)

PROBE = """
import time
from django.db import OperationalError, connection
with connection.cursor() as cursor:
    cursor.execute("SHOW statement_timeout")
    print("timeout", cursor.fetchone()[0])
    started = time.monotonic()
    try:
        cursor.execute("SELECT pg_sleep(%s)", [float(SLEEP)])
        print("sleep finished")
    except OperationalError as exc:
        print("sleep cancelled:", exc)
    print("seconds", time.monotonic() - started)
"""


def run_probe(*, timeout_ms: str, sleep_s: float):
    env = {**os.environ, "DATABASE_STATEMENT_TIMEOUT_MS": timeout_ms}
    return subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", PROBE.replace("SLEEP", repr(sleep_s))],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


@on_postgresql
def test_a_statement_past_the_limit_is_cancelled():
    result = run_probe(timeout_ms="1500", sleep_s=6)
    assert result.returncode == 0, result.stderr
    assert "timeout 1500ms" in result.stdout
    assert "sleep cancelled: canceling statement due to statement timeout" in result.stdout
    seconds = float(result.stdout.split("seconds ")[1])
    assert 1.4 < seconds < 5  # cut off near the limit, long before the 6 s sleep ends


@on_postgresql
def test_a_statement_within_the_limit_finishes_and_zero_means_no_limit():
    within = run_probe(timeout_ms="3000", sleep_s=0.2)
    assert "timeout 3s" in within.stdout
    assert "sleep finished" in within.stdout

    unlimited = run_probe(timeout_ms="0", sleep_s=0.2)
    assert "timeout 0" in unlimited.stdout
    assert "sleep finished" in unlimited.stdout


@on_postgresql
@pytest.mark.django_db
def test_the_test_database_connection_has_the_configured_limit(settings):
    with connection.cursor() as cursor:
        cursor.execute("SELECT setting FROM pg_settings WHERE name = 'statement_timeout'")
        assert int(cursor.fetchone()[0]) == settings.DATABASE_STATEMENT_TIMEOUT_MS


@pytest.mark.parametrize("value", ["-1", "five seconds", "1.5"])
def test_a_bad_statement_timeout_is_refused_in_one_line(value):
    result = run_check(DATABASE_STATEMENT_TIMEOUT_MS=value)
    assert result.returncode != 0
    message = result.stderr.strip()
    assert len(message.splitlines()) == 1
    assert message.startswith("Configuration error:")
    assert "DATABASE_STATEMENT_TIMEOUT_MS" in message


def load_gunicorn_conf(monkeypatch, **env):
    for name in (
        "GUNICORN_BIND",
        "GUNICORN_WORKERS",
        "GUNICORN_TIMEOUT",
        "GUNICORN_GRACEFUL_TIMEOUT",
        "DATABASE_STATEMENT_TIMEOUT_MS",
    ):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(ROOT / "gunicorn.conf.py"))


def test_gunicorn_reads_its_limits_from_the_environment(monkeypatch):
    defaults = load_gunicorn_conf(monkeypatch)
    assert (defaults["timeout"], defaults["workers"], defaults["bind"]) == (
        30,
        3,
        "127.0.0.1:8000",
    )

    conf = load_gunicorn_conf(
        monkeypatch,
        GUNICORN_TIMEOUT="12",
        GUNICORN_WORKERS="5",
        GUNICORN_BIND="0.0.0.0:9000",
        GUNICORN_GRACEFUL_TIMEOUT="7",
        DATABASE_STATEMENT_TIMEOUT_MS="8000",
    )
    assert conf["timeout"] == 12
    assert conf["workers"] == 5
    assert conf["bind"] == "0.0.0.0:9000"
    assert conf["graceful_timeout"] == 7


@pytest.mark.parametrize(
    ("env", "named"),
    [
        ({"GUNICORN_TIMEOUT": "soon"}, "GUNICORN_TIMEOUT"),
        ({"GUNICORN_WORKERS": "0"}, "GUNICORN_WORKERS"),
        # the database would be allowed to outlast the worker
        ({"GUNICORN_TIMEOUT": "5", "DATABASE_STATEMENT_TIMEOUT_MS": "5000"}, "GUNICORN_TIMEOUT"),
    ],
)
def test_gunicorn_refuses_bad_limits(monkeypatch, env, named):
    with pytest.raises(SystemExit) as refused:
        load_gunicorn_conf(monkeypatch, **env)
    assert named in str(refused.value)


def test_gunicorn_finds_the_file_in_the_directory_it_starts_in():
    env = {**os.environ, "GUNICORN_TIMEOUT": "17", "DATABASE_STATEMENT_TIMEOUT_MS": "4000"}
    result = subprocess.run(
        [sys.executable, "-m", "gunicorn", "--print-config", "careerguide.wsgi"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    printed = dict(
        (name.strip(), value.strip())
        for name, _, value in (line.partition("=") for line in result.stdout.splitlines())
    )
    assert printed["timeout"] == "17"
    assert printed["graceful_timeout"] == "30"
