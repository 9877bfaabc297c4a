"""Taking the skills-gap analysis: form, result, bad input, double submit, owner-only."""

import pytest
from django.test import Client
from django.urls import reverse

from assessments.models import Resource, Result
from guide.models import Career
from tests.assessments.helpers import rate_all, skills_post, submission_key
from tests.factory import make_assessable_career

pytestmark = pytest.mark.django_db


def test_form_lists_every_skill_with_an_anchored_scale(client):
    career = make_assessable_career(title="Cloud Engineer", skills=4)
    body = client.get(reverse("assessments:skills", args=[career.slug])).content.decode()
    for cs in career.career_skills.all():
        assert cs.skill.name in body
    assert "0 — Never used it" not in body  # the label shows value and anchor separately
    assert "Never used it" in body and "Could teach it" in body
    assert "Senior Cloud Engineer" in body


def test_signed_in_user_gets_a_saved_result_with_gaps_and_reasons(client, owner):
    career = make_assessable_career(title="Cloud Engineer")
    weakest = career.career_skills.first()
    Resource.objects.create(
        title="Build a small service", kind="project", description="Ship it.", skill=weakest.skill
    )
    ratings = rate_all(career, 3) | {weakest.skill_id: 1}
    client.force_login(owner)

    response = skills_post(client, career, ratings=ratings)
    result = Result.objects.get()
    assert response.status_code == 302
    assert response["Location"] == result.get_absolute_url()
    assert result.user == owner
    assert result.target_level == "Mid Cloud Engineer"
    # importance 5,4,3 with matches 1/3, 1, 1 → (5/3 + 4 + 3) / 12 = 72.2 %
    assert float(result.score) == 72.2

    page = client.get(result.get_absolute_url()).content.decode()
    assert "72%" in page and "Close" in page
    assert f"you rated {weakest.skill.name} 1 of 4; Mid Cloud Engineer expects 3" in page.replace(
        "You rated", "you rated"
    )
    assert "Build a small service" in page
    assert "How is this scored?" in page


def test_higher_target_level_raises_expectations(client, owner):
    career = make_assessable_career(title="Cloud Engineer")
    client.force_login(owner)
    senior = career.levels.get(title__startswith="Senior")
    skills_post(client, career, ratings=rate_all(career, 3), level=senior)
    result = Result.objects.get()
    assert {item["expected"] for item in result.items} == {4}
    assert float(result.score) == 75.0


def test_flat_answers_are_warned_about(client, owner):
    career = make_assessable_career(title="Cloud Engineer", skills=4)
    client.force_login(owner)
    skills_post(client, career, ratings=rate_all(career, 2))
    result = Result.objects.get()
    assert result.flat_answers
    assert "Every rating was the same" in client.get(result.get_absolute_url()).content.decode()


def test_missing_answers_return_the_form_with_errors_and_keep_the_rest(client, owner):
    career = make_assessable_career(title="Cloud Engineer", skills=3)
    first, second, third = career.career_skills.all()
    client.force_login(owner)
    response = skills_post(client, career, ratings={first.skill_id: 4, second.skill_id: 1})
    assert response.status_code == 400
    body = response.content.decode()
    assert f"Rate {third.skill.name} from 0 to 4." in body
    assert f'name="skill_{first.skill_id}" value="4"' in body
    checked = response.context["form"][f"skill_{first.skill_id}"].value()
    assert str(checked) == "4"
    assert Result.objects.count() == 0


@pytest.mark.parametrize("bad", ["5", "-1", "two", "", "\x00", "9" * 400])
def test_out_of_range_or_junk_ratings_are_form_errors(client, owner, bad):
    career = make_assessable_career(title="Cloud Engineer")
    client.force_login(owner)
    ratings = rate_all(career, 2)
    ratings[next(iter(ratings))] = bad
    response = skills_post(client, career, ratings=ratings)
    assert response.status_code == 400
    assert Result.objects.count() == 0


def test_a_level_of_another_career_is_refused(client, owner):
    career = make_assessable_career(title="Cloud Engineer")
    other = make_assessable_career(title="Platform Engineer")
    client.force_login(owner)
    response = skills_post(client, career, ratings=rate_all(career, 2), level=other.levels.first())
    assert response.status_code == 400
    assert "Pick one of this career" in response.content.decode()


def test_a_forged_submission_key_is_a_form_error(client, owner):
    career = make_assessable_career(title="Cloud Engineer")
    client.force_login(owner)
    response = skills_post(client, career, ratings=rate_all(career, 2), key="not-a-uuid")
    assert response.status_code == 400


def test_double_submit_makes_one_result(client, owner):
    career = make_assessable_career(title="Cloud Engineer")
    client.force_login(owner)
    key = submission_key(client.get(reverse("assessments:skills", args=[career.slug])))
    first = skills_post(client, career, ratings=rate_all(career, 2), key=key)
    second = skills_post(client, career, ratings=rate_all(career, 3), key=key)
    assert Result.objects.count() == 1
    assert first["Location"] == second["Location"]


def test_each_form_shown_gets_its_own_result(client, owner):
    career = make_assessable_career(title="Cloud Engineer")
    client.force_login(owner)
    skills_post(client, career, ratings=rate_all(career, 2))
    skills_post(client, career, ratings=rate_all(career, 3))
    assert Result.objects.filter(user=owner).count() == 2


def test_unknown_and_draft_careers_are_404(client):
    draft = make_assessable_career(title="Draft Career", status=Career.Status.DRAFT)
    assert client.get(reverse("assessments:skills", args=["nope"])).status_code == 404
    assert client.get(reverse("assessments:skills", args=[draft.slug])).status_code == 404
    assert client.post(reverse("assessments:skills", args=["nope"]), {}).status_code == 404


def test_only_the_owner_sees_a_result(client, owner, outsider):
    career = make_assessable_career(title="Cloud Engineer")
    client.force_login(owner)
    skills_post(client, career, ratings=rate_all(career, 2))
    result = Result.objects.get()
    assert client.get(result.get_absolute_url()).status_code == 200

    other = Client()
    other.force_login(outsider)
    assert other.get(result.get_absolute_url()).status_code == 404
    assert Client().get(result.get_absolute_url()).status_code == 404
    assert client.get(reverse("assessments:result", args=[result.pk + 100])).status_code == 404


def test_an_empty_post_is_a_form_error_not_a_blank_form(client):
    career = make_assessable_career(title="Cloud Engineer")
    response = client.post(reverse("assessments:skills", args=[career.slug]), {})
    assert response.status_code == 400
    assert "Some answers are missing" in response.content.decode()
