"""A saved result's snapshot has one schema (assessments.snapshot), and rows saved
before the schema carried a version still read the same on the page and in the API."""

from datetime import UTC, datetime

import pytest
from django.urls import reverse

from assessments.models import Result
from assessments.snapshot import SNAPSHOT_VERSION, Snapshot
from tests.assessments.helpers import rate_all, skills_post
from tests.factory import make_assessable_career

pytestmark = pytest.mark.django_db

OLD_SKILL_ITEM = {
    "skill_id": 7,
    "name": "System design",
    "kind": "technical",
    "importance": 5,
    "expected": 3,
    "rating": 1,
    "match": 0.333,
    "shortfall": 2,
    "priority": 10,
    "match_pct": 33.3,
}
OLD_ADVICE = {
    "kind": "advice",
    "title": "Build up System design",
    "url": "/careers/gone/#skills",
    "detail": "",
    "subject": "System design",
    "why": "You rated System design 1 of 4; Senior expects 3.",
}


def test_a_new_result_stores_the_current_version_and_round_trips(owner_client):
    career = make_assessable_career(title="Build Engineer")
    skills_post(owner_client, career, ratings=rate_all(career, 1))
    result = Result.objects.get()
    assert result.snapshot_version == SNAPSHOT_VERSION
    snapshot = Snapshot.of(result)
    assert snapshot.target == result.target_level
    fields = snapshot.to_fields()
    assert fields["items"] == result.items
    assert fields["recommendations"] == result.recommendations


def test_an_old_row_reads_on_the_page_in_the_api_and_in_the_export(owner, owner_client):
    old = Result.objects.create(
        user=owner,
        career_title="Gone Engineer",
        career_slug="gone",
        kind=Result.Kind.SKILLS,
        target_level="Senior",
        score=33.3,
        items=[OLD_SKILL_ITEM | {"legacy_key": "ignored"}],
        recommendations=[OLD_ADVICE],
        guide_updated_at=datetime(2025, 1, 1, tzinfo=UTC),
    )
    page = owner_client.get(old.get_absolute_url())
    assert page.status_code == 200
    body = page.content.decode()
    assert "System design" in body and "Build up System design" in body

    api = owner_client.get(reverse("api:result-detail", args=[old.pk])).json()
    assert api["items"] == [OLD_SKILL_ITEM]
    assert api["recommendations"] == [OLD_ADVICE]


def test_a_snapshot_from_a_newer_version_is_refused_not_misread():
    with pytest.raises(ValueError):
        Snapshot.from_dict({"kind": "skills", "version": SNAPSHOT_VERSION + 1, "items": []})
