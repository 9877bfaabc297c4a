"""`import_oews` loads a BLS OEWS release from BLS's own file format, all or nothing.

The sample in tests/occupations/data/may2025/ was cut from the real May 2025 release by
occupations/tools/extract_oews.py: Software Developers (15-1252), Network and Computer
Systems Administrators (15-1244) and Family Medicine Physicians (29-1215, whose wages are
top-coded in Albany, OR) for the nation, Washington, California, Maryland, Seattle,
Elmira, NY (estimates not released) and Albany, OR. The expected values below are the
source rows, as BLS publishes them.
"""

import shutil
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from guide.models import CareerOccupation
from occupations.models import Area, Estimate, Occupation, Release
from occupations.selectors import current_release
from occupations.services import SHIPPED_DIR
from tests.factory import make_career

pytestmark = pytest.mark.django_db

SAMPLE = Path(__file__).resolve().parent / "data" / "may2025"
DATA = "oe.data.0.Current"


def run(path, *args) -> str:
    out = StringIO()
    call_command("import_oews", str(path), *args, stdout=out)
    return out.getvalue()


def link(code: str, title: str = "An occupation", *, primary=True) -> Occupation:
    """A career that links to the occupation `code`, as the guide loader makes it."""
    occupation, _ = Occupation.objects.get_or_create(code=code, defaults={"title": title})
    CareerOccupation.objects.create(career=make_career(), occupation=occupation, primary=primary)
    return occupation


def estimate(code: str, area: str) -> Estimate:
    return Estimate.objects.get(occupation__code=code, area__code=area)


@pytest.fixture
def sample(tmp_path) -> Path:
    """A copy of the sample that a test may change."""
    target = tmp_path / "oews"
    shutil.copytree(SAMPLE, target)
    return target


def edit(directory: Path, name: str, old: str, new: str, count: int = 1) -> None:
    path = directory / name
    text = path.read_bytes().decode()
    assert old in text, f"{old!r} not in {name}"
    path.write_bytes(text.replace(old, new, count).encode())


def as_release(directory: Path, year: str, name: str) -> Path:
    """Relabel the sample as another release (same figures, another year)."""
    edit(directory, "oe.release", "2025A01\tMay 2025", f"{year}A01\t{name}")
    edit(directory, DATA, "\t2025\tA01\t", f"\t{year}\tA01\t", count=-1)
    return directory


def test_the_figures_are_the_source_rows():
    out = run(SAMPLE, "--all")

    assert out.count("\n") == 1  # a one-line summary
    assert "OEWS May 2025 (2025A01, published 2026-05-15)" in out
    release = Release.objects.get()
    assert (release.code, release.name) == ("2025A01", "May 2025")
    assert (release.reference_date, release.published) == (date(2025, 5, 1), date(2026, 5, 15))
    assert release.top_coded_annual == 239200

    national = estimate("15-1252", "0000000")
    assert national.occupation.title == "Software Developers"
    assert national.area.kind == Area.Kind.NATIONAL
    assert national.employment == 1687890
    assert national.mean_annual == 148100
    assert (
        national.p10_annual,
        national.p25_annual,
        national.median_annual,
        national.p75_annual,
        national.p90_annual,
    ) == (82460, 105210, 135980, 171980, 214670)
    assert national.footnotes == {}

    washington = estimate("15-1252", "5300000")
    assert (washington.area.name, washington.area.kind) == ("Washington", Area.Kind.STATE)
    assert (washington.employment, washington.median_annual) == (107030, 166540)
    assert estimate("15-1252", "0600000").median_annual == 174410  # California
    assert estimate("15-1252", "2400000").p90_annual == 222610  # Maryland
    seattle = estimate("15-1252", "0042660")
    assert (seattle.area.name, seattle.area.kind) == (
        "Seattle-Tacoma-Bellevue, WA",
        Area.Kind.METRO,
    )
    assert (seattle.employment, seattle.median_annual) == (92770, 167280)
    assert estimate("15-1244", "0000000").median_annual == 99130


def test_a_gap_stays_empty_with_its_footnote():
    run(SAMPLE, "--all")

    elmira = estimate("15-1252", "0021300")  # "-" with footnote 8: estimate not released
    assert elmira.employment == 80
    assert elmira.median_annual is None and elmira.p90_annual is None
    assert elmira.footnotes["median_annual"] == "8"
    assert "employment" not in elmira.footnotes

    albany = estimate("29-1215", "0010540")  # "-" with footnote 5: at or above the top figure
    assert albany.median_annual is None and albany.p90_annual is None
    assert albany.footnotes["p90_annual"] == "5"
    assert albany.release.footnotes["5"].endswith("$239,200 per year.")


