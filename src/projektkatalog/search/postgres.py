"""PostgreSQL backend: trigram-indexed substring matching on the folded text, widened by
full-text search with the Swedish configuration (stemming the page's own words)."""

from __future__ import annotations

from typing import Any, TypeVar

from django.db.models import Q, QuerySet
from django.db.models.expressions import RawSQL

# Any queryset of projects: each search returns the kind (and annotations) it was given.
_Q = TypeVar("_Q", bound="QuerySet[Any]")

CREATE = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS catalogue_project_search_trgm ON catalogue_project "
    "USING gin (search_text gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS catalogue_project_search_fts ON catalogue_project "
    "USING gin (to_tsvector('swedish', search_text))",
]
DROP = [
    "DROP INDEX IF EXISTS catalogue_project_search_trgm",
    "DROP INDEX IF EXISTS catalogue_project_search_fts",
]


def search(queryset: _Q, terms: list[str], query: str) -> _Q:
    """Return the projects whose text holds every term, or that Swedish full-text search finds."""
    substring = Q()
    for term in terms:
        substring &= Q(search_text__contains=term)
    fulltext = Q(
        id__in=RawSQL(
            "SELECT id FROM catalogue_project WHERE to_tsvector('swedish', search_text) "
            "@@ plainto_tsquery('swedish', %s)",
            [" ".join(terms)],
        )
    )
    return queryset.filter(substring | fulltext)
