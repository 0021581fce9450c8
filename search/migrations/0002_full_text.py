"""The vendor-specific full-text part of the database index.

SQLite: an FTS5 virtual table (porter stemming) whose rowid is the product id, columns in weight order.
PostgreSQL: pg_trgm for typo lookups on the vocabulary, a weighted tsvector column with a GIN index.
"""

from django.db import migrations

SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE product_search_fts USING fts5("
    "title, category_text, materials_text, clusters_text, supplier_text, description, "
    "tokenize = 'porter unicode61 remove_diacritics 2')",
]
SQLITE_BACKWARD = ["DROP TABLE IF EXISTS product_search_fts"]

POSTGRES_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "ALTER TABLE product_search_entry ADD COLUMN search_vector tsvector",
    "CREATE INDEX product_search_entry_vector ON product_search_entry USING gin (search_vector)",
    "CREATE INDEX product_search_term_trgm ON product_search_term USING gin (word gin_trgm_ops)",
    "CREATE INDEX product_search_entry_title_trgm ON product_search_entry USING gin (lower(title) gin_trgm_ops)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS product_search_entry_title_trgm",
    "DROP INDEX IF EXISTS product_search_term_trgm",
    "DROP INDEX IF EXISTS product_search_entry_vector",
    "ALTER TABLE product_search_entry DROP COLUMN IF EXISTS search_vector",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("product_search", "0001_index_tables")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        )
    ]
