"""Parts of the home page that other apps add for the person reading it.

Guide imports no other app: an app registers a provider from its ``AppConfig.ready()``::

    from guide import home_sections

    home_sections.register(my_provider)

A provider is called with the request's user and returns ``(template name, context)``
to include near the top of the home page, or None to add nothing (for a visitor, say).
"""

from collections.abc import Callable

Provider = Callable[..., tuple[str, dict] | None]

_providers: list[Provider] = []


def register(provider: Provider) -> None:
    if provider not in _providers:
        _providers.append(provider)


def sections_for(user) -> list[tuple[str, dict]]:
    """The sections every provider has for `user`, in registration order."""
    return [section for provider in _providers if (section := provider(user)) is not None]
