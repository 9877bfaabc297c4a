"""Staff in the Editors group edit every part of a guide in the admin without code."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from guide.models import Career, Step
from tests.factory import make_full_guide
from tests.forms import form_data

pytestmark = pytest.mark.django_db


# Editors keep the content: every part of the guides, and the assessments' questions,
# dimensions, options and resources (assessments migration 0010). Members' data
# (results, plans, goals), accounts, two-factor and sessions stay out of their reach.
ASSESSMENT_CONTENT = {"dimension", "question", "option", "resource"}


def test_editors_group_has_exactly_the_content_permissions(editor):
    perms = Permission.objects.filter(group__name="Editors")
    guide = Permission.objects.filter(content_type__app_label="guide")
    content = Permission.objects.filter(
        content_type__app_label="assessments", content_type__model__in=ASSESSMENT_CONTENT
    )
    publish = Permission.objects.get(codename="publish_career")
    assert guide.exists() and content.count() == 4 * len(ASSESSMENT_CONTENT)
    assert set(perms) == (set(guide) | set(content)) - {publish}
    assert not editor.is_superuser
    assert not editor.has_perm("guide.publish_career")


def test_publishers_hold_the_editors_permissions_and_publishing(publisher):
    editors = set(Permission.objects.filter(group__name="Editors"))
    publishers = set(Permission.objects.filter(group__name="Publishers"))
    assert publishers - editors == {Permission.objects.get(codename="publish_career")}
    assert editors < publishers
    assert publisher.has_perm("guide.publish_career") and not publisher.is_superuser


def test_editors_see_only_the_content_apps_in_the_admin(editor_client):
    page = editor_client.get(reverse("admin:index"))
    apps = {app["app_label"] for app in page.context["app_list"]}
    assert apps == {"guide", "assessments"}
    models = {m["object_name"] for app in page.context["app_list"] for m in app["models"]}
    assert {"Result", "Plan", "Goal"}.isdisjoint(models)
    for hidden in (
        "admin:mfa_authenticator_changelist",
        "admin:usersessions_usersession_changelist",
    ):
        assert editor_client.get(reverse(hidden)).status_code == 403


def test_a_publisher_changes_a_live_guide_and_the_page_shows_it(publisher_client, client):
    career = make_full_guide(title="Amazon Engineer")
    step = career.steps.first()
    url = reverse("admin:guide_career_change", args=[career.pk])
    page = publisher_client.get(url)
    assert page.status_code == 200

    data = form_data(page.content.decode(), "career_form")
    data["median_salary_usd"] = "117500"
    step_id_key = next(
        key for key, value in data.items() if key.startswith("steps-") and value == str(step.pk)
    )
    data[step_id_key.replace("-id", "-title")] = "Choose the team you want to join"
    data["_save"] = "Save"
    response = publisher_client.post(url, data)
    if response.status_code != 302:
        ctx = response.context
        inline_errors = [inline.formset.errors for inline in ctx["inline_admin_formsets"]]
        raise AssertionError([ctx["adminform"].form.errors, *inline_errors])

    career.refresh_from_db()
    assert career.median_salary_usd == 117500
    assert Step.objects.get(pk=step.pk).title == "Choose the team you want to join"
    public = client.get(career.get_absolute_url()).content.decode()
    assert "$117,500" in public
    assert "Choose the team you want to join" in public


def test_a_publisher_adds_a_new_guide_and_publishes_it(publisher_client, client):
    add_url = reverse("admin:guide_career_add")
    data = form_data(publisher_client.get(add_url).content.decode(), "career_form")
    data.update(
        title="Site Reliability Engineer",
        slug="site-reliability-engineer",
        summary="Keeps services up.",
        status="draft",
    )
    assert publisher_client.post(add_url, data).status_code == 302
    career = Career.objects.get(slug="site-reliability-engineer")
    assert client.get(career.get_absolute_url()).status_code == 404

    changelist = reverse("admin:guide_career_changelist")
    response = publisher_client.post(
        changelist, {"action": "publish", "_selected_action": [career.pk]}
    )
    assert response.status_code == 302
    assert client.get(career.get_absolute_url()).status_code == 200


def test_invalid_edit_is_refused_with_the_form_kept(publisher_client):
    career = make_full_guide(title="Amazon Engineer")
    url = reverse("admin:guide_career_change", args=[career.pk])
    data = form_data(publisher_client.get(url).content.decode(), "career_form")
    data["salary_low_usd"] = "300000"
    data["salary_high_usd"] = "100000"
    response = publisher_client.post(url, data)
    assert response.status_code == 200
    assert "must not be below the low end" in response.content.decode()
    career.refresh_from_db()
    assert career.salary_low_usd is None


def test_admin_list_search_and_filters_work(publisher_client):
    make_full_guide(title="Amazon Engineer")
    make_full_guide(title="Cloud Engineer", status=Career.Status.DRAFT)
    url = reverse("admin:guide_career_changelist")
    assert "Amazon Engineer" in publisher_client.get(url, {"q": "amazon"}).content.decode()
    drafts = publisher_client.get(url, {"status__exact": "draft"}).content.decode()
    assert "Cloud Engineer" in drafts and "Amazon Engineer" not in drafts


def test_visitors_and_plain_users_cannot_reach_the_admin(client, owner):
    url = reverse("admin:guide_career_changelist")
    assert client.get(url).status_code == 302
    client.force_login(owner)
    assert client.get(url).status_code == 302
