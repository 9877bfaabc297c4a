"""`manage.py purge_stale`: visitors' results never claimed, and expired sessions, go."""

from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from assessments.models import Result
from tests.assessments.helpers import rate_all, skills_post
from tests.factory import make_assessable_career

pytestmark = pytest.mark.django_db


def age(result, days):
    Result.objects.filter(pk=result.pk).update(created_at=timezone.now() - timedelta(days=days))


def test_purge_deletes_old_unclaimed_results_and_expired_sessions(settings, owner):
    settings.VISITOR_RESULT_RETENTION_DAYS = 30
    career = make_assessable_career(title="Cloud Engineer")
    visitor = Client()
    for _ in range(3):
        skills_post(visitor, career, ratings=rate_all(career, 2))
    old, old_too, recent = Result.objects.order_by("pk")
    age(old, 31)
    age(old_too, 400)
    age(recent, 29)
    member = Client()
    member.force_login(owner)
    skills_post(member, career, ratings=rate_all(career, 2))
    kept_for_owner = Result.objects.get(user=owner)
    age(kept_for_owner, 400)
    expired = SessionStore()
    expired.set_expiry(-60)
    expired.save()
    live = Session.objects.exclude(session_key=expired.session_key).count()

    out = StringIO()
    call_command("purge_stale", stdout=out)

    assert set(Result.objects.values_list("pk", flat=True)) == {recent.pk, kept_for_owner.pk}
    assert not Session.objects.filter(session_key=expired.session_key).exists()
    assert Session.objects.count() == live
    assert out.getvalue().strip() == (
        "Deleted 2 unclaimed visitor results older than 30 days and 1 expired session."
    )
    assert visitor.get(recent.get_absolute_url()).status_code == 200


def test_purge_with_nothing_to_do_says_so(settings):
    out = StringIO()
    call_command("purge_stale", stdout=out)

    assert out.getvalue().strip() == (
        "Deleted 0 unclaimed visitor results older than 30 days and 0 expired sessions."
    )
