"""The figure audit of one guide, for the admin page of the same name (guide/admin.py).

Every figure the guide shows, grouped by where it appears, each with its value, basis,
scope, whether it is our estimate, its date and its source, and the warnings the figure
rules give about it (guide/figures.py, through `selectors.figure_problems`, the same list
`manage.py check_guides` prints): out of date, contradicting another figure or another
guide, or without a source. No rule is written here; this module only places each
problem beside the figure it is about.

`career_audit` reads the database in a fixed number of queries; `build_audit` is a pure
function of what was read, so it can be tested on its own. Nothing here knows about HTTP.
"""

from dataclasses import dataclass, field
from datetime import date

from django.contrib.humanize.templatetags.humanize import intcomma
from django.db.models import Prefetch, prefetch_related_objects

from occupations.selectors import SOURCE_NAME, AreaPay, PaySummary, current_release

from .figures import UNCITED_FACTS, CareerFigures, Problem, problem_place, usd
from .models import (
    Career,
    CareerLevel,
    CareerOccupation,
    KeyFact,
    PayBasis,
    PayScope,
    RegionalSalary,
    Source,
)
from .search import plain
from .selectors import (
    NationalFigures,
    all_statistics,
    career_pay,
    figure_problems,
    primary_link,
    projection_in_use,
)

# What each kind of problem is called on the page, in the order the count lists them.
WARNING_LABELS = {
    "stale": "Out of date",
    "contradiction": "Contradiction",
    "unsourced": "No source",
}

# A problem about a field of the career itself belongs to the key fact showing it.
FIELD_FACTS = {
    **{field_name: kind for kind, field_name in UNCITED_FACTS.items()},
    "salary_high_usd": KeyFact.Kind.SALARY_RANGE,
    "growth_period": KeyFact.Kind.GROWTH,
}


@dataclass(frozen=True)
class Cited:
    """Where a figure comes from, and the source's own dates."""

    publisher: str
    title: str
    url: str
    edition: str = ""  # the release or projection period the source gives
    read: date | None = None  # when the source was read (Source.accessed)
    published: date | None = None  # when an imported release was published
    official: bool = False

    @classmethod
    def of_source(cls, source: Source | None) -> "Cited | None":
        if source is None:
            return None
        return cls(
            publisher=source.publisher,
            title=source.title,
            url=source.url,
            edition=source.edition,
            read=source.accessed,
            official=source.official,
        )

    @classmethod
    def of_release(cls, release, occupation) -> "Cited":
        publisher, _, programme = SOURCE_NAME.partition(", ")
        return cls(
            publisher=publisher,
            title=f"{programme} ({occupation.code} {occupation.title})",
            url=release.source_url,
            edition=release.name,
            published=release.published,
            official=True,
        )


@dataclass(frozen=True)
class FigureWarning:
    kind: str  # a key of WARNING_LABELS
    message: str
    place: str  # where the rule points, as check_guides names it: "levels[2] as_of"

    @property
    def label(self) -> str:
        return WARNING_LABELS[self.kind]


@dataclass
class AuditRow:
    """One figure as the guide shows it."""

    figure: str
    value: str
    basis: str = ""
    scope: str = ""
    estimate: bool = False
    as_of: date | None = None
    source: Cited | None = None
    note: str = ""
    warnings: list[FigureWarning] = field(default_factory=list)


@dataclass
class AuditSection:
    key: str  # the section's anchor on the audit page
    title: str
    part: str  # the anchor of the part to edit on the change page
    rows: list[AuditRow]

    @property
    def warning_count(self) -> int:
        return sum(len(row.warnings) for row in self.rows)


@dataclass
class Audit:
    career: Career
    sections: list[AuditSection]
    unplaced: list[FigureWarning]  # problems about no figure shown (kept, never dropped)

    @property
    def warnings(self) -> list[FigureWarning]:
        placed = [w for section in self.sections for row in section.rows for w in row.warnings]
        return [*placed, *self.unplaced]

    @property
    def warning_count(self) -> int:
        return len(self.warnings)

    @property
    def counts(self) -> list[tuple[str, int]]:
        """(label, how many) for each kind of warning present, in WARNING_LABELS order."""
        kinds = [w.kind for w in self.warnings]
        return [
            (label, kinds.count(kind)) for kind, label in WARNING_LABELS.items() if kind in kinds
        ]

    @property
    def figure_count(self) -> int:
        return sum(len(section.rows) for section in self.sections)


# --- Reading -----------------------------------------------------------------------------------


