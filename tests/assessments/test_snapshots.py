"""A saved result reads exactly the same after staff edit, reorder or delete the guide."""

import pytest
from django.test import Client

from assessments.models import Question, Result
from guide.models import Career, CareerSkill, Skill
from tests.assessments.helpers import rate_all, readiness_post, skills_post
from tests.factory import make_assessable_career, make_question

pytestmark = pytest.mark.django_db


def page_text(client, result):
    response = client.get(result.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_skills_result_survives_edits_and_deletions(owner):
    client = Client()
    client.force_login(owner)
    career = make_assessable_career(title="Cloud Engineer")
    first = career.career_skills.first()
    old_name = first.skill.name
    skills_post(client, career, ratings=rate_all(career, 1))
    result = Result.objects.get()
    before_items, before_score = result.items, result.score

    Skill.objects.filter(pk=first.skill_id).update(name="Renamed skill")
    CareerSkill.objects.filter(career=career).update(importance=1, expected_proficiency=0, order=99)
    career.levels.update(title="Changed level")
    CareerSkill.objects.filter(pk=first.pk).delete()

    result.refresh_from_db()
    assert result.items == before_items
    assert result.score == before_score
    text = page_text(client, result)
    assert old_name in text and "Renamed skill" not in text
    assert "Mid Cloud Engineer" in text and "Changed level" not in text


def test_result_survives_the_career_being_deleted(owner):
    client = Client()
    client.force_login(owner)
    career = make_assessable_career(title="Cloud Engineer")
    skills_post(client, career, ratings=rate_all(career, 2))
    result = Result.objects.get()
    Career.objects.filter(pk=career.pk).delete()
    result.refresh_from_db()
    assert result.career is None
    assert "Cloud Engineer" in page_text(client, result)


def test_readiness_result_survives_question_edits_and_deletions(owner):
    client = Client()
    client.force_login(owner)
    career = make_assessable_career(title="Cloud Engineer")
    question = make_question(text="Original question?")
    readiness_post(client, career)
    result = Result.objects.get()
    Question.objects.filter(pk=question.pk).update(text="Edited question?")
    question.options.update(label="Edited answer", points=0)
    assert "Original question?" in page_text(client, result)
    Question.objects.all().delete()
    result.refresh_from_db()
    text = page_text(client, result)
    assert "Original question?" in text and "Answer worth 4" in text
    assert float(result.score) == 100.0
