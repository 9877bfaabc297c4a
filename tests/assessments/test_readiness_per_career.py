"""Readiness fits every career: a global question can be left out for a career whose guide
says it does not matter there, on the form and in the API alike; results taken before
keep their answers; the loader and the admin set it; every shipped guide has questions
of its own."""

import re
from io import StringIO
from textwrap import dedent

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from assessments import loader
from assessments.models import Question
from tests.api.conftest import assert_json_error, post_json, readiness_payload, token_client
from tests.assessments.helpers import readiness_post
from tests.assessments.test_admin import admin_form
from tests.factory import make_assessable_career, make_career, make_dimension, make_question

pytestmark = pytest.mark.django_db


@pytest.fixture
def careers():
    """Two careers sharing two global questions; the drill question is left out for one."""
    developer = make_assessable_career(title="Developer")
    sysadmin = make_assessable_career(title="Sysadmin")
    foundations = make_dimension(name="Foundations", order=1)
    make_question(dimension=foundations, text="Do you run Linux servers?", order=1)
    drills = make_question(dimension=foundations, text="Do you practise algorithm drills?", order=2)
    drills.left_out_for.add(sysadmin)
    return developer, sysadmin, drills


def form_html(client, career) -> str:
    response = client.get(reverse("assessments:readiness", args=[career.slug]))
    assert response.status_code == 200
    return response.content.decode()


def api_texts(client, career) -> list[str]:
    response = client.get(reverse("api:readiness-questions", args=[career.slug]))
    assert response.status_code == 200
    return [q["text"] for q in response.json()["questions"]]


def test_a_question_left_out_for_a_career_is_not_on_its_form(client, careers):
    developer, sysadmin, _ = careers

    assert "algorithm drills" not in form_html(client, sysadmin)
    assert "Do you run Linux servers?" in form_html(client, sysadmin)
    assert "algorithm drills" in form_html(client, developer)


def test_the_api_leaves_it_out_for_that_career_only(client, careers):
    developer, sysadmin, _ = careers

    assert api_texts(client, sysadmin) == ["Do you run Linux servers?"]
    assert api_texts(client, developer) == [
        "Do you run Linux servers?",
        "Do you practise algorithm drills?",
    ]


def test_the_form_scores_without_the_left_out_question(owner_client, owner, careers):
    _, sysadmin, drills = careers

    response = readiness_post(owner_client, sysadmin)

    assert response.status_code == 302
    result = owner.assessment_results.get()
    assert float(result.score) == 100.0
    assert drills.text not in owner_client.get(response["Location"]).content.decode()


def test_the_api_refuses_an_answer_to_the_left_out_question(owner, careers):
    _, sysadmin, drills = careers
    payload = readiness_payload(sysadmin)
    payload["answers"].append({"question": drills.pk, "option": drills.options.last().pk})

    body = assert_json_error(
        post_json(token_client(owner), reverse("api:result-create-readiness"), payload), 400
    )

    assert "Not questions for Sysadmin" in str(body)


def test_a_result_taken_before_the_question_was_left_out_still_shows_its_answer(
    owner_client, owner, careers
):
    developer, _, drills = careers
    response = readiness_post(owner_client, developer)
    drills.left_out_for.add(developer)

    page = owner_client.get(response["Location"])

    assert page.status_code == 200
    assert "Do you practise algorithm drills?" in page.content.decode()


# --- admin -----------------------------------------------------------------------------------


def test_staff_leave_a_global_question_out_for_a_career_in_the_admin(superuser_client, client):
    career = make_assessable_career(title="Sysadmin")
    question = make_question(text="Do you practise algorithm drills?")
    url = reverse("admin:assessments_question_change", args=[question.pk])
    data = admin_form(superuser_client, url, "question_form")
    data["left_out_for"] = [str(career.pk)]

    response = superuser_client.post(url, data)

    assert response.status_code == 302, response.content.decode()[:2000]
    assert list(question.left_out_for.all()) == [career]
    assert api_texts(client, career) == []


def test_the_admin_refuses_to_leave_out_a_question_that_belongs_to_one_career(
    superuser_client,
):
    own, other = make_assessable_career(title="Sysadmin"), make_career(title="Developer")
    question = make_question(career=own, text="Do you patch servers?")
    url = reverse("admin:assessments_question_change", args=[question.pk])
    data = admin_form(superuser_client, url, "question_form")
    data["left_out_for"] = [str(other.pk)]

    response = superuser_client.post(url, data)

    assert response.status_code == 200
    assert "Only a question asked for every career can be left out" in response.content.decode()
    assert not question.left_out_for.exists()


