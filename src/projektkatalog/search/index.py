"""Create or drop the search index of the database in use (SQLite FTS5 or PostgreSQL trigrams).

Shared by the migrations that create the index and those that must rebuild it (SQLite drops a
table's triggers when a migration rebuilds the table).
"""


def _statements(schema_editor, which):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        from projektkatalog.search import postgres as backend
    elif schema_editor.connection.vendor == "sqlite":
        from projektkatalog.search import sqlite as backend
    else:
        return []
    return getattr(backend, which)


def create(apps, schema_editor):  # type: ignore[no-untyped-def]
    for statement in _statements(schema_editor, "CREATE"):
        schema_editor.execute(statement)


def drop(apps, schema_editor):  # type: ignore[no-untyped-def]
    for statement in _statements(schema_editor, "DROP"):
        schema_editor.execute(statement)
