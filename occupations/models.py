"""Standard occupations and the official pay estimates published for them.

The figures come from the U.S. Bureau of Labor Statistics' Occupational Employment and
Wage Statistics (OEWS) release, loaded by `manage.py import_oews` from the files BLS
publishes. Nothing here is typed by hand: a release is imported whole or not at all, and
a newer release replaces an older one. This app imports no other app of the project; the
guide links careers to occupations (guide.CareerOccupation).
"""

import re

from django.db import models


class Release(models.Model):
    """One OEWS release, e.g. "May 2025", published by BLS on 2026-05-15."""

    code = models.CharField(
        max_length=10, unique=True, help_text='BLS release code, e.g. "2025A01".'
    )
    name = models.CharField(max_length=40, help_text='As BLS names it, e.g. "May 2025".')
    reference_date = models.DateField(help_text="The reference month the estimates describe.")
    published = models.DateField(help_text="The day BLS published the release.")
    source_url = models.URLField(max_length=300, default="https://www.bls.gov/oes/")
    footnotes = models.JSONField(
        default=dict,
        blank=True,
        help_text="BLS's footnote texts by code, as the release's oe.footnote gives them.",
    )
    imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-reference_date"]
        get_latest_by = "reference_date"
        verbose_name = "OEWS release"
        verbose_name_plural = "OEWS releases"

    def __str__(self):
        return f"OEWS {self.name}"

    @property
    def top_coded_annual(self) -> int | None:
        """The annual wage BLS's footnote 5 names as the survey's top ("$239,200"), or None."""
        match = re.search(r"\$([\d,]+) per year", self.footnotes.get("5", ""))
        return int(match.group(1).replace(",", "")) if match else None


class Occupation(models.Model):
    """A Standard Occupational Classification (SOC) occupation, e.g. 15-1252 Software Developers."""

    code = models.CharField(
        max_length=7, unique=True, help_text='SOC code with its hyphen, e.g. "15-1252".'
    )
    title = models.CharField(max_length=200)

    class Meta:
        ordering = ["code"]
        verbose_name = "standard occupation"
        verbose_name_plural = "standard occupations"

    def __str__(self):
        return f"{self.code} {self.title}"


class Area(models.Model):
    """The nation, a state (or territory) or a metropolitan area, as OEWS codes it."""

    class Kind(models.TextChoices):
        NATIONAL = "N", "National"
        STATE = "S", "State"
        METRO = "M", "Metropolitan area"

    code = models.CharField(max_length=7, unique=True, help_text="OEWS area code, 7 digits.")
    kind = models.CharField(max_length=1, choices=Kind.choices)
    state_fips = models.CharField(max_length=2, help_text='State FIPS code; "00" for the nation.')
    name = models.CharField(max_length=200)

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = "area"
        verbose_name_plural = "areas"

    def __str__(self):
        return self.name


class Estimate(models.Model):
    """One occupation's employment and annual wages in one area, from one release.

    A wage BLS does not publish is empty, and `footnotes` says why: code 5 means the wage is
    at or above the top of the survey's range (shown as "≥ $239,200", never as a number we
    made up), code 8 that the estimate was not released.
    """

    release = models.ForeignKey(Release, on_delete=models.CASCADE, related_name="estimates")
    occupation = models.ForeignKey(Occupation, on_delete=models.CASCADE, related_name="estimates")
    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="estimates")
    employment = models.PositiveIntegerField(null=True, blank=True)
    mean_annual = models.PositiveIntegerField(null=True, blank=True)
    p10_annual = models.PositiveIntegerField(null=True, blank=True)
    p25_annual = models.PositiveIntegerField(null=True, blank=True)
    median_annual = models.PositiveIntegerField(null=True, blank=True)
    p75_annual = models.PositiveIntegerField(null=True, blank=True)
    p90_annual = models.PositiveIntegerField(null=True, blank=True)
    footnotes = models.JSONField(
        default=dict,
        blank=True,
        help_text='BLS footnote codes by field, e.g. {"p90_annual": "5"}.',
    )

    class Meta:
        ordering = ["occupation", "area"]
        verbose_name = "pay estimate"
        verbose_name_plural = "pay estimates"
        constraints = [
            models.UniqueConstraint(
                fields=["release", "occupation", "area"], name="occupations_one_estimate_per_area"
            ),
        ]
        indexes = [
            # The guide page: every area's estimate for one occupation in the current release.
            models.Index(fields=["occupation", "release"], name="occupations_estimate_occ_idx"),
        ]

    def __str__(self):
        return f"{self.occupation.code} in {self.area} ({self.release})"
