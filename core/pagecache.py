"""Whole public pages cached for visitors, and the site-wide content version that expires them.

Why not Django's UpdateCacheMiddleware/FetchFromCacheMiddleware: they cache every GET
answered without a cookie, keyed by URL and the headers a response varies on, and are
expired by timeout only. Here (1) only views that declare themselves public
(`@public_page`) are cached, so no page carrying a CSRF token or anything personal can
ever be stored, whatever cookies the request brings; (2) the key holds the content
version, so one write (`content_changed`) expires every cached page on every instance
sharing the cache, at once; (3) a hit is answered before sessions, authentication,
messages and CSRF run, and carries an ETag computed once when stored; (4) each worker keeps
the pages it served last in its own memory too (`local_pages`), under the same versioned
key, so a hit costs one small read of the content version from the shared cache instead of
fetching and decoding the whole page from it; (5) each page is also stored gzipped, compressed
once, and sent so to browsers that accept it (the Amazon guide: 165 KB, 39 KB gzipped): these
pages hold nothing secret, so compressing them is safe from BREACH-style guessing.
docs/performance.md has the measured difference.

Served from the cache: GET requests without a session cookie, a messages cookie or an
Authorization header. Stored: 200 answers from a `@public_page` view without Set-Cookie,
without `private`/`no-store`, and without the CSRF token being used.
"""

import gzip
import hashlib
import logging
import re
import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.core.cache.backends.locmem import LocMemCache
from django.core.exceptions import MiddlewareNotUsed
from django.http import HttpResponse
from django.urls import Resolver404, resolve
from django.utils.cache import patch_cache_control, patch_vary_headers

logger = logging.getLogger(__name__)

VERSION_KEY = "guide:content-version"
PAGE_TIMEOUT = 60 * 60 * 24
_PUBLIC = "_public_page"
_SKIPPED_HEADERS = {"set-cookie", "content-length"}
_FORMAT = 2  # of a stored page: (status, headers, content, gzipped content or None)
_ACCEPTS_GZIP = re.compile(r"\bgzip\b")
_COMPRESSIBLE = re.compile(r"^(text/|application/(json|xml|[\w.+-]+\+(json|xml))\b)")
MIN_COMPRESSED_SIZE = 200  # bytes: smaller pages are sent as they are


def local_pages() -> LocMemCache:
    """This worker's own copies of the pages it served last: at most
    PAGE_CACHE_LOCAL_ENTRIES, the least recently used dropped first. Its keys hold the
    content version read from the shared cache on every request, so a change made on any
    instance is seen here at once; a copy of an old version is never asked for again and
    simply ages out."""
    return LocMemCache(
        "careerguide-local-pages",
        {
            "TIMEOUT": PAGE_TIMEOUT,
            "OPTIONS": {"MAX_ENTRIES": settings.PAGE_CACHE_LOCAL_ENTRIES, "CULL_FREQUENCY": 4},
        },
    )


def content_version() -> int:
    """The current version of everything the public pages show (a nanosecond timestamp)."""
    version = cache.get(VERSION_KEY)
    if version is None:
        version = time.time_ns()
        cache.add(VERSION_KEY, version, timeout=None)
        version = cache.get(VERSION_KEY, version)
    return version


def content_changed(**kwargs) -> None:
    """Signal receiver and plain function: start a new content version.

    Versions are timestamps, not counters, so a version lost from the cache can never come
    back and revive an old page."""
    cache.set(VERSION_KEY, time.time_ns(), timeout=None)


