"""Migration guide 0009 states the basis of the pay figures that existed before the fields."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("guide", "0007_skill_anchors")]
AFTER = [("guide", "0009_figure_basis_data")]


@pytest.mark.django_db(transaction=True)
def test_existing_pay_figures_get_a_basis_and_estimates_lose_official_citations():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    career = old.get_model("guide", "Career").objects.create(
        title="Systems Engineer", slug="systems-engineer", summary="Runs systems."
    )
    Source = old.get_model("guide", "Source")
    oews = Source.objects.create(
        career=career,
        title="Occupational Employment and Wages, May 2024: 15-1244",
        url="https://www.bls.gov/oes/2024/may/oes151244.htm",
    )
    survey = Source.objects.create(career=career, title="A survey", url="https://example.com/")
    KeyFact = old.get_model("guide", "KeyFact")
    KeyFact.objects.create(career=career, kind="median_salary", source=oews, note="BLS median.")
    KeyFact.objects.create(
        career=career, kind="salary_range", source=oews, note="Our estimate from job ads."
    )
    old.get_model("guide", "CareerLevel").objects.create(
        career=career, title="Junior", salary_median_usd=75000
    )
    Regional = old.get_model("guide", "RegionalSalary")
    Regional.objects.create(career=career, region="United States", salary_usd=96800)
    Regional.objects.create(career=career, region="India", salary_note="our estimate")

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    Source = new.get_model("guide", "Source")
    assert Source.objects.get(pk=oews.pk).official
    assert Source.objects.get(pk=oews.pk).edition == "May 2024"
    assert not Source.objects.get(pk=survey.pk).official
    facts = {f.kind: f for f in new.get_model("guide", "KeyFact").objects.all()}
    assert (facts["median_salary"].pay_basis, facts["median_salary"].pay_scope) == (
        "base",
        "national",
    )
    assert not facts["median_salary"].is_estimate
    assert facts["salary_range"].is_estimate
    assert facts["salary_range"].source_id is None  # an estimate never cites BLS
    level = new.get_model("guide", "CareerLevel").objects.get()
    assert (level.pay_basis, level.pay_scope, level.is_estimate) == ("base", "national", True)
    regions = {r.region: r for r in new.get_model("guide", "RegionalSalary").objects.all()}
    assert regions["United States"].pay_scope == "national"
    assert regions["India"].pay_scope == "regional" and regions["India"].is_estimate

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
