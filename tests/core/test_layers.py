"""The layout docs/architecture.md promises: `careerguide/` is configuration only, and the
shared plumbing (`api/` for the REST API, `core/` for site-wide HTTP) imports no app."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APPS = {"guide", "assessments", "accounts"}


def _imported_top_level_names(package: str) -> dict[str, set[str]]:
    imported = {}
    for source in sorted((ROOT / package).rglob("*.py")):
        names = set()
        for node in ast.walk(ast.parse(source.read_text(), filename=str(source))):
            if isinstance(node, ast.Import):
                names |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
        imported[str(source.relative_to(ROOT))] = names
    return imported


@pytest.mark.parametrize("package", ["api", "core"])
def test_shared_plumbing_imports_no_app(package):
    imported = _imported_top_level_names(package)

    assert imported, f"{package}/ has no Python files"
    assert {path: names & APPS for path, names in imported.items() if names & APPS} == {}


def test_the_configuration_package_holds_configuration_only():
    files = {path.name for path in (ROOT / "careerguide").iterdir() if path.suffix == ".py"}

    assert files == {"__init__.py", "settings.py", "urls.py", "wsgi.py", "asgi.py"}
