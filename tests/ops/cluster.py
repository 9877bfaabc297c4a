"""Two real app instances (gunicorn, production settings) behind HAProxy with
deploy/haproxy.cfg, sharing one PostgreSQL database and one Redis: the set-up
docs/deploy.md describes, started on one machine for tests/ops/test_two_instances.py.

The database is a copy of the suite's migrated test database (PostgreSQL's CREATE
DATABASE ... TEMPLATE, about a second) with the Amazon Engineer guide and one staff
account loaded by the project's own commands.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
import requests
from cryptography.fernet import Fernet

REPO = Path(__file__).resolve().parents[2]
BALANCER_CONFIG = REPO / "deploy" / "haproxy.cfg"
GUIDE_SLUG = "amazon-engineer"
STAFF_EMAIL = "staff@cluster.test"
PASSWORD = "cluster-test-password-42"
_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')

_SETUP = f"""
from django.contrib.auth import get_user_model
from django.core.management import call_command

call_command("load_guides", only="{GUIDE_SLUG}", publish=True, verbosity=0)
get_user_model().objects.create_superuser(email="{STAFF_EMAIL}", password="{PASSWORD}")
"""


class ClusterUnavailable(Exception):
    """Something the cluster needs (PostgreSQL, Redis, HAProxy) is not there."""


def free_ports(count: int) -> list[int]:
    """CLUSTER_PORT_BASE, +1, +2 ... when set (machines with assigned port ranges);
    otherwise ports the kernel reports free."""
    base = os.environ.get("CLUSTER_PORT_BASE", "").strip()
    if base:
        return [int(base) + offset for offset in range(count)]
    sockets = [socket.socket() for _ in range(count)]
    try:
        for sock in sockets:
            sock.bind(("127.0.0.1", 0))
        return [sock.getsockname()[1] for sock in sockets]
    finally:
        for sock in sockets:
            sock.close()


def csrf_token(html: str) -> str:
    match = _CSRF.search(html)
    assert match, "the page has no CSRF token"
    return match.group(1)


@dataclass
class Instance:
    name: str
    port: int
    log: Path
    process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def get(self, path: str, **kwargs) -> requests.Response:
        """A request straight to this instance, as the balancer sends it (https ended)."""
        headers = {"X-Forwarded-Proto": "https", **kwargs.pop("headers", {})}
        with requests.Session() as session:
            session.trust_env = False  # no proxy from the environment for 127.0.0.1
            return session.get(self.url + path, headers=headers, timeout=10, **kwargs)

    def kill(self) -> None:
        """SIGKILL to gunicorn's master and workers at once: a machine that dies."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)


