"""Accounts stands alone: no module of the app imports guide or assessments, and no model
of it points at their tables. Other apps plug into accounts, never the other way round."""

import ast
from dataclasses import replace
from pathlib import Path

import pytest
from django.apps import apps
from django.core.exceptions import ImproperlyConfigured

from accounts import profile_sections

ACCOUNTS = Path(apps.get_app_config("accounts").path)
OTHER_APPS = ("guide", "assessments")


def imported_modules(path: Path) -> set[str]:
    modules = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            modules.add(node.module)
    return modules


def test_no_accounts_module_imports_another_app():
    offenders = {
        f"{path.relative_to(ACCOUNTS)}: {module}"
        for path in ACCOUNTS.rglob("*.py")
        for module in imported_modules(path)
        if module.split(".")[0] in OTHER_APPS
    }
    assert offenders == set()


def test_no_accounts_model_points_at_another_app():
    links = {
        f"{model.__name__}.{field.name} -> {field.related_model._meta.label}"
        for model in apps.get_app_config("accounts").get_models()
        for field in model._meta.get_fields()
        if field.is_relation
        and field.concrete
        and field.related_model._meta.app_label in OTHER_APPS
    }
    assert links == set()


def test_a_taken_profile_section_name_cannot_be_claimed_twice():
    goal = next(s for s in profile_sections.sections() if s.name == "goal")
    profile_sections.register(goal)  # the same section again: ready() may run twice
    with pytest.raises(ImproperlyConfigured):
        profile_sections.register(replace(goal, template_name="elsewhere.html"))
    with pytest.raises(ImproperlyConfigured):
        profile_sections.register(replace(goal, name="Not Snake"))
    assert [s.name for s in profile_sections.sections()] == ["goal"]
