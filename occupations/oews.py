"""Read an OEWS release from the tab-separated files BLS publishes.

BLS's time-series download area (https://download.bls.gov/pub/time.series/oe/) holds, for
the current release, `oe.data.0.Current` (one row per series: series_id, year, period,
value, footnote_codes) and the code lists it refers to: `oe.area`, `oe.occupation`,
`oe.footnote` and `oe.release`. Each file starts with a header row; columns are found by
their header names, so an extra column BLS adds later is ignored. Cells may be padded with
spaces and lines may end in CRLF, as BLS writes them.

Everything here is plain parsing, with no database: a file that does not follow the
format raises `OEWSFormatError` naming the file and the line. The import itself is
`occupations.services.release_import`.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

DATA_FILE = "oe.data.0.Current"
AREA_FILE = "oe.area"
OCCUPATION_FILE = "oe.occupation"
FOOTNOTE_FILE = "oe.footnote"
RELEASE_FILE = "oe.release"

# The OEWS series id: "OEU", area type (1), area (7), industry (6), occupation (6), datatype (2).
SERIES_PREFIX = "OEU"
SERIES_LENGTH = 25
CROSS_INDUSTRY = "000000"
AREA_KINDS = ("N", "S", "M")  # national, state, metropolitan (Area.Kind)

# The datatypes the site shows (oe.datatype), and the Estimate field each one fills.
DATATYPE_FIELDS = {
    "01": "employment",
    "04": "mean_annual",
    "11": "p10_annual",
    "12": "p25_annual",
    "13": "median_annual",
    "14": "p75_annual",
    "15": "p90_annual",
}
# What BLS writes in the value column when it publishes no number. The reason is a
# footnote code: 5 = the wage is at or above the survey's top figure, 8 = not released.
MISSING_VALUES = {"-", "*", "#"}
TOP_CODED = "5"

# The day BLS published each release. oe.release names a release ("2025A01", "May 2025")
# but not its publication day, so the importer looks it up here or takes --published.
# Source: the OEWS news release "Occupational Employment and Wages, May 2025", 2026-05-15
# (https://www.bls.gov/news.release/ocwage.htm); the files' Last-Modified is the same day.
PUBLISHED = {
    "2025A01": date(2026, 5, 15),
}

MONTHS = {
    name: number
    for number, name in enumerate(
        ("january", "february", "march", "april", "may", "june", "july", "august"), start=1
    )
} | {"september": 9, "october": 10, "november": 11, "december": 12}

_NUMBER = re.compile(r"^\d+(\.\d+)?$")
_DIGITS = re.compile(r"^\d+$")


class OEWSFormatError(Exception):
    """A release file that does not follow BLS's format; names the file and line."""

    def __init__(self, file: str, line: int | None, message: str):
        self.file, self.line = file, line
        where = f"{file}, line {line}" if line else file
        super().__init__(f"{where}: {message}")


def soc_code(occupation_code: str) -> str:
    """BLS's six-digit occupation code as the SOC writes it: "151252" -> "15-1252"."""
    return f"{occupation_code[:2]}-{occupation_code[2:]}"


@dataclass(frozen=True)
class ReleaseInfo:
    code: str  # e.g. "2025A01"
    name: str  # e.g. "May 2025"
    reference_date: date  # the first day of the reference month


@dataclass(frozen=True)
class AreaInfo:
    code: str
    kind: str
    state_fips: str
    name: str


@dataclass
class Cell:
    """One series' value, as read from the data file."""

    line: int
    kind: str
    area: str
    occupation: str
    field: str
    value: int | None
    footnotes: str


@dataclass
class CodeLists:
    releases: dict[str, ReleaseInfo] = field(default_factory=dict)
    areas: dict[str, AreaInfo] = field(default_factory=dict)
    occupations: dict[str, str] = field(default_factory=dict)  # BLS code -> title
    footnotes: dict[str, str] = field(default_factory=dict)  # code -> text


def read_rows(path: Path, required: tuple[str, ...]) -> Iterator[tuple[int, list[str], dict]]:
    """Yield (line number, cells, column index by name) for each data line of a BLS file."""
    name = path.name
    if not path.is_file():
        raise OEWSFormatError(name, None, "the file is missing")
    with path.open(encoding="utf-8", newline="") as fh:
        try:
            header = fh.readline()
        except UnicodeDecodeError:
            raise OEWSFormatError(name, 1, "not UTF-8 text") from None
        columns = [cell.strip() for cell in header.rstrip("\r\n").split("\t")]
        missing = [col for col in required if col not in columns]
        if missing:
            raise OEWSFormatError(
                name, 1, f"the header lacks column(s) {', '.join(missing)}; is this a BLS file?"
            )
        index = {col: columns.index(col) for col in required}
        width = len(columns)
        number = 1
        try:
            for number, text in enumerate(fh, start=2):
                text = text.rstrip("\r\n")
                if not text.strip():
                    continue
                cells = text.split("\t")
                if len(cells) < width:
                    raise OEWSFormatError(
                        name,
                        number,
                        f"{len(cells)} column(s) where the header has {width}: "
                        "the line is cut short (a truncated file?)",
                    )
                yield number, cells, index
        except UnicodeDecodeError:
            raise OEWSFormatError(name, number + 1, "not UTF-8 text") from None


def _reference_date(description: str) -> date | None:
    words = description.split()
    if len(words) == 2 and words[0].lower() in MONTHS and _DIGITS.match(words[1]):
        return date(int(words[1]), MONTHS[words[0].lower()], 1)
    return None