@dataclass
class Cluster:
    database: str
    db_settings: dict
    redis_url: str
    workdir: Path
    instances: list[Instance] = field(default_factory=list)
    balancer: subprocess.Popen | None = None
    https_port: int = 0
    http_port: int = 0
    ca_file: Path | None = None

    @property
    def url(self) -> str:
        return f"https://127.0.0.1:{self.https_port}"

    def browser(self) -> requests.Session:
        """A client of the balancer that trusts its test certificate and keeps cookies."""
        session = requests.Session()
        session.trust_env = False  # else REQUESTS_CA_BUNDLE or a proxy from the environment wins
        session.verify = str(self.ca_file)
        return session

    def instance(self, name: str) -> Instance:
        return next(i for i in self.instances if i.name == name)

    def other_than(self, name: str) -> Instance:
        return next(i for i in self.instances if i.name != name)

    def sql(self, query: str, *params):
        with psycopg.connect(**conninfo(self.db_settings, self.database)) as conn:
            return conn.execute(query, params).fetchall()

    # Start and stop.

    def env(self, **extra: str) -> dict[str, str]:
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("DJANGO_", "GUNICORN_", "PYTEST", "DATABASE_", "REDIS_"))
        }
        user = self.db_settings["USER"]
        host, port = self.db_settings["HOST"] or "127.0.0.1", self.db_settings["PORT"] or 5432
        password = f":{self.db_settings['PASSWORD']}" if self.db_settings.get("PASSWORD") else ""
        env.update(
            DJANGO_SETTINGS_MODULE="careerguide.settings",
            DJANGO_DEBUG="0",
            DJANGO_SECRET_KEY=self._secret_key,
            DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
            MFA_ENCRYPTION_KEY=self._mfa_key,
            DATABASE_URL=f"postgres://{user}{password}@{host}:{port}/{self.database}",
            REDIS_URL=self.redis_url,
            ACCOUNT_EMAIL_VERIFICATION="none",
            ALLAUTH_TRUSTED_PROXY_COUNT="1",
            # The burst below is one member sending many results quickly: lift the limits
            # that would (rightly) refuse that in production.
            ASSESSMENT_SUBMIT_RATE="100000/minute",
            ASSESSMENT_DAILY_RESULTS_MAX="100000",
            API_THROTTLE_USER="100000/minute",
            LOG_FORMAT="json",
            **extra,
        )
        return env

    def start(self) -> None:
        self._secret_key = secrets.token_urlsafe(50)
        self._mfa_key = Fernet.generate_key().decode()
        https, http, *app_ports = free_ports(4)
        self.https_port, self.http_port = https, http
        self.instances = [
            Instance(name=f"app{n}", port=port, log=self.workdir / f"app{n}.log")
            for n, port in enumerate(app_ports, start=1)
        ]
        # Static files (production reads their manifest) and the content, side by side.
        collect = None
        if not _static_up_to_date():
            collect = subprocess.Popen(
                [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
                cwd=REPO,
                env=self.env(),
            )
        _run([sys.executable, "manage.py", "shell", "-c", _SETUP], env=self.env())
        if collect is not None and collect.wait(timeout=120) != 0:
            raise RuntimeError("collectstatic failed")
        for instance in self.instances:
            log = instance.log.open("w")
            instance.process = subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "careerguide.wsgi"],
                cwd=REPO,
                env=self.env(
                    GUNICORN_BIND=f"127.0.0.1:{instance.port}",
                    # One process with threads: concurrency for the burst, one Django start-up.
                    GUNICORN_WORKERS="1",
                    GUNICORN_THREADS="4",
                    GUNICORN_TIMEOUT="20",
                    GUNICORN_GRACEFUL_TIMEOUT="2",
                ),
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group, so kill() takes the workers too
            )
        for instance in self.instances:
            _wait_until(lambda i=instance: i.get("/healthz").status_code == 200, instance)
        self._start_balancer()

    def _start_balancer(self) -> None:
        cert, key, pem = (self.workdir / name for name in ("cert.pem", "key.pem", "site.pem"))
        _run(
            [
                "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
                "-keyout", str(key), "-out", str(cert),
            ],
            env=os.environ.copy(),
        )  # fmt: skip
        pem.write_text(cert.read_text() + key.read_text())
        self.ca_file = cert
        env = dict(
            os.environ,
            CG_HTTPS_BIND=f"127.0.0.1:{self.https_port}",
            CG_HTTP_BIND=f"127.0.0.1:{self.http_port}",
            CG_TLS_PEM=str(pem),
            CG_SITE_HOST="localhost",
            CG_APP1=f"127.0.0.1:{self.instances[0].port}",
            CG_APP2=f"127.0.0.1:{self.instances[1].port}",
        )
        self.balancer_log = self.workdir / "haproxy.log"
        self.balancer = subprocess.Popen(
            [shutil.which("haproxy"), "-db", "-f", str(BALANCER_CONFIG)],
            env=env,
            stdout=self.balancer_log.open("w"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        browser = self.browser()

        def answers():
            if self.balancer.poll() is not None:
                raise RuntimeError("haproxy exited:\n" + self.balancer_log.read_text()[-2000:])
            try:
                return browser.get(self.url + "/healthz", timeout=5).status_code == 200
            except requests.ConnectionError:
                return False

        _wait_until(answers, None)

    def stop(self) -> None:
        processes = [self.balancer] + [i.process for i in self.instances]
        for process in processes:
            if process is not None and process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in processes:
            if process is None:
                continue
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)


def _static_up_to_date() -> bool:
    """Whether var/static holds a manifest newer than every file of static/ and the pinned
    requirements (which fix the packages' own static files): collecting takes seconds."""
    manifest = REPO / "var" / "static" / "staticfiles.json"
    if not manifest.exists():
        return False
    sources = [REPO / "requirements.txt", *(p for p in (REPO / "static").rglob("*") if p.is_file())]
    return manifest.stat().st_mtime > max(p.stat().st_mtime for p in sources)


def conninfo(db_settings: dict, dbname: str) -> dict:
    info = {
        "dbname": dbname,
        "user": db_settings["USER"],
        "host": db_settings["HOST"] or "127.0.0.1",
        "port": db_settings["PORT"] or 5432,
        "autocommit": True,
    }
    if db_settings.get("PASSWORD"):
        info["password"] = db_settings["PASSWORD"]
    return info


def copy_database(db_settings: dict, *, template: str, name: str) -> None:
    """A new database from `template` (nobody may be connected to it meanwhile)."""
    try:
        with psycopg.connect(**conninfo(db_settings, "postgres")) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            try:
                conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
            except psycopg.errors.ObjectInUse:
                # A connection an earlier test left open (a live server's thread, say).
                conn.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    " WHERE datname = %s AND pid <> pg_backend_pid()",
                    (template,),
                )
                conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    except psycopg.OperationalError as error:
        raise ClusterUnavailable(f"PostgreSQL: {error}") from None


def drop_database(db_settings: dict, name: str) -> None:
    with psycopg.connect(**conninfo(db_settings, "postgres")) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _run(command: list[str], *, env: dict) -> None:
    done = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, timeout=120)
    if done.returncode != 0:
        raise RuntimeError(f"{command[:3]} failed:\n{done.stdout}\n{done.stderr}")


def _wait_until(ready, instance: Instance | None, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if instance is not None and instance.process.poll() is not None:
            raise RuntimeError(f"{instance.name} exited:\n{instance.log.read_text()[-3000:]}")
        try:
            if ready():
                return
        except requests.ConnectionError:
            pass
        time.sleep(0.2)
    raise RuntimeError("not answering after 30 s")
