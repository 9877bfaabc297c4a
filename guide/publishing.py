"""Scheduled publishing: a draft guide with a `publish_at` time goes live when it is due.

`publish_due` is run by cron through `manage.py publish_due` (docs/deploy.md); no task
queue. A working draft of a live guide that is due is published onto it (guide/drafts.py)
the same way. A guide is published only if its figures pass the same contradiction rules the
admin and the loader apply; one that fails stays a draft, keeps its time, and the reason
is reported on every run until an editor fixes the figures or clears the time.
"""

from __future__ import annotations

from dataclasses import dataclass

import reversion
from django.db import transaction

from .cache import content_changed
from .drafts import publish_draft
from .figures import contradictions, problem_place
from .models import Career
from .selectors import all_statistics, career_figures

SCHEDULED_COMMENT = "Published on schedule (due {due:%Y-%m-%d %H:%M %Z})."


@dataclass(frozen=True)
class Outcome:
    career: Career
    published: bool
    reasons: tuple[str, ...] = ()

    def __str__(self) -> str:
        if self.published:
            return f"{self.career.slug}: published"
        return f"{self.career.slug}: not published: {'; '.join(self.reasons)}"


def due_drafts(*, now):
    return Career.objects.filter(status=Career.Status.DRAFT, publish_at__lte=now).order_by(
        "publish_at", "pk"
    )


def _publish_working_draft(draft: Career) -> Outcome:
    """A due working draft of a live guide: put on the live guide (guide/drafts.py), or
    kept, with its time, and the reasons, when it fails the checks."""
    due = draft.publish_at
    comment = SCHEDULED_COMMENT.format(due=due) + " {summary}."
    live = draft.draft_of
    published = publish_draft(draft=draft, user=None, comment=comment)
    return Outcome(live, published=published.published, reasons=published.reasons)


def publish_due(*, now) -> list[Outcome]:
    """Publish every draft whose time has come and whose figures pass; report each."""
    outcomes = []
    for career in due_drafts(now=now):
        if career.is_working_draft:
            outcomes.append(_publish_working_draft(career))
            continue
        problems = contradictions(career_figures(career), all_statistics(exclude=career))
        if problems:
            reasons = tuple(f"{problem_place(p)}: {p.message}" for p in problems)
            outcomes.append(Outcome(career, published=False, reasons=reasons))
            continue
        with transaction.atomic(), reversion.create_revision():
            due = career.publish_at
            career.status = Career.Status.PUBLISHED
            career.publish_at = None
            career.save(update_fields=["status", "publish_at"])
            reversion.set_comment(SCHEDULED_COMMENT.format(due=due))
        outcomes.append(Outcome(career, published=True))
    if any(outcome.published for outcome in outcomes):
        content_changed()
    return outcomes
