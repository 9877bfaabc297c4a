"""The goal (target career, level, years of experience): one rule, kept by the profile page
and the API alike, and owned by assessments."""

import json

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from django.urls import reverse

from assessments.goals import goal_update
from guide.models import Career
from tests.factory import make_assessable_career, make_career

pytestmark = pytest.mark.django_db

PROFILE = reverse("accounts:profile")
ME = reverse("api:me")


@pytest.fixture
def cloud():
    return make_assessable_career(title="Cloud Engineer")


@pytest.fixture
def data():
    return make_assessable_career(title="Data Engineer")


@pytest.fixture
def web(owner):
    client = Client()
    client.force_login(owner)
    return client


def post_profile(client, **fields):
    form = {"display_name": "", "target_career": "", "target_level": "", "years_of_experience": ""}
    form.update({k: "" if v is None else v for k, v in fields.items()})
    return client.post(PROFILE, form)


def patch_me(client, payload):
    return client.patch(ME, json.dumps(payload), content_type="application/json")


def goal_of(client) -> tuple:
    body = client.get(ME).json()
    career, level = body["target_career"], body["target_level"]
    return (career and career["slug"], level and level["id"], body["years_of_experience"])


def test_page_a_new_career_drops_the_level_the_page_still_shows(web, cloud, data):
    senior = cloud.levels.last()
    post_profile(web, target_career=cloud.pk, target_level=senior.pk, years_of_experience=5)

    # The owner picks another career; the level select still shows the old career's level.
    response = post_profile(
        web, target_career=data.pk, target_level=senior.pk, years_of_experience=5
    )

    assert response.status_code == 302
    assert goal_of(web) == (data.slug, None, 5)


def test_api_a_new_career_drops_the_saved_level(web, cloud, data):
    senior = cloud.levels.last()
    patch_me(web, {"target_career": cloud.slug, "target_level": senior.pk})

    assert patch_me(web, {"target_career": data.slug}).status_code == 200
    assert goal_of(web) == (data.slug, None, None)


def test_page_and_api_refuse_a_newly_chosen_level_of_another_career(web, cloud, data):
    page = post_profile(web, target_career=cloud.pk, target_level=data.levels.first().pk)
    api = patch_me(web, {"target_career": cloud.slug, "target_level": data.levels.first().pk})

    assert page.status_code == 400 and "is a level of Data Engineer" in page.content.decode()
    assert api.status_code == 400 and list(api.json()["errors"]) == ["target_level"]
    assert goal_of(web) == (None, None, None)


def test_page_clearing_the_career_clears_its_level(web, cloud):
    senior = cloud.levels.last()
    post_profile(web, target_career=cloud.pk, target_level=senior.pk)

    response = post_profile(web, target_career="", target_level=senior.pk)

    assert response.status_code == 302
    assert goal_of(web) == (None, None, None)


def test_api_keeps_a_saved_career_whose_guide_was_unpublished(web, cloud):
    level = cloud.levels.first()
    patch_me(web, {"target_career": cloud.slug, "target_level": level.pk})
    Career.objects.filter(pk=cloud.pk).update(status=Career.Status.DRAFT)

    # A client echoing back what it read must not be refused.
    response = patch_me(
        web, {"target_career": cloud.slug, "target_level": level.pk, "years_of_experience": 2}
    )

    assert response.status_code == 200
    assert goal_of(web) == (cloud.slug, level.pk, 2)


def test_api_refuses_a_new_unpublished_career_like_an_unknown_one(web):
    make_career(title="Secret Draft", status=Career.Status.DRAFT)

    draft = patch_me(web, {"target_career": "secret-draft"})
    unknown = patch_me(web, {"target_career": "no-such-career"})

    assert draft.status_code == unknown.status_code == 400
    assert draft.json()["errors"] == unknown.json()["errors"]


@pytest.mark.django_db(transaction=True)
def test_the_migration_moves_every_profile_into_a_goal_and_back():
    before = [("accounts", "0006_encrypt_mfa_secrets"), ("assessments", "0006_goal")]
    after = [("accounts", "0007_delete_profile"), ("assessments", "0007_goal_from_profile")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    user = old.get_model("accounts", "User").objects.create(email="ann@example.org")
    bare = old.get_model("accounts", "User").objects.create(email="bob@example.org")
    career = old.get_model("guide", "Career").objects.create(
        title="Cloud Engineer", slug="cloud-engineer", summary="Runs systems."
    )
    level = old.get_model("guide", "CareerLevel").objects.create(
        career=career, title="Senior", years_min=5
    )
    Profile = old.get_model("accounts", "Profile")
    Profile.objects.create(
        user=user, target_career=career, target_level=level, years_of_experience=7
    )
    Profile.objects.create(user=bare)
    saved_at = dict(Profile.objects.values_list("user_id", "updated_at"))

    executor = MigrationExecutor(connection)
    executor.migrate(after)
    Goal = executor.loader.project_state(after).apps.get_model("assessments", "Goal")
    moved = {
        goal.user_id: (goal.target_career_id, goal.target_level_id, goal.years_of_experience)
        for goal in Goal.objects.all()
    }
    assert moved == {user.pk: (career.pk, level.pk, 7), bare.pk: (None, None, None)}
    assert dict(Goal.objects.values_list("user_id", "updated_at")) == saved_at

    executor = MigrationExecutor(connection)
    executor.migrate(before)
    Profile = executor.loader.project_state(before).apps.get_model("accounts", "Profile")
    assert Profile.objects.get(user_id=user.pk).target_level_id == level.pk
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def test_staff_see_goals_in_the_admin_but_cannot_change_them(owner, cloud, django_user_model):
    goal = goal_update(user=owner, changes={"target_career": cloud})
    boss = django_user_model.objects.create_superuser(email="boss@example.com", password="x")
    admin = Client()
    admin.force_login(boss)

    listing = admin.get(reverse("admin:assessments_goal_changelist"), {"q": "owner@"})
    change = reverse("admin:assessments_goal_change", args=[goal.pk])
    refused = admin.post(change, {"years_of_experience": "9"})

    assert "owner@example.com" in listing.content.decode()
    assert admin.get(change).status_code == 200
    assert refused.status_code == 403
    assert admin.get(reverse("admin:assessments_goal_add")).status_code == 403
