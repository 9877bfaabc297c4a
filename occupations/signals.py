"""Signals the occupations app sends; other apps listen without this app knowing them."""

from django.dispatch import Signal

# Sent (sender=Release, release=<Release>) once an import has committed: the official
# figures changed, so pages that show them (the guide's cached pages) must be redrawn.
release_imported = Signal()
