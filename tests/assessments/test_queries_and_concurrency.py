"""Pinned query counts for the result page; concurrent submissions by one user all land."""

import threading
import uuid

import pytest
from django.db import close_old_connections, connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from assessments import services
from assessments.models import Result
from guide.models import Career
from tests.assessments.helpers import rate_all, skills_post
from tests.factory import make_assessable_career


@pytest.mark.django_db
def test_result_page_runs_nine_queries_however_many_skills(owner):
    client = Client()
    client.force_login(owner)
    small = make_assessable_career(title="Small", skills=3)
    large = make_assessable_career(title="Large", skills=15)
    for career in (small, large):
        skills_post(client, career, ratings=rate_all(career, 1))
    for result in Result.objects.all():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(result.get_absolute_url()).status_code == 200
        # session (1), user (1), the result with its snapshot (1), the member's stamp for
        # the cached body's key (1); careers your skills fit: the careers assessed (1),
        # the newest analysis of each (1), those results (1), published careers (1) and
        # their skills (1). Shown again, from the cache: the first four only
        # (tests/assessments/test_member_fragments.py).
        assert len(ctx.captured_queries) == 9


@pytest.mark.django_db(transaction=True)
def test_concurrent_submissions_by_one_user_all_land(owner):
    career = make_assessable_career(title="Cloud Engineer")
    level = career.levels.all()[1]
    errors = []

    def submit():
        try:
            fresh = Career.objects.prefetch_related("career_skills__skill").get(pk=career.pk)
            services.result_create_skills(
                user=owner,
                career=fresh,
                level=level,
                ratings=rate_all(fresh, 2),
                submission_key=uuid.uuid4(),
            )
        except Exception as exc:  # noqa: BLE001 - collected and reported below
            errors.append(exc)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert Result.objects.filter(user=owner).count() == 6


@pytest.mark.django_db(transaction=True)
def test_the_same_form_arriving_twice_at_once_saves_one_result(owner):
    career = make_assessable_career(title="Cloud Engineer")
    level = career.levels.all()[1]
    key = uuid.uuid4()
    outcomes = []
    barrier = threading.Barrier(4)

    def submit():
        try:
            fresh = Career.objects.prefetch_related("career_skills__skill").get(pk=career.pk)
            barrier.wait()
            outcomes.append(
                services.result_create_skills(
                    user=owner,
                    career=fresh,
                    level=level,
                    ratings=rate_all(fresh, 2),
                    submission_key=key,
                )
            )
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert Result.objects.count() == 1
    assert len(outcomes) == 4
    assert sum(created for _result, created in outcomes) == 1
    assert {result.pk for result, _created in outcomes} == {Result.objects.get().pk}
