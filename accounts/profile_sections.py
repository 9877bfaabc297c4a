"""Parts of the profile that other apps own: one registry, like the export's.

The profile page and the `me` API show the account's own fields (the display name) and
then every registered section. An app adds one from its ``AppConfig.ready()``::

    from accounts import profile_sections

    profile_sections.register(profile_sections.ProfileSection(name="goal", ...))

Accounts imports no other app: the arrow points from the other app to this module. The
page shows all sections inside its one form, so one "Save" validates every part and
saves them together (see `accounts.services.profile_update`).
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ImproperlyConfigured

_NAME = re.compile(r"[a-z][a-z0-9_]{0,62}")


@dataclass(frozen=True)
class ProfileSection:
    """What the profile page and the `me` API need to show and change one part.

    - ``template_name``: the fields' markup, rendered inside the page's form with
      ``form`` in the context.
    - ``form(data=None, *, user)``: the section's form, unbound or bound to the POST,
      filled with the user's saved values.
    - ``save(*, user, form)``: saves a valid form; raises ``ValidationError`` keyed by
      the form's field names.
    - ``api_output`` / ``api_input``: serializer classes whose declared fields join the
      `me` answer and the fields a `PATCH` accepts. Field names must not clash.
    - ``api_read(*, user)``: a dict of values for ``api_output``'s fields.
    - ``api_update(*, user, data)``: saves the fields a `PATCH` sent (only those, already
      parsed by ``api_input``); raises ``ValidationError`` keyed by field name.
    """

    name: str
    template_name: str
    form: Callable[..., Any]
    save: Callable[..., Any]
    api_output: type
    api_input: type
    api_read: Callable[..., dict]
    api_update: Callable[..., Any]


_sections: dict[str, ProfileSection] = {}


def register(section: ProfileSection) -> None:
    """Add `section`. Registering the same section again is allowed (``ready()`` may run
    more than once in tests); a different one under a taken name is an error."""
    if not _NAME.fullmatch(section.name):
        raise ImproperlyConfigured(
            f"Profile section name {section.name!r} must be lower_snake_case."
        )
    existing = _sections.get(section.name)
    if existing is not None and existing != section:
        raise ImproperlyConfigured(f"Profile section {section.name!r} is already registered.")
    _sections[section.name] = section


def sections() -> list[ProfileSection]:
    """Registered sections, in registration order."""
    return list(_sections.values())
