"""The shipped extract is what `make run` imports: wired after the guides, quick to
skip once loaded, and cut from the same release as the tests' sample."""

import shlex
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from occupations.models import Estimate
from occupations.services import SHIPPED_DIR
from occupations.tools.extract_oews import extract_from_bls

pytestmark = pytest.mark.django_db

SAMPLE = Path(__file__).resolve().parent / "data" / "may2025"


def make_run_commands() -> list[list[str]]:
    """The `manage.py` commands of the Makefile's run target, in order."""
    commands, inside = [], False
    for line in (Path(settings.BASE_DIR) / "Makefile").read_text(encoding="utf-8").splitlines():
        if line.startswith("run:"):
            inside = True
        elif inside and not line.startswith("\t"):
            break
        elif inside and "manage.py" in line:
            commands.append(shlex.split(line.split("manage.py", 1)[1]))
    return commands


def test_make_run_imports_the_extract_after_the_guides_and_skips_it_next_time():
    commands = [c for c in make_run_commands() if c[0] in {"load_guides", "import_oews"}]
    assert [c[0] for c in commands] == ["load_guides", "import_oews"]
    assert Path(settings.BASE_DIR, commands[1][1]) == SHIPPED_DIR

    outputs = []
    for _ in range(2):  # two starts of the site
        for words in commands:
            out = StringIO()
            call_command(*words, stdout=out)
            outputs.append(out.getvalue())
    assert outputs[1].startswith("Imported OEWS May 2025")
    assert outputs[3].endswith("is already loaded; nothing to do.\n")
    assert Estimate.objects.filter(occupation__code="15-1252", area__code="0000000").exists()


def test_the_sample_and_the_extract_hold_the_same_rows(tmp_path):
    """Re-cutting the shipped extract to the sample's areas gives the sample's own lines."""
    areas = {"0000000", "5300000", "0600000", "2400000", "0042660", "0021300", "0010540"}
    extract_from_bls(SHIPPED_DIR, tmp_path, occupations=("151252", "151244"), areas=areas)

    recut = (tmp_path / "oe.data.0.Current").read_bytes().splitlines()
    sample = [
        line
        for line in (SAMPLE / "oe.data.0.Current").read_bytes().splitlines()
        if b"000000291215" not in line  # the sample's extra occupation
    ]
    assert len(recut) == 99  # the header and 7 areas x 2 occupations x 7 datatypes
    assert sorted(recut) == sorted(sample)