def career_audit(career: Career) -> Audit:
    """The audit of a saved career, in a fixed number of queries whatever its size.

    Queries: the career's key facts, levels, regional salaries and occupation links with
    what they point at (4); its official pay in the newest release (1, none without a
    primary occupation); the newest release (1); the projection yardstick (2); the other
    guides' projection figures (2). Total: 10."""
    prefetch_related_objects(
        [career],
        Prefetch("key_facts", queryset=KeyFact.objects.select_related("source")),
        Prefetch("levels", queryset=CareerLevel.objects.select_related("source", "base_source")),
        Prefetch("regional_salaries", queryset=RegionalSalary.objects.select_related("source")),
        Prefetch("occupations", queryset=CareerOccupation.objects.select_related("occupation")),
    )
    pay = career_pay(career)
    summary = pay.summary if pay else None
    link = primary_link(career)
    figures = CareerFigures(
        career=career,
        facts={fact.kind: fact for fact in career.key_facts.all()},
        levels=list(career.levels.all()),
        regional=list(career.regional_salaries.all()),
        estimate=NationalFigures.of(summary.national, summary.release, summary.occupation)
        if summary
        else None,
        occupation_code=link.occupation.code if link else None,
    )
    problems = figure_problems(
        figures,
        release=current_release(),
        projection=projection_in_use(),
        statistics=all_statistics(exclude=career),
    )
    return build_audit(figures, problems=problems, official=summary)


# --- Arranging ---------------------------------------------------------------------------------


def build_audit(
    figures: CareerFigures,
    *,
    problems: list[tuple[str, Problem]],
    official: PaySummary | None = None,
) -> Audit:
    """Every figure of `figures` (and of `official`, the official pay the guide shows) in
    sections, each problem beside the figure it is about."""
    facts, outlook = _fact_rows(figures)
    levels = _level_rows(figures.levels)
    regional = _regional_rows(figures.regional)
    unplaced = []
    for kind, problem in problems:
        warning = FigureWarning(kind, problem.message, problem_place(problem))
        row = _row_for(problem, facts | outlook, levels, regional)
        if row is None:
            unplaced.append(warning)
        else:
            row.warnings.append(warning)
    sections = [
        AuditSection("key-facts", "Key facts", "key_facts-group", list(facts.values())),
        AuditSection("outlook", "Growth and openings", "key_facts-group", list(outlook.values())),
        AuditSection(
            "levels",
            "Pay by level",
            "levels-group",
            [row for pair in levels.values() for row in pair],
        ),
        AuditSection(
            "regional", "Regional salaries", "regional_salaries-group", list(regional.values())
        ),
        AuditSection("official", "Official pay (BLS OEWS)", "occupations-group", []),
    ]
    if official is not None:
        sections[-1].rows = _official_rows(official)
    return Audit(career=figures.career, sections=[s for s in sections if s.rows], unplaced=unplaced)


def _row_for(problem: Problem, facts, levels, regional) -> AuditRow | None:
    row = problem.row
    if row is None:
        kind = FIELD_FACTS.get(problem.field)
        if kind == KeyFact.Kind.GROWTH and kind not in facts:
            kind = KeyFact.Kind.OPENINGS  # the period belongs to whichever projection is shown
        return facts.get(kind)
    if isinstance(row, KeyFact):
        return facts.get(row.kind)
    if isinstance(row, CareerLevel) and row.pk in levels:
        return levels[row.pk][0]
    if isinstance(row, RegionalSalary):
        return regional.get(row.pk)
    return None


def _labels(row) -> dict:
    return {
        "basis": PayBasis(row.pay_basis).label if row.pay_basis else "",
        "scope": PayScope(row.pay_scope).label if row.pay_scope else "",
        "estimate": row.is_estimate,
        "as_of": row.as_of,
    }


def _pay_range(low, high, high_open=False) -> str:
    if low is None and high is None:
        return ""
    if high_open or high is None:
        return f"{usd(low)} and up" if high_open else usd(low)
    if low is None or low == high:
        return usd(high)
    return f"{usd(low)}–{usd(high)}"


