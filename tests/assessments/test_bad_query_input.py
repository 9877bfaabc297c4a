"""Raw query parameters and form fields with bytes a database refuses get a clear answer."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.assessments.helpers import rate_all, submission_key
from tests.factory import make_assessable_career

pytestmark = pytest.mark.django_db

START = reverse("assessments:start")


@pytest.fixture
def career():
    return make_assessable_career(title="Cloud Engineer")


def test_start_sends_a_known_career_to_its_form(client, career):
    response = client.get(START, {"career": career.slug, "kind": "readiness"})

    assert response.status_code == 302
    assert response["Location"] == reverse("assessments:readiness", args=[career.slug])


@pytest.mark.parametrize(
    "value", ["cloud-engineer\x00", "\x00", "cloud engineer", "../admin", "é" * 5, "x" * 500]
)
def test_start_with_a_malformed_career_is_a_400_page(client, career, value):
    response = client.get(START, {"career": value})

    assert response.status_code == 400
    assert "Pick a career from the list" in response.content.decode()


def test_start_with_an_unknown_career_goes_back_to_the_list(client, career):
    response = client.get(START, {"career": "no-such-career"}, follow=True)

    assert response.redirect_chain[-1][0] == reverse("guide:career-list")
    assert "Pick a career from the list" in response.content.decode()


@pytest.mark.parametrize("field", ["level", "submission_key", "skill"])
def test_a_nul_in_a_skills_form_field_is_a_form_error(career, field):
    client = Client()
    url = reverse("assessments:skills", args=[career.slug])
    data = {"submission_key": submission_key(client.get(url)), "level": career.levels.all()[1].pk}
    data |= {f"skill_{pk}": rating for pk, rating in rate_all(career, 2).items()}
    name = f"skill_{career.career_skills.all()[0].skill_id}" if field == "skill" else field
    data[name] = f"{data[name]}\x00"

    response = client.post(url, data)

    assert response.status_code == 400
