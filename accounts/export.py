"""The data export: one registry of sections, so apps added later extend it.

Each app that stores something about a user registers a section from its
``AppConfig.ready()``::

    from accounts import export

    export.register("assessment_results", selectors.results_for_export)

The callable takes the user and returns data that ``DjangoJSONEncoder`` can write
(dicts, lists, strings, numbers, booleans, None, dates, decimals, UUIDs). Accounts
imports no other app: the arrow points from the other app to this module. The file
format is documented in docs/data-export.md.
"""

import re
from collections.abc import Callable
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

FORMAT_VERSION = 1
RESERVED_KEYS = frozenset({"format_version", "exported_at", "sections"})
_NAME = re.compile(r"[a-z][a-z0-9_]{0,62}")

Section = Callable[[Any], Any]
_sections: dict[str, Section] = {}


def register(name: str, collect: Section) -> None:
    """Add a section called `name` whose content is `collect(user)`.

    Registering the same callable twice under one name is allowed (``ready()`` can run
    more than once in tests); a second, different callable for a taken name is an error.
    """
    if not _NAME.fullmatch(name) or name in RESERVED_KEYS:
        raise ImproperlyConfigured(
            f"Export section name {name!r} must be lower_snake_case and not one of "
            f"{sorted(RESERVED_KEYS)}."
        )
    if not callable(collect):
        raise ImproperlyConfigured(f"Export section {name!r} needs a callable, got {collect!r}.")
    existing = _sections.get(name)
    if existing is not None and existing is not collect:
        raise ImproperlyConfigured(f"Export section {name!r} is already registered.")
    _sections[name] = collect


def section_names() -> list[str]:
    """Registered section names, in registration order."""
    return list(_sections)


def export_build(*, user) -> dict[str, Any]:
    """Everything the site holds about `user`, as one JSON-able document."""
    document: dict[str, Any] = {
        "format_version": FORMAT_VERSION,
        "exported_at": timezone.now(),
        "sections": section_names(),
    }
    for name, collect in _sections.items():
        document[name] = collect(user)
    return document