def read_code_lists(directory: Path) -> CodeLists:
    """Read oe.release, oe.area, oe.occupation and oe.footnote from `directory`."""
    lists = CodeLists()
    for number, cells, _ in read_rows(directory / RELEASE_FILE, ()):
        # Two columns: the release code ("2025A01") and its description ("May 2025").
        if len(cells) < 2:
            raise OEWSFormatError(RELEASE_FILE, number, "expected a release code and a name")
        code, description = cells[0].strip(), cells[1].strip()
        reference = _reference_date(description)
        if not re.match(r"^\d{4}A\d{2}$", code) or reference is None:
            raise OEWSFormatError(
                RELEASE_FILE, number, f'expected e.g. "2025A01<tab>May 2025", found {code!r}'
            )
        lists.releases[code] = ReleaseInfo(code, description, reference)
    if not lists.releases:
        raise OEWSFormatError(RELEASE_FILE, None, "names no release")

    required = ("area_code", "areatype_code", "state_code", "area_name")
    for number, cells, col in read_rows(directory / AREA_FILE, required):
        code = cells[col["area_code"]].strip()
        kind = cells[col["areatype_code"]].strip()
        if not re.match(r"^\d{7}$", code) or not kind:
            raise OEWSFormatError(AREA_FILE, number, f"bad area code {code!r}")
        state = cells[col["state_code"]].strip()
        lists.areas[code] = AreaInfo(code, kind, state, cells[col["area_name"]].strip())

    for number, cells, col in read_rows(
        directory / OCCUPATION_FILE, ("occupation_code", "occupation_name")
    ):
        code = cells[col["occupation_code"]].strip()
        title = cells[col["occupation_name"]].strip()
        if not re.match(r"^\d{6}$", code) or not title:
            raise OEWSFormatError(OCCUPATION_FILE, number, f"bad occupation code {code!r}")
        lists.occupations[code] = title

    for number, cells, col in read_rows(
        directory / FOOTNOTE_FILE, ("footnote_code", "footnote_text")
    ):
        code = cells[col["footnote_code"]].strip()
        if not code:
            raise OEWSFormatError(FOOTNOTE_FILE, number, "a footnote without a code")
        lists.footnotes[code] = cells[col["footnote_text"]].strip()
    return lists


def read_cells(directory: Path, lists: CodeLists) -> Iterator[Cell]:
    """Stream the cross-industry cells of the datatypes the site uses from the data file.

    Every line is checked (columns, series id, release, codes, footnotes); the value is
    parsed only where it is kept. Raises OEWSFormatError at the first bad line.
    """
    required = ("series_id", "year", "period", "value", "footnote_codes")
    areas, occupations, footnotes = lists.areas, lists.occupations, lists.footnotes
    release = None
    for number, cells, col in read_rows(directory / DATA_FILE, required):
        series = cells[col["series_id"]].strip()
        if len(series) != SERIES_LENGTH or not series.startswith(SERIES_PREFIX):
            raise OEWSFormatError(DATA_FILE, number, f"{series!r} is not an OEWS series id")
        code = cells[col["year"]].strip() + cells[col["period"]].strip()
        if code != release:
            if release is not None:
                raise OEWSFormatError(
                    DATA_FILE, number, f"a row of release {code}, after rows of {release}"
                )
            if code not in lists.releases:
                raise OEWSFormatError(
                    DATA_FILE, number, f"release {code} is not listed in {RELEASE_FILE}"
                )
            release = code
        area, occupation = series[4:11], series[17:23]
        if area not in areas:
            raise OEWSFormatError(DATA_FILE, number, f"area {area} is not listed in {AREA_FILE}")
        if occupation not in occupations:
            raise OEWSFormatError(
                DATA_FILE, number, f"occupation {occupation} is not listed in {OCCUPATION_FILE}"
            )
        notes = cells[col["footnote_codes"]].strip()
        if notes:
            for note in notes.split(","):
                if note.strip() not in footnotes:
                    raise OEWSFormatError(
                        DATA_FILE, number, f"footnote {note.strip()!r} is not in {FOOTNOTE_FILE}"
                    )
        name = DATATYPE_FIELDS.get(series[23:])
        kind = series[3]
        if name is None or series[11:17] != CROSS_INDUSTRY or kind not in AREA_KINDS:
            continue
        raw = cells[col["value"]].strip()
        if raw in MISSING_VALUES:
            value = None
        elif _NUMBER.match(raw):
            try:
                value = int(Decimal(raw).to_integral_value())
            except InvalidOperation:  # pragma: no cover - the pattern rules it out
                value = None
        else:
            raise OEWSFormatError(
                DATA_FILE, number, f"value {raw!r} is neither a number nor a BLS gap mark (-)"
            )
        yield Cell(number, kind, area, occupation, name, value, notes.replace(" ", ""))


def release_of(directory: Path, lists: CodeLists) -> ReleaseInfo:
    """The one release the data file holds (its first row), for checks before the import."""
    for _number, cells, col in read_rows(directory / DATA_FILE, ("year", "period")):
        code = cells[col["year"]].strip() + cells[col["period"]].strip()
        if code in lists.releases:
            return lists.releases[code]
        raise OEWSFormatError(DATA_FILE, _number, f"release {code} is not listed in {RELEASE_FILE}")
    raise OEWSFormatError(DATA_FILE, None, "holds no data rows")
