"""PostgreSQL backend: trigram-indexed substring matching on the folded text, widened by
full-text search with the Swedish configuration (stemming the page's own words)."""

from __future__ import annotations

from typing import Any, TypeVar

from django.db.models import BooleanField, Q, QuerySet
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
    """Return the projects whose text holds every term, or that Swedish full-text search finds.

    Both halves are conditions on the project's own row, written as the two indexes are
    defined (`search_text LIKE` for the trigram index, the same `to_tsvector` expression for
    the full-text one), so PostgreSQL answers the OR by combining the two indexes (a bitmap OR).
    Written as `id IN (SELECT ... full-text ...)`, the OR made it read every row instead."""
    substring = Q()
    for term in terms:
        substring &= Q(search_text__contains=term)
    fulltext = Q(
        RawSQL(
            "to_tsvector('swedish', catalogue_project.search_text) "
            "@@ plainto_tsquery('swedish', %s)",
            [" ".join(terms)],
            output_field=BooleanField(),
        )
    )
    return queryset.filter(substring | fulltext)
