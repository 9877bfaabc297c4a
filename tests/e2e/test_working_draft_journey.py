"""A change to a live guide, end to end in Chromium: an editor drafts it, visitors keep the
live guide, the preview says what differs, a publisher publishes, members keep their plan,
the history shows the change, a rollback undoes it, and a scheduled draft goes live."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from assessments.models import Plan, PlanStep
from guide.drafts import start_draft
from guide.history import career_revisions
from guide.models import FAQ, Career
from tests.conftest import PASSWORD
from tests.e2e.conftest import log_in, shot, staff_member

pytestmark = pytest.mark.e2e

QUESTION = "Do teams hire from other countries?"
CANADA_TOP = "231000"


def sign_in(browser, live_server, user):
    """A browser window of its own, signed in as `user` (the journey has four people)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(45_000)  # starting and publishing copy the whole guide
    return log_in(page, live_server, user)


def canada_top_field(page):
    name = page.evaluate(
        """() => [...document.querySelectorAll('input[name$="-region"]')]
            .find(input => input.value === 'Canada').name.replace('-region', '-salary_high_usd')"""
    )
    return page.locator(f'input[name="{name}"]')


def test_a_drafted_change_goes_live_keeps_plans_and_rolls_back(
    browser, page, live_server, guides, django_user_model
):
    live = Career.objects.get(slug="amazon-engineer")
    guide_url = live_server.url + live.get_absolute_url()
    editor = staff_member(django_user_model, "editor@example.com", "Editors", publish=False)
    publisher = staff_member(django_user_model, "publisher@example.com", "Publishers", publish=True)
    member = django_user_model.objects.create_user(email="m@example.com", password=PASSWORD)
    step = live.steps.order_by("order").first()
    plan = Plan.objects.create(
        user=member, career=live, career_title=live.title, career_slug=live.slug
    )
    PlanStep.objects.create(plan=plan, step=step, step_title=step.title, note="Week two of it.")
    old_canada = live.regional_salaries.get(region="Canada").salary_high_usd

    page.set_default_timeout(45_000)  # starting and publishing copy the whole guide
    # The editor cannot change the live guide here, so starts a working draft.
    editing = sign_in(browser, live_server, editor)
    editing.goto(f"{live_server.url}/admin/guide/career/{live.pk}/change/")
    editing.get_by_role("button", name="Start a working draft").click()
    editing.wait_for_load_state()
    assert "Working draft of the live guide" in editing.content()
    draft = Career.objects.get(draft_of=live)

    # A salary figure and a new FAQ, saved in the draft.
    canada_top_field(editing).fill(CANADA_TOP)
    editing.locator("#faqs-group").scroll_into_view_if_needed()
    editing.evaluate(
        "() => document.querySelectorAll('#faqs-group details').forEach(d => d.open = true)"
    )
    editing.locator("#faqs-group .add-row a").click()
    total = int(editing.locator('input[name="faqs-TOTAL_FORMS"]').input_value())
    editing.locator(f'[name="faqs-{total - 1}-question"]').fill(QUESTION)
    editing.locator(f'[name="faqs-{total - 1}-answer"]').fill(
        "Some do, with a visa sponsored by the company; most roles hire locally."
    )
    editing.get_by_role("button", name="Save and continue editing").first.click()
    editing.wait_for_load_state()
    assert "was changed successfully" in editing.content()
    assert "Publish this draft" not in editing.content()  # an editor does not publish
    assert editing.evaluate("() => document.documentElement.scrollWidth") <= 1280
    shot(editing, "draft-admin")

    # Visitors still see the live guide.
    visitor = page
    visitor.goto(guide_url)
    assert QUESTION not in visitor.content()

    # The preview shows the new version and what differs from the live one.
    editing.goto(live_server.url + draft.get_absolute_url())
    banner = editing.locator(".draft-banner")
    assert "Working draft: not public" in banner.inner_text()
    assert f"FAQ added: {QUESTION}" in banner.inner_text()
    assert CANADA_TOP in banner.inner_text()
    assert QUESTION in editing.content()
    shot(editing, "draft-preview")

    # A publisher publishes; visitors get the new version at once.
    publishing = sign_in(browser, live_server, publisher)
    publishing.goto(f"{live_server.url}/admin/guide/career/{draft.pk}/change/")
    publishing.get_by_role("button", name="Publish this draft").click()
    publishing.wait_for_load_state()
    assert "Published:" in publishing.content()
    visitor.goto(guide_url)
    assert QUESTION in visitor.content()
    live.refresh_from_db()
    assert live.regional_salaries.get(region="Canada").salary_high_usd == int(CANADA_TOP)

    # The member's plan keeps its step and note.
    plan_step = PlanStep.objects.get(plan=plan)
    assert plan_step.step_id == step.pk and plan_step.note == "Week two of it."
    reading = sign_in(browser, live_server, member)
    reading.goto(live_server.url + plan.get_absolute_url())
    assert "Week two of it." in reading.content()

    # The history shows both revisions, the publish with its diff.
    publishing.goto(f"{live_server.url}/admin/guide/career/{live.pk}/history/")
    history = publishing.locator(".history-revisions").inner_text()
    assert "Published the working draft" in history
    assert "Loaded from content files" in history
    assert f"FAQ added: {QUESTION}" in history
    shot(publishing, "draft-history")

    # Rolling back to the loaded version brings the old figure back, as a new revision.
    publishing.locator(".history-revisions li h3 a").nth(1).click()
    publishing.get_by_role("button", name="Restore this version").click()
    publishing.wait_for_load_state()
    live.refresh_from_db()
    assert live.regional_salaries.get(region="Canada").salary_high_usd == old_canada
    assert not live.faqs.filter(question=QUESTION).exists()
    assert career_revisions(live).first().comment.startswith("Restored the version of")
    visitor.goto(guide_url)
    assert QUESTION not in visitor.content()

    # A working draft set to a time goes live when the scheduler runs after it.
    scheduled = start_draft(live=live, user=publisher)
    FAQ.objects.create(career=scheduled, question="Is there a dress code?", answer="No.")
    Career.objects.filter(pk=scheduled.pk).update(publish_at=timezone.now() - timedelta(minutes=1))
    out = StringIO()
    call_command("publish_due", stdout=out)
    assert "amazon-engineer: published" in out.getvalue()
    visitor.goto(guide_url)
    assert "Is there a dress code?" in visitor.content()
    for other in (editing, publishing, reading):
        other.context.close()
