"""`make run` loads the shipped content on every start; staff edits must survive it.

Each test runs the load commands exactly as the Makefile's `run` target does (flags
read from the Makefile), then edits as staff would, then runs them again.
"""

import shlex
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from assessments.models import Dimension, Question, Resource
from guide.models import Career, Skill
from tests.forms import form_data

pytestmark = pytest.mark.django_db

MAKEFILE = Path(settings.BASE_DIR) / "Makefile"


def make_run_loads() -> list[list[str]]:
    """The `manage.py load_*` commands of the Makefile's run target, with their flags."""
    commands, inside = [], False
    for line in MAKEFILE.read_text(encoding="utf-8").splitlines():
        if line.startswith("run:"):
            inside = True
            continue
        if inside and not line.startswith("\t"):
            break
        if inside and "manage.py load_" in line:
            words = shlex.split(line.split("manage.py", 1)[1])
            commands.append(words)
    assert [c[0] for c in commands] == ["load_guides", "load_assessments"]
    return commands


def make_run():
    """What `make run` does before it starts the server (the database is migrated)."""
    out = StringIO()
    for name, *args in make_run_loads():
        call_command(name, *args, stdout=out)
    return out.getvalue()


def admin_save(client, url, **changes):
    data = form_data(client.get(url).content.decode(), changes.pop("_form"))
    data.update(changes, _save="Save")
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]


def test_make_run_after_staff_rename_delete_and_slug_change_keeps_their_work(
    publisher_client, admin_client, client
):
    make_run()
    assert Career.objects.published().count() == 6
    careers, skills = Career.objects.count(), Skill.objects.count()

    # Staff rename a shared skill, delete a guide and move another to a new address.
    skill = Skill.objects.get(name="Core programming")
    admin_save(
        publisher_client,
        reverse("admin:guide_skill_change", args=[skill.pk]),
        _form="skill_form",
        name="Programming in a main language",
    )
    # Deleting a guide also deletes its readiness questions, so it takes a superuser.
    doomed = Career.objects.get(slug="cloud-engineer")
    response = admin_client.post(
        reverse("admin:guide_career_delete", args=[doomed.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    moved = Career.objects.get(slug="amazon-engineer")
    admin_save(
        publisher_client,
        reverse("admin:guide_career_change", args=[moved.pk]),
        _form="career_form",
        slug="amazon-software-engineer",
    )

    make_run()  # must not raise: the server only starts when this succeeds
    make_run()

    assert Career.objects.count() == careers - 1
    assert not Career.objects.filter(slug="cloud-engineer").exists()
    assert not Career.objects.filter(slug="amazon-engineer").exists()
    assert Career.objects.filter(slug="amazon-software-engineer").count() == 1
    assert Skill.objects.count() == skills
    skill.refresh_from_db()
    assert skill.name == "Programming in a main language"
    assert not Skill.objects.filter(name__iexact="Core programming").exists()
    assert client.get("/careers/amazon-software-engineer/").status_code == 200
    assert client.get("/careers/cloud-engineer/").status_code == 404


def test_update_after_staff_edits_rewrites_content_without_undoing_them(publisher_client):
    make_run()
    Skill.objects.filter(name="Core programming").update(name="Coding")
    Career.objects.filter(slug="cloud-engineer").delete()
    Career.objects.filter(slug="amazon-engineer").update(
        slug="amazon-sde", median_salary_usd=1, status=Career.Status.DRAFT
    )

    call_command("load_guides", "--update", stdout=StringIO())

    amazon = Career.objects.get(slug="amazon-sde")
    assert amazon.median_salary_usd == 135980  # content rewritten from the file
    assert amazon.status == Career.Status.DRAFT  # ... but not published again
    assert amazon.career_skills.filter(skill__name="Coding").exists()
    assert not Career.objects.filter(slug__in=["cloud-engineer", "amazon-engineer"]).exists()
    assert Career.objects.count() == 5
    # Links from other guides follow the moved guide; none points at the deleted one.
    platform = Career.objects.get(slug="platform-engineer")
    assert platform.related_links.filter(related_career=amazon).exists()
    assert set(amazon.related_links.values_list("related_career__slug", flat=True)) == {
        "aws-solutions-architect",
        "infrastructure-engineer",
        "platform-engineer",
        "systems-engineer",
    }


def test_loading_never_publishes_a_guide_staff_unpublished(publisher_client, client):
    make_run()
    career = Career.objects.get(slug="systems-engineer")
    response = publisher_client.post(
        reverse("admin:guide_career_changelist"),
        {"action": "unpublish", "_selected_action": [career.pk]},
    )
    assert response.status_code == 302

    make_run()
    call_command("load_guides", stdout=StringIO())
    call_command("load_guides", "--update", stdout=StringIO())

    career.refresh_from_db()
    assert career.status == Career.Status.DRAFT
    assert client.get(career.get_absolute_url()).status_code == 404


def test_loading_without_publish_creates_drafts():
    call_command("load_guides", stdout=StringIO())
    assert Career.objects.count() == 6
    assert Career.objects.published().count() == 0


def test_a_deleted_guide_comes_back_only_when_restored():
    make_run()
    Career.objects.filter(slug="cloud-engineer").delete()
    make_run()
    assert not Career.objects.filter(slug="cloud-engineer").exists()

    out = StringIO()
    call_command("load_guides", "--restore", "cloud-engineer", stdout=out)
    restored = Career.objects.get(slug="cloud-engineer")
    assert restored.status == Career.Status.DRAFT
    assert restored.career_skills.count() >= 8
    assert "1 created" in out.getvalue()


def test_make_run_keeps_staff_edits_to_readiness_content():
    make_run()
    questions, resources = Question.objects.count(), Resource.objects.count()

    question = Question.objects.order_by("pk").first()
    question.text = "Rewritten by staff?"
    question.save()
    Question.objects.order_by("pk").last().delete()
    Resource.objects.order_by("pk").first().delete()
    Dimension.objects.filter(slug="network").update(slug="people-you-know", name="People")
    Skill.objects.filter(name="Technical communication").update(name="Writing")
    Career.objects.filter(slug="amazon-engineer").update(slug="amazon-sde")

    make_run()
    assert Question.objects.filter(text="Rewritten by staff?").count() == 1
    call_command("load_assessments", "--update", stdout=StringIO())

    # --update rewrites the text from the file, in the same row; nothing comes back.
    assert Question.objects.count() == questions - 1
    assert Resource.objects.count() == resources - 1
    assert Question.objects.get(pk=question.pk).text != "Rewritten by staff?"
    assert Dimension.objects.count() == 6
    assert Dimension.objects.get(slug="people-you-know").name == "People"
    assert not Dimension.objects.filter(slug="network").exists()
    assert Resource.objects.filter(skill__name="Writing").exists()
    assert Question.objects.filter(career__slug="amazon-sde").exists()