# --- loader ----------------------------------------------------------------------------------

CONTENT = dedent(
    """
    [[dimensions]]
    slug = "foundations"
    name = "Foundations"
    order = 1

    [[questions]]
    key = "drills"
    dimension = "foundations"
    left_out_for = ["sysadmin"]
    text = "Do you practise algorithm drills?"
    options = [{ label = "No", points = 0 }, { label = "Yes", points = 4 }]

    [[questions]]
    key = "sysadmin-patching"
    dimension = "foundations"
    career = "sysadmin"
    text = "Do you patch servers on a schedule?"
    options = [{ label = "No", points = 0 }, { label = "Yes", points = 4 }]
    """
)


@pytest.fixture
def content(tmp_path, monkeypatch):
    make_assessable_career(title="Sysadmin")
    make_assessable_career(title="Developer")
    path = tmp_path / "readiness.toml"
    path.write_text(CONTENT, encoding="utf-8")
    monkeypatch.setattr(loader, "CONTENT_FILE", path)
    return path


def load(*args) -> str:
    out = StringIO()
    call_command("load_assessments", *args, stdout=out)
    return out.getvalue().strip()


def left_out_slugs(key="drills") -> list[str]:
    question = Question.objects.get(content_key=key)
    return list(question.left_out_for.values_list("slug", flat=True))


def test_the_loader_leaves_a_question_out_once_and_is_idempotent(content):
    first = load()
    second = load()

    assert first.endswith("Questions left out for a career: 1.")
    assert second == "Assessments: 0 dimensions, 0 questions, 0 resources created; 0 updated."
    assert left_out_slugs() == ["sysadmin"]
    assert api_texts(Client(), Question.objects.get(content_key="sysadmin-patching").career) == [
        "Do you patch servers on a schedule?"
    ]


def test_the_loader_leaves_out_a_question_that_was_loaded_before(content):
    """A database loaded before the field existed gets the exclusion without --update."""
    content.write_text(CONTENT.replace('left_out_for = ["sysadmin"]\n', ""), encoding="utf-8")
    load()
    assert left_out_slugs() == []
    content.write_text(CONTENT, encoding="utf-8")

    load()

    assert left_out_slugs() == ["sysadmin"]


def test_an_exclusion_staff_removed_stays_removed(content):
    load()
    Question.objects.get(content_key="drills").left_out_for.clear()

    load("--update")

    assert left_out_slugs() == []


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            ('career = "sysadmin"\n', 'career = "sysadmin"\nleft_out_for = ["developer"]\n'),
            "readiness.toml questions[2]: left_out_for is for questions asked for every career",
        ),
        (
            ('left_out_for = ["sysadmin"]', 'left_out_for = ["nobody"]'),
            "readiness.toml questions[1] left_out_for: no career with slug 'nobody'",
        ),
        (
            ('left_out_for = ["sysadmin"]', 'left_out_for = "sysadmin"'),
            "readiness.toml questions[1]: left_out_for must be a list of guide slugs",
        ),
    ],
)
def test_a_bad_left_out_for_is_refused_with_the_place(content, change, message):
    content.write_text(CONTENT.replace(*change), encoding="utf-8")

    with pytest.raises(CommandError, match=re.escape(message)):
        load()

    assert not Question.objects.exists()


# --- shipped content -------------------------------------------------------------------------


@pytest.fixture
def shipped():
    call_command("load_guides", "--publish", stdout=StringIO())
    call_command("load_assessments", stdout=StringIO())


def shipped_keys(career_slug: str) -> set[str]:
    from guide.models import Career

    career = Career.objects.get(slug=career_slug)
    return set(Question.objects.for_career(career).values_list("content_key", flat=True))


def test_every_shipped_guide_has_readiness_questions_of_its_own(shipped):
    from guide.models import Career

    for career in Career.objects.published():
        assert career.readiness_questions.filter(active=True).exists(), career.slug


def test_systems_engineers_are_not_asked_about_algorithm_drills(shipped):
    assert "technical-foundations-2" not in shipped_keys("systems-engineer")
    assert "technical-foundations-2" in shipped_keys("amazon-engineer")
    assert "technical-foundations-2" in shipped_keys("infrastructure-engineer")
