"""The readiness content loader and its command (docs/assessment-content-format.md):
what a file creates, that a second load changes nothing, what --update and --check do,
and that a bad file is refused with the place of the mistake and nothing saved."""

import re
from io import StringIO
from textwrap import dedent

import pytest
from django.core.management import CommandError, call_command

from assessments import loader
from assessments.models import Dimension, Option, Question, Resource
from guide.loader import ContentError, skill_key
from tests.factory import make_career, make_skill

pytestmark = pytest.mark.django_db

CONTENT = dedent(
    """
    [[dimensions]]
    slug = "projects-portfolio"
    name = "Projects"
    order = 1
    description = "Things you built."
    advice = "Build one thing and show it."
    step_keywords = "project, portfolio"

    [[questions]]
    key = "projects-1"
    dimension = "projects-portfolio"
    text = "Have you shipped a project others use?"
    help_text = "Count work projects too."
    options = [
      { label = "Not yet", points = 0 },
      { label = "One", points = 2 },
      { label = "Several", points = 4 },
    ]

    [[questions]]
    key = "cloud-1"
    dimension = "projects-portfolio"
    career = "cloud-engineer"
    text = "Have you deployed to a cloud?"
    options = [{ label = "No", points = 0 }, { label = "Yes", points = 3 }]

    [[resources]]
    key = "build-a-cli"
    title = "Build a command-line tool"
    kind = "project"
    description = "A small tool that solves your own problem."
    dimension = "projects-portfolio"

    [[resources]]
    key = "networking-book"
    title = "A networking book"
    kind = "book"
    url = "https://example.com/networking"
    description = "Read the chapters on routing."
    skill = "Networking"
    career = "cloud-engineer"
    """
)


@pytest.fixture
def content(tmp_path):
    """The file above, with a guide and a catalog skill for it to point at."""
    make_career(title="Cloud Engineer")
    skill = make_skill(name="Networking")
    skill.content_key = skill_key("Networking")
    skill.save()
    path = tmp_path / "readiness.toml"
    path.write_text(CONTENT, encoding="utf-8")
    return path


def counts():
    return (
        Dimension.objects.count(),
        Question.objects.count(),
        Option.objects.count(),
        Resource.objects.count(),
    )


def test_a_file_creates_dimensions_questions_with_options_and_resources(content):
    before = counts()
    report = loader.load_assessments(path=content)

    assert (report.dimensions, report.questions, report.resources) == (1, 2, 2)
    assert [a - b for a, b in zip(counts(), before, strict=True)] == [1, 2, 5, 2]
    shipped = Question.objects.get(content_key="projects-1")
    assert shipped.dimension.slug == "projects-portfolio"
    assert shipped.career is None
    assert shipped.help_text == "Count work projects too."
    assert [(o.label, o.points) for o in shipped.options.order_by("order")] == [
        ("Not yet", 0),
        ("One", 2),
        ("Several", 4),
    ]
    assert Question.objects.get(content_key="cloud-1").career.slug == "cloud-engineer"
    book = Resource.objects.get(content_key="networking-book")
    assert (book.skill.name, book.career.slug, book.kind) == (
        "Networking",
        "cloud-engineer",
        "book",
    )
    assert Resource.objects.get(content_key="build-a-cli").dimension.slug == "projects-portfolio"


def test_a_second_load_creates_nothing_and_keeps_staff_edits(content):
    loader.load_assessments(path=content)
    before = counts()
    Question.objects.filter(content_key="projects-1").update(text="Edited by staff")

    report = loader.load_assessments(path=content)

    assert (report.dimensions, report.questions, report.resources, report.updated) == (0, 0, 0, 0)
    assert counts() == before
    assert Question.objects.get(content_key="projects-1").text == "Edited by staff"


