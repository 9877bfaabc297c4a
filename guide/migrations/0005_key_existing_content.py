"""Give keys to rows an earlier loader created, so the first keyed load changes nothing.

Before content keys existed, `load_guides` matched rows by slug and name. On a database
that was loaded then (it has careers), this migration keys every row that still matches a
shipped item by slug or name (a guide also by its exact title, when its slug was
changed), and records every shipped key as loaded. A shipped item with no matching row
was therefore deleted by staff and stays deleted. A fresh database is left alone: the
loader keys what it creates.
"""

import tomllib
from pathlib import Path

from django.db import migrations
from django.utils.text import slugify

CONTENT_DIR = Path(__file__).resolve().parent.parent / "content"


def _read(path):
    with path.open("rb") as fh:
        return tomllib.load(fh)


def key_existing_rows(apps, schema_editor):
    Career = apps.get_model("guide", "Career")
    Category = apps.get_model("guide", "Category")
    Skill = apps.get_model("guide", "Skill")
    ShippedContent = apps.get_model("guide", "ShippedContent")
    if not Career.objects.exists() or not (CONTENT_DIR / "catalog.toml").exists():
        return
    catalog = _read(CONTENT_DIR / "catalog.toml")
    guides = [_read(p) for p in sorted(CONTENT_DIR.glob("*.toml")) if p.name != "catalog.toml"]

    def adopt(model, kind, key, *lookups):
        for lookup in lookups:
            rows = list(model.objects.filter(content_key=None, **lookup)[:2])
            if len(rows) == 1:
                model.objects.filter(pk=rows[0].pk).update(content_key=key)
                break
        ShippedContent.objects.get_or_create(kind=kind, key=key)

    for item in catalog.get("categories", []):
        key = item["slug"]
        adopt(Category, "guide.category", key, {"slug": key}, {"name__iexact": item["name"]})
    for item in catalog.get("skills", []):
        key = slugify(item["name"])
        adopt(Skill, "guide.skill", key, {"slug": key}, {"name__iexact": item["name"]})
    for data in guides:
        key = data["slug"]
        adopt(Career, "guide.career", key, {"slug": key}, {"title": data.get("title", "")})


class Migration(migrations.Migration):
    dependencies = [("guide", "0004_shipped_content_keys")]

    operations = [migrations.RunPython(key_existing_rows, migrations.RunPython.noop)]
