"""The full-text index behind guide search, built the way each database does it best.

PostgreSQL: pg_trgm, a GIN index on the search documents' vector (full-text matches) and a
trigram GIN index on the vocabulary (words similar to a typo). SQLite: an FTS5 table with
the porter stemmer, one row per career (rowid = career id). The other database skips each
step, so the model state is the same on both. Fill the index with `reindex_search` (or
`load_guides`, which indexes every career that has no search document yet).
"""

from django.db import migrations

FTS_TABLE = "guide_search_fts"  # guide.search.FTS_TABLE

POSTGRES_FORWARDS = [
    # Trigram similarity (%, similarity()) for typo correction. Not dropped on the way back:
    # other databases objects may use it. (Django's TrigramExtension is not used because its
    # backwards step queries pg_extension on every database, which breaks SQLite.)
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    # Serves the @@ match of CareerQuerySet.search.
    "CREATE INDEX guide_searchdocument_vector_gin ON guide_searchdocument USING gin (vector)",
    # Serves the similar-word lookup of typo correction (the % operator).
    "CREATE INDEX guide_searchterm_term_trgm ON guide_searchterm USING gin (term gin_trgm_ops)",
]
POSTGRES_BACKWARDS = [
    "DROP INDEX IF EXISTS guide_searchterm_term_trgm",
    "DROP INDEX IF EXISTS guide_searchdocument_vector_gin",
]
SQLITE_FORWARDS = [
    f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5("
    "title, keywords, body, tokenize = 'porter unicode61 remove_diacritics 2')",
]
SQLITE_BACKWARDS = [f"DROP TABLE IF EXISTS {FTS_TABLE}"]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("guide", "0012_search_document"),
    ]

    operations = [
        migrations.RunPython(
            _run({"postgresql": POSTGRES_FORWARDS, "sqlite": SQLITE_FORWARDS}),
            _run({"postgresql": POSTGRES_BACKWARDS, "sqlite": SQLITE_BACKWARDS}),
        ),
    ]
