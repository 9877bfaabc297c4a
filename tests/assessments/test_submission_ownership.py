"""A submission key never hands the caller a result that belongs to someone else."""

import threading
import time
import uuid

import pytest
from django.db import connection, transaction
from django.test import Client

from assessments import services
from assessments.models import Plan, Result
from guide.models import Career
from tests.assessments.helpers import rate_all, skills_post
from tests.factory import make_assessable_career


def _waiting_on_a_lock() -> bool:
    """PostgreSQL: some other connection of this database is blocked on a row lock."""
    if connection.vendor != "postgresql":
        return False
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity "
            "WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )
        return cursor.fetchone()[0] > 0


@pytest.mark.django_db(transaction=True)
def test_two_users_racing_on_one_key_each_get_their_own_result(owner, outsider):
    """The outsider's insert holds the key uncommitted while the owner's request checks
    for it (sees nothing), then inserts and waits on the unique index; the outsider
    commits and the owner's insert fails. The owner must still get a result of their own."""
    career = make_assessable_career(title="Cloud Engineer")
    level = career.levels.all()[1]
    key = uuid.uuid4()
    inserted, release = threading.Event(), threading.Event()
    outcome = {}

    def outsider_holds_the_key():
        try:
            with transaction.atomic():
                fresh = Career.objects.prefetch_related("career_skills__skill").get(pk=career.pk)
                services.result_create_skills(
                    user=outsider,
                    career=fresh,
                    level=level,
                    ratings=rate_all(fresh, 0),
                    submission_key=key,
                )
                inserted.set()
                release.wait(10)
        finally:
            inserted.set()
            connection.close()

    def owner_submits():
        try:
            fresh = Career.objects.prefetch_related("career_skills__skill").get(pk=career.pk)
            outcome["owner"] = services.result_create_skills(
                user=owner,
                career=fresh,
                level=level,
                ratings=rate_all(fresh, 4),
                submission_key=key,
            )
        except Exception as exc:  # noqa: BLE001 - reported by the assertion below
            outcome["error"] = exc
        finally:
            connection.close()

    first = threading.Thread(target=outsider_holds_the_key)
    first.start()
    assert inserted.wait(10)
    second = threading.Thread(target=owner_submits)
    second.start()
    # PostgreSQL: wait until the owner's insert is blocked on the key. SQLite serialises
    # writers at BEGIN, so the owner simply waits there; give it a moment to arrive.
    deadline = time.monotonic() + (5 if connection.vendor == "postgresql" else 0.3)
    while time.monotonic() < deadline and not _waiting_on_a_lock():
        time.sleep(0.02)
    release.set()
    first.join()
    second.join()

    assert "error" not in outcome, outcome.get("error")
    result, created = outcome["owner"]
    assert created
    assert result.user_id == owner.pk
    assert float(result.score) == 100.0
    assert Result.objects.filter(user=outsider).count() == 1
    assert Result.objects.get(user=outsider).submission_key == key


@pytest.mark.django_db
def test_a_visitor_reusing_another_visitors_key_gets_a_result_of_their_own():
    career = make_assessable_career(title="Cloud Engineer")
    first, second = Client(), Client()
    response = skills_post(first, career, ratings=rate_all(career, 0))
    theirs = Result.objects.get()
    key = str(theirs.submission_key)

    response = skills_post(second, career, ratings=rate_all(career, 4), key=key)

    assert response.status_code == 302
    assert response["Location"] != theirs.get_absolute_url()
    assert second.get(theirs.get_absolute_url()).status_code == 404
    mine = Result.objects.exclude(pk=theirs.pk).get()
    assert float(mine.score) == 100.0
    assert second.get(mine.get_absolute_url()).status_code == 200


@pytest.mark.django_db
def test_a_plan_names_its_career_but_not_its_owners_email(owner):
    career = make_assessable_career(title="Cloud Engineer")
    plan = Plan.objects.create(user=owner, career=career)

    assert "Cloud Engineer" in str(plan)
    assert owner.email not in str(plan)
    assert "owner" not in str(plan)
