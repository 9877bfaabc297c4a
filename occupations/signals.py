"""Signals this app sends; it imports no other app, so the pages that show its figures listen.

`estimates_changed` means "the official figures changed": the OEWS importer sends it once
after a successful import (after its transaction commits), and anything else that rewrites
estimates in bulk (`bulk_create`, `QuerySet.update`/`delete`, which send no model signals)
should send it too. The guide connects it to its page-cache invalidation
(`guide.cache.content_changed`, see guide/apps.py), so every cached guide page and every
API ETag changes with the figures. Saving or deleting a `Release` row counts as a change
as well, so an importer that saves its release row is covered even without the signal.
"""

from django.dispatch import Signal

estimates_changed = Signal()


def notify_estimates_changed() -> None:
    """Tell whoever shows the figures that they changed (the importer calls this)."""
    estimates_changed.send(sender=None)
