"""The search document's head vector (title A, keywords B) on PostgreSQL: the ranking tiers
are tested on it instead of on the whole guide's vector filtered by weight (docs/search.md).
Filled here from the stored title and keywords; SQLite leaves it NULL, as it does `vector`.
"""

import django.contrib.postgres.search
from django.db import migrations

FILL = """
UPDATE guide_searchdocument
SET head = setweight(to_tsvector('english', title), 'A')
    || setweight(to_tsvector('english', keywords), 'B')
"""


def fill(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FILL)


class Migration(migrations.Migration):
    dependencies = [
        ("guide", "0016_publishers_group"),
    ]

    operations = [
        migrations.AddField(
            model_name="searchdocument",
            name="head",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
