"""A working draft changes a live guide in private; publishing it is one step that keeps
the ids members link to; discarding it leaves the live guide as it was."""

import pytest
from django.contrib.auth import get_user_model

from assessments.models import Goal, Plan, PlanStep
from guide.drafts import (
    discard_draft,
    draft_changes,
    publish_draft,
    publish_problems,
    start_draft,
)
from guide.history import career_revisions
from guide.models import FAQ, Career, KeyFact, Section, Source, Step
from tests.factory import make_career, make_full_guide

pytestmark = pytest.mark.django_db


@pytest.fixture
def live():
    return make_full_guide(title="Amazon Engineer")


@pytest.fixture
def publisher():
    return get_user_model().objects.create_user(email="pub@example.com", is_staff=True)


def test_a_draft_copies_every_part_and_visitors_keep_the_live_guide(live, client, publisher):
    before = client.get(live.get_absolute_url()).content.decode()
    draft = start_draft(live=live, user=publisher)

    assert draft.draft_of == live and draft.status == Career.Status.DRAFT
    assert draft.steps.count() == live.steps.count() == 4
    assert draft.faqs.count() == 4 and draft.sources.count() == 2
    assert set(draft.steps.values_list("origin_id", flat=True)) == set(
        live.steps.values_list("pk", flat=True)
    )
    # The draft's figures cite the draft's own copies of the sources.
    assert set(KeyFact.objects.filter(career=draft).values_list("source__career", flat=True)) == {
        draft.pk
    }
    FAQ.objects.create(career=draft, question="Is there on-call?", answer="Yes, weekly.")
    assert client.get(draft.get_absolute_url()).status_code == 404
    after = client.get(live.get_absolute_url()).content.decode()
    assert "Is there on-call?" not in after
    assert after.count("Question 0?") == before.count("Question 0?")
    assert start_draft(live=live, user=publisher) == draft  # one working draft per guide


def test_the_summary_names_what_differs_from_the_live_guide(live, publisher):
    draft = start_draft(live=live, user=publisher)
    FAQ.objects.create(career=draft, question="Is there on-call?", answer="Yes, weekly.")
    Career.objects.filter(pk=draft.pk).update(median_salary_usd=118000)
    draft.steps.filter(title="Step 3").delete()
    draft.refresh_from_db()

    changes = draft_changes(draft)
    assert [(c.label, c.old, c.new) for c in changes.career] == [
        ("median salary usd", "110000", "118000")
    ]
    kinds = {(p.kind, p.part, p.label) for p in changes.parts}
    assert kinds == {("added", "FAQ", "Is there on-call?"), ("removed", "step", "Step 3")}


def test_an_untouched_draft_differs_in_nothing(live, publisher):
    changes = draft_changes(start_draft(live=live, user=publisher))
    assert changes.career == [] and changes.parts == []


def test_publishing_updates_the_live_guide_in_place_and_keeps_members_links(live, publisher):
    member = get_user_model().objects.create_user(email="m@example.com")
    step = live.steps.get(title="Step 1")
    level = live.levels.first()
    plan = Plan.objects.create(
        user=member, career=live, career_title=live.title, career_slug=live.slug
    )
    PlanStep.objects.create(
        plan=plan, step=step, step_title=step.title, note="Halfway through the course."
    )
    Goal.objects.create(user=member, target_career=live, target_level=level)

    draft = start_draft(live=live, user=publisher)
    draft.steps.filter(origin_id=step.pk).update(title="Step 1, rewritten")
    draft.steps.filter(title="Step 0").delete()
    Step.objects.create(career=draft, title="A new last step", body="Ship it.", order=9)
    FAQ.objects.create(career=draft, question="Is there on-call?", answer="Yes, weekly.")
    Career.objects.filter(pk=draft.pk).update(median_salary_usd=118000)
    draft.refresh_from_db()

    outcome = publish_draft(draft=draft, user=publisher)

    assert outcome.published, outcome.reasons
    live.refresh_from_db()
    assert live.median_salary_usd == 118000 and live.is_published
    assert live.steps.get(pk=step.pk).title == "Step 1, rewritten"
    assert list(live.steps.values_list("title", flat=True)) == [
        "Step 1, rewritten",
        "Step 2",
        "Step 3",
        "A new last step",
    ]
    assert live.faqs.filter(question="Is there on-call?").exists()
    assert not Career.objects.filter(draft_of=live).exists()  # the draft is gone
    assert not Step.objects.exclude(career=live).filter(title="A new last step").exists()
    plan_step = PlanStep.objects.get(plan=plan)
    assert plan_step.step_id == step.pk and plan_step.note == "Halfway through the course."
    assert Goal.objects.get(user=member).target_level_id == level.pk
    revision = career_revisions(live).first()
    assert revision.user == publisher
    assert revision.comment.startswith("Published the working draft")
    assert "FAQ: 1 added" in revision.comment


