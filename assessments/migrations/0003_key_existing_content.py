"""Give keys to readiness rows an earlier loader created (see guide 0005 for the why).

On a database loaded before content keys existed (it has questions), each dimension,
question and resource that still matches the shipped file (dimension by slug or name,
question by text, resource by title, each with the same guide) is keyed, and every
shipped key is recorded as loaded, so what staff deleted stays deleted.
"""

import tomllib
from pathlib import Path

from django.db import migrations

CONTENT_FILE = Path(__file__).resolve().parent.parent / "content" / "readiness.toml"


def key_existing_rows(apps, schema_editor):
    Dimension = apps.get_model("assessments", "Dimension")
    Question = apps.get_model("assessments", "Question")
    Resource = apps.get_model("assessments", "Resource")
    Career = apps.get_model("guide", "Career")
    ShippedContent = apps.get_model("guide", "ShippedContent")
    if not Question.objects.exists() or not CONTENT_FILE.exists():
        return
    data = tomllib.loads(CONTENT_FILE.read_text(encoding="utf-8"))

    def adopt(model, key, *lookups):
        for lookup in lookups:
            rows = list(model.objects.filter(content_key=None, **lookup)[:2])
            if len(rows) == 1:
                model.objects.filter(pk=rows[0].pk).update(content_key=key)
                break
        ShippedContent.objects.get_or_create(kind=f"assessments.{model.__name__.lower()}", key=key)

    def career(item):
        if "career" not in item:
            return {"career__isnull": True}
        return {"career": Career.objects.filter(content_key=item["career"]).first()}

    for item in data.get("dimensions", []):
        adopt(Dimension, item["slug"], {"slug": item["slug"]}, {"name__iexact": item["name"]})
    for item in data.get("questions", []):
        adopt(Question, item["key"], {"text": item["text"], **career(item)})
    for item in data.get("resources", []):
        adopt(Resource, item["key"], {"title": item["title"], **career(item)})


class Migration(migrations.Migration):
    dependencies = [
        ("assessments", "0002_content_keys"),
        ("guide", "0005_key_existing_content"),
    ]

    operations = [migrations.RunPython(key_existing_rows, migrations.RunPython.noop)]
