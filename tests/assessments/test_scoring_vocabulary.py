"""One vocabulary for scoring: the result page marks and caps exactly what the scoring
constants say, and the 0-4 scale has one set of labels."""

import re

import pytest
from django.core.cache import cache

from assessments import scoring
from assessments.forms import SkillsForm
from guide.models import Proficiency
from tests.assessments.helpers import rate_all, readiness_post, skills_post
from tests.factory import make_assessable_career, make_dimension, make_question

pytestmark = pytest.mark.django_db


def test_the_result_page_marks_weak_areas_by_the_scoring_threshold(owner_client, monkeypatch):
    career = make_assessable_career(title="Ops Engineer")
    make_question(dimension=make_dimension(name="Projects"), points=(0, 6, 10))
    # Choosing the middle answer scores the area 60 %.
    response = readiness_post(owner_client, career, choose=lambda options: options[1])
    page = owner_client.get(response["Location"]).content.decode()
    assert page.count('class="is-gap"') == 1  # 60 % is under the usual 70 %

    monkeypatch.setattr(scoring, "WEAK_DIMENSION_BELOW", 50)
    cache.clear()  # a new threshold arrives with a deploy, which starts from an empty cache
    page = owner_client.get(response["Location"]).content.decode()
    assert 'class="is-gap"' not in page
    assert "below 50%" in page


def test_the_result_page_lists_as_many_gaps_as_the_scoring_cap(owner_client, monkeypatch):
    career = make_assessable_career(title="Web Engineer", skills=8)
    response = skills_post(owner_client, career, ratings=rate_all(career, 0))
    monkeypatch.setattr(scoring, "MAX_SKILL_GAPS", 2)
    page = owner_client.get(response["Location"]).content.decode()
    gap_list = re.search(r'<ol class="gap-list">(.*?)</ol>', page, re.S).group(1)
    assert gap_list.count("<li>") == 2


def test_the_scale_has_one_set_of_labels():
    career = make_assessable_career(title="Net Engineer", skills=1)
    form = SkillsForm(career=career)
    field = next(f for name, f in form.fields.items() if name.startswith("skill_"))
    assert [label for _value, label in field.choices] == [
        f"{p.value} — {p.anchor}" for p in Proficiency
    ]
    assert career.career_skills.get().expected_label == Proficiency(3).label


def test_the_api_documents_the_ratings_in_the_forms_words(client):
    schema = client.get("/api/v1/schema/", headers={"Accept": "application/json"}).json()
    rating = schema["components"]["schemas"]["RatingInputRequest"]["properties"]["rating"]
    for level in Proficiency:
        assert level.rating_label in rating["description"]


def test_each_skill_on_the_form_says_its_importance_out_of_the_scale(client):
    career = make_assessable_career(title="Ops Engineer", skills=1)
    page = client.get(f"/assessments/{career.slug}/skills/").content.decode()
    importance = career.career_skills.get().importance
    assert (
        f"importance {importance}\n        of 5" in page
        or f"importance {importance} of 5" in " ".join(page.split())
    )


def test_forms_tell_screen_readers_where_they_are(client):
    career = make_assessable_career(title="Ops Engineer", skills=3)
    make_question(dimension=make_dimension(name="Projects"), points=(0, 6, 10))
    make_question(dimension=make_dimension(name="Network"), points=(0, 5))
    skills = " ".join(client.get(f"/assessments/{career.slug}/skills/").content.decode().split())
    assert [f"Skill {n} of 3:" in skills for n in (1, 2, 3)] == [True, True, True]
    readiness = client.get(f"/assessments/{career.slug}/readiness/").content.decode()
    assert "Question 1 of 2:" in readiness and "Question 2 of 2:" in readiness
