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


@dataclass(slots=True)
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


@dataclass(slots=True)
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
    def from_row(cls, row: dict) -> "AreaPay":
        """From one `_ROW_FIELDS` row of `Estimate.objects.values()`."""
        notes = row["footnotes"] or {}

        def figure(column, money=True):
            return Figure(row[column], str(notes.get(column, "")), money)

        kind = row["area__kind"]
        return cls(
            code=row["area__code"],
            name=NATIONAL_NAME if kind == Area.Kind.NATIONAL else row["area__name"],
            kind=kind,
            state_fips=row["area__state_fips"],
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
    if release is not None:
        return Estimate.objects.filter(release=release)
    return Estimate.objects.filter(release_id=_current_release_id())


# What the pages need of an estimate, read as plain rows: several hundred areas per
# occupation would otherwise be as many model instances (and their joined rows).
_ROW_FIELDS = (
    "occupation_id",
    "area__code",
    "area__name",
    "area__kind",
    "area__state_fips",
    "employment",
    *WAGE_FIELDS.values(),
    "footnotes",
)
_RELEASE_FIELDS = ("id", "code", "name", "reference_date", "published", "source_url")


def _rows(estimates: QuerySet[Estimate]) -> tuple[list[dict], Release | None]:
    """The estimates as plain rows, and their release, in one query."""
    fields = [*_ROW_FIELDS, *(f"release__{name}" for name in _RELEASE_FIELDS)]
    rows = list(estimates.values(*fields))
    if not rows:
        return [], None
    first = rows[0]
    release = Release(**{name: first[f"release__{name}"] for name in _RELEASE_FIELDS})
    return rows, release


def national_estimate(occupation, *, release: Release | None = None) -> Estimate | None:
    """The occupation's national estimate in the given (default: current) release."""
    return (
        _estimates(release)
        .select_related("area", "release", "occupation")
        .filter(occupation=occupation, area__kind=Area.Kind.NATIONAL)
        .first()
    )


def _median_rank(row: dict) -> int:
    """`Figure.rank` of a row's median, without building the figure."""
    return Figure(row["median_annual"], str((row["footnotes"] or {}).get("median_annual", ""))).rank


def _by_median(rows: list[dict]) -> list[dict]:
    return sorted(rows, key=lambda row: (-_median_rank(row), row["area__name"]))


def occupation_pay(
    occupation: Occupation, *, release: Release | None = None, metro_count: int = METRO_COUNT
) -> PaySummary | None:
    """The occupation's national, state and metro figures in one query; None when the
    release (default: the newest) has none for it.

    States come by median, highest first (a top-coded median first, a missing one last);
    metros as the `metro_count` best paid by median and the `metro_count` largest by
    employment. `area_choices` lists every state and metro with figures, by name, for a
    "pay where you live" picker.
    """
    rows, found_release = _rows(_estimates(release).filter(occupation=occupation))
    if not rows:
        return None
    by_kind = {kind: [] for kind in Area.Kind.values}
    for row in rows:
        by_kind[row["area__kind"]].append(row)
    national = by_kind[Area.Kind.NATIONAL]
    states, metros = by_kind[Area.Kind.STATE], by_kind[Area.Kind.METRO]
    best_paid = [row for row in _by_median(metros) if _median_rank(row) >= 0][:metro_count]
    counted = [row for row in metros if row["employment"] is not None]
    largest = sorted(counted, key=lambda row: (-row["employment"], row["area__name"]))

    def choices(group):
        return [(row["area__code"], row["area__name"]) for row in sorted(
            group, key=lambda row: row["area__name"]
        )]  # fmt: skip

    return PaySummary(
        occupation=occupation,
        release=found_release,
        national=AreaPay.from_row(national[0]) if national else None,
        states=[AreaPay.from_row(row) for row in _by_median(states)],
        metros_best_paid=[AreaPay.from_row(row) for row in best_paid],
        metros_largest=[AreaPay.from_row(row) for row in largest[:metro_count]],
        area_choices=[("States", choices(states)), ("Metropolitan areas", choices(metros))],
    )


def national_pay(
    occupation_ids, *, release: Release | None = None
) -> tuple[dict[int, AreaPay], Release | None]:
    """National figures for several occupations in one query, by occupation id, with the
    release they come from (None when there are none)."""
    rows, found_release = _rows(
        _estimates(release).filter(
            occupation_id__in=list(occupation_ids), area__kind=Area.Kind.NATIONAL
        )
    )
    return {row["occupation_id"]: AreaPay.from_row(row) for row in rows}, found_release


def area_pay(
    occupation_id: int, area_code: str, *, release_id: int | None = None
) -> AreaPay | None:
    """One area's figures for the occupation, by OEWS area code; None when the code is not
    an area or the release (default: the newest) has no figures for it there."""
    if not (
        isinstance(area_code, str)
        and len(area_code) == 7
        and area_code.isascii()
        and area_code.isdigit()
    ):
        return None
    release_filter = release_id if release_id is not None else _current_release_id()
    row = (
        Estimate.objects.filter(
            occupation_id=occupation_id, area__code=area_code, release_id=release_filter
        )
        .values(*_ROW_FIELDS)
        .first()
    )
    return AreaPay.from_row(row) if row is not None else None
