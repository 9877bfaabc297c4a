"""The site's own settings plus one bare view, for `make bench`'s baseline (never deployed)."""

from careerguide.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
