"""A visitor's own unclaimed results, remembered by id in their session.

The one place that reads or writes the session for assessments; selectors and services
take the ids as a plain list."""

VISITOR_SESSION_KEY = "visitor_results"
MAX_VISITOR_RESULTS = 20


def result_ids(session) -> list[int]:
    return [int(pk) for pk in session.get(VISITOR_SESSION_KEY, []) if str(pk).isdigit()]


def remember(session, result_id: int) -> None:
    ids = result_ids(session)
    if result_id not in ids:
        ids = (ids + [result_id])[-MAX_VISITOR_RESULTS:]
    session[VISITOR_SESSION_KEY] = ids


def forget_all(session) -> None:
    session.pop(VISITOR_SESSION_KEY, None)