def test_update_rewrites_content_but_not_a_dimensions_name(content):
    loader.load_assessments(path=content)
    Dimension.objects.filter(slug="projects-portfolio").update(name="Portfolio", advice="Old.")
    Question.objects.filter(content_key="projects-1").update(text="Edited by staff")
    options_before = Option.objects.count()

    report = loader.load_assessments(path=content, update=True)

    assert report.updated == 5  # one dimension, two questions, two resources
    dimension = Dimension.objects.get(slug="projects-portfolio")
    assert (dimension.name, dimension.advice) == ("Portfolio", "Build one thing and show it.")
    assert Question.objects.get(content_key="projects-1").text.startswith("Have you shipped")
    assert Option.objects.count() == options_before  # replaced, not added to


def test_a_question_staff_deleted_stays_deleted(content):
    loader.load_assessments(path=content)
    Question.objects.get(content_key="projects-1").delete()

    report = loader.load_assessments(path=content, update=True)

    assert not Question.objects.filter(content_key="projects-1").exists()
    assert "question projects-1" in report.left_deleted


TWO_OPTIONS = 'options = [{ label = "a", points = 0 }, { label = "b", points = 1 }]'
QUESTION = '\n[[questions]]\ntext = "Q?"\n'
RESOURCE = '\n[[resources]]\nkey = "z"\ntitle = "T"\n'
PROJECTS = 'dimension = "projects-portfolio"\n'


@pytest.mark.parametrize(
    ("mistake", "message"),
    [
        ('key = "projects-1"', "not valid TOML"),
        (QUESTION + 'key = "x"\n' + PROJECTS + 'options = [{ label = "Only", points = 0 }]',
         "questions[3]: a question needs at least two options"),
        (QUESTION + 'key = "projects-1"\n' + PROJECTS + TWO_OPTIONS,
         "questions[3]: a second entry with key 'projects-1'"),
        (QUESTION + 'key = "y"\ndimension = "nowhere"\n' + TWO_OPTIONS,
         "questions[3]: unknown dimension 'nowhere'"),
        (RESOURCE + 'kind = "book"', "resources[3]: give a skill or a dimension"),
        (RESOURCE + 'skill = "Juggling"', "resources[3]: skill 'Juggling' is not in the catalog"),
        (RESOURCE + PROJECTS + 'colour = "red"', "resources[3]: unknown field(s) colour"),
        (RESOURCE + PROJECTS + 'career = "no-such-guide"', "no career with slug 'no-such-guide'"),
    ],
)  # fmt: skip
def test_a_bad_file_is_refused_with_the_place_and_saves_nothing(content, mistake, message):
    content.write_text(CONTENT + mistake, encoding="utf-8")
    before = counts()

    with pytest.raises(ContentError, match=re.escape(message)):
        loader.load_assessments(path=content)

    assert counts() == before


def run(*args, **kwargs) -> str:
    out = StringIO()
    call_command("load_assessments", *args, stdout=out, **kwargs)
    return out.getvalue()


def test_command_loads_and_prints_a_one_line_summary(content, monkeypatch):
    monkeypatch.setattr(loader, "CONTENT_FILE", content)

    first = run()
    second = run()

    assert (
        first.strip() == "Assessments: 1 dimensions, 2 questions, 2 resources created; 0 updated."
    )
    assert second.strip().startswith("Assessments: 0 dimensions, 0 questions, 0 resources")
    assert run("--update").strip().endswith("5 updated.")


def test_command_check_validates_and_saves_nothing(content, monkeypatch):
    monkeypatch.setattr(loader, "CONTENT_FILE", content)
    before = counts()

    output = run("--check")

    assert output.startswith("Content OK. Assessments: 1 dimensions")
    assert counts() == before


def test_command_turns_a_bad_file_into_a_clear_error(content, monkeypatch):
    content.write_text(
        CONTENT.replace('slug = "projects-portfolio"', 'slug = ""'), encoding="utf-8"
    )
    monkeypatch.setattr(loader, "CONTENT_FILE", content)

    with pytest.raises(CommandError, match=r"dimensions\[1\]: missing required field 'slug'"):
        run("--check")
    assert Dimension.objects.filter(slug="projects-portfolio").count() == 0


def test_the_shipped_file_loads_on_top_of_the_shipped_guides():
    call_command("load_guides", "--publish", stdout=StringIO())

    output = run("--check")

    assert output.startswith("Content OK.")
    assert "Not loaded" not in output
