"""Skill-specific level anchors: what each level 0–4 looks like for one skill.

Staff write them in the admin (inline on the skill) or ship them in guide/content/
catalog.toml; the skills-gap form words each skill's rating choices with them and falls
back to the generic anchors (guide.models.Proficiency) for any level without one."""

import html as html_lib
import re
from io import StringIO
from textwrap import dedent

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from guide import loader
from guide.models import Proficiency, ShippedContent, Skill, SkillAnchor
from tests.assessments.helpers import rate_all, skills_post
from tests.assessments.test_admin import admin_form
from tests.factory import add_skill, make_assessable_career

pytestmark = pytest.mark.django_db

OWN = {
    0: "Never opened a terminal.",
    1: "Runs commands copied from a guide.",
    2: "Writes small shell scripts for own chores.",
    3: "Debugs other people's failing scripts.",
    4: "Sets the scripting conventions of a team.",
}


def form_url(career) -> str:
    return reverse("assessments:skills", args=[career.slug])


def choice_labels(html: str, field_name: str) -> list[str]:
    """The visible text of each rating choice of one skill, lowest level first."""
    block = re.search(
        rf'<fieldset[^>]*id="fs-{field_name}".*?</fieldset>', html, flags=re.DOTALL
    ).group(0)
    return [
        " ".join(html_lib.unescape(text).split())
        for text in re.findall(r'<span class="scale-label">(.*?)</span>', block, re.DOTALL)
    ]


def anchor_all(skill, texts=OWN):
    for level, text in texts.items():
        SkillAnchor.objects.create(skill=skill, level=level, text=text)


def test_the_form_words_a_skills_choices_with_its_own_anchors(client):
    career = make_assessable_career(title="Shell Wrangler", skills=2)
    described, plain = [cs.skill for cs in career.career_skills.all()]
    anchor_all(described)

    html = client.get(form_url(career)).content.decode()

    assert choice_labels(html, f"skill_{described.pk}") == list(OWN.values())
    assert choice_labels(html, f"skill_{plain.pk}") == list(Proficiency.anchors().values())
    assert "Each level below is described for this skill." in html


def test_a_level_without_its_own_anchor_falls_back_to_the_generic_one(client):
    career = make_assessable_career(title="Shell Wrangler", skills=1)
    skill = career.career_skills.get().skill
    anchor_all(skill, {2: OWN[2]})

    labels = choice_labels(client.get(form_url(career)).content.decode(), f"skill_{skill.pk}")

    generic = Proficiency.anchors()
    assert labels == [generic[0], generic[1], OWN[2], generic[3], generic[4]]


def test_the_note_says_when_only_some_levels_are_described(client):
    career = make_assessable_career(title="Shell Wrangler", skills=1)
    anchor_all(career.career_skills.get().skill, {0: OWN[0], 4: OWN[4]})

    html = client.get(form_url(career)).content.decode()

    assert "Some levels below are described for this skill" in html
    assert "Each level below is described" not in html


def test_a_skill_without_anchors_shows_no_note(client):
    career = make_assessable_career(title="Shell Wrangler", skills=2)

    html = client.get(form_url(career)).content.decode()

    assert "described for this skill" not in html


def test_ratings_given_against_own_anchors_are_scored_as_before(owner_client):
    career = make_assessable_career(title="Shell Wrangler", skills=2)
    anchor_all(career.career_skills.first().skill)

    response = skills_post(owner_client, career, ratings=rate_all(career, 3))

    assert response.status_code == 302
    assert owner_client.get(response["Location"]).status_code == 200


def form_queries(client, career) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(form_url(career)).status_code == 200
    return len(ctx.captured_queries)


def test_the_form_reads_every_skills_anchors_in_one_query(client):
    small = make_assessable_career(title="Small", skills=2)
    large = make_assessable_career(title="Large", skills=12)
    for career in (small, large):
        for cs in career.career_skills.all():
            anchor_all(cs.skill)

    # Visitor: session, career, its skills, its levels, the skills' anchors (one query).
    assert form_queries(client, small) == form_queries(client, large)


# --- admin -----------------------------------------------------------------------------------


def test_an_editor_writes_a_skills_anchors_inline_and_the_form_shows_them(editor_client, client):
    career = make_assessable_career(title="Shell Wrangler", skills=1)
    skill = career.career_skills.get().skill
    url = reverse("admin:guide_skill_change", args=[skill.pk])
    data = admin_form(editor_client, url, "skill_form")
    data.update(
        {
            "anchors-TOTAL_FORMS": "1",
            "anchors-0-level": "3",
            "anchors-0-text": "Fixes scripts that break in other people's hands.",
        }
    )

    response = editor_client.post(url, data)

    assert response.status_code == 302, response.content.decode()[:2000]
    assert list(skill.anchors.values_list("level", "text")) == [
        (3, "Fixes scripts that break in other people's hands.")
    ]
    labels = choice_labels(client.get(form_url(career)).content.decode(), f"skill_{skill.pk}")
    assert labels[3] == "Fixes scripts that break in other people's hands."


