"""Project search: one interface, a backend per database (SQLite FTS5, PostgreSQL)."""

from __future__ import annotations

from django.db import connection
from django.db.models import QuerySet

from projektkatalog.domain.searching import search_terms


def project_search(queryset: QuerySet, query: str) -> QuerySet:
    """Return the projects of `queryset` that match every term of `query`."""
    terms = search_terms(query)
    if not terms:
        return queryset.none() if query.strip() else queryset
    if connection.vendor == "postgresql":
        from projektkatalog.search import postgres as backend
    else:
        from projektkatalog.search import sqlite as backend
    return backend.search(queryset, terms, query)
