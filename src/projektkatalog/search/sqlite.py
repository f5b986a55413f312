"""SQLite backend: an FTS5 table with the trigram tokenizer, kept in step by triggers.

Trigrams make every substring of three or more characters searchable, which is what compound
words need ("erosion" inside "kusterosion").
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.db import connection
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL

from projektkatalog.search import sqlite_words
from projektkatalog.search.sqlite_words import Ids

# Any queryset of projects: each search returns the kind (and annotations) it was given.
_Q = TypeVar("_Q", bound="QuerySet[Any]")

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


MATCHING = "SELECT rowid FROM catalogue_project_fts WHERE catalogue_project_fts MATCH %s"


def _expression(terms: list[str]) -> str:
    return " AND ".join('"' + t.replace('"', '""') + '"' for t in terms)


def search(queryset: _Q, terms: list[str], query: str) -> _Q:
    """Return the projects whose text holds every term."""
    del query
    return queryset.filter(id__in=RawSQL(MATCHING, [_expression(terms)]))


def ids(terms: list[str]) -> Ids | str:
    """Return the ids of every project (drafts too) whose text holds every term: from the word
    index (an array) where it can answer, else from the trigram index as one comma-separated
    string (a common word matches most of the catalogue, and one string crosses from SQLite to
    Python far faster than a row per project)."""
    found = sqlite_words.ids(terms)
    if found is not None:
        return found
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT group_concat(rowid) FROM ({MATCHING})", [_expression(terms)])
        row = cursor.fetchone()
    return row[0] or "" if row else ""
