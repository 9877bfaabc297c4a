"""The shipped guides load from guide/content/, idempotently, never clobbering staff edits."""

import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from guide.loader import CONTENT_DIR
from guide.models import (
    Career,
    CareerLevel,
    CareerSkill,
    KeyFact,
    ShippedContent,
    Skill,
    Step,
)

RELATED = {
    "aws-solutions-architect",
    "cloud-engineer",
    "infrastructure-engineer",
    "platform-engineer",
    "systems-engineer",
}

pytestmark = pytest.mark.django_db


def load(*args):
    out = StringIO()
    call_command("load_guides", *args, stdout=out)
    return out.getvalue()


def test_loading_creates_the_amazon_engineer_guide_with_its_figures():
    summary = load("--publish")
    assert summary.startswith("Guides: 6 created, 0 updated, 0 unchanged;")
    career = Career.objects.published().get(slug="amazon-engineer")
    # May 2025 OEWS median for software developers; BLS 2024–34 projections.
    assert career.median_salary_usd == 135980
    assert (career.growth_outlook_pct, career.growth_period) == (15, "2024–34")
    assert career.annual_openings == 129200
    assert (career.salary_low_usd, career.salary_high_usd) == (82460, 214670)
    levels = list(
        career.levels.values_list("title", "salary_low_usd", "salary_high_usd", "pay_basis")
    )
    assert levels == [
        ("Junior Amazon Engineer", 180000, 280000, "total"),
        ("Amazon Engineer", 250000, 400000, "total"),
        ("Senior Amazon Engineer", 350000, 550000, "total"),
        ("Lead Amazon Engineer", None, None, ""),  # not an Amazon level: no pay
        ("Principal Amazon Engineer", 500000, None, "total"),
    ]
    assert career.steps.count() == 7
    assert set(career.key_facts.values_list("kind", flat=True)) == set(KeyFact.Kind.values)
    assert set(career.related_links.values_list("related_career__slug", flat=True)) == RELATED


@pytest.mark.parametrize("slug", sorted(RELATED))
def test_every_related_career_is_a_real_guide(slug):
    load("--publish")
    career = Career.objects.published().get(slug=slug)
    assert career.summary
    assert career.median_salary_usd
    assert career.responsibilities.count() >= 5
    assert career.career_skills.count() >= 8
    assert career.steps.count() >= 4
    assert career.levels.count() >= 3
    assert career.faqs.count() >= 4
    assert career.sources.count() >= 1
    assert career.key_facts.filter(source__isnull=False).count() >= 3


def test_skills_are_shared_between_careers():
    load()
    shared = Skill.objects.get(name="Infrastructure as code")
    assert shared.career_skills.count() >= 3


def test_second_run_changes_nothing():
    load()
    counts = (Career.objects.count(), Skill.objects.count(), CareerSkill.objects.count())
    summary = load()
    assert summary.startswith("Guides: 0 created, 0 updated, 6 unchanged; skills: 0 created")
    assert (Career.objects.count(), Skill.objects.count(), CareerSkill.objects.count()) == counts


def test_staff_edits_survive_a_plain_reload_and_update_restores_the_file():
    load()
    career = Career.objects.get(slug="amazon-engineer")
    career.median_salary_usd = 123456
    career.save()
    first_step = career.steps.first()
    first_step.title = "Edited by staff"
    first_step.save()
    career.levels.last().delete()

    load()
    career.refresh_from_db()
    assert career.median_salary_usd == 123456
    assert career.steps.first().title == "Edited by staff"
    assert career.levels.count() == 4

    summary = load("--update")
    assert "6 updated" in summary
    career.refresh_from_db()
    assert career.median_salary_usd == 135980
    assert career.levels.count() == 5
    # Matched parts keep their ids, so anything that points at a step still does.
    assert Step.objects.get(pk=first_step.pk).title != "Edited by staff"


def test_a_guide_never_loaded_before_is_created_without_touching_the_others():
    load()
    # As if cloud-engineer.toml were new in this release: no row, no record of a load.
    Career.objects.filter(slug="cloud-engineer").delete()
    ShippedContent.objects.filter(kind="guide.career", key="cloud-engineer").delete()
    Career.objects.filter(slug="amazon-engineer").update(title="Renamed by staff")
    summary = load()
    assert summary.startswith("Guides: 1 created, 0 updated, 5 unchanged;")
    assert Career.objects.get(slug="amazon-engineer").title == "Renamed by staff"
    assert Career.objects.filter(slug="cloud-engineer").exists()


def test_check_validates_without_saving():
    out = load("--check")
    assert out.startswith("Content OK: 6 guides.")
    assert Career.objects.count() == 0


@pytest.fixture
def content_copy(tmp_path, settings):
    target = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, target)
    return target


def write_broken(directory: Path, text: str):
    (directory / "zz-broken.toml").write_text(text, encoding="utf-8")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('slug = "x"\ntitle = "X"\nsummary = "s"\nbogus = 1\n', "unknown field(s) bogus"),
        ('slug = "x"\ntitle = "X"\nsummary = "s"\n[[skills]]\nname = "Juggling"\n', "Juggling"),
        (
            'slug = "x"\ntitle = "X"\nsummary = "s"\n[[skills]]\nname = "Core programming"\n'
            "importance = 9\n",
            "importance",
        ),
        ('slug = "x"\ntitle = "X"\nsummary = "s"\n[[related]]\nslug = "nope"\n', "nope"),
        ('slug = "x"\ntitle = = "X"\n', "not valid TOML"),
        ('slug = "x"\nsummary = "s"\n', "title"),
    ],
)
def test_a_broken_file_is_refused_with_a_message_and_nothing_saved(content_copy, text, message):
    from guide.loader import ContentError, load_guides

    write_broken(content_copy, text)
    with pytest.raises(ContentError) as excinfo:
        load_guides(content_dir=content_copy)
    assert message in str(excinfo.value)
    assert Career.objects.count() == 0
    assert CareerLevel.objects.count() == 0


def test_command_reports_a_broken_file_as_a_command_error(content_copy, monkeypatch):
    import guide.loader

    write_broken(content_copy, 'slug = "x"\ntitle = = "X"\n')
    monkeypatch.setattr(guide.loader, "CONTENT_DIR", content_copy)
    with pytest.raises(CommandError, match="zz-broken.toml"):
        call_command("load_guides", stdout=StringIO())
