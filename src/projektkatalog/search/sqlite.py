"""SQLite backend: an FTS5 table with the trigram tokenizer, kept in step by triggers.

Trigrams make every substring of three or more characters searchable, which is what compound
words need ("erosion" inside "kusterosion").
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.db.models.expressions import RawSQL

CREATE = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS catalogue_project_fts USING fts5("
    "search_text, content='catalogue_project', content_rowid='id', tokenize='trigram')",
    "CREATE TRIGGER IF NOT EXISTS catalogue_project_fts_ai AFTER INSERT ON catalogue_project BEGIN "
    "INSERT INTO catalogue_project_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
    "CREATE TRIGGER IF NOT EXISTS catalogue_project_fts_ad AFTER DELETE ON catalogue_project BEGIN "
    "INSERT INTO catalogue_project_fts(catalogue_project_fts, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); END",
    "CREATE TRIGGER IF NOT EXISTS catalogue_project_fts_au AFTER UPDATE OF search_text ON catalogue_project BEGIN "
    "INSERT INTO catalogue_project_fts(catalogue_project_fts, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); "
    "INSERT INTO catalogue_project_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
    "INSERT INTO catalogue_project_fts(catalogue_project_fts) VALUES ('rebuild')",
]
DROP = [
    "DROP TRIGGER IF EXISTS catalogue_project_fts_ai",
    "DROP TRIGGER IF EXISTS catalogue_project_fts_ad",
    "DROP TRIGGER IF EXISTS catalogue_project_fts_au",
    "DROP TABLE IF EXISTS catalogue_project_fts",
]


def search(queryset: QuerySet, terms: list[str], query: str) -> QuerySet:
    """Return the projects whose text holds every term."""
    del query
    expression = " AND ".join('"' + t.replace('"', '""') + '"' for t in terms)
    ids = RawSQL(
        "SELECT rowid FROM catalogue_project_fts WHERE catalogue_project_fts MATCH %s", [expression]
    )
    return queryset.filter(id__in=ids)
