"""Create or drop the search index of the database in use (SQLite FTS5 or PostgreSQL trigrams).

Shared by the migrations that create the index and those that must rebuild it (SQLite drops a
table's triggers when a migration rebuilds the table: a migration that rebuilds the project
table must recreate both the trigram index's triggers and the word index's).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django.db.backends.base.schema import BaseDatabaseSchemaEditor
    from django.db.migrations.state import StateApps


def _statements(schema_editor: BaseDatabaseSchemaEditor, which: str) -> list[str]:
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        from projektkatalog.search import postgres

        return list(getattr(postgres, which))
    if vendor == "sqlite":
        from projektkatalog.search import sqlite

        return list(getattr(sqlite, which))
    return []


def _words_statements(schema_editor: BaseDatabaseSchemaEditor, which: str) -> list[str]:
    if schema_editor.connection.vendor != "sqlite":  # PostgreSQL's indexes need no word list
        return []
    from projektkatalog.search import sqlite_words

    return list(getattr(sqlite_words, which))


def create(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    for statement in _statements(schema_editor, "CREATE"):
        schema_editor.execute(statement)


def drop(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    for statement in _statements(schema_editor, "DROP"):
        schema_editor.execute(statement)


def words_create(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    """Create SQLite's word index, its log and tables, and take the word list once."""
    for statement in _words_statements(schema_editor, "CREATE"):
        schema_editor.execute(statement)
    if schema_editor.connection.vendor == "sqlite":
        from projektkatalog.search import sqlite_words

        sqlite_words.words_take(schema_editor.connection)


def words_drop(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    for statement in _words_statements(schema_editor, "DROP"):
        schema_editor.execute(statement)
