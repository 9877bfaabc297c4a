"""Writes of the official figures: importing an OEWS release, and the SOC occupations the
shipped guides link to. Keyword-only, HTTP-free; the import is one transaction."""

from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

from django.db import transaction

from . import oews
from .models import Area, Estimate, Occupation, Release
from .selectors import current_release
from .signals import release_imported

# The extract of the current release shipped with the project (docs/data.md); `make run`
# imports it, and its oe.occupation is the list of SOC titles the guide loader knows.
SHIPPED_DIR = Path(__file__).resolve().parent / "data" / "oews"

ESTIMATE_FIELDS = tuple(oews.DATATYPE_FIELDS.values())
BATCH = 1000


class ImportRefused(Exception):
    """The release cannot be imported as asked (older than the current one, no date...)."""


@dataclass
class ImportReport:
    release: Release
    estimates: int = 0
    occupations: int = 0
    areas: int = 0
    replaced: list[str] = field(default_factory=list)  # releases whose figures were dropped
    without_figures: list[str] = field(default_factory=list)  # linked SOC codes not in the file
    skipped: bool = False
    no_links: bool = False  # no career links to an occupation (and no --all)

    def summary(self) -> str:
        if self.skipped:
            return (
                f"OEWS {self.release.name} ({self.release.code}) is already loaded; nothing to do."
            )
        text = (
            f"Imported OEWS {self.release.name} ({self.release.code}, published "
            f"{self.release.published:%Y-%m-%d}): {self.estimates} estimates for "
            f"{self.occupations} occupation(s) in {self.areas} area(s)."
        )
        if self.replaced:
            text += f" Replaced the figures of {', '.join(self.replaced)}."
        if self.no_links:
            text += " No career links to an occupation yet: load the guides first, or use --all."
        if self.without_figures:
            text += f" No figures in the files for {', '.join(self.without_figures)}."
        return text


@lru_cache(maxsize=1)
def shipped_soc_titles() -> dict[str, str]:
    """SOC code ("15-1252") -> title, from the shipped extract's oe.occupation."""
    lists = oews.read_code_lists(SHIPPED_DIR)
    return {oews.soc_code(code): title for code, title in lists.occupations.items()}


def occupation_for_code(*, code: str) -> Occupation | None:
    """The Occupation row for a SOC code, created from the shipped titles if need be.

    None when the code is neither in the database (a full release imported with --all
    adds every occupation) nor among the titles shipped in the extract.
    """
    occupation = Occupation.objects.filter(code=code).first()
    if occupation is None and code in shipped_soc_titles():
        occupation = Occupation.objects.create(code=code, title=shipped_soc_titles()[code])
    return occupation


def _linked_codes() -> set[str]:
    """BLS codes ("151252") of the occupations a career links to (guide.CareerOccupation)."""
    codes = Occupation.objects.filter(career_links__isnull=False).values_list("code", flat=True)
    return {code.replace("-", "") for code in codes}


