"""'Last reviewed' is an editor's explicit statement; 'last changed' moves with every save."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from guide.history import career_revisions
from tests.factory import make_full_guide
from tests.guide.test_history import history_url, save_in_admin

pytestmark = pytest.mark.django_db

OLD_REVIEW = date(2025, 3, 1)


@pytest.fixture
def guide():
    return make_full_guide(title="Amazon Engineer", last_reviewed=OLD_REVIEW)


def test_an_edit_without_the_box_leaves_last_reviewed_alone(guide, publisher_client):
    save_in_admin(publisher_client, guide, lambda data: data.update(median_salary_usd="112000"))
    guide.refresh_from_db()
    assert guide.last_reviewed == OLD_REVIEW
    assert timezone.localtime(guide.updated_at).date() == timezone.localdate()


def test_the_last_reviewed_date_cannot_be_typed(guide, publisher_client):
    save_in_admin(publisher_client, guide, lambda data: data.update(last_reviewed="2026-01-01"))
    guide.refresh_from_db()
    assert guide.last_reviewed == OLD_REVIEW


def test_i_checked_the_figures_sets_today_and_the_history_records_it(guide, publisher_client):
    page = publisher_client.get(reverse("admin:guide_career_change", args=[guide.pk]))
    assert "I checked the figures" in page.content.decode()
    save_in_admin(publisher_client, guide, lambda data: None)  # the first revision
    save_in_admin(publisher_client, guide, lambda data: data.update(figures_checked="on"))
    save_in_admin(publisher_client, guide, lambda data: None)  # a later save keeps the statement
    guide.refresh_from_db()
    today = timezone.localdate()
    assert guide.last_reviewed == today
    checked = list(career_revisions(guide))[1]  # newest first
    assert "I checked the figures" in checked.get_comment()
    text = publisher_client.get(history_url(guide)).content.decode()
    assert f"<del>{OLD_REVIEW.isoformat()}</del> → <ins>{today.isoformat()}</ins>" in text


def test_the_guide_page_shows_last_checked_and_last_changed_apart(guide, publisher_client, client):
    save_in_admin(publisher_client, guide, lambda data: data.update(median_salary_usd="112000"))
    guide.refresh_from_db()
    text = client.get(guide.get_absolute_url()).content.decode()
    assert (
        'Figures last checked by an editor\n        <time datetime="2025-03-01">1 March 2025</time>'
        in text
    )
    changed = timezone.localtime(guide.updated_at).date()
    assert f'Last changed <time datetime="{changed.isoformat()}">' in text
