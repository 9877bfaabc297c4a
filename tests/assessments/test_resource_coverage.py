"""The shipped content recommends something for every skill that matters to a career: each
skill of importance 4 or 5 in any shipped guide has at least one learning resource that
applies to that career (a global one, or one for that career)."""

from io import StringIO
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.db.models import Q

from assessments.models import Resource
from guide.models import CareerSkill

pytestmark = pytest.mark.django_db

KEY_IMPORTANCE = 4  # issue 11: "every skill of importance 4 or 5 in any career"


@pytest.fixture
def shipped():
    call_command("load_guides", "--publish", stdout=StringIO())
    call_command("load_assessments", stdout=StringIO())


def uncovered() -> list[str]:
    missing = []
    key_skills = CareerSkill.objects.filter(importance__gte=KEY_IMPORTANCE).select_related(
        "career", "skill"
    )
    for cs in key_skills:
        applies = Resource.objects.filter(skill=cs.skill).filter(
            Q(career__isnull=True) | Q(career=cs.career)
        )
        if not applies.exists():
            missing.append(f"{cs.career.slug}: {cs.skill.name}")
    return missing


def test_every_key_skill_of_every_shipped_guide_has_a_resource(shipped):
    assert CareerSkill.objects.filter(importance__gte=KEY_IMPORTANCE).count() > 50
    assert uncovered() == []


def test_the_rule_notices_a_key_skill_without_one(shipped):
    """The check above can fail: take away one skill's resources and it names the gap."""
    Resource.objects.filter(skill__name="Composure under pressure").delete()

    assert "systems-engineer: Composure under pressure" in uncovered()


def test_every_shipped_resource_link_is_a_secure_absolute_address(shipped):
    for resource in Resource.objects.exclude(url=""):
        parts = urlsplit(resource.url)
        assert (parts.scheme, bool(parts.netloc)) == ("https", True), resource.title


def test_project_ideas_need_no_link_but_everything_else_has_one(shipped):
    unlinked = Resource.objects.filter(url="").exclude(kind=Resource.Kind.PROJECT)

    assert list(unlinked.values_list("title", flat=True)) == []
