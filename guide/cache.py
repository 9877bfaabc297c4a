"""The public guide page's body cached whole, keyed by the site-wide content version.

The version lives in core.pagecache (it also expires whole cached pages): any save or
delete of any guide model (and the admin's bulk publish actions, and an OEWS import) sets
a new version, so every cached page is invalidated at once, on every instance sharing
the cache (REDIS_URL).
"""

from core.pagecache import PAGE_TIMEOUT, content_changed, content_version

__all__ = ["PAGE_TIMEOUT", "content_changed", "content_version", "page_key"]


def page_key(slug: str) -> str:
    return f"guide:page:{slug}:{content_version()}"
