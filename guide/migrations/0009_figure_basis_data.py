"""State the basis of the pay figures that existed before basis fields did.

What the rows held until now, as the shipped guides and the admin used them:
- Sources on bls.gov or onetonline.org are official; an OEWS title naming its release
  ("..., May 2024: ...") gives that release as the edition.
- Key-fact pay citations (median and range) described national base pay; those whose note
  called the figure "our estimate" are marked as estimates.
- Salary-by-level rows were unsourced national base-pay estimates.
- Regional rows are regional (the United States row national); those whose note says "our estimate" are estimates.
Staff review the result in the admin; `manage.py check_guides` lists what is still missing.
"""

import re

from django.db import migrations

OFFICIAL_HOSTS = ("bls.gov", "onetonline.org")
RELEASE = re.compile(r"\b(May \d{4})\b")


def forwards(apps, schema_editor):
    Source = apps.get_model("guide", "Source")
    KeyFact = apps.get_model("guide", "KeyFact")
    CareerLevel = apps.get_model("guide", "CareerLevel")
    RegionalSalary = apps.get_model("guide", "RegionalSalary")
    for source in Source.objects.all():
        if any(host in source.url for host in OFFICIAL_HOSTS):
            source.official = True
            match = RELEASE.search(source.title)
            source.edition = match.group(1) if match else ""
            source.save(update_fields=["official", "edition"])
    for fact in KeyFact.objects.filter(kind__in=["median_salary", "salary_range"]):
        fact.pay_basis, fact.pay_scope = "base", "national"
        fact.is_estimate = "estimate" in fact.note.lower()
        if fact.is_estimate and fact.source_id and fact.source.official:
            fact.source = None  # an estimate never cites an official source
        fact.save(update_fields=["pay_basis", "pay_scope", "is_estimate", "source"])
    CareerLevel.objects.exclude(
        salary_median_usd__isnull=True, salary_average_usd__isnull=True
    ).update(pay_basis="base", pay_scope="national", is_estimate=True)
    for row in RegionalSalary.objects.all():
        national = row.region.startswith("United States")
        row.pay_basis, row.pay_scope = "base", "national" if national else "regional"
        row.is_estimate = "estimate" in row.salary_note.lower()
        row.save(update_fields=["pay_basis", "pay_scope", "is_estimate"])


class Migration(migrations.Migration):
    dependencies = [("guide", "0008_figure_basis")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
