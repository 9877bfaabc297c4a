"""The public guide page is cached whole, keyed by a site-wide content version.

Any save or delete of any guide model (and the admin's bulk publish actions) sets a
new version, so every cached guide page is invalidated at once. With REDIS_URL set the
version lives in the shared Redis, so an edit saved on one app instance invalidates
the pages cached by all of them. Versions are nanosecond timestamps, not counters, so
a version lost from the cache can never come back and revive an old page.
"""

import time

from django.core.cache import cache
from django.db import transaction

VERSION_KEY = "guide:content-version"
PAGE_TIMEOUT = 60 * 60 * 24


def content_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        version = time.time_ns()
        cache.add(VERSION_KEY, version, timeout=None)
        version = cache.get(VERSION_KEY, version)
    return version


def content_changed(**kwargs) -> None:
    """Signal receiver and plain function: start a new content version."""
    cache.set(VERSION_KEY, time.time_ns(), timeout=None)


def official_figures_changed(**kwargs) -> None:
    """Signal receiver for the official pay figures (occupations.signals.estimates_changed
    and Release saves): a new version now, and again when the transaction commits, so a
    page rendered from the old figures while the import was still running is not kept."""
    content_changed()
    transaction.on_commit(content_changed)


# Part of every page key: bump it when what a cached page holds changes shape, so a page
# cached by an older release of the code is never read by a newer one.
PAGE_FORMAT = 2


def page_key(slug: str) -> str:
    return f"guide:page:v{PAGE_FORMAT}:{slug}:{content_version()}"