def test_the_admin_refuses_two_anchors_for_one_level(editor_client):
    skill = add_skill(make_assessable_career(skills=0), name="Bash").skill
    url = reverse("admin:guide_skill_change", args=[skill.pk])
    data = admin_form(editor_client, url, "skill_form")
    data.update({"anchors-TOTAL_FORMS": "2"})
    for i in range(2):
        data |= {f"anchors-{i}-level": "1", f"anchors-{i}-text": f"Text {i}"}

    response = editor_client.post(url, data)

    assert response.status_code == 200
    assert not skill.anchors.exists()


# --- loader ----------------------------------------------------------------------------------

CATALOG = dedent(
    """
    [[skills]]
    name = "Shell scripting"
    kind = "technical"
    description = "Automating chores in the shell."
    anchors = [
      "Never opened a terminal.",
      "Runs commands copied from a guide.",
      "",
      "Debugs other people's failing scripts.",
      "Sets the scripting conventions of a team.",
    ]

    [[skills]]
    name = "Listening"
    kind = "soft"
    """
)


@pytest.fixture
def content_dir(tmp_path, monkeypatch):
    (tmp_path / "catalog.toml").write_text(CATALOG, encoding="utf-8")
    monkeypatch.setattr(loader, "CONTENT_DIR", tmp_path)
    return tmp_path


def load(*args) -> str:
    out = StringIO()
    call_command("load_guides", *args, stdout=out)
    return out.getvalue().strip()


def own_anchors(name="Shell scripting") -> dict[int, str]:
    return dict(SkillAnchor.objects.filter(skill__name=name).values_list("level", "text"))


def test_the_loader_ships_anchors_and_a_second_load_changes_nothing(content_dir):
    first = load()
    SkillAnchor.objects.filter(level=1).update(text="Edited by staff.")
    second = load()

    assert first.endswith("skill anchors: 4 created, 0 updated.")
    assert second.endswith("skill anchors: 0 created, 0 updated.")
    assert own_anchors() == {
        0: "Never opened a terminal.",
        1: "Edited by staff.",
        3: "Debugs other people's failing scripts.",
        4: "Sets the scripting conventions of a team.",
    }  # the empty text leaves level 2 to the generic anchor
    assert own_anchors("Listening") == {}
    levels = Skill.objects.get(name="Shell scripting").level_anchors()
    assert levels[2] == Proficiency(2).anchor


def test_update_rewrites_the_shipped_texts(content_dir):
    load()
    SkillAnchor.objects.filter(level=1).update(text="Edited by staff.")

    summary = load("--update")

    assert summary.endswith("skill anchors: 0 created, 4 updated.")
    assert own_anchors()[1] == "Runs commands copied from a guide."


def test_an_anchor_staff_deleted_stays_deleted(content_dir):
    load()
    SkillAnchor.objects.get(level=4).delete()

    summary = load("--update")

    assert 4 not in own_anchors()
    assert "skill anchor shell-scripting:4" in summary
    assert ShippedContent.objects.filter(kind="guide.skillanchor").count() == 4


def test_an_anchor_staff_typed_before_is_adopted_not_duplicated(content_dir):
    skill = Skill.objects.create(name="Shell scripting", slug="shell-scripting")
    SkillAnchor.objects.create(skill=skill, level=0, text="Typed by staff.")

    load()

    assert own_anchors()[0] == "Typed by staff."
    assert SkillAnchor.objects.get(level=0).content_key == "shell-scripting:0"


@pytest.mark.parametrize(
    ("anchors", "message"),
    [
        ('["one", "two"]', "catalog.toml skill 'Shell scripting': anchors must list 5 texts"),
        ('"all levels"', "catalog.toml skill 'Shell scripting': anchors must list 5 texts"),
        ('["a", "b", "c", "d", 4]', "anchors must list 5 texts"),
        ('["a", "b", "c", "d", "' + "x" * 301 + '"]', "anchors[4]: text: Ensure this value"),
    ],
)
def test_a_bad_anchors_field_is_refused_with_the_place_and_saves_nothing(
    content_dir, anchors, message
):
    start = CATALOG.index("anchors = [")
    end = CATALOG.index("\n]\n", start) + 2
    catalog = CATALOG[:start] + f"anchors = {anchors}" + CATALOG[end:]
    (content_dir / "catalog.toml").write_text(catalog, encoding="utf-8")

    with pytest.raises(CommandError, match=re.escape(message)):
        load()

    assert not Skill.objects.exists() and not SkillAnchor.objects.exists()


def test_the_shipped_catalog_describes_every_level_of_the_amazon_engineers_key_skills():
    """Issue 11: anchors ship for every Amazon Engineer skill of importance 4 and 5."""
    load("--publish")

    key_skills = Skill.objects.filter(
        career_skills__career__slug="amazon-engineer", career_skills__importance__gte=4
    )
    assert key_skills.count() >= 10
    for skill in key_skills.prefetch_related("anchors"):
        assert sorted(a.level for a in skill.anchors.all()) == Proficiency.values, skill.name
