"""In the admin: editors change a live guide through a working draft and preview it;
publishers publish it, schedule it and roll back; a second editor saving over a first is
told; members hear about a publish only when it moves their score."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from guide.history import career_revisions
from guide.models import FAQ, Career
from tests.assessments.helpers import rate_all, skills_post
from tests.factory import make_assessable_career, make_full_guide
from tests.forms import form_data
from tests.guide.test_history import add_faq

pytestmark = pytest.mark.django_db


def change_url(career):
    return reverse("admin:guide_career_change", args=[career.pk])


def draft_url(career, step):
    return reverse("admin:guide_career_draft", args=[career.pk, step])


def working_draft(live):
    return Career.objects.get(draft_of=live)


def post_form(client, career, edit, data=None):
    data = data or form_data(client.get(change_url(career)).content.decode(), "career_form")
    edit(data)
    data["_save"] = "Save"
    return client.post(change_url(career), data)


def saved(response):
    if response.status_code != 302:
        ctx = response.context
        inline_errors = [inline.formset.errors for inline in ctx["inline_admin_formsets"]]
        raise AssertionError([ctx["adminform"].form.errors, *inline_errors])


def change_median_and_add_faq(data):
    data["median_salary_usd"] = "118000"
    add_faq(data, "Is there an on-call rota?", "Most teams share one, a week at a time.")


@pytest.fixture
def live():
    return make_full_guide(title="Amazon Engineer")


def test_an_editor_cannot_change_a_live_guide_directly_but_can_start_a_draft(live, editor_client):
    page = editor_client.get(change_url(live))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Start a working draft" in text
    assert 'name="median_salary_usd"' not in text  # read-only for an editor
    response = editor_client.post(change_url(live), {"title": "Renamed"})
    assert response.status_code == 403

    response = editor_client.post(draft_url(live, "start"))
    draft = working_draft(live)
    assert response.status_code == 302 and response.url == change_url(draft)
    assert "Continue the working draft" in editor_client.get(change_url(live)).content.decode()


def test_editor_drafts_previews_and_a_publisher_publishes(
    live, editor_client, publisher_client, client, publisher
):
    editor_client.post(draft_url(live, "start"))
    draft = working_draft(live)
    saved(post_form(editor_client, draft, change_median_and_add_faq))

    # The draft's admin page and its preview on the site say what would change.
    admin_text = editor_client.get(change_url(draft)).content.decode()
    assert "What publishing would change" in admin_text
    assert "FAQ added:</strong> Is there an on-call rota?" in admin_text
    assert "Publish this draft" not in admin_text  # editors do not publish
    preview = editor_client.get(draft.get_absolute_url())
    preview_text = preview.content.decode()
    assert preview.status_code == 200
    assert "Working draft: not public" in preview_text
    assert "<del>110000</del> → <ins>118000</ins>" in preview_text
    assert "Is there an on-call rota?" in preview_text

    # Visitors still get the live guide, and no way to the draft.
    assert "Is there an on-call rota?" not in client.get(live.get_absolute_url()).content.decode()
    assert client.get(draft.get_absolute_url()).status_code == 404

    assert editor_client.post(draft_url(draft, "publish")).status_code == 403
    response = publisher_client.post(draft_url(draft, "publish"))
    assert response.status_code == 302 and response.url == change_url(live)

    live.refresh_from_db()
    assert live.median_salary_usd == 118000
    assert "Is there an on-call rota?" in client.get(live.get_absolute_url()).content.decode()
    assert not Career.objects.filter(draft_of=live).exists()
    history = publisher_client.get(reverse("admin:guide_career_history", args=[live.pk]))
    text = history.content.decode()
    assert "Published the working draft" in text
    assert "<del>110000</del> → <ins>118000</ins>" in text
    assert career_revisions(live).first().user == publisher


def test_a_refused_publish_says_why_and_leaves_the_live_guide(live, publisher_client):
    publisher_client.post(draft_url(live, "start"))
    draft = working_draft(live)
    # A link that the admin lets through but that would be broken on the live guide.
    section = draft.sections.first()
    section.body = "More in [the hidden guide](/careers/not-a-guide/)."
    section.save()

    response = publisher_client.post(draft_url(draft, "publish"), follow=True)

    text = response.content.decode()
    assert "Not published; the live guide is unchanged" in text
    assert "/careers/not-a-guide/, which is not a live guide" in text
    assert "not-a-guide" not in "".join(live.sections.values_list("body", flat=True))
    assert Career.objects.filter(pk=draft.pk).exists()


def test_discarding_needs_a_tick_and_keeps_the_live_guide(live, editor_client):
    editor_client.post(draft_url(live, "start"))
    draft = working_draft(live)

    editor_client.post(draft_url(draft, "discard"))
    assert Career.objects.filter(pk=draft.pk).exists()
    response = editor_client.post(draft_url(draft, "discard"), {"confirm": "yes"})

    assert response.status_code == 302 and response.url == change_url(live)
    assert not Career.objects.filter(pk=draft.pk).exists()
    assert Career.objects.filter(pk=live.pk, status=Career.Status.PUBLISHED).exists()


def test_a_second_editor_saving_the_same_draft_is_told_and_loses_nothing(live, editor, client):
    from tests.conftest import signed_in

    first = signed_in(editor)
    first.post(draft_url(live, "start"))
    draft = working_draft(live)
    second = signed_in(editor)
    first_data = form_data(first.get(change_url(draft)).content.decode(), "career_form")
    second_data = form_data(second.get(change_url(draft)).content.decode(), "career_form")

    saved(post_form(first, draft, lambda d: d.update(median_salary_usd="115000"), first_data))
    response = post_form(
        second, draft, lambda d: d.update(summary="The second editor's summary."), second_data
    )

    assert response.status_code == 409
    text = response.content.decode()
    assert "saved this guide at" in text and "Nothing was saved from this page" in text
    assert "The second editor&#x27;s summary." in text  # what they typed is still there
    draft.refresh_from_db()
    assert draft.median_salary_usd == 115000
    assert draft.summary != "The second editor's summary."

    # Saving again, knowingly, puts the second version over the first.
    again = form_data(text, "career_form")
    saved(post_form(second, draft, lambda d: None, again))
    draft.refresh_from_db()
    assert draft.summary == "The second editor's summary."


def test_rolling_back_a_live_guide_takes_the_publish_permission(
    live, publisher_client, editor_client
):
    saved(post_form(publisher_client, live, lambda d: d.update(median_salary_usd="105000")))
    saved(post_form(publisher_client, live, lambda d: d.update(median_salary_usd="118000")))
    oldest = list(career_revisions(live))[-1]
    version = Version.objects.get_for_object(live).get(revision=oldest)
    url = reverse("admin:guide_career_revision", args=[live.pk, version.pk])

    assert "Restore this version" not in editor_client.get(url).content.decode()
    assert editor_client.post(url).status_code == 403
    assert publisher_client.post(url).status_code == 302
    live.refresh_from_db()
    assert live.median_salary_usd == 105000
    assert career_revisions(live).first().comment.startswith("Restored the version of")


def test_editors_cannot_schedule_or_publish(live, editor_client):
    editor_client.post(draft_url(live, "start"))
    draft = working_draft(live)
    text = editor_client.get(change_url(draft)).content.decode()
    assert 'name="publish_at_0"' not in text and 'name="status"' not in text
    actions = editor_client.get(reverse("admin:guide_career_changelist")).content.decode()
    assert 'value="publish"' not in actions


def test_a_due_working_draft_is_published_by_the_schedule(live, client):
    draft = make_draft_with_faq(live)
    Career.objects.filter(pk=draft.pk).update(publish_at=timezone.now() - timedelta(minutes=1))

    out = StringIO()
    call_command("publish_due", stdout=out)

    assert "amazon-engineer: published" in out.getvalue()
    assert "Is there an on-call rota?" in client.get(live.get_absolute_url()).content.decode()
    assert career_revisions(live).first().comment.startswith("Published on schedule")


def test_a_due_working_draft_that_fails_keeps_the_live_guide_and_says_why(live):
    draft = make_draft_with_faq(live)
    Career.objects.filter(pk=draft.pk).update(
        publish_at=timezone.now() - timedelta(minutes=1), median_salary_usd=400000
    )
    out = StringIO()
    with pytest.raises(CommandError):
        call_command("publish_due", stdout=out)
    assert "amazon-engineer: not published" in out.getvalue()
    assert not live.faqs.filter(question="Is there an on-call rota?").exists()
    assert Career.objects.filter(pk=draft.pk).exists()


def make_draft_with_faq(live):
    from guide.drafts import start_draft

    draft = start_draft(live=live, user=None)
    FAQ.objects.create(career=draft, question="Is there an on-call rota?", answer="Yes.")
    return draft


def test_members_hear_only_of_a_publish_that_moves_their_score(owner_client, publisher):
    from guide.drafts import publish_draft, start_draft

    career = make_assessable_career(title="Amazon Engineer")
    skills_post(owner_client, career, ratings=rate_all(career, 2))

    draft = start_draft(live=career, user=publisher)
    FAQ.objects.create(career=draft, question="Is it remote?", answer="Often.")
    assert publish_draft(draft=draft, user=publisher).published
    body = owner_client.get(reverse("assessments:dashboard")).content.decode()
    assert "has changed since your last attempt" not in body

    draft = start_draft(live=career, user=publisher)
    skill = draft.career_skills.select_related("skill").first()
    skill.expected_proficiency += 1
    skill.save()
    assert publish_draft(draft=draft, user=publisher).published
    body = " ".join(owner_client.get(reverse("assessments:dashboard")).content.decode().split())
    assert "has changed since your last attempt" in body
    assert f"{skill.skill.name}: expected level" in body


def test_a_rollback_that_would_break_a_link_is_refused_and_changes_nothing(live, publisher_client):
    from tests.factory import make_career

    other = make_career(title="Cloud Engineer")
    section = live.sections.first()
    section.body = "Compare with [the cloud guide](/careers/cloud-engineer/)."
    section.save()
    saved(post_form(publisher_client, live, lambda d: None))
    saved(post_form(publisher_client, live, lambda d: d.update(median_salary_usd="118000")))
    older = list(career_revisions(live))[-1]
    other.status = Career.Status.DRAFT  # the guide the old version links to went offline
    other.save()
    version = Version.objects.get_for_object(live).get(revision=older)
    url = reverse("admin:guide_career_revision", args=[live.pk, version.pk])

    response = publisher_client.post(url, follow=True)

    assert "Not restored; the live guide is unchanged" in response.content.decode()
    live.refresh_from_db()
    assert live.median_salary_usd == 118000
    assert not career_revisions(live).first().comment.startswith("Restored")
