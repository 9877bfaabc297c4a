"""The career-readiness assessment: questions by dimension, per-career additions, result."""

import pytest
from django.urls import reverse

from assessments.models import Result
from guide.models import Step
from tests.assessments.helpers import readiness_post
from tests.factory import make_assessable_career, make_dimension, make_question

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup():
    career = make_assessable_career(title="Cloud Engineer")
    other = make_assessable_career(title="Platform Engineer")
    education = make_dimension(name="Education", order=1, step_keywords="degree, course")
    network = make_dimension(name="Network", order=2, advice="Meet people.", step_keywords="mentor")
    make_question(dimension=education, text="Do you hold a degree?")
    make_question(dimension=network, text="Do you know people in the field?")
    make_question(dimension=network, career=career, text="Cloud meetups attended?")
    make_question(dimension=network, career=other, text="Platform meetups attended?")
    Step.objects.create(career=career, title="Take a course", body="Study.", order=1)
    Step.objects.create(career=career, title="Find a mentor", body="Ask around.", order=2)
    return career


def test_form_shows_global_questions_and_this_careers_additions_only(client, setup):
    body = client.get(reverse("assessments:readiness", args=[setup.slug])).content.decode()
    assert "Do you hold a degree?" in body
    assert "Cloud meetups attended?" in body
    assert "Platform meetups attended?" not in body
    assert body.index("Education") < body.index("Network")


def test_result_shows_dimensions_and_reasons_for_the_weakest(client, owner, setup):
    client.force_login(owner)

    def choose(options):
        # Best answer on education; the weakest on network.
        question = options[0].question
        return options[-1] if question.dimension.slug == "education" else options[0]

    readiness_post(client, setup, choose=choose)
    result = Result.objects.get()
    assert result.kind == Result.Kind.READINESS
    assert [(i["slug"], i["pct"]) for i in result.items] == [("education", 100.0), ("network", 0.0)]
    assert float(result.score) == 50.0
    titles = [r["title"] for r in result.recommendations]
    assert "Step 2 of the guide: Find a mentor" in titles
    whys = {r["why"] for r in result.recommendations}
    assert all("Network scored 0% (0 of 8 points)" in why for why in whys)
    page = client.get(result.get_absolute_url()).content.decode()
    assert "Readiness by area" in page and "Meet people." in page


def test_unanswered_questions_come_back_with_the_answers_kept(client, setup):
    url = reverse("assessments:readiness", args=[setup.slug])

    def skip_network(options):
        return options[-1] if options[0].question.dimension.slug == "education" else None

    response = readiness_post(client, setup, choose=skip_network)
    assert response.status_code == 400
    assert "Choose the answer that fits you best." in response.content.decode()
    assert Result.objects.count() == 0
    assert url in response.request["PATH_INFO"]


def test_a_forged_option_is_refused(client, setup):
    from assessments.models import Option

    foreign = Option.objects.filter(question__text="Platform meetups attended?").first()

    def forge(options):
        return foreign if options[0].question.text == "Cloud meetups attended?" else options[0]

    response = readiness_post(client, setup, choose=forge)
    assert response.status_code == 400
    assert Result.objects.count() == 0


def test_a_career_without_questions_is_404(client):
    career = make_assessable_career(title="Lonely")
    assert client.get(reverse("assessments:readiness", args=[career.slug])).status_code == 404
