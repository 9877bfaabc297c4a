"""Submitting the assessment forms the way a browser does: GET the form, then POST it."""

import re

from django.urls import reverse


def submission_key(response) -> str:
    match = re.search(r'name="submission_key" value="([0-9a-f-]+)"', response.content.decode())
    assert match, "the form carries a submission key"
    return match.group(1)


def skills_post(client, career, *, ratings, level=None, key=None):
    """`ratings` maps skill id → rating; missing skills are left unanswered."""
    url = reverse("assessments:skills", args=[career.slug])
    key = key or submission_key(client.get(url))
    level = level or career.levels.all()[1]
    data = {"submission_key": key, "level": level.pk}
    data |= {f"skill_{skill_id}": rating for skill_id, rating in ratings.items()}
    return client.post(url, data)


def rate_all(career, rating):
    return {cs.skill_id: rating for cs in career.career_skills.all()}


def readiness_post(client, career, *, choose=lambda options: options[-1], key=None):
    from assessments.models import Question

    url = reverse("assessments:readiness", args=[career.slug])
    key = key or submission_key(client.get(url))
    data = {"submission_key": key}
    for question in Question.objects.for_career(career).prefetch_related("options"):
        option = choose(list(question.options.all()))
        if option is not None:
            data[f"q_{question.pk}"] = option.pk
    return client.post(url, data)
