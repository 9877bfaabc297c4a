"""The project's settings as local development has them: DEBUG on unless set otherwise.

DEBUG is off by default (careerguide/settings.py); the test suite, like `make run`,
works with the local configuration. Tests of production behaviour start a subprocess
with their own environment (tests/core/test_settings.py).
"""

import os

os.environ.setdefault("DJANGO_DEBUG", "1")

from careerguide.settings import *  # noqa: E402, F403
