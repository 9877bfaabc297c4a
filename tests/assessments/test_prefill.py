"""Less retyping: a retake starts from the last answers, shared skills carry over from
other careers (the personal skill profile), and the goal picks the target level."""

import re

import pytest
from django.urls import reverse

from assessments import goals
from assessments.models import Result
from tests.assessments.helpers import rate_all, readiness_post, skills_post
from tests.factory import add_skill, make_assessable_career, make_dimension, make_question

pytestmark = pytest.mark.django_db


def _checked(body: str) -> dict[str, str]:
    """Field name → value of every checked radio on the page."""
    found = {}
    for tag in re.findall(r"<input[^>]*>", body):
        if "checked" in tag and 'type="radio"' in tag:
            name = re.search(r'name="([^"]+)"', tag).group(1)
            found[name] = re.search(r'value="([^"]+)"', tag).group(1)
    return found


def _selected_level(body: str) -> str:
    select = body[body.index('name="level"') :]
    select = select[: select.index("</select>")]
    return re.search(r'<option value="(\d+)" selected>', select).group(1)


def _text(response) -> str:
    return " ".join(response.content.decode().split())


@pytest.fixture
def amazon():
    return make_assessable_career(title="Amazon Engineer")


def test_a_first_attempt_starts_blank_on_the_main_level(owner_client, amazon):
    body = owner_client.get(reverse("assessments:skills", args=[amazon.slug])).content.decode()
    assert _checked(body) == {}
    assert _selected_level(body) == str(amazon.levels.get(expectation_offset=0).pk)
    assert "Pre-filled" not in body


def test_a_retake_is_prefilled_with_the_last_answers_and_says_so(owner_client, amazon):
    ratings = {cs.skill_id: i % 5 for i, cs in enumerate(amazon.career_skills.all())}
    senior = amazon.levels.get(order=2)
    skills_post(owner_client, amazon, ratings=ratings, level=senior)
    response = owner_client.get(reverse("assessments:skills", args=[amazon.slug]))
    body = response.content.decode()
    assert _checked(body) == {f"skill_{k}": str(v) for k, v in ratings.items()}
    assert _selected_level(body) == str(senior.pk)  # the last attempt's level
    text = _text(response)
    assert "Pre-filled with your last answers" in text
    assert "(target level Senior Amazon Engineer)" in text
    assert text.count("from your last attempt") == len(ratings)


def test_shared_skills_carry_over_to_another_career(owner_client, amazon):
    cloud = make_assessable_career(title="Cloud Engineer", skills=1)
    shared = amazon.career_skills.first()
    add_skill(cloud, shared.skill, importance=4, expected=3, order=5)
    skills_post(owner_client, amazon, ratings=rate_all(amazon, 1) | {shared.skill_id: 3})
    response = owner_client.get(reverse("assessments:skills", args=[cloud.slug]))
    assert _checked(response.content.decode()) == {f"skill_{shared.skill_id}": "3"}
    text = _text(response)
    assert (
        "Carried over from your other assessments:</strong> 1 rating from your Amazon Engineer"
        in text
    )
    assert "from Amazon Engineer" in text
    assert "Pre-filled with your last answers" not in text  # no Cloud attempt yet


def test_the_newest_rating_of_a_skill_wins(owner_client, amazon):
    cloud = make_assessable_career(title="Cloud Engineer", skills=1)
    shared = amazon.career_skills.first()
    add_skill(cloud, shared.skill, importance=4, expected=3, order=5)
    skills_post(owner_client, amazon, ratings=rate_all(amazon, 1))
    skills_post(owner_client, cloud, ratings=rate_all(cloud, 4))
    body = owner_client.get(reverse("assessments:skills", args=[amazon.slug])).content.decode()
    assert _checked(body)[f"skill_{shared.skill_id}"] == "4"
    assert "from Cloud Engineer" in body


def test_a_rating_for_a_skill_no_longer_listed_is_dropped_with_a_note(owner_client, amazon):
    skills_post(owner_client, amazon, ratings=rate_all(amazon, 2))
    gone = amazon.career_skills.last()
    gone.delete()
    response = owner_client.get(reverse("assessments:skills", args=[amazon.slug]))
    assert f"skill_{gone.skill_id}" not in _checked(response.content.decode())
    text = _text(response)
    assert "1 of your last rating was left out because the guide no longer asks it" in text
    assert gone.skill.name in text


