"""The project's settings as local development has them: DEBUG on unless set otherwise.

DEBUG is off by default (careerguide/settings.py); the test suite, like `make run`,
works with the local configuration. Tests of production behaviour start a subprocess
with their own environment (tests/core/test_settings.py).
"""

import os

os.environ.setdefault("DJANGO_DEBUG", "1")

from careerguide.settings import *  # noqa: E402, F403

# Production hashes passwords with Argon2 at full cost, about 0.4 s each by design; here the
# suite's many users are hashed with MD5. tests/accounts checks that production names Argon2
# first, and uses a cheap Argon2 where sign-in behaviour depends on it.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
