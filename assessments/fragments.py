"""Members' pages rendered once and kept in the cache until something they show changes.

The dashboard, a result page and a plan page are personal, so they never come from the
shared page cache (core/pagecache.py serves only visitors without a session) and are
answered `private, no-store` (core/middleware.py). What they cost to render is the part
worth keeping: the body of each page is cached per member, under a key made of

- the member's stamp (`selectors.member_stamp`): their newest result and number of
  results, and when their plans, plan steps and items and goal were last saved, so a new
  result or a ticked step shows at once;
- the site's content version (`core.pagecache.content_version`), so a published edit of
  a guide shows at once too;
- today's date (a plan's pace and "days left" move with it);
- what the page itself depends on (the result shown, the history page asked for, and for
  a page holding forms the member's CSRF secret, whose tokens it carries).

A cache that cannot answer only costs the rendering: the page is still served.
"""

import hashlib
import logging
from collections.abc import Callable

from django.core.cache import cache
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from core.pagecache import content_version

from . import selectors

logger = logging.getLogger(__name__)

FRAGMENT_TIMEOUT = 60 * 60 * 24  # a day: keys change with the data, this only frees space
FORMAT = 1  # bump when a cached template changes shape in a way old fragments must not show


def fragment_key(*, name: str, user, parts: tuple = ()) -> str:
    """The cache key of one member's fragment `name`, as of now. One query (the stamp)."""
    stamp = selectors.member_stamp(user=user)
    today = timezone.localdate().isoformat()
    raw = repr((FORMAT, name, user.pk, stamp, content_version(), today, parts))
    return f"member:{user.pk}:{name}:{hashlib.sha256(raw.encode()).hexdigest()}"


def cached_fragment(*, name: str, user, parts: tuple = (), render: Callable[[], str]) -> SafeString:
    """The member's fragment `name` from the cache, or `render()`ed now and stored."""
    key = fragment_key(name=name, user=user, parts=parts)
    try:
        html = cache.get(key)
    except Exception:  # noqa: BLE001 - a cache that cannot answer must not take pages down
        logger.warning("fragment cache unavailable; rendering %s", name)
        return mark_safe(render())  # noqa: S308 - rendered by our own templates
    if html is None:
        html = render()
        try:
            cache.set(key, str(html), FRAGMENT_TIMEOUT)
        except Exception:  # noqa: BLE001 - the page is still right, only not stored
            logger.warning("fragment cache unavailable; %s not stored", name)
    return mark_safe(html)  # noqa: S308 - rendered by our own templates, autoescaped