def test_publishing_follows_new_and_removed_sources(live, publisher):
    draft = start_draft(live=live, user=publisher)
    new_source = Source.objects.create(career=draft, title="A newer survey", order=5)
    KeyFact.objects.filter(career=draft).update(source=new_source)
    draft.sources.exclude(pk=new_source.pk).delete()

    assert publish_draft(draft=draft, user=publisher).published
    assert list(live.sources.values_list("title", flat=True)) == ["A newer survey"]
    assert set(live.key_facts.values_list("source__title", flat=True)) == {"A newer survey"}


def test_swapped_unique_fields_publish_without_a_clash(live, publisher):
    first, second = live.sections.order_by("order")[:2]
    draft = start_draft(live=live, user=publisher)
    Section.objects.filter(career=draft, origin_id=first.pk).update(anchor="tmp")
    Section.objects.filter(career=draft, origin_id=second.pk).update(anchor=first.anchor)
    Section.objects.filter(career=draft, origin_id=first.pk).update(anchor=second.anchor)

    assert publish_draft(draft=draft, user=publisher).published
    assert Section.objects.get(pk=first.pk).anchor == second.anchor
    assert Section.objects.get(pk=second.pk).anchor == first.anchor


def test_a_draft_that_contradicts_itself_is_refused_and_the_live_guide_is_untouched(
    live, publisher
):
    draft = start_draft(live=live, user=publisher)
    Career.objects.filter(pk=draft.pk).update(median_salary_usd=400000)  # above every level
    draft.refresh_from_db()

    outcome = publish_draft(draft=draft, user=publisher)

    assert not outcome.published
    assert any("median" in reason.lower() for reason in outcome.reasons)
    live.refresh_from_db()
    assert live.median_salary_usd == 110000
    assert Career.objects.filter(draft_of=live).exists()  # the draft is kept to fix


def test_a_broken_link_is_refused(live, publisher):
    hidden = make_career(title="Hidden Role", status=Career.Status.DRAFT)
    draft = start_draft(live=live, user=publisher)
    section = draft.sections.first()
    section.body = (
        "See [the hidden one](/careers/hidden-role/) and [nothing](/careers/nope/); "
        "[compare two](/careers/compare/?a=x&b=y) is a page of its own."
    )
    section.save()
    draft.related_links.create(related_career=hidden, order=9)

    reasons = publish_problems(draft)
    assert "Related careers: “Hidden Role” is not published." in reasons
    assert any("/careers/hidden-role/" in reason for reason in reasons)
    assert any("/careers/nope/" in reason for reason in reasons)
    assert not any("/careers/compare/" in reason for reason in reasons)
    assert not publish_draft(draft=draft, user=publisher).published


def test_a_draft_does_not_count_as_a_second_guide_for_the_figure_rules(live, publisher):
    draft = start_draft(live=live, user=publisher)
    Career.objects.filter(pk=draft.pk).update(growth_outlook_pct=17)
    draft.refresh_from_db()
    assert not any("guide" in reason.lower() for reason in publish_problems(draft))


def test_discarding_throws_the_draft_away_and_nothing_else(live, publisher):
    steps = list(live.steps.values_list("pk", "title"))
    draft = start_draft(live=live, user=publisher)
    draft.steps.all().delete()

    discard_draft(draft=draft)

    assert not Career.objects.filter(pk=draft.pk).exists()
    assert list(live.steps.values_list("pk", "title")) == steps


def test_only_a_live_guide_gets_a_working_draft(publisher):
    with pytest.raises(ValueError):
        start_draft(live=make_career(status=Career.Status.DRAFT), user=publisher)


def test_spacing_and_renumbering_are_not_changes_but_a_new_order_is(live, publisher):
    draft = start_draft(live=live, user=publisher)
    faq = draft.faqs.order_by("order").first()
    FAQ.objects.filter(pk=faq.pk).update(answer=faq.answer + "\r\n")  # a browser's line end
    for position, row in enumerate(draft.pros_cons.order_by("order", "pk"), start=10):
        row.order = position  # renumbered, in the same order
        row.save()
    assert draft_changes(draft).empty

    steps = list(draft.steps.order_by("order"))
    for position, step in enumerate([steps[-1], *steps[:-1]], start=1):
        step.order = position  # the last step moved to the top
        step.save()
    [change] = draft_changes(draft).parts
    assert change.kind == "reordered" and change.part == "how-to-become steps"
    assert change.label.startswith("Step 3, Step 0")
