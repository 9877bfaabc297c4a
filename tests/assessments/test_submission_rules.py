"""One set of rules for a skills or readiness submission, shared by the HTML forms and
the API serializers (assessments.submissions)."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from assessments import submissions
from assessments.forms import SkillsForm
from assessments.models import Result
from guide.models import Career, Category
from guide.selectors import published_career
from tests.assessments.helpers import readiness_post
from tests.factory import make_assessable_career, make_career, make_category, make_question

pytestmark = pytest.mark.django_db


@pytest.fixture
def career():
    return make_assessable_career(title="Site Engineer")


def _errors(excinfo) -> dict:
    return excinfo.value.message_dict


def _all(career, rating=2):
    return [(cs.skill_id, rating) for cs in career.career_skills.all()]


def test_a_complete_skills_submission_gives_the_level_and_ratings(career):
    level = career.levels.all()[2]
    level_out, ratings = submissions.validate_skills(
        career=career, level_id=level.pk, ratings=_all(career, 3)
    )
    assert level_out == level
    assert ratings == {cs.skill_id: 3 for cs in career.career_skills.all()}


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        (lambda c, r: (c.levels.all()[0].pk + 10**6, r), "level", "Pick one of this career"),
        (lambda c, r: (c.levels.all()[0].pk, r + r[:1]), "ratings", "more than once"),
        (lambda c, r: (c.levels.all()[0].pk, r[1:]), "ratings", "missing"),
        (lambda c, r: (c.levels.all()[0].pk, r + [(10**9, 1)]), "ratings", "Not skills of"),
        (lambda c, r: (c.levels.all()[0].pk, [(r[0][0], 5)] + r[1:]), "ratings", "0 to 4"),
    ],
)
def test_a_faulty_skills_submission_is_refused_naming_the_field(career, change, field, words):
    level_id, ratings = change(career, _all(career))
    with pytest.raises(ValidationError) as excinfo:
        submissions.validate_skills(career=career, level_id=level_id, ratings=ratings)
    assert list(_errors(excinfo)) == [field]
    assert words in _errors(excinfo)[field][0]


def test_a_career_without_levels_cannot_be_assessed():
    career = make_career(title="Bare")
    with pytest.raises(ValidationError) as excinfo:
        submissions.validate_skills(career=career, level_id=1, ratings=[])
    assert list(_errors(excinfo)) == ["career"]


def test_the_skills_form_refuses_a_level_of_another_career_with_the_shared_rule(career):
    other = make_assessable_career(title="Other")
    data = {"submission_key": "0b5e1f0e-8c1a-4a57-9d7e-2f1c3d4b5a69"}
    data["level"] = other.levels.all()[0].pk
    data |= {f"skill_{cs.skill_id}": 2 for cs in career.career_skills.all()}
    form = SkillsForm(data, career=career)
    assert not form.is_valid()
    assert "Pick one of this career" in form.errors["level"][0]


def test_a_readiness_submission_must_answer_each_question_once_with_its_options(career):
    q1, q2 = make_question(), make_question()
    questions = [q1, q2]
    o1, o2 = q1.options.all()[0], q2.options.all()[1]
    assert submissions.validate_readiness(
        career=career, questions=questions, answers=[(q1.pk, o1.pk), (q2.pk, o2.pk)]
    ) == {q1.pk: o1.pk, q2.pk: o2.pk}
    for answers, words in [
        ([(q1.pk, o1.pk)], "missing"),
        ([(q1.pk, o1.pk), (q2.pk, o2.pk), (q1.pk, o1.pk)], "more than once"),
        ([(q1.pk, o1.pk), (q2.pk, o1.pk)], "Pick one of each question"),
        ([(q1.pk, o1.pk), (q2.pk, o2.pk), (10**9, 1)], "Not questions"),
    ]:
        with pytest.raises(ValidationError) as excinfo:
            submissions.validate_readiness(career=career, questions=questions, answers=answers)
        assert words in _errors(excinfo)["answers"][0]


def test_readiness_questions_worth_no_points_are_a_form_error_not_a_crash(owner, career):
    make_question(points=(0, 0))
    client = Client()
    client.force_login(owner)
    response = readiness_post(client, career)
    assert response.status_code == 400
    assert "no readiness questions" in response.content.decode()
    assert not Result.objects.exists()


def test_published_career_is_the_one_door_for_a_slug(career):
    draft = make_career(title="Draft", status=Career.Status.DRAFT)
    assert published_career(slug=career.slug) == career
    assert published_career(slug=draft.slug) is None
    assert published_career(slug="nul\x00byte") is None
    assert published_career(slug="x" * 500) is None


def test_categories_with_published_careers_leave_out_drafts_only_categories():
    shown, hidden = make_category(name="Shown"), make_category(name="Hidden")
    make_career(title="Live", category=shown)
    make_career(title="Hidden draft", category=hidden, status=Career.Status.DRAFT)
    make_career(title="Live two", category=shown)
    assert list(Category.objects.with_published_careers()) == [shown]
    page = Client().get(reverse("guide:career-list")).content.decode()
    assert "Shown" in page and "Hidden" not in page


def test_the_skills_page_for_a_draft_is_404(career):
    Career.objects.filter(pk=career.pk).update(status=Career.Status.DRAFT)
    assert Client().get(reverse("assessments:skills", args=[career.slug])).status_code == 404
