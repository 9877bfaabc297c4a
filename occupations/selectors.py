"""Reads of the official figures. HTTP-free: they return rows, `None` or querysets."""

from .models import Estimate, Release


def current_release() -> Release | None:
    """The newest imported OEWS release, or None before any import."""
    return Release.objects.order_by("-reference_date").first()


def national_estimate(occupation, *, release: Release | None = None) -> Estimate | None:
    """The occupation's national estimate in the given (default: current) release."""
    release = release or current_release()
    if release is None:
        return None
    return (
        Estimate.objects.select_related("area", "release", "occupation")
        .filter(release=release, occupation=occupation, area__kind="N")
        .first()
    )