def test_only_the_occupations_careers_link_to_unless_all():
    link("15-1252", "Software developers, as a guide named them")
    out = run(SAMPLE)

    assert set(Estimate.objects.values_list("occupation__code", flat=True)) == {"15-1252"}
    assert Estimate.objects.count() == 7  # the nation, three states, three metros
    assert Occupation.objects.get(code="15-1252").title == "Software Developers"  # BLS's title
    assert "7 estimates for 1 occupation(s) in 7 area(s)" in out

    run(SAMPLE, "--all")
    assert Estimate.objects.values("occupation").distinct().count() == 3


def test_a_linked_occupation_without_figures_is_named():
    link("15-1241")
    assert "No figures in the files for 15-1241." in run(SAMPLE)


def test_importing_twice_gives_the_same_rows():
    run(SAMPLE, "--all")
    first = list(Estimate.objects.order_by("pk").values())
    areas = list(Area.objects.order_by("pk").values())

    run(SAMPLE, "--all")
    assert list(Estimate.objects.order_by("pk").values()) == first
    assert list(Area.objects.order_by("pk").values()) == areas
    assert Release.objects.count() == 1


def test_skip_loaded_does_nothing_when_the_release_is_in(sample):
    link("15-1252")
    run(SAMPLE, "--skip-loaded")
    first = list(Estimate.objects.values())

    assert "already loaded" in run(SAMPLE, "--skip-loaded")
    assert list(Estimate.objects.values()) == first
    # A career that links to another occupation makes it import again.
    link("15-1244")
    assert "Imported" in run(SAMPLE, "--skip-loaded")
    assert Estimate.objects.filter(occupation__code="15-1244").count() == 7


def test_a_newer_release_replaces_the_older_figures(sample):
    link("15-1252")
    run(SAMPLE)
    as_release(sample, "2026", "May 2026")
    edit(sample, DATA, "      135980", "      140000")

    out = run(sample, "--published", "2027-05-14")

    assert "Replaced the figures of May 2025." in out
    assert current_release().code == "2026A01"
    assert set(Estimate.objects.values_list("release__code", flat=True)) == {"2026A01"}
    assert estimate("15-1252", "0000000").median_annual == 140000
    assert Release.objects.get(code="2025A01").estimates.count() == 0  # kept as history


def test_an_older_release_is_refused_unless_forced(sample):
    link("15-1252")
    newer = as_release(sample, "2026", "May 2026")
    run(newer, "--published", "2027-05-14")
    rows = list(Estimate.objects.values())

    with pytest.raises(CommandError, match=r"May 2025 \(2025A01\) is older than .*--force"):
        run(SAMPLE)
    assert list(Estimate.objects.values()) == rows
    assert current_release().code == "2026A01"

    run(SAMPLE, "--force")  # rolls back: the newer release goes
    assert list(Release.objects.values_list("code", flat=True)) == ["2025A01"]
    assert estimate("15-1252", "0000000").median_annual == 135980


def test_an_unknown_release_needs_its_publication_day(sample):
    as_release(sample, "2026", "May 2026")
    with pytest.raises(CommandError, match="--published"):
        run(sample)
    assert not Release.objects.exists()


def _cut_last_line(directory: Path) -> None:
    path = directory / DATA
    text = path.read_bytes().decode()
    path.write_bytes(text[: text.rstrip().rfind("\t2025")].encode())


