"""The figures a guide shows, and the rules that keep them true to their sources.

Every rule is one function here. The loader (guide/loader.py) turns what a rule returns
into an error naming the guide file and field; the admin (guide/admin.py) puts the same
message on the field or inline row; `manage.py check_guides` lists them for the whole
database. The rules work on model instances, saved or not, so each caller passes what it
is about to save. Nothing here knows about HTTP. See docs/content-format.md, "Figures".
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.contrib.humanize.templatetags.humanize import intcomma
from django.core.exceptions import ValidationError

from .models import Career, CareerLevel, KeyFact, PayBasis, PayScope, RegionalSalary, Source


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a figure: the field it belongs to, on the career or on `row`."""

    field: str
    message: str
    row: object | None = None


def problem_place(problem: Problem) -> str:
    """Where a problem sits, named as in the content files: "[facts] growth_period",
    "levels[2] pay_basis" (the row's order)."""
    row = problem.row
    if row is None:
        return f"[facts] {problem.field}"
    part = {KeyFact: "key_facts", CareerLevel: "levels", RegionalSalary: "regional_salaries"}
    return f"{part.get(type(row), 'row')}[{row.order}] {problem.field}"


def usd(value: int | None) -> str:
    return "—" if value is None else f"${intcomma(value)}"


# --- Periods -------------------------------------------------------------------------------

_PROJECTION = re.compile(r"(\d{4})\s*[–—-]\s*(\d{2,4})")


def projection_period(text: str) -> tuple[int, int] | None:
    """(2024, 2034) for "2024–34", "2024-34" or "2024–2034"; None for anything else."""
    match = _PROJECTION.search(text or "")
    if not match:
        return None
    start, end = int(match.group(1)), match.group(2)
    end = int(end) if len(end) == 4 else start // 100 * 100 + int(end)
    return (start, end) if end > start else None


def period_label(period: tuple[int, int]) -> str:
    return f"{period[0]}–{period[1] % 100:02d}"


# --- The headline --------------------------------------------------------------------------


@dataclass(frozen=True)
class Headline:
    """The median and range a guide's key facts show, with their basis and date.

    From the career's primary occupation in the newest imported OEWS release, unless staff
    ticked `pay_override` (or there is no release or occupation): then the career's own
    figures and their citations (KeyFact median_salary and salary_range)."""

    median: int | None
    low: int | None
    high: int | None
    high_open: bool
    basis: str
    scope: str
    as_of: date | None
    is_estimate: bool
    official: bool
    release: object | None = None  # occupations.Release when the figures come from it
    occupation: object | None = None

    @property
    def from_release(self) -> bool:
        return self.release is not None

    @property
    def basis_label(self) -> str:
        return PayBasis(self.basis).label if self.basis else ""

    @property
    def scope_label(self) -> str:
        return PayScope(self.scope).label if self.scope else ""

    @property
    def period_label(self) -> str:
        if self.release is not None:
            return self.release.name
        return self.as_of.strftime("%B %Y") if self.as_of else ""


# Top-coded wages (BLS footnote 5) have no number; the range is then open at the top.
def headline_for(career: Career, facts: dict[str, KeyFact], estimate=None) -> Headline:
    """The headline pay of `career`; `estimate` is its primary occupation's national estimate."""
    if estimate is not None and not career.pay_override and estimate.median_annual:
        return Headline(
            median=estimate.median_annual,
            low=estimate.p10_annual,
            high=estimate.p90_annual,
            high_open=estimate.p90_annual is None,
            basis=PayBasis.BASE,
            scope=PayScope.NATIONAL,
            as_of=estimate.release.reference_date,
            is_estimate=False,
            official=True,
            release=estimate.release,
            occupation=estimate.occupation,
        )
    median = facts.get(KeyFact.Kind.MEDIAN_SALARY)
    cited = median or facts.get(KeyFact.Kind.SALARY_RANGE)
    source = _source(cited)
    return Headline(
        median=career.median_salary_usd,
        low=career.salary_low_usd,
        high=career.salary_high_usd,
        high_open=career.salary_high_open,
        basis=cited.pay_basis if cited else "",
        scope=cited.pay_scope if cited else "",
        as_of=cited.as_of if cited else None,
        is_estimate=bool(cited and cited.is_estimate),
        official=bool(source and source.official),
    )


def _source(row) -> Source | None:
    if row is None or not getattr(row, "source_id", None):
        return None
    return row.source


# --- Rule: a pay figure states its basis; an estimate never cites an official source -------


def row_problems(row, *, has_pay: bool) -> list[Problem]:
    """Rules for one figure row (a key fact, a level, a regional salary) on its own."""
    problems = []
    if has_pay and not row.pay_basis:
        problems.append(
            Problem("pay_basis", "Say whether this pay is base salary or total compensation.", row)
        )
    if has_pay and not row.pay_scope:
        problems.append(
            Problem("pay_scope", "Say whose pay this is: national, one company or a region.", row)
        )
    problems += estimate_citation_problems(row)
    return problems


