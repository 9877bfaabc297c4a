"""scripts/backup and scripts/restore: a backup of a database with a published guide and a
member's results, restored into a new database, holds every row of every table, and the
site's sequences carry on where they stopped.

PostgreSQL only (pg_dump); skipped on SQLite, failed instead under CLUSTER_REQUIRE=1 (.ci/run).
"""

import os
import shutil
import subprocess
import uuid

import psycopg
import pytest
from django.db import connection

from assessments import services
from core.pagecache import content_version
from tests.factory import make_assessable_career, make_full_guide
from tests.ops.cluster import REPO, conninfo, drop_database

pytestmark = pytest.mark.django_db(transaction=True)  # pg_dump reads only committed rows

# Every table with its rows as text, in a stable order: equal digests, equal data.
TABLE_DIGEST = """
SELECT md5(coalesce(string_agg(row_text, E'\\n' ORDER BY row_text), ''))
FROM (SELECT t::text AS row_text FROM {table} AS t) AS rows
"""


def _database_url(settings: dict, name: str) -> str:
    password = f":{settings['PASSWORD']}" if settings.get("PASSWORD") else ""
    host, port = settings["HOST"] or "127.0.0.1", settings["PORT"] or 5432
    return f"postgres://{settings['USER']}{password}@{host}:{port}/{name}"


def _snapshot(settings: dict, name: str) -> dict[str, tuple[int, str]]:
    """Each table's row count and digest, and each sequence's last value."""
    with psycopg.connect(**conninfo(settings, name)) as conn:
        tables = [
            row[0]
            for row in conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"
            )
        ]
        state = {}
        for table in tables:
            (count,) = conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()  # noqa: S608
            (digest,) = conn.execute(TABLE_DIGEST.format(table=f'"{table}"')).fetchone()
            state[table] = (count, digest)
        for (sequence,) in conn.execute(
            "SELECT sequencename FROM pg_sequences WHERE schemaname = 'public'"
        ).fetchall():
            (last,) = conn.execute(f'SELECT last_value FROM "{sequence}"').fetchone()  # noqa: S608
            state[f"sequence {sequence}"] = (last, "")
    return state


def _run(*command: str, env: dict | None = None) -> str:
    done = subprocess.run(
        command, cwd=REPO, env={**os.environ, **(env or {})}, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture
def postgres():
    settings = connection.settings_dict
    if settings["ENGINE"] != "django.db.backends.postgresql" or not shutil.which("pg_dump"):
        reason = "backups are pg_dump archives: this needs PostgreSQL (DATABASE_URL) and pg_dump"
        if os.environ.get("CLUSTER_REQUIRE") == "1":
            pytest.fail(f"CLUSTER_REQUIRE=1 but {reason}")
        pytest.skip(reason)
    return settings


def test_a_restored_backup_holds_every_guide_member_and_result(postgres, owner, tmp_path):
    make_full_guide(title="Amazon Engineer")
    career = make_assessable_career(title="Data Engineer")
    level = career.levels.get(title="Senior Data Engineer")
    skills = [link.skill_id for link in career.career_skills.all()]
    for rating in (1, 2, 3):
        services.result_create_skills(
            user=owner,
            career=career,
            level=level,
            ratings=dict.fromkeys(skills, rating),
            submission_key=uuid.uuid4(),
        )
    source = postgres["NAME"]
    target = f"{source.removeprefix('test_')}_restored"
    backup = tmp_path / "site.dump"

    printed = _run(
        "scripts/backup", str(backup), env={"DATABASE_URL": _database_url(postgres, source)}
    )
    assert backup.exists() and f"to {backup}" in printed

    drop_database(postgres, target)
    with psycopg.connect(**conninfo(postgres, "postgres")) as admin:
        admin.execute(f'CREATE DATABASE "{target}"')
    version = content_version()
    try:
        restored_out = _run("scripts/restore", str(backup), _database_url(postgres, target))
        before, after = _snapshot(postgres, source), _snapshot(postgres, target)
        with psycopg.connect(**conninfo(postgres, target)) as restored:
            scores = restored.execute(
                "SELECT r.score FROM assessments_result r JOIN accounts_user u ON u.id = r.user_id"
                " WHERE u.email = %s ORDER BY r.id",
                (owner.email,),
            ).fetchall()
            guides = restored.execute(
                "SELECT title FROM guide_career WHERE status = 'published' ORDER BY title"
            ).fetchall()
        # A restore into a database that already has tables is refused, and changes nothing.
        refused = subprocess.run(
            ["scripts/restore", str(backup), _database_url(postgres, target)],
            cwd=REPO,
            capture_output=True,
            text=True,
        )
        assert refused.returncode == 1 and "restore into an empty one" in refused.stderr
        assert _snapshot(postgres, target) == after
    finally:
        drop_database(postgres, target)

    assert before == after
    if os.environ.get("REDIS_URL"):  # the instances' shared cache: a new content version
        assert "cached pages expired" in restored_out
        assert content_version() != version
    assert before["assessments_result"][0] == 3
    assert len(scores) == 3 and scores[0][0] < scores[2][0]
    assert {"Amazon Engineer", "Data Engineer"} <= {title for (title,) in guides}