def release_import(
    *,
    directory: Path,
    every_occupation: bool = False,
    force: bool = False,
    published: date | None = None,
    skip_loaded: bool = False,
) -> ImportReport:
    """Import the OEWS release in `directory` (BLS's file format, see occupations.oews).

    Loads national, state and metro cross-industry estimates for the occupations careers
    link to (every occupation with `every_occupation`), with the release, areas and titles,
    all in one transaction: a bad line raises OEWSFormatError and nothing changes.
    Importing the current release again updates it in place. A newer release replaces the
    figures of older ones (their Release rows stay, as history); an older one is refused
    unless `force`, which rolls back to it by deleting the newer releases.
    `skip_loaded`: do nothing when this release is current and holds every linked
    occupation already (what `make run` wants on each start).
    """
    directory = Path(directory)
    lists = oews.read_code_lists(directory)
    info = oews.release_of(directory, lists)
    published = published or oews.PUBLISHED.get(info.code)
    if published is None:
        raise ImportRefused(
            f"the publication day of {info.name} ({info.code}) is not known to the importer: "
            "give it with --published YYYY-MM-DD (the date on BLS's news release)"
        )
    current = current_release()
    is_older = current is not None and info.reference_date < current.reference_date
    if is_older and not force:
        raise ImportRefused(
            f"{info.name} ({info.code}) is older than the current release, {current.name} "
            f"({current.code}); use --force to roll back to it."
        )
    wanted = None if every_occupation else _linked_codes()
    if skip_loaded and current and current.code == info.code and not every_occupation:
        have = set(
            Estimate.objects.filter(release=current).values_list("occupation__code", flat=True)
        )
        if {oews.soc_code(code) for code in wanted if code in lists.occupations} <= have:
            return ImportReport(release=current, skipped=True)

    with transaction.atomic():
        release, _ = Release.objects.update_or_create(
            code=info.code,
            defaults={
                "name": info.name,
                "reference_date": info.reference_date,
                "published": published,
                "footnotes": lists.footnotes,
            },
        )
        report = ImportReport(release=release, no_links=wanted == set())
        areas = _areas_sync(lists)
        rows: dict[tuple[str, str], dict] = {}
        for cell in oews.read_cells(directory, lists):
            if wanted is not None and cell.occupation not in wanted:
                continue
            row = rows.setdefault((cell.occupation, cell.area), {"footnotes": {}})
            row[cell.field] = cell.value
            if cell.footnotes:
                row["footnotes"][cell.field] = cell.footnotes
        occupations = _occupations_sync(lists, {occ for occ, _area in rows})
        estimates = [
            Estimate(
                release=release,
                occupation=occupations[occ],
                area=areas[area],
                **{name: row.get(name) for name in ESTIMATE_FIELDS},
                footnotes=row["footnotes"],
            )
            for (occ, area), row in rows.items()
        ]
        Estimate.objects.bulk_create(
            estimates,
            batch_size=BATCH,
            update_conflicts=True,
            unique_fields=["release", "occupation", "area"],
            update_fields=[*ESTIMATE_FIELDS, "footnotes"],
        )
        # What this release no longer holds for the occupations in scope goes.
        in_scope = Estimate.objects.filter(release=release)
        if wanted is not None:
            in_scope = in_scope.filter(occupation__code__in=[oews.soc_code(c) for c in wanted])
        keep = {(occupations[occ].pk, areas[area].pk) for occ, area in rows}
        stale = [
            pk
            for pk, occ_id, area_id in in_scope.values_list("pk", "occupation_id", "area_id")
            if (occ_id, area_id) not in keep
        ]
        Estimate.objects.filter(pk__in=stale).delete()

        others = Release.objects.exclude(pk=release.pk)
        newer = others.filter(reference_date__gt=release.reference_date)
        older = others.filter(reference_date__lte=release.reference_date)
        report.replaced = [r.name for r in older.filter(estimates__isnull=False).distinct()]
        report.replaced += [r.name for r in newer]
        Estimate.objects.filter(release__in=older).delete()
        newer.delete()  # only with force: rolling back to this release

        report.estimates = len(estimates)
        report.occupations = len({occ for occ, _area in rows})
        report.areas = len({area for _occ, area in rows})
        if wanted is not None:
            report.without_figures = sorted(
                oews.soc_code(code) for code in wanted - {occ for occ, _area in rows}
            )
        transaction.on_commit(
            lambda: release_imported.send(sender=Release, release=release), robust=False
        )
    return report


def _areas_sync(lists: oews.CodeLists) -> dict[str, Area]:
    """Create or rename the nation, states and metros of oe.area; return them by code."""
    wanted = [a for a in lists.areas.values() if a.kind in oews.AREA_KINDS]
    Area.objects.bulk_create(
        [Area(code=a.code, kind=a.kind, state_fips=a.state_fips, name=a.name) for a in wanted],
        batch_size=BATCH,
        update_conflicts=True,
        unique_fields=["code"],
        update_fields=["kind", "state_fips", "name"],
    )
    return {area.code: area for area in Area.objects.all()}


def _occupations_sync(lists: oews.CodeLists, codes: set[str]) -> dict[str, Occupation]:
    """Create or retitle the occupations with figures; return them by BLS code."""
    Occupation.objects.bulk_create(
        [Occupation(code=oews.soc_code(c), title=lists.occupations[c]) for c in sorted(codes)],
        batch_size=BATCH,
        update_conflicts=True,
        unique_fields=["code"],
        update_fields=["title"],
    )
    found = Occupation.objects.filter(code__in=[oews.soc_code(c) for c in codes])
    return {occ.code.replace("-", ""): occ for occ in found}


def soc_is_known(code: str) -> bool:
    """True when `code` ("15-1252") is an occupation in the database or in the shipped titles."""
    return code in shipped_soc_titles() or Occupation.objects.filter(code=code).exists()