def estimate_citation_problems(row) -> list[Problem]:
    """A figure cited to an official source is that source's statistic, never our estimate."""
    source = _source(row)
    if row.is_estimate and source is not None and source.official:
        return [
            Problem(
                "is_estimate",
                f"An estimate cannot cite an official source ({source}). Cite where the "
                "estimate comes from, or untick “estimate” if this is the official figure.",
                row,
            )
        ]
    return []


def raise_row_problems(row, *, has_pay: bool) -> None:
    """Model.clean() of the figure rows: the row rules as a ValidationError by field."""
    errors: dict[str, list[str]] = {}
    for problem in row_problems(row, has_pay=has_pay):
        errors.setdefault(problem.field, []).append(problem.message)
    if errors:
        raise ValidationError(errors)


# --- Rule: a growth figure's period is its source's edition --------------------------------

PROJECTION_KINDS = {
    KeyFact.Kind.GROWTH: "growth_outlook_pct",
    KeyFact.Kind.OPENINGS: "annual_openings",
}


def growth_period_problems(career: Career, facts: dict[str, KeyFact]) -> list[Problem]:
    """Growth and openings are projections for one period: the one their source publishes."""
    problems = []
    period = projection_period(career.growth_period)
    for kind, field_name in PROJECTION_KINDS.items():
        if getattr(career, field_name) is None:
            continue
        if period is None:
            problems.append(
                Problem("growth_period", 'State the projection period, e.g. "2024–34".')
            )
            break
        source = _source(facts.get(kind))
        if source is None or not source.edition:
            continue  # listed by check_guides as a figure without a dated source
        edition = projection_period(source.edition)
        if edition != period:
            shown = period_label(edition) if edition else source.edition
            problems.append(
                Problem(
                    "growth_period",
                    f"The {KeyFact.Kind(kind).label.lower()} figure is for "
                    f"{period_label(period)}, but its source ({source}) is the {shown} "
                    "edition. Use that edition's figure and period.",
                )
            )
    return problems


# --- Rule: the headline median sits inside the level table on the same basis ---------------


def level_range(levels: Iterable[CareerLevel], basis: str) -> tuple[int, int | None] | None:
    """(lowest, highest) pay in the level table on `basis`; highest None when open-topped."""
    low, high, open_top = None, None, False
    for level in levels:
        if basis == PayBasis.BASE and level.base_low_usd is not None:
            # A total-compensation row that also states base salary counts on the base basis.
            base = [v for v in (level.base_low_usd, level.base_high_usd) if v is not None]
            low = min([low, *base]) if low is not None else min(base)
            high = max([high, *base]) if high is not None else max(base)
            continue
        if not level.has_pay or level.pay_basis != basis:
            continue
        values = [
            v
            for v in (
                level.salary_low_usd,
                level.salary_median_usd,
                level.salary_average_usd,
                level.salary_high_usd,
            )
            if v is not None
        ]
        low = min([low, *values]) if low is not None else min(values)
        high = max([high, *values]) if high is not None else max(values)
        open_top = open_top or level.salary_high_open
    if low is None:
        return None
    return low, None if open_top else high


def headline_level_problems(headline: Headline, levels: Iterable[CareerLevel]) -> list[Problem]:
    if headline.median is None or not headline.basis:
        return []
    span = level_range(levels, headline.basis)
    if span is None:
        return []
    low, high = span
    if headline.median >= low and (high is None or headline.median <= high):
        return []
    top = f"{usd(high)}" if high is not None else "no top"
    basis = headline.basis_label.lower()
    return [
        Problem(
            "median_salary_usd",
            f"The headline median {usd(headline.median)} ({basis}) lies outside the level "
            f"table's {basis} range, {usd(low)} to {top}. Correct one of them, or state the "
            "basis each really has.",
        )
    ]


# --- Rule: one statistic, one figure, in every guide ---------------------------------------


@dataclass(frozen=True)
class Statistic:
    """One official statistic a guide shows, and the keys that identify it across guides."""

    career: Career
    kind: str
    field: str
    value: tuple
    keys: frozenset = field(default_factory=frozenset)

    @property
    def shown(self) -> str:
        if self.kind == KeyFact.Kind.GROWTH:
            pct, period = self.value
            return f"{pct:g}% for {period}" if period else f"{pct:g}%"
        return f"{intcomma(self.value[0])} a year ({self.value[1]})"


def _url_key(source: Source) -> str:
    return source.url.split("?")[0].split("#")[0].rstrip("/").removeprefix("https://").lower()


def statistics(
    career: Career, facts: dict[str, KeyFact], occupation_code: str | None = None
) -> list[Statistic]:
    """The projection figures `career` shows, keyed by source address and occupation."""
    found = []
    for kind, field_name in PROJECTION_KINDS.items():
        value = getattr(career, field_name)
        source = _source(facts.get(kind))
        if value is None or source is None:
            continue
        keys = set()
        if source.url:
            keys.add((kind, "url", _url_key(source)))
        if source.official and occupation_code:
            keys.add((kind, "soc", occupation_code))
        if kind == KeyFact.Kind.GROWTH:
            shown = (float(value), career.growth_period)
        else:
            shown = (value, career.growth_period)
        found.append(Statistic(career, kind, field_name, shown, frozenset(keys)))
    return found


