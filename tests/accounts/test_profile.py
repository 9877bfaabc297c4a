"""The profile page: display name, and the goal section (target career and level, years of
experience) that assessments contributes."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from accounts import services
from assessments import goals
from assessments.models import Goal
from guide.models import Career, CareerLevel
from tests.factory import make_career

pytestmark = pytest.mark.django_db

URL = reverse("accounts:profile")


def make_level(career, *, title="Senior", years_min=5, years_max=9, order=0):
    return CareerLevel.objects.create(
        career=career, title=title, years_min=years_min, years_max=years_max, order=order
    )


@pytest.fixture
def careers():
    cloud = make_career(title="Cloud Engineer")
    data = make_career(title="Data Engineer")
    draft = make_career(title="Secret Draft", status=Career.Status.DRAFT)
    return {
        "cloud": cloud,
        "cloud_senior": make_level(cloud, title="Senior Cloud"),
        "data": data,
        "data_junior": make_level(data, title="Junior Data", years_min=0, years_max=2),
        "draft": draft,
        "draft_level": make_level(draft, title="Draft Level"),
    }


def save(client, **fields):
    data = {"display_name": "", "target_career": "", "target_level": "", "years_of_experience": ""}
    data.update({k: "" if v is None else v for k, v in fields.items()})
    return client.post(URL, data)


def form_errors(response) -> dict:
    """The errors of the page's forms: the account's own and each registered section's."""
    errors = dict(response.context["profile_form"].errors)
    for part in response.context["profile_sections"]:
        errors.update(part.form.errors)
    return errors


def test_visitors_are_sent_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_set_name_target_and_experience(client, owner, careers):
    client.force_login(owner)

    response = save(
        client,
        display_name="  Ada   Lovelace ",
        target_career=careers["cloud"].pk,
        target_level=careers["cloud_senior"].pk,
        years_of_experience=7,
    )

    assert response.status_code == 302
    assert response["Location"] == URL
    owner.refresh_from_db()
    goal = Goal.objects.get(user=owner)
    assert owner.display_name == "Ada Lovelace"
    assert goal.target_career == careers["cloud"]
    assert goal.target_level == careers["cloud_senior"]
    assert goal.years_of_experience == 7
    page = client.get(URL).content.decode()
    assert "Your profile is saved." in page
    assert f'<option value="{careers["cloud"].pk}" selected>Cloud Engineer</option>' in page


def test_clearing_the_targets(client, owner, careers):
    client.force_login(owner)
    save(client, target_career=careers["cloud"].pk, target_level=careers["cloud_senior"].pk)

    save(client)

    goal = Goal.objects.get(user=owner)
    assert goal.target_career is None and goal.target_level is None


def test_level_from_another_career_is_refused_and_input_kept(client, owner, careers):
    client.force_login(owner)

    response = save(
        client,
        display_name="Kept Name",
        target_career=careers["cloud"].pk,
        target_level=careers["data_junior"].pk,
        years_of_experience=3,
    )

    assert response.status_code == 400
    errors = form_errors(response)
    assert "is a level of Data Engineer, not of Cloud Engineer" in str(errors["target_level"])
    html = response.content.decode()
    assert 'value="Kept Name"' in html
    assert 'value="3"' in html
    assert not Goal.objects.filter(user=owner).exists()


def test_a_level_alone_sets_its_career(client, owner, careers):
    client.force_login(owner)
    save(client, target_level=careers["data_junior"].pk)
    goal = Goal.objects.get(user=owner)
    assert goal.target_career == careers["data"]


def test_only_published_careers_and_their_levels_are_offered(client, owner, careers):
    client.force_login(owner)
    page = client.get(URL).content.decode()
    assert "Cloud Engineer" in page and "Secret Draft" not in page
    assert '<optgroup label="Data Engineer">' in page
    assert "Draft Level" not in page

    response = save(
        client, target_career=careers["draft"].pk, target_level=careers["draft_level"].pk
    )
    assert response.status_code == 400
    assert "target_career" in form_errors(response)
    assert not Goal.objects.filter(user=owner).exists()


@pytest.mark.parametrize("years", ["-1", "61", "lots", "2.5"])
def test_years_of_experience_must_be_0_to_60(client, owner, years):
    client.force_login(owner)
    response = save(client, years_of_experience=years)
    assert response.status_code == 400
    assert "years_of_experience" in form_errors(response)
    assert not Goal.objects.filter(user=owner).exists()


def test_overlong_display_name_is_refused(client, owner):
    client.force_login(owner)
    response = save(client, display_name="x" * 81)
    assert "display_name" in form_errors(response)


def test_unknown_ids_are_form_errors_not_crashes(client, owner):
    client.force_login(owner)
    response = save(client, target_career=999999, target_level="abc")
    assert response.status_code == 400
    assert {"target_career", "target_level"} <= set(form_errors(response))


def test_the_database_refuses_impossible_experience(owner):
    with pytest.raises(IntegrityError), transaction.atomic():
        Goal.objects.create(user=owner, years_of_experience=61)


def test_deleting_the_career_clears_the_target(client, owner, careers):
    client.force_login(owner)
    save(client, target_career=careers["cloud"].pk, target_level=careers["cloud_senior"].pk)

    careers["cloud"].delete()

    goal = Goal.objects.get(user=owner)
    assert goal.target_career is None and goal.target_level is None


def test_profile_page_query_count(client, owner, careers, django_assert_num_queries):
    client.force_login(owner)
    save(client, target_career=careers["cloud"].pk, target_level=careers["cloud_senior"].pk)
    services.api_token_create(user=owner, name="a", lifetime=timedelta(days=30))
    services.api_token_create(user=owner, name="b", lifetime=timedelta(days=30))
    # session (1), user (1), goal with its targets (1), published careers for the
    # select (1), their levels with the career for the groups (1), tokens (1).
    with django_assert_num_queries(6):
        assert client.get(URL).status_code == 200


def test_a_target_unpublished_since_is_kept_when_other_fields_are_saved(client, owner, careers):
    client.force_login(owner)
    save(client, target_career=careers["cloud"].pk, target_level=careers["cloud_senior"].pk)
    Career.objects.filter(pk=careers["cloud"].pk).update(status=Career.Status.DRAFT)

    page = client.get(URL).content.decode()
    assert f'<option value="{careers["cloud"].pk}" selected>' in page
    assert "not published at the moment" in page
    # The browser sends back what the page shows selected.
    response = save(
        client,
        display_name="Ada",
        target_career=careers["cloud"].pk,
        target_level=careers["cloud_senior"].pk,
    )

    assert response.status_code == 302
    goal = Goal.objects.get(user=owner)
    assert goal.user.display_name == "Ada"
    assert goal.target_career == careers["cloud"]
    assert goal.target_level == careers["cloud_senior"]


def test_an_unpublished_career_cannot_be_newly_chosen_even_when_another_is_kept(
    client, owner, careers
):
    client.force_login(owner)
    save(client, target_career=careers["cloud"].pk)
    Career.objects.filter(pk=careers["cloud"].pk).update(status=Career.Status.DRAFT)

    response = save(client, target_career=careers["draft"].pk)

    assert response.status_code == 400
    assert "target_career" in form_errors(response)
    assert Goal.objects.get(user=owner).target_career == careers["cloud"]
    with pytest.raises(ValidationError):
        goals.goal_update(user=owner, changes={"target_career": careers["draft"]})