def _fact_rows(figures: CareerFigures) -> tuple[dict[str, AuditRow], dict[str, AuditRow]]:
    """The key facts box: (pay, education and industries; growth and openings), by kind.

    A fact is listed when the guide shows a value for it, cited or not."""
    career, headline = figures.career, figures.headline
    facts, outlook = {}, {}
    for kind in KeyFact.Kind:
        fact = figures.facts.get(kind)
        cited = (
            dict(_labels(fact), source=Cited.of_source(fact.source), note=fact.note) if fact else {}
        )
        label = KeyFact.Kind(kind).label
        if kind in KeyFact.PAY_KINDS:
            if kind == KeyFact.Kind.MEDIAN_SALARY:
                value = usd(headline.median) if headline.median is not None else ""
            else:
                value = _pay_range(headline.low, headline.high, headline.high_open)
            if not value:
                continue
            if headline.from_release:
                own = career.median_salary_usd if kind == KeyFact.Kind.MEDIAN_SALARY else None
                note = "From the newest imported OEWS release for the primary occupation."
                if own is not None:
                    note += f" The guide's own figure ({usd(own)}) shows only with “pay override”."
                cited = {
                    "basis": headline.basis_label,
                    "scope": headline.scope_label,
                    "estimate": False,
                    "as_of": headline.as_of,
                    "source": Cited.of_release(headline.release, headline.occupation),
                    "note": note,
                }
            facts[kind] = AuditRow(label, value, **cited)
        elif kind == KeyFact.Kind.GROWTH:
            if career.growth_outlook_pct is None:
                continue
            value = f"{float(career.growth_outlook_pct):g}%"
            if career.growth_period:
                value += f" over {career.growth_period}"
            outlook[kind] = AuditRow(label, value, **cited)
        elif kind == KeyFact.Kind.OPENINGS:
            if career.annual_openings is None:
                continue
            value = f"{intcomma(career.annual_openings)} a year"
            if career.growth_period:
                value += f" over {career.growth_period}"
            outlook[kind] = AuditRow(label, value, **cited)
        else:
            value = plain(getattr(career, UNCITED_FACTS[kind]))
            if value:
                facts[kind] = AuditRow(label, value, **cited)
    return facts, outlook


def _level_rows(levels: list[CareerLevel]) -> dict[int, list[AuditRow]]:
    """Each level with pay: its pay as the table shows it and, when stated, its base salary."""
    rows = {}
    for level in levels:
        if not level.has_pay:
            continue
        parts = [_pay_range(level.salary_low_usd, level.salary_high_usd, level.salary_high_open)]
        if level.salary_median_usd is not None:
            parts.append(f"median {usd(level.salary_median_usd)}")
        if level.salary_average_usd is not None:
            parts.append(f"average {usd(level.salary_average_usd)}")
        source = Cited.of_source(level.source)
        pair = [
            AuditRow(level.title, ", ".join(p for p in parts if p), source=source, **_labels(level))
        ]
        if level.base_low_usd is not None or level.base_high_usd is not None:
            base = _labels(level) | {"basis": PayBasis.BASE.label}
            pair.append(
                AuditRow(
                    f"{level.title}: base salary",
                    _pay_range(level.base_low_usd, level.base_high_usd),
                    source=Cited.of_source(level.base_source) or source,
                    **base,
                )
            )
        rows[level.pk] = pair
    return rows


def _regional_rows(regional: list[RegionalSalary]) -> dict[int, AuditRow]:
    rows = {}
    for row in regional:
        if not row.has_pay:
            continue
        parts = []
        if row.salary_usd is not None:
            parts.append(f"median {usd(row.salary_usd)}")
        span = _pay_range(row.salary_low_usd, row.salary_high_usd)
        if span:
            parts.append(span)
        rows[row.pk] = AuditRow(
            row.region,
            ", ".join(parts),
            source=Cited.of_source(row.source),
            note=row.salary_note,
            **_labels(row),
        )
    return rows


def _official_rows(summary: PaySummary) -> list[AuditRow]:
    """The official figures the guide's pay section shows: the national percentiles, mean
    and employment, and the states and metropolitan areas (one row each: hundreds of values
    from one release, audited by the import, not by staff)."""
    source = Cited.of_release(summary.release, summary.occupation)
    occupation = f"{summary.occupation.code} {summary.occupation.title}"
    base = {
        "basis": PayBasis.BASE.label,
        "estimate": False,
        "as_of": summary.release.reference_date,
        "source": source,
    }
    rows = []
    national = summary.national
    if national is not None:
        scope = {**base, "scope": f"{PayScope.NATIONAL.label}, {occupation}"}
        for _key, label, figure in national.percentiles:
            rows.append(AuditRow(f"National: {label.lower()}", figure.display, **scope))
        rows.append(AuditRow("National: mean", national.mean.display, **scope))
        jobs = f"{national.employment.display} jobs"
        rows.append(AuditRow("National: employment", jobs, **(scope | {"basis": ""})))
    for title, areas, scope in (
        ("States", summary.states, "By state"),
        ("Metropolitan areas, best paid", summary.metros_best_paid, "By metropolitan area"),
        ("Metropolitan areas, largest", summary.metros_largest, "By metropolitan area"),
    ):
        if areas:
            rows.append(AuditRow(title, _medians(areas), **base, scope=f"{scope}, {occupation}"))
    return rows


def _medians(areas: list[AreaPay]) -> str:
    """ "51 areas, medians $97,000 to ≥ $239,200" (as the figures are displayed)."""
    ranked = sorted(areas, key=lambda area: area.median.rank)
    shown = [area for area in ranked if area.median.rank >= 0]
    count = f"{len(areas)} area{'s' if len(areas) != 1 else ''}"
    if not shown:
        return f"{count}, no median released"
    low, high = shown[0].median.display, shown[-1].median.display
    return f"{count}, medians {low} to {high}" if low != high else f"{count}, median {low}"
