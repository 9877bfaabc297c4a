"""The public guide page's body cached whole, keyed by the site-wide content version.

The version lives in core.pagecache (it also expires whole cached pages): any save or
delete of any guide model (and the admin's bulk publish actions, and an OEWS import) sets
a new version, so every cached page is invalidated at once, on every instance sharing
the cache (REDIS_URL).
"""

from django.db import transaction

from core.pagecache import PAGE_TIMEOUT, content_changed, content_version

__all__ = [
    "PAGE_TIMEOUT",
    "content_changed",
    "content_version",
    "official_figures_changed",
    "page_key",
]


def official_figures_changed(**kwargs) -> None:
    """Signal receiver for the official pay figures (occupations.signals.release_imported
    and Release saves): a new version now, and again when the transaction commits, so a
    page rendered from the old figures while the import was still running is not kept."""
    content_changed()
    transaction.on_commit(content_changed)


# Part of every page key: bump it when what a cached page holds changes shape, so a page
# cached by an older release of the code is never read by a newer one.
PAGE_FORMAT = 2


def page_key(slug: str) -> str:
    return f"guide:page:v{PAGE_FORMAT}:{slug}:{content_version()}"
