"""Reads of the official figures. HTTP-free: they return rows, value objects, `None` or querysets.

The guide page, the compare page and the API all read official pay through `occupation_pay`,
`national_pay` and `area_pay`, so they cannot disagree. Each runs one query whatever the
number of areas: the current release is a subquery, not a separate read.
"""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import QuerySet, Subquery

from .models import Area, Estimate, Occupation, Release

# BLS footnote codes the pages act on (the others explain the method and are not per value).
FOOTNOTE_TOP_CODED = "5"
FOOTNOTE_NOT_RELEASED = "8"
# Footnote 5 of the release: "equal to or greater than $115.00 per hour or $239,200 per year".
# OEWS has used this ceiling since the May 2025 release; a wage at it is never shown as a number.
TOP_CODED_ANNUAL_WAGE = 239_200

SOURCE_NAME = "U.S. Bureau of Labor Statistics, Occupational Employment and Wage Statistics"
# What every figure is, by the kind of area it describes.
BASIS = {
    Area.Kind.NATIONAL: "annual wages, all industries, national; excludes self-employed workers",
    Area.Kind.STATE: "annual wages, all industries, by state; excludes self-employed workers",
    Area.Kind.METRO: (
        "annual wages, all industries, by metropolitan area; excludes self-employed workers"
    ),
}
# What pages call the national area (BLS names it "National" or "U.S." depending on the file).
NATIONAL_NAME = "the United States"
KIND_NAMES = {Area.Kind.NATIONAL: "national", Area.Kind.STATE: "state", Area.Kind.METRO: "metro"}
# How many metropolitan areas the "best paid" and "largest" lists show.
METRO_COUNT = 10

# Estimate column -> the short name pages and the API use.
WAGE_FIELDS = {
    "mean": "mean_annual",
    "p10": "p10_annual",
    "p25": "p25_annual",
    "median": "median_annual",
    "p75": "p75_annual",
    "p90": "p90_annual",
}
PERCENTILE_LABELS = {
    "p10": "10th percentile",
    "p25": "25th percentile",
    "median": "Median",
    "p75": "75th percentile",
    "p90": "90th percentile",
}


@dataclass(frozen=True)
class Figure:
    """One published value, or the reason BLS gives none."""

    value: int | None
    footnote: str = ""
    money: bool = True

    @property
    def top_coded(self) -> bool:
        return self.value is None and self.footnote == FOOTNOTE_TOP_CODED

    @property
    def status(self) -> str:
        """`published`, `top_coded` (at or above the ceiling) or `not_released`."""
        if self.value is not None:
            return "published"
        return "top_coded" if self.top_coded else "not_released"

    @property
    def at_least(self) -> int | None:
        """The floor a top-coded wage is known to reach."""
        return TOP_CODED_ANNUAL_WAGE if self.top_coded else None

    @property
    def display(self) -> str:
        if self.value is not None:
            return f"${self.value:,}" if self.money else f"{self.value:,}"
        if self.top_coded:
            return f"≥ ${TOP_CODED_ANNUAL_WAGE:,}"
        return "not released"

    @property
    def rank(self) -> int:
        """For sorting, highest first: a top-coded wage counts as the ceiling, a missing one
        below every published value."""
        if self.value is not None:
            return self.value
        return TOP_CODED_ANNUAL_WAGE if self.top_coded else -1


@dataclass(frozen=True)
class AreaPay:
    """One area's official figures for one occupation."""

    code: str
    name: str
    kind: str
    state_fips: str
    employment: Figure
    mean: Figure
    p10: Figure
    p25: Figure
    median: Figure
    p75: Figure
    p90: Figure

    @classmethod
    def from_estimate(cls, estimate: Estimate) -> "AreaPay":
        notes = estimate.footnotes or {}

        def figure(column, money=True):
            return Figure(getattr(estimate, column), str(notes.get(column, "")), money)

        area = estimate.area
        return cls(
            code=area.code,
            name=NATIONAL_NAME if area.kind == Area.Kind.NATIONAL else area.name,
            kind=area.kind,
            state_fips=area.state_fips,
            employment=figure("employment", money=False),
            **{name: figure(column) for name, column in WAGE_FIELDS.items()},
        )

    @property
    def kind_name(self) -> str:
        """`national`, `state` or `metro`, as the API names kinds of area."""
        return KIND_NAMES[self.kind]

    @property
    def kind_label(self) -> str:
        return Area.Kind(self.kind).label

    @property
    def basis(self) -> str:
        return BASIS[Area.Kind(self.kind)]

    @property
    def percentiles(self) -> list[tuple[str, str, Figure]]:
        """(key, label, figure) from the 10th percentile to the 90th."""
        return [(key, label, getattr(self, key)) for key, label in PERCENTILE_LABELS.items()]

    @property
    def notes(self) -> dict[str, Figure]:
        """The figures BLS did not publish as a number, by name."""
        names = ["employment", *WAGE_FIELDS]
        return {name: getattr(self, name) for name in names if getattr(self, name).value is None}


