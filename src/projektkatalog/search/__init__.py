"""Project search: one interface, a backend per database (SQLite FTS5, PostgreSQL)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

from django.db import connection
from django.db.models import QuerySet

from projektkatalog.domain.searching import search_terms

# Any queryset of projects: each search returns the kind (and annotations) it was given.
_Q = TypeVar("_Q", bound="QuerySet[Any]")


def project_search(queryset: _Q, query: str) -> _Q:
    """Return the projects of `queryset` that match every term of `query`."""
    terms = search_terms(query)
    if not terms:
        return queryset.none() if query.strip() else queryset
    if connection.vendor == "postgresql":
        from projektkatalog.search import postgres

        return postgres.search(queryset, terms, query)
    from projektkatalog.search import sqlite

    return sqlite.search(queryset, terms, query)


def project_search_ids(queryset: QuerySet, query: str) -> Iterable[int] | str:
    """Return the ids of the projects of `queryset` that match `query` (each at most once, in no
    particular order), for counting and filtering in memory: an iterable of ids; on SQLite,
    where they come straight from the search indexes (drafts too: the caller keeps the projects
    it lists), a sorted numpy array (the word index) or one comma-separated string (the
    trigram index); on PostgreSQL, one comma-separated string."""
    terms = search_terms(query)
    if not terms:
        return [] if query.strip() else queryset.values_list("id", flat=True).iterator()
    if connection.vendor == "sqlite":
        from projektkatalog.search import sqlite

        return sqlite.ids(terms)
    from projektkatalog.search import postgres

    return postgres.ids(queryset, terms)


def search_words_take() -> None:
    """Take the search's word list afresh: on SQLite, after many projects were written (an
    import, a day of edits), so that a common term is answered from the word index again rather
    than the slower trigram one (`sqlite_words`); nothing on other databases."""
    if connection.vendor == "sqlite":
        from projektkatalog.search import sqlite_words

        sqlite_words.words_take(connection)