# (file, change, the line the message names, what it says)
BAD_INPUTS = {
    "truncated file": (DATA, _cut_last_line, 141, "column(s) where the header has 5"),
    "non-numeric value": (
        DATA,
        lambda d: edit(d, DATA, "      135980\t", "     13x5980\t"),
        13,
        "'13x5980' is neither a number",
    ),
    "unknown area": (
        DATA,
        lambda d: edit(d, DATA, "OEUM0042660", "OEUM0042661"),
        None,
        "area 0042661 is not listed in oe.area",
    ),
    "unknown occupation": (
        DATA,
        lambda d: edit(d, DATA, "OEUS2400000000000151244", "OEUS2400000000000151245"),
        None,
        "occupation 151245 is not listed in oe.occupation",
    ),
    "unknown footnote": (
        DATA,
        lambda d: edit(d, DATA, "-\t8", "-\t7"),
        None,
        "footnote '7' is not in oe.footnote",
    ),
    "not an OEWS series": (
        DATA,
        lambda d: edit(d, DATA, "OEUN000000000000015125213", "CUUR0000SA0"),
        13,
        "is not an OEWS series id",
    ),
    "a row of another release": (
        DATA,
        lambda d: edit(d, DATA, "\t2025\tA01\t", "\t2024\tA01\t"),
        2,
        "release 2024A01 is not listed in oe.release",
    ),
    "wrong format": (
        "oe.area",
        lambda d: (d / "oe.area").write_text("area,name\n0000000,National\n"),
        1,
        "the header lacks column(s)",
    ),
    "bad occupation code": (
        "oe.occupation",
        lambda d: edit(d, "oe.occupation", "151252\t", "15-1252\t"),
        3,
        "bad occupation code '15-1252'",
    ),
    "missing file": (
        "oe.footnote",
        lambda d: (d / "oe.footnote").unlink(),
        None,
        "the file is missing",
    ),
    "not a release": (
        "oe.release",
        lambda d: edit(d, "oe.release", "May 2025", "Spring"),
        2,
        "expected e.g.",
    ),
}


@pytest.mark.parametrize("case", BAD_INPUTS)
def test_bad_input_names_file_and_line_and_changes_nothing(sample, case):
    link("15-1252")
    link("15-1244")
    run(SAMPLE)
    before = list(Estimate.objects.order_by("pk").values())
    name, change, line, message = BAD_INPUTS[case]
    change(sample)
    edit(sample, DATA, "     1687890", "     1700000")  # a change that must not land

    with pytest.raises(CommandError) as excinfo:
        run(sample)

    text = str(excinfo.value)
    assert text.startswith(f"{name}, line {line}:" if line else f"{name}")
    assert message in text
    assert "Nothing was imported." in text
    assert list(Estimate.objects.order_by("pk").values()) == before


def test_a_bad_last_line_rolls_back_a_first_import(sample):
    """The error comes after every other row was read: none of them stays."""
    _cut_last_line(sample)
    with pytest.raises(CommandError, match=f"{DATA}, line 141"):
        run(sample, "--all")
    assert not Release.objects.exists()
    assert not Area.objects.exists()
    assert not Estimate.objects.exists()
    assert not Occupation.objects.exists()


def test_lf_line_ends_and_unpadded_cells_read_the_same(sample):
    for path in sample.glob("oe.*"):
        lines = path.read_bytes().decode().split("\r\n")
        path.write_text("\n".join("\t".join(c.strip() for c in ln.split("\t")) for ln in lines))
    run(sample, "--all")
    assert estimate("15-1252", "0000000").median_annual == 135980


def test_the_shipped_extract_has_every_state_and_metro_for_the_guides():
    call_command("load_guides", stdout=StringIO())
    out = run(SHIPPED_DIR, "--skip-loaded")

    assert "4 occupation(s)" in out
    developers = Estimate.objects.filter(occupation__code="15-1252")
    assert developers.get(area__kind=Area.Kind.NATIONAL).median_annual == 135980
    states = developers.filter(area__kind=Area.Kind.STATE)
    assert states.count() >= 50
    assert {"Washington", "California", "Maryland"} <= set(
        states.values_list("area__name", flat=True)
    )
    assert developers.get(area__name="Seattle-Tacoma-Bellevue, WA").median_annual == 167280
    assert SHIPPED_DIR.joinpath(DATA).stat().st_size < 2_000_000


def test_without_links_it_says_what_to_do():
    out = run(SAMPLE)
    assert "0 estimates" in out
    assert "load the guides first, or use --all" in out


def test_an_import_redraws_the_cached_guide_pages(django_capture_on_commit_callbacks):
    from guide.cache import content_version

    before = content_version()
    with django_capture_on_commit_callbacks(execute=True):
        run(SAMPLE, "--all")
    assert content_version() != before


def test_a_star_is_a_gap_like_a_dash(sample):
    edit(sample, DATA, "      135980\t", "           *\t")
    run(sample, "--all")
    assert estimate("15-1252", "0000000").median_annual is None
