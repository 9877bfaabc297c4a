"""A draft guide set to publish at a time goes live when `publish_due` runs after it."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from guide.history import career_revisions
from guide.models import Career
from guide.publishing import publish_due
from tests.factory import make_full_guide
from tests.forms import form_data

pytestmark = pytest.mark.django_db

NOW = timezone.now()


def draft(title, *, due, **fields):
    return make_full_guide(title=title, status=Career.Status.DRAFT, publish_at=due, **fields)


def test_a_due_draft_is_published_and_recorded(client):
    career = draft("Cloud Engineer", due=NOW - timedelta(minutes=5))
    later = draft("Platform Engineer", due=NOW + timedelta(days=1))
    by_hand = draft("Systems Engineer", due=None)
    assert client.get(career.get_absolute_url()).status_code == 404

    out = StringIO()
    call_command("publish_due", stdout=out)
    assert "cloud-engineer: published" in out.getvalue()

    career.refresh_from_db()
    assert career.is_published and career.publish_at is None
    assert client.get(career.get_absolute_url()).status_code == 200
    assert career_revisions(career).first().comment.startswith("Published on schedule")
    for other in (later, by_hand):
        other.refresh_from_db()
        assert other.status == Career.Status.DRAFT
    assert publish_due(now=NOW) == []  # nothing left that is due


def test_a_due_draft_whose_figures_contradict_stays_a_draft_and_says_why():
    career = draft("Cloud Engineer", due=NOW - timedelta(minutes=5), median_salary_usd=400000)
    out = StringIO()
    with pytest.raises(CommandError, match="1 due guide"):
        call_command("publish_due", stdout=out)
    assert "cloud-engineer: not published:" in out.getvalue()
    assert "level table" in out.getvalue()
    career.refresh_from_db()
    assert career.status == Career.Status.DRAFT
    assert career.publish_at is not None


def test_a_publisher_sets_the_time_in_the_admin_but_not_on_a_published_guide(publisher_client):
    career = make_full_guide(title="Cloud Engineer")
    url = reverse("admin:guide_career_change", args=[career.pk])
    data = form_data(publisher_client.get(url).content.decode(), "career_form")
    data.update({"publish_at_0": "2030-01-01", "publish_at_1": "09:00:00"})
    response = publisher_client.post(url, data)
    assert response.status_code == 200
    assert "already published; clear the publish time" in response.content.decode()

    data["status"] = Career.Status.DRAFT
    assert publisher_client.post(url, data).status_code == 302
    career.refresh_from_db()
    assert career.status == Career.Status.DRAFT
    assert timezone.localtime(career.publish_at).year == 2030
