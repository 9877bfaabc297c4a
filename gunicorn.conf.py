"""gunicorn settings from the environment; gunicorn reads this file from the directory it starts in.

Run `gunicorn careerguide.wsgi` from the repository root. Flags on the command line win
over these values. docs/deploy.md ("Time limits") explains how the worker timeout and
the database statement timeout fit together.
"""

import os


def _whole_number(name: str, default: int, minimum: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise SystemExit(
            f"Configuration error: {name} must be a whole number; got {raw!r}"
        ) from None
    if value < minimum:
        raise SystemExit(f"Configuration error: {name} must be {minimum} or more; got {value}")
    return value


bind = os.environ.get("GUNICORN_BIND", "").strip() or "127.0.0.1:8000"
workers = _whole_number("GUNICORN_WORKERS", 3, minimum=1)
# Threads per worker (gthread when above 1): more concurrent requests per worker's memory.
threads = _whole_number("GUNICORN_THREADS", 1, minimum=1)
# A worker silent for this many seconds is killed and replaced; the request gets a 502
# from the proxy. Database statements stop sooner (DATABASE_STATEMENT_TIMEOUT_MS).
timeout = _whole_number("GUNICORN_TIMEOUT", 30, minimum=1)
# On restart or shutdown, how long workers may finish the requests they hold.
graceful_timeout = _whole_number("GUNICORN_GRACEFUL_TIMEOUT", 30, minimum=1)

# The database must give up on a statement before gunicorn gives up on the worker, or
# the worker is killed mid-query and the visitor gets a 502 instead of an error page.
_statement_ms = _whole_number("DATABASE_STATEMENT_TIMEOUT_MS", 5000, minimum=0)
if _statement_ms and _statement_ms >= timeout * 1000:
    raise SystemExit(
        "Configuration error: DATABASE_STATEMENT_TIMEOUT_MS "
        f"({_statement_ms} ms) must be below GUNICORN_TIMEOUT ({timeout} s)"
    )


def post_worker_init(worker):
    """Once a worker has loaded the site, move everything it holds (modules, settings,
    URL patterns, templates) out of the garbage collector's sight: its full collections
    then walk only what requests allocate. Measured on cached pages (docs/performance.md):
    the guide page went from 1,022-1,184 to 1,413-1,480 requests a second and its p99 from
    37-49 ms to 28-31 ms."""
    import gc

    gc.collect()
    gc.freeze()
