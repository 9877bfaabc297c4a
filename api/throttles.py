"""Throttles whose rates follow the settings (`DEFAULT_THROTTLE_CLASSES`, and
`throttle_scope` on a view). DRF copies the rates into each throttle class when it is
first imported; these read them from the settings on every request instead, so a
changed setting (or a test) takes effect.
"""

from rest_framework import throttling
from rest_framework.settings import api_settings


class _RatesFromSettings:
    @property
    def THROTTLE_RATES(self):  # noqa: N802 - the name DRF looks up
        return api_settings.DEFAULT_THROTTLE_RATES


class AnonRateThrottle(_RatesFromSettings, throttling.AnonRateThrottle):
    """Visitors without credentials, per client IP address: rate `anon`."""


class UserRateThrottle(_RatesFromSettings, throttling.UserRateThrottle):
    """Signed-in users (session or token), per user: rate `user`."""


class ScopedRateThrottle(_RatesFromSettings, throttling.ScopedRateThrottle):
    """Views with a `throttle_scope`, such as the token exchange: rate of that scope."""