@dataclass(frozen=True)
class Citation:
    """Where the figures come from, in plain values (safe to keep in the page cache)."""

    source: str
    url: str
    release_code: str
    release_name: str
    published: date
    occupation_code: str
    occupation_title: str

    @classmethod
    def build(cls, release: Release, occupation: Occupation) -> "Citation":
        return cls(
            source=SOURCE_NAME,
            url=release.source_url,
            release_code=release.code,
            release_name=release.name,
            published=release.published,
            occupation_code=occupation.code,
            occupation_title=occupation.title,
        )


@dataclass
class PaySummary:
    """An occupation's official pay in one release: the nation, every state, the metros."""

    occupation: Occupation
    release: Release
    national: AreaPay | None
    states: list[AreaPay]
    metros_best_paid: list[AreaPay]
    metros_largest: list[AreaPay]
    area_choices: list[tuple[str, list[tuple[str, str]]]] = field(default_factory=list)

    @property
    def citation(self) -> Citation:
        return Citation.build(self.release, self.occupation)

    @property
    def basis(self) -> dict[str, str]:
        return {"national": BASIS["N"], "state": BASIS["S"], "metro": BASIS["M"]}


def current_release() -> Release | None:
    """The newest imported OEWS release, or None before any import."""
    return Release.objects.order_by("-reference_date").first()


def _current_release_id() -> Subquery:
    return Subquery(Release.objects.order_by("-reference_date").values("pk")[:1])


def _estimates(release: Release | None) -> QuerySet[Estimate]:
    """Estimates in the given release, or in the newest one (as a subquery: no extra read)."""
    estimates = Estimate.objects.select_related("area", "release", "occupation")
    if release is not None:
        return estimates.filter(release=release)
    return estimates.filter(release_id=_current_release_id())


def national_estimate(occupation, *, release: Release | None = None) -> Estimate | None:
    """The occupation's national estimate in the given (default: current) release."""
    return _estimates(release).filter(occupation=occupation, area__kind=Area.Kind.NATIONAL).first()


def _by_median(areas: list[AreaPay]) -> list[AreaPay]:
    return sorted(areas, key=lambda a: (-a.median.rank, a.name))


def occupation_pay(
    occupation, *, release: Release | None = None, metro_count: int = METRO_COUNT
) -> PaySummary | None:
    """The occupation's national, state and metro figures in one query; None when the
    release (default: the newest) has none for it.

    States come by median, highest first (a top-coded median first, a missing one last);
    metros as the `metro_count` best paid by median and the `metro_count` largest by
    employment. `area_choices` lists every state and metro with figures, by name, for a
    "pay where you live" picker.
    """
    rows = list(_estimates(release).filter(occupation=occupation))
    if not rows:
        return None
    national, states, metros = None, [], []
    for row in rows:
        pay = AreaPay.from_estimate(row)
        if pay.kind == Area.Kind.NATIONAL:
            national = pay
        elif pay.kind == Area.Kind.STATE:
            states.append(pay)
        else:
            metros.append(pay)
    released_medians = [m for m in metros if m.median.status != "not_released"]
    counted = [m for m in metros if m.employment.value is not None]
    return PaySummary(
        occupation=rows[0].occupation,
        release=rows[0].release,
        national=national,
        states=_by_median(states),
        metros_best_paid=_by_median(released_medians)[:metro_count],
        metros_largest=sorted(counted, key=lambda m: (-m.employment.value, m.name))[:metro_count],
        area_choices=[
            ("States", [(a.code, a.name) for a in sorted(states, key=lambda a: a.name)]),
            (
                "Metropolitan areas",
                [(a.code, a.name) for a in sorted(metros, key=lambda a: a.name)],
            ),
        ],
    )


def national_pay(
    occupation_ids, *, release: Release | None = None
) -> tuple[dict[int, AreaPay], Release | None]:
    """National figures for several occupations in one query, by occupation id, with the
    release they come from (None when there are none)."""
    rows = list(
        _estimates(release).filter(
            occupation_id__in=list(occupation_ids), area__kind=Area.Kind.NATIONAL
        )
    )
    pays = {row.occupation_id: AreaPay.from_estimate(row) for row in rows}
    return pays, (rows[0].release if rows else None)


def area_pay(
    occupation_id: int, area_code: str, *, release_id: int | None = None
) -> AreaPay | None:
    """One area's figures for the occupation, by OEWS area code; None when the code is not
    an area or the release has no figures for it there."""
    if not (
        isinstance(area_code, str)
        and len(area_code) == 7
        and area_code.isascii()
        and area_code.isdigit()
    ):
        return None
    estimates = Estimate.objects.select_related("area").filter(
        occupation_id=occupation_id, area__code=area_code
    )
    if release_id is not None:
        estimates = estimates.filter(release_id=release_id)
    else:
        estimates = estimates.filter(release_id=_current_release_id())
    row = estimates.first()
    return AreaPay.from_estimate(row) if row is not None else None