def test_prefilled_answers_can_be_changed(owner_client, amazon):
    skills_post(owner_client, amazon, ratings=rate_all(amazon, 1))
    skills_post(owner_client, amazon, ratings=rate_all(amazon, 3))
    latest = Result.objects.order_by("-created_at", "-pk").first()
    assert {item["rating"] for item in latest.items} == {3}


def test_the_goal_preselects_the_level_and_only_its_careers_levels_are_listed(
    owner_client, owner, amazon
):
    make_assessable_career(title="Cloud Engineer")
    senior = amazon.levels.get(order=2)
    goals.goal_update(user=owner, changes={"target_level": senior})
    body = owner_client.get(reverse("assessments:skills", args=[amazon.slug])).content.decode()
    assert _selected_level(body) == str(senior.pk)
    select = body[body.index('name="level"') : body.index("</select>")]
    assert re.findall(r"<option[^>]*>([^<]+)</option>", select) == [
        level.title for level in amazon.levels.all()
    ]


def test_a_level_asked_for_in_the_address_wins_if_it_is_this_careers(owner_client, amazon):
    other = make_assessable_career(title="Cloud Engineer")
    junior = amazon.levels.get(order=0)
    url = reverse("assessments:skills", args=[amazon.slug])
    assert _selected_level(owner_client.get(f"{url}?level={junior.pk}").content.decode()) == str(
        junior.pk
    )
    foreign = other.levels.first().pk
    for asked in (str(foreign), "²", "x" * 300, "-1"):
        body = owner_client.get(url, {"level": asked}).content.decode()
        assert _selected_level(body) == str(amazon.levels.get(expectation_offset=0).pk)


def test_a_visitor_retake_is_prefilled_from_their_session(client, amazon):
    skills_post(client, amazon, ratings=rate_all(amazon, 2))
    body = client.get(reverse("assessments:skills", args=[amazon.slug])).content.decode()
    assert set(_checked(body).values()) == {"2"}


def test_nobody_else_s_answers_are_prefilled(client, owner_client, amazon):
    skills_post(owner_client, amazon, ratings=rate_all(amazon, 2))
    body = client.get(reverse("assessments:skills", args=[amazon.slug])).content.decode()
    assert _checked(body) == {}


def test_readiness_retake_is_prefilled_and_shared_questions_carry_over(owner_client, amazon):
    cloud = make_assessable_career(title="Cloud Engineer")
    network = make_dimension(name="Network")
    shared = make_question(dimension=network, text="Do you know people in the field?")
    own = make_question(dimension=network, career=amazon, text="Amazon meetups attended?")
    readiness_post(owner_client, amazon, choose=lambda options: options[2])
    body = owner_client.get(reverse("assessments:readiness", args=[amazon.slug])).content.decode()
    picked = {q.pk: str(list(q.options.all())[2].pk) for q in (shared, own)}
    assert _checked(body) == {f"q_{pk}": value for pk, value in picked.items()}
    assert "Pre-filled with your last answers" in body
    body = owner_client.get(reverse("assessments:readiness", args=[cloud.slug])).content.decode()
    assert _checked(body) == {f"q_{shared.pk}": picked[shared.pk]}
    assert "from Amazon Engineer" in body


def test_readiness_answer_whose_option_is_gone_is_dropped(owner_client, amazon):
    network = make_dimension(name="Network")
    question = make_question(dimension=network, text="Do you know people in the field?")
    readiness_post(owner_client, amazon, choose=lambda options: options[0])
    question.options.order_by("order").first().delete()
    response = owner_client.get(reverse("assessments:readiness", args=[amazon.slug]))
    assert _checked(response.content.decode()) == {}
    assert "left out because the guide no longer asks it: Do you know people in the field?" in (
        _text(response)
    )


def test_readiness_answers_saved_before_ids_were_kept_match_by_text(owner_client, amazon):
    network = make_dimension(name="Network")
    question = make_question(dimension=network, text="Do you know people in the field?")
    readiness_post(owner_client, amazon, choose=lambda options: options[1])
    result = Result.objects.get()
    for dimension in result.items:
        for answer in dimension["answers"]:
            del answer["question_id"], answer["option_id"]
    result.save()
    body = owner_client.get(reverse("assessments:readiness", args=[amazon.slug])).content.decode()
    assert _checked(body) == {f"q_{question.pk}": str(list(question.options.all())[1].pk)}
