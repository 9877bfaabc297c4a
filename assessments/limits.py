"""How fast results may be saved: the one place the HTML forms and the API both ask.

Two bounds, checked in this order for every submission that is not a repeat of an
earlier form (a repeated `submission_key` returns its first result and counts nothing):

- a rate, `settings.ASSESSMENT_SUBMIT_RATE` (e.g. "10/minute"), per signed-in user or,
  for visitors, per client IP address. It is counted in the shared cache with one atomic
  increment per submission (a sliding window, see `_take`), so every app instance sees
  the same count;
- a daily bound on what one user keeps, `settings.ASSESSMENT_DAILY_RESULTS_MAX` results in
  any 24 hours, counted in the database by the service that saves (it bounds storage, so
  it must not depend on a cache that may be flushed).

Visitors' results are also bounded in time: `manage.py purge_stale` deletes those never
claimed. See docs/deploy.md.
"""

import contextlib
import math
import time
import uuid
from collections.abc import Callable, Collection
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

from . import exceptions, selectors
from .models import Result

_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


class SubmissionRefused(Exception):
    """Too many submissions: nothing was saved. Say `message`; retry in `retry_after` s."""

    def __init__(self, message: str, retry_after: int):
        super().__init__(message)
        self.message = message
        self.retry_after = max(1, retry_after)


@dataclass(frozen=True)
class Submitter:
    """Who is submitting: a signed-in user (by id) or a visitor (by IP address)."""

    user: object
    ip: str

    @property
    def ident(self) -> str:
        if self.user is not None and self.user.is_authenticated:
            return f"user:{self.user.pk}"
        return f"ip:{self.ip}"


def client_ip(request) -> str:
    """The client's address: REMOTE_ADDR, or behind `ALLAUTH_TRUSTED_PROXY_COUNT` proxies
    the address the outermost of them saw, as allauth and the API throttles take it. A
    header shorter than the proxy count cannot be trusted; REMOTE_ADDR is used then."""
    remote = request.META.get("REMOTE_ADDR", "") or "unknown"
    proxies = settings.ALLAUTH_TRUSTED_PROXY_COUNT
    forwarded = request.headers.get("x-forwarded-for", "")
    if proxies > 0 and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",")]
        if len(hops) >= proxies and hops[-proxies]:
            return hops[-proxies][:64]
    return remote[:64]


def submit_rate() -> tuple[int, int]:
    """(submissions, per seconds) from settings.ASSESSMENT_SUBMIT_RATE."""
    count, period = settings.ASSESSMENT_SUBMIT_RATE.split("/")
    return int(count), _SECONDS[period[0]]


def _window_key(submitter: Submitter, seconds: int, window: int) -> str:
    return f"assessment-submit:{submitter.ident}:{seconds}:{window}"


def _take(submitter: Submitter) -> None:
    """Count one submission; SubmissionRefused when the rate is used up.

    A sliding window, estimated from two fixed ones: this window's count plus the last
    window's count weighted by how much of it still falls in the past `seconds`. So a
    burst cannot double the rate by straddling a window's end. Refused tries are not
    counted, so waiting Retry-After seconds is always enough.
    """
    allowed, seconds = submit_rate()
    window, elapsed = divmod(time.time(), seconds)
    current = _window_key(submitter, seconds, int(window))
    cache.add(current, 0, timeout=2 * seconds + 1)
    try:
        used = cache.incr(current)
    except ValueError:  # the entry expired between add and incr
        cache.set(current, 1, timeout=2 * seconds + 1)
        used = 1
    previous = cache.get(_window_key(submitter, seconds, int(window) - 1), 0)
    if previous * (1 - elapsed / seconds) + used <= allowed:
        return
    with contextlib.suppress(ValueError):
        cache.decr(current)
    # In the next window this one's count (used - 1) weighs in; wait until it weighs
    # little enough for one more submission to fit.
    counted = used - 1
    share = 0.0 if counted < allowed else 1 - (allowed - 1) / counted
    wait = math.ceil(seconds - elapsed + share * seconds)
    raise SubmissionRefused(
        f"You have sent {allowed} assessments in a short time, the most we take. "
        f"Wait {_duration(wait)} and send this one again; your answers are kept below.",
        wait,
    )


def _give_back(submitter: Submitter) -> None:
    """Undo one count: the submission saved nothing new."""
    _allowed, seconds = submit_rate()
    window = int(time.time() // seconds)
    with contextlib.suppress(ValueError):  # the entry has already expired
        cache.decr(_window_key(submitter, seconds, window))


def _duration(seconds: int) -> str:
    if seconds < 90:
        return f"{seconds} second{'s' if seconds != 1 else ''}"
    if seconds < 90 * 60:
        return f"about {round(seconds / 60)} minutes"
    return f"about {round(seconds / 3600)} hours"


def submit(
    *,
    submitter: Submitter,
    submission_key: uuid.UUID,
    visitor_result_ids: Collection[int],
    create: Callable[[], tuple[Result, bool]],
) -> tuple[Result, bool]:
    """Save a result through `create` (a service call) if the limits allow it.

    Returns (result, created). A repeat of the caller's own earlier form returns its
    result without counting. Raises SubmissionRefused when over a limit.
    """
    earlier = selectors.result_for_resubmission(
        submission_key=submission_key,
        user=submitter.user,
        visitor_result_ids=visitor_result_ids,
    )
    if earlier is not None:
        return earlier, False
    _take(submitter)
    try:
        result, created = create()
    except exceptions.DailyResultsLimit as limit:
        _give_back(submitter)
        raise SubmissionRefused(
            f"You have saved {limit.maximum} results in the last 24 hours, the most we keep "
            f"for one account in a day. Your earlier results are all kept. Try again in "
            f"{_duration(limit.retry_after)}.",
            limit.retry_after,
        ) from None
    except BaseException:
        _give_back(submitter)
        raise
    if not created:
        _give_back(submitter)
    return result, created
