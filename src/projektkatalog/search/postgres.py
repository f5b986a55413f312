"""PostgreSQL backend: trigram-indexed substring matching on the folded text, widened by
full-text search with the Swedish configuration (stemming the page's own words)."""

from __future__ import annotations

from typing import Any, TypeVar

from django.db import connections
from django.db.models import BooleanField, F, Func, Q, QuerySet, Value

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


class _SwedishTextMatch(Func):
    """`to_tsvector('swedish', column) @@ plainto_tsquery('swedish', words)`: the column as
    the full-text index is defined, so PostgreSQL can answer it from that index; the column
    named through Django (F), so it is right under whatever alias the query gives the table
    (a filtered export uses the projects as a subquery)."""

    # Func joins its two arguments (column, words) with arg_joiner inside template.
    template = "to_tsvector('swedish', %(expressions)s)"
    arg_joiner = ") @@ plainto_tsquery('swedish', "
    output_field = BooleanField()

    def __init__(self, column: str, words: str) -> None:
        super().__init__(F(column), Value(words))


def search(queryset: _Q, terms: list[str], query: str) -> _Q:
    """Return the projects whose text holds every term, or that Swedish full-text search finds.

    Both halves are conditions on the project's own row, written as the two indexes are
    defined (`search_text LIKE` for the trigram index, the same `to_tsvector` expression for
    the full-text one), so PostgreSQL answers the OR by combining the two indexes (a bitmap OR).
    Written as `id IN (SELECT ... full-text ...)`, the OR made it read every row instead."""
    substring = Q()
    for term in terms:
        substring &= Q(search_text__contains=term)
    return queryset.filter(substring | Q(_SwedishTextMatch("search_text", " ".join(terms))))


def ids(queryset: QuerySet[Any], terms: list[str]) -> str:
    """Return the ids of the projects of `queryset` that `search` finds, as one comma-separated
    string: a common word matches a quarter of the catalogue, and one row crosses from
    PostgreSQL to Python far faster than a row (and a Python object) per project.

    Asked as `search` asks it (one OR), each row the trigram index proposes is checked against
    both halves, and for every proposed row that does not hold the text PostgreSQL computes
    the row's Swedish full-text vector: a rare word made of common trigrams ("aagran" at
    1,000,000 projects: 5,000 rows proposed, one found) took 1.3–1.9 s, almost all of it in
    `to_tsvector`. Asked as two disjoint halves (the substring; the full-text matches without
    it), each half is answered by its own index and checked only against its own condition:
    114 ms for the same word. A word that PostgreSQL expects in more than COMMON of the
    projects is asked as one OR all the same: both halves would then read the whole table,
    where the OR reads it once."""
    substring = Q()
    for term in terms:
        substring &= Q(search_text__contains=term)
    words = Q(_SwedishTextMatch("search_text", " ".join(terms)))
    plain = queryset.order_by()
    with_text = plain.filter(substring).values("id")
    if _share_expected(with_text, plain.values("id")) > COMMON:
        found = plain.filter(substring | words).values("id")
    else:
        found = with_text.union(plain.filter(words).exclude(substring).values("id"), all=True)
    sql, params = found.query.sql_with_params()
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(f"SELECT string_agg(found.id::text, ',') FROM ({sql}) AS found", params)
        row = cursor.fetchone()
    return str(row[0] or "") if row else ""


# The share of the catalogue above which a search is asked as one OR (see `ids`). PostgreSQL's
# estimate of a substring's share is coarse (a word in under about 1 % is estimated at 100
# rows), which is enough to tell a common word from a rare one.
COMMON = 0.05


def _share_expected(part: QuerySet[Any], whole: QuerySet[Any]) -> float:
    """Return the share of `whole`'s rows PostgreSQL's planner expects in `part` (EXPLAIN
    only: nothing is read)."""
    rows = []
    with connections[part.db].cursor() as cursor:
        for query in (part, whole):
            sql, params = query.query.sql_with_params()
            cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
            rows.append(float(cursor.fetchone()[0][0]["Plan"]["Plan Rows"]))
    return rows[0] / rows[1] if rows[1] else 1.0