def shared_statistic_problems(mine: list[Statistic], others: Iterable[Statistic]) -> list[Problem]:
    """Two guides may not show different figures for one statistic of one occupation group."""
    problems = []
    others = list(others)
    for stat in mine:
        for other in others:
            if other.career.pk == stat.career.pk or other.kind != stat.kind:
                continue
            if stat.keys & other.keys and _normal(other.value) != _normal(stat.value):
                problems.append(
                    Problem(
                        stat.field,
                        f"“{other.career.title}” shows {other.shown} for the same statistic "
                        f"of the same occupation group; this guide shows {stat.shown}. "
                        "Both guides must show one figure.",
                    )
                )
                break
    return problems


def _normal(value: tuple) -> tuple:
    figure, period = value
    parsed = projection_period(period)
    return (figure, parsed or period)


# --- Everything about one career --------------------------------------------------------------


@dataclass
class CareerFigures:
    """One career's figures as a caller is about to save (or has saved) them."""

    career: Career
    facts: dict[str, KeyFact]
    levels: list[CareerLevel]
    regional: list[RegionalSalary]
    estimate: object | None = None  # the primary occupation's national estimate, if any
    occupation_code: str | None = None

    @property
    def headline(self) -> Headline:
        return headline_for(self.career, self.facts, self.estimate)

    def statistics(self) -> list[Statistic]:
        return statistics(self.career, self.facts, self.occupation_code)


def contradictions(figures: CareerFigures, others: Iterable[Statistic] = ()) -> list[Problem]:
    """Every contradiction rule for one career (row rules run in each model's clean())."""
    problems = growth_period_problems(figures.career, figures.facts)
    problems += headline_level_problems(figures.headline, figures.levels)
    problems += shared_statistic_problems(figures.statistics(), others)
    return problems


# --- Freshness and citations (check_guides) -------------------------------------------------


def freshness_problems(
    figures: CareerFigures, *, release=None, projection: tuple[int, int] | None = None
) -> list[Problem]:
    """Figures older than the newest release or projection edition, or without a date.

    The release is the yardstick for figures cited to an official source (a newer edition
    of the same statistic exists); company reports and our estimates carry their own date."""
    problems = []
    cutoff = release.reference_date if release is not None else None
    headline = figures.headline
    pay_rows = []
    if not headline.from_release and headline.median is not None:
        pay_rows.append((None, "median_salary_usd", headline.as_of, headline.official))
    for row in [*figures.levels, *figures.regional]:
        if row.has_pay:
            source = _source(row)
            pay_rows.append((row, "as_of", row.as_of, bool(source and source.official)))
    for row, field_name, as_of, official in pay_rows:
        if as_of is None:
            problems.append(Problem(field_name, "This pay figure has no date (as of).", row))
        elif official and cutoff and as_of < cutoff:
            problems.append(
                Problem(
                    field_name,
                    f"This pay figure is as of {as_of:%B %Y}, older than the newest imported "
                    f"release ({release.name}).",
                    row,
                )
            )
    period = projection_period(figures.career.growth_period)
    if projection and period and period < projection:
        problems.append(
            Problem(
                "growth_period",
                f"The projection {period_label(period)} is older than the newest edition in "
                f"use, {period_label(projection)}.",
            )
        )
    return problems


UNCITED_FACTS = {
    KeyFact.Kind.MEDIAN_SALARY: "median_salary_usd",
    KeyFact.Kind.SALARY_RANGE: "salary_low_usd",
    KeyFact.Kind.GROWTH: "growth_outlook_pct",
    KeyFact.Kind.OPENINGS: "annual_openings",
    KeyFact.Kind.EDUCATION: "typical_education",
    KeyFact.Kind.INDUSTRIES: "top_industries",
}


def uncited_problems(figures: CareerFigures) -> list[Problem]:
    """Figures shown with neither a source nor the label "our estimate"."""
    problems = []
    career, from_release = figures.career, figures.headline.from_release
    for kind, field_name in UNCITED_FACTS.items():
        if from_release and kind in KeyFact.PAY_KINDS:
            continue  # the release is the source
        if getattr(career, field_name) in (None, ""):
            continue
        fact = figures.facts.get(kind)
        if fact is None or (_source(fact) is None and not fact.is_estimate):
            problems.append(Problem(field_name, "This figure has no source."))
    for row in [*figures.levels, *figures.regional]:
        if row.has_pay and _source(row) is None and not row.is_estimate:
            problems.append(Problem("source", "This pay figure has no source.", row))
    return problems


def newest_projection(periods: Iterable[str]) -> tuple[int, int] | None:
    parsed = [p for p in map(projection_period, periods) if p]
    return max(parsed) if parsed else None
