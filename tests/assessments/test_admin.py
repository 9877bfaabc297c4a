"""The assessments admin: staff with the rights edit readiness questions with their answer
options inline and the learning resources; results stay read-only; others are kept out."""

import pytest
from django.urls import reverse

from assessments.models import Option, Question, Resource, Result
from tests.assessments.helpers import rate_all, skills_post
from tests.factory import make_assessable_career, make_dimension, make_question
from tests.forms import form_data

pytestmark = pytest.mark.django_db


def admin_form(client, url, form_id):
    response = client.get(url)
    assert response.status_code == 200
    return form_data(response.content.decode(), form_id)


def test_question_list_shows_filters_and_finds_by_text(superuser_client):
    projects = make_dimension(name="Projects")
    make_question(dimension=projects, text="Have you shipped something?")
    make_question(dimension=make_dimension(name="Network"), text="Who would vouch for you?")
    url = reverse("admin:assessments_question_changelist")

    found = superuser_client.get(url, {"q": "shipped"}).content.decode()
    in_projects = superuser_client.get(url, {"dimension__id__exact": projects.pk}).content.decode()

    assert "Have you shipped something?" in found and "vouch" not in found
    assert "Have you shipped something?" in in_projects and "vouch" not in in_projects


def test_question_is_edited_with_its_options_inline(superuser_client):
    question = make_question(text="Have you shipped something?", points=(0, 2, 4))
    url = reverse("admin:assessments_question_change", args=[question.pk])
    data = admin_form(superuser_client, url, "question_form")
    data.update({"text": "Have you shipped something others use?", "options-2-points": "5"})

    response = superuser_client.post(url, data)

    assert response.status_code == 302, response.content.decode()[:2000]
    question.refresh_from_db()
    assert question.text == "Have you shipped something others use?"
    assert [o.points for o in question.options.order_by("order")] == [0, 2, 5]


def test_a_question_cannot_be_left_with_one_option(superuser_client):
    """The loader refuses such a question; the admin must not make one either."""
    question = make_question(text="Ready?", points=(0, 4))
    url = reverse("admin:assessments_question_change", args=[question.pk])
    data = admin_form(superuser_client, url, "question_form")
    data["options-1-DELETE"] = "on"

    response = superuser_client.post(url, data)

    assert response.status_code == 200
    assert "Please submit at least 2 forms" in response.content.decode()
    assert Option.objects.filter(question=question).count() == 2


def test_resource_is_added_for_a_dimension(superuser_client):
    projects = make_dimension(name="Projects")
    url = reverse("admin:assessments_resource_add")
    data = admin_form(superuser_client, url, "resource_form")
    data.update(
        title="Build a command-line tool",
        kind=Resource.Kind.PROJECT,
        url="example.com/cli",
        description="Solve one of your own problems.",
        dimension=str(projects.pk),
    )

    response = superuser_client.post(url, data)

    assert response.status_code == 302, response.content.decode()[:2000]
    resource = Resource.objects.get()
    assert (resource.dimension, resource.url) == (projects, "https://example.com/cli")
    listed = superuser_client.get(reverse("admin:assessments_resource_changelist"))
    assert "Build a command-line tool" in listed.content.decode()


def test_results_can_be_read_but_not_changed(superuser_client, owner_client):
    career = make_assessable_career(title="Cloud Engineer")
    skills_post(owner_client, career, ratings=rate_all(career, 1))
    result = Result.objects.get()
    score = result.score
    url = reverse("admin:assessments_result_change", args=[result.pk])

    assert superuser_client.get(url).status_code == 200
    superuser_client.post(url, {"score": str(score + 10)})

    result.refresh_from_db()
    assert result.score == score
    assert superuser_client.get(reverse("admin:assessments_result_add")).status_code == 403


def test_editors_edit_the_assessment_content_but_not_members_data(editor_client):
    """Editors hold the guide's permissions and the assessments' content ones
    (assessments/migrations/0010); members' results, plans and goals stay out of reach."""
    for name in ["question", "resource", "dimension"]:
        url = reverse(f"admin:assessments_{name}_changelist")
        assert editor_client.get(url).status_code == 200, name
    for name in ["result", "plan", "goal"]:
        url = reverse(f"admin:assessments_{name}_changelist")
        assert editor_client.get(url).status_code == 403, name


def test_visitors_and_plain_users_are_sent_to_the_admin_login(client, owner_client):
    make_question(text="Private?")
    url = reverse("admin:assessments_question_changelist")
    login = reverse("admin:login")
    for someone in [client, owner_client]:
        response = someone.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(login)
    assert Question.objects.count() == 1
