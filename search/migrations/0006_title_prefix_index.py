"""PostgreSQL: autocomplete reads titles starting with what was typed from a btree (text_pattern_ops); the
trigram index on titles, which nothing reads any more, goes."""

from django.db import migrations


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS product_search_entry_title_trgm")
        schema_editor.execute(
            "CREATE INDEX product_search_entry_title_prefix ON product_search_entry "
            "(lower(title) text_pattern_ops)"
        )


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS product_search_entry_title_prefix")
        schema_editor.execute(
            "CREATE INDEX product_search_entry_title_trgm ON product_search_entry "
            "USING gin (lower(title) gin_trgm_ops)"
        )


class Migration(migrations.Migration):
    dependencies = [("product_search", "0005_narrow_entries")]

    operations = [migrations.RunPython(forward, backward)]
