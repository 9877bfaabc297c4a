"""Every save of a guide is a revision with who, when and what changed; any can be restored."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from reversion.models import Version

from guide.history import career_revisions
from guide.loader import LOADED_COMMENT
from guide.models import FAQ, Career, CareerSkill, Skill
from tests.factory import make_full_guide, make_skill
from tests.forms import form_data

pytestmark = pytest.mark.django_db


def change_url(career):
    return reverse("admin:guide_career_change", args=[career.pk])


def history_url(career):
    return reverse("admin:guide_career_history", args=[career.pk])


def save_in_admin(client, career, edit):
    """Load the change page, let `edit` change the POST data, save; fail loudly on errors."""
    data = form_data(client.get(change_url(career)).content.decode(), "career_form")
    edit(data)
    data["_save"] = "Save"
    response = client.post(change_url(career), data)
    if response.status_code != 302:
        ctx = response.context
        inline_errors = [inline.formset.errors for inline in ctx["inline_admin_formsets"]]
        raise AssertionError([ctx["adminform"].form.errors, *inline_errors])


def add_faq(data, question, answer):
    index = int(data["faqs-TOTAL_FORMS"])
    data["faqs-TOTAL_FORMS"] = str(index + 1)
    data.update(
        {
            f"faqs-{index}-question": question,
            f"faqs-{index}-answer": answer,
            f"faqs-{index}-order": "",
            f"faqs-{index}-career": "",
        }
    )


def revision_url(career, revision):
    version = Version.objects.get_for_object(career).get(revision=revision)
    return reverse("admin:guide_career_revision", args=[career.pk, version.pk])


@pytest.fixture
def edited_guide(publisher_client):
    """A guide saved twice by a publisher: the median, then the median again and a new FAQ."""
    career = make_full_guide(title="Amazon Engineer")
    save_in_admin(publisher_client, career, lambda data: data.update(median_salary_usd="105000"))

    def second(data):
        data["median_salary_usd"] = "118000"
        add_faq(data, "Is there an on-call rota?", "Most teams share one, a week at a time.")

    save_in_admin(publisher_client, career, second)
    return career


def test_each_admin_save_is_a_revision_with_who_and_what(edited_guide, publisher):
    revisions = list(career_revisions(edited_guide))
    assert len(revisions) == 2
    assert all(revision.user == publisher for revision in revisions)
    newest = revisions[0]
    stored = {version._model for version in newest.version_set.all()}
    assert {Career, FAQ, CareerSkill} <= stored  # the parts travel with the guide


def test_history_page_shows_a_field_by_field_diff_with_parts(edited_guide, publisher_client):
    page = publisher_client.get(history_url(edited_guide))
    assert page.status_code == 200
    text = page.content.decode()
    assert "publisher@example.com" in text
    assert "<del>105000</del> → <ins>118000</ins>" in text
    assert "FAQ added:</strong> Is there an on-call rota?" in text
    assert "The first recorded version" in text


def test_a_changed_long_text_shows_the_words_that_changed(publisher_client):
    career = make_full_guide(title="Amazon Engineer")
    long_answer = "You can start " + "with the basics of the cloud " * 6 + "and grow from there."
    faq = career.faqs.first()
    faq.answer = long_answer
    faq.save()
    save_in_admin(publisher_client, career, lambda data: None)

    def edit(data):
        key = next(k for k, v in data.items() if k.startswith("faqs-") and v == long_answer)
        data[key] = long_answer.replace("grow from there", "move up in a year")

    save_in_admin(publisher_client, career, edit)
    text = publisher_client.get(history_url(career)).content.decode()
    assert "<del>grow</del>" in text or "<del>grow from there.</del>" in text
    assert "<ins>move up in a year.</ins>" in text


def test_restoring_a_revision_brings_back_its_figures_as_a_new_revision(
    edited_guide, publisher_client, publisher
):
    first = list(career_revisions(edited_guide))[-1]
    page = publisher_client.get(revision_url(edited_guide, first))
    assert "Restore this version" in page.content.decode()

    response = publisher_client.post(revision_url(edited_guide, first))
    assert response.status_code == 302

    edited_guide.refresh_from_db()
    assert edited_guide.median_salary_usd == 105000
    assert not edited_guide.faqs.filter(question="Is there an on-call rota?").exists()
    assert edited_guide.faqs.count() == 4
    revisions = list(career_revisions(edited_guide))
    assert len(revisions) == 3
    assert revisions[0].user == publisher
    assert revisions[0].comment.startswith("Restored the version of")
    text = publisher_client.get(history_url(edited_guide)).content.decode()
    assert "FAQ removed:</strong> Is there an on-call rota?" in text


def test_restoring_keeps_the_ids_of_parts_members_link_to(publisher_client):
    career = make_full_guide(title="Amazon Engineer")
    step = career.steps.first()
    step_id = step.pk
    save_in_admin(publisher_client, career, lambda data: None)
    first = career_revisions(career).first()
    step.delete()
    response = publisher_client.post(revision_url(career, first))
    assert response.status_code == 302
    assert career.steps.filter(pk=step_id, title=step.title).exists()


def test_restoring_a_part_whose_skill_was_deleted_says_so_and_restores_the_rest(
    publisher_client,
):
    career = make_full_guide(title="Amazon Engineer")
    save_in_admin(publisher_client, career, lambda data: None)
    first = career_revisions(career).first()
    link = career.career_skills.select_related("skill").first()
    skill = link.skill
    link.delete()
    skill.delete()
    career.median_salary_usd = 99000
    career.save()

    response = publisher_client.post(revision_url(career, first), follow=True)
    text = response.content.decode()
    assert "Some parts could not be restored" in text
    assert f"{skill.name} for Amazon Engineer" in text
    assert "skill no longer exists" in text
    career.refresh_from_db()
    assert career.median_salary_usd == 110000
    assert not Skill.objects.filter(pk=skill.pk).exists()
    assert career.career_skills.count() == 3


def test_publishing_from_the_list_is_recorded(publisher_client, publisher):
    career = make_full_guide(title="Cloud Engineer", status=Career.Status.DRAFT)
    publisher_client.post(
        reverse("admin:guide_career_changelist"),
        {"action": "publish", "_selected_action": [career.pk]},
    )
    revision = career_revisions(career).first()
    assert revision.user == publisher
    assert revision.comment == "Published."


def test_the_loader_records_a_revision(db):
    call_command("load_guides", stdout=StringIO())
    career = Career.objects.get(slug="amazon-engineer")
    revision = career_revisions(career).get()
    assert revision.user is None
    assert revision.comment == LOADED_COMMENT
    assert revision.version_set.filter(object_id=str(career.steps.first().pk)).exists()


def history_queries(publisher_client, career, saves, count):
    link = career.career_skills.order_by("order").first()
    for n in range(saves):
        skill = make_skill(name=f"Swapped skill {saves}-{n}")

        def edit(data, skill=skill):
            key = next(
                k
                for k, v in data.items()
                if k.startswith("career_skills-") and k.endswith("-id") and v == str(link.pk)
            )
            data[key.replace("-id", "-skill")] = str(skill.pk)

        save_in_admin(publisher_client, career, edit)
    with count():
        page = publisher_client.get(history_url(career))
    return page.content.decode()


def test_history_shows_linked_rows_by_name_in_a_fixed_number_of_queries(
    publisher_client, django_assert_num_queries
):
    few = make_full_guide(title="Amazon Engineer")
    many = make_full_guide(title="Cloud Engineer")
    text = history_queries(publisher_client, few, 2, lambda: django_assert_num_queries(10))
    assert "<del>Swapped skill 2-0</del> → <ins>Swapped skill 2-1</ins>" in text
    history_queries(publisher_client, many, 6, lambda: django_assert_num_queries(10))


def test_only_staff_who_may_change_guides_see_history_or_restore(edited_guide, client, owner):
    first = list(career_revisions(edited_guide))[-1]
    client.force_login(owner)
    assert client.get(history_url(edited_guide)).status_code == 302
    assert client.post(revision_url(edited_guide, first)).status_code == 302
    edited_guide.refresh_from_db()
    assert edited_guide.median_salary_usd == 118000


def test_a_revision_of_another_guide_is_not_found_here(edited_guide, publisher_client):
    other = make_full_guide(title="Cloud Engineer")
    save_in_admin(publisher_client, other, lambda data: None)
    foreign = Version.objects.get_for_object(other).get()
    url = reverse("admin:guide_career_revision", args=[edited_guide.pk, foreign.pk])
    assert publisher_client.get(url).status_code == 404
    assert publisher_client.post(url).status_code == 404
    edited_guide.refresh_from_db()
    assert edited_guide.median_salary_usd == 118000


def test_a_deleted_guide_can_be_found_in_the_recover_list(edited_guide, publisher_client):
    edited_guide.delete()
    page = publisher_client.get(reverse("admin:guide_career_recoverlist"))
    assert page.status_code == 200
    assert "Amazon Engineer" in page.content.decode()


def test_history_follows_every_part_of_a_guide():
    """A new kind of part (a CareerPart model) is recorded and restored with its guide."""
    from django.apps import apps

    from guide.history import PARTS
    from guide.models import CareerPart

    parts = {m for m in apps.get_app_config("guide").get_models() if issubclass(m, CareerPart)}
    assert parts == set(PARTS)
