"""Filters that show scores the way docs/scoring.md describes them."""

from django import template

from assessments import scoring

register = template.Library()


@register.filter
def whole(value):
    """A percentage as the whole number shown (half-up); empty stays empty."""
    return "" if value is None or value == "" else scoring.whole(value)


@register.filter
def band(value):
    """The band (a `scoring.Band`) of a score."""
    return scoring.band_of(value)


@register.filter
def with_article(title):
    """ "an Amazon Engineer"."""
    return scoring.with_article(str(title))


@register.filter
def prefilled_from(form, field_name):
    """Where a pre-filled answer on `form` came from (a `prefill.Source`), or None."""
    return form.prefill_sources().get(field_name)
