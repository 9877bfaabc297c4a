"""One structured log line per request, tied to a request id the client and balancer can see.

`RequestIdMiddleware` (first in MIDDLEWARE) takes the id the load balancer sent in
`X-Request-ID` when it is a plausible token, or makes one, keeps it on `request.id`,
returns it in the response's `X-Request-ID` header, and logs one line on the
`careerguide.requests` logger: method, path, status, duration in milliseconds, the user's
id (never an email) and the id. `JsonFormatter` writes every log record as one JSON object
per line, with the request id when the record has one (docs/deploy.md, "Logs").
"""

import json
import logging
import re
import time
import uuid

REQUEST_ID_HEADER = "X-Request-ID"
_VALID_ID = re.compile(r"[A-Za-z0-9._:-]{8,128}")
logger = logging.getLogger("careerguide.requests")


def request_id_of(request) -> str:
    """The balancer's id when it looks like one (no spaces, no control characters, a sane
    length), else a new random one: a client cannot inject text into the logs."""
    given = request.headers.get(REQUEST_ID_HEADER, "")
    return given if _VALID_ID.fullmatch(given) else uuid.uuid4().hex


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.id = request_id_of(request)
        started = time.perf_counter()
        response = self.get_response(request)
        response.headers[REQUEST_ID_HEADER] = request.id
        user = getattr(request, "user", None)
        logger.info(
            "%s %s %s",
            request.method,
            request.path,
            response.status_code,
            extra={
                "request_id": request.id,
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                "user_id": user.pk if user is not None and user.is_authenticated else None,
            },
        )
        return response


_FIELDS = ("request_id", "method", "path", "status", "duration_ms", "user_id")


class JsonFormatter(logging.Formatter):
    """A log record as one line of JSON: time, level, logger, message, and the request
    fields when present; an exception's traceback as `exc`."""

    def format(self, record):
        entry = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        entry.update({name: getattr(record, name) for name in _FIELDS if hasattr(record, name)})
        if record.exc_info:
            entry["exc"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str)