def public_page(view):
    """Mark a view's answers as the same for every visitor without a session: cacheable whole."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        setattr(response, _PUBLIC, True)
        return response

    setattr(wrapper, _PUBLIC, True)  # the middleware asks the URL's view before the cache
    return wrapper


def _routes_to_public_page(request) -> bool:
    try:
        match = resolve(request.path_info, getattr(request, "urlconf", None))
    except Resolver404:
        return False
    return getattr(match.func, _PUBLIC, False)


def _is_anonymous(request) -> bool:
    cookies = request.COOKIES
    return not (
        settings.SESSION_COOKIE_NAME in cookies
        or "messages" in cookies
        or "HTTP_AUTHORIZATION" in request.META
    )


def _key(request, version: int) -> str:
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return f"pagecache:v{_FORMAT}:{version}:{path}"


def _compressed(response) -> bytes | None:
    if response.has_header("Content-Encoding") or len(response.content) < MIN_COMPRESSED_SIZE:
        return None
    if not _COMPRESSIBLE.match(response.get("Content-Type", "")):
        return None
    return gzip.compress(response.content, compresslevel=6, mtime=0)


def _answer(request, stored, outcome: str) -> HttpResponse:
    """The stored page as a response, gzipped when the browser accepts it (with its own
    ETag, so a revalidation compares like with like)."""
    status, headers, content, compressed = stored
    gzipped = compressed is not None and _ACCEPTS_GZIP.search(
        request.headers.get("Accept-Encoding", "")
    )
    response = HttpResponse(compressed if gzipped else content, status=status)
    for name, value in headers:
        response.headers[name] = value
    if gzipped:
        response.headers["Content-Encoding"] = "gzip"
        response.headers["ETag"] = response.headers["ETag"].removesuffix('"') + '-gzip"'
    response.headers["X-Page-Cache"] = outcome
    return response


class PublicPageCacheMiddleware:
    """Place early: after SecurityMiddleware and WhiteNoise, before sessions and CSRF."""

    def __init__(self, get_response):
        if not settings.PUBLIC_PAGE_CACHE:
            raise MiddlewareNotUsed("PUBLIC_PAGE_CACHE is off")
        self.get_response = get_response
        self.local = local_pages() if settings.PAGE_CACHE_LOCAL_ENTRIES > 0 else None

    def _stored(self, key: str):
        """The stored page: this worker's copy, else the shared cache's (then kept here)."""
        if self.local is not None:
            stored = self.local.get(key)
            if stored is not None:
                return stored
        stored = cache.get(key)
        if stored is not None and self.local is not None:
            self.local.set(key, stored)
        return stored

    def __call__(self, request):
        if (
            request.method != "GET"
            or not _is_anonymous(request)
            or not _routes_to_public_page(request)
        ):
            return self.get_response(request)
        try:
            key = _key(request, content_version())
            stored = self._stored(key)
        except Exception:  # noqa: BLE001 - a cache that cannot answer must not take pages down
            logger.warning("page cache unavailable; serving %s uncached", request.path)
            return self.get_response(request)
        if stored is not None:
            return _answer(request, stored, "hit")
        response = self.get_response(request)
        if not self._storable(request, response):
            return response
        response.headers["ETag"] = f'"{hashlib.md5(response.content).hexdigest()}"'  # noqa: S324
        patch_cache_control(response, public=True, max_age=0)
        patch_vary_headers(response, ["Accept-Encoding"])
        headers = [(n, v) for n, v in response.items() if n.lower() not in _SKIPPED_HEADERS]
        stored = (response.status_code, headers, response.content, _compressed(response))
        if self.local is not None:
            self.local.set(key, stored)
        try:
            cache.set(key, stored, PAGE_TIMEOUT)
        except Exception:  # noqa: BLE001 - the page is still right, only not stored
            logger.warning("page cache unavailable; %s not stored", request.path)
        return _answer(request, stored, "miss")

    @staticmethod
    def _storable(request, response) -> bool:
        if not getattr(response, _PUBLIC, False) or response.status_code != 200:
            return False
        if response.streaming or response.cookies or request.META.get("CSRF_COOKIE_USED"):
            return False
        cache_control = response.get("Cache-Control", "")
        return "private" not in cache_control and "no-store" not in cache_control
