"""Create the search index of the database in use (SQLite FTS5 or PostgreSQL trigram/FTS)."""

from django.db import migrations


def _statements(schema_editor, which):
    if schema_editor.connection.vendor == "postgresql":
        from projektkatalog.search import postgres as backend
    elif schema_editor.connection.vendor == "sqlite":
        from projektkatalog.search import sqlite as backend
    else:
        return []
    return getattr(backend, which)


def create(apps, schema_editor):
    for statement in _statements(schema_editor, "CREATE"):
        schema_editor.execute(statement)


def drop(apps, schema_editor):
    for statement in _statements(schema_editor, "DROP"):
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0002_project_search_text")]
    operations = [migrations.RunPython(create, drop)]
