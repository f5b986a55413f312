"""Rows written many at a time as plain values, for the loader.

`bulk_create` builds a model instance per row and compiles each of its values through the
field (half of a 100,000-project import went there). The loader already holds each row's
values in the database's terms (text, numbers, ids), so it writes them with one multi-row
INSERT per thousand rows and takes the new ids back in order (RETURNING, as `bulk_create`
itself does on SQLite and PostgreSQL).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import connection, models

ROWS_PER_STATEMENT = 1000


def rows_insert(
    model: type[models.Model], fields: Sequence[str], rows: Sequence[tuple[Any, ...]]
) -> list[int]:
    """Insert `rows` (values of `fields`, by attribute name) into `model`'s table; return the
    new primary keys in the order of `rows`."""
    if not rows:
        return []
    meta = model._meta
    quote = connection.ops.quote_name
    by_name = {f.attname: f.column for f in meta.concrete_fields}
    columns = ", ".join(quote(str(by_name[f])) for f in fields)
    table = quote(meta.db_table)
    pk = quote(str(meta.pk.column if meta.pk else "id"))
    limit = connection.features.max_query_params or 65535
    per = max(1, min(ROWS_PER_STATEMENT, limit // len(fields)))
    one = "(" + ", ".join(["%s"] * len(fields)) + ")"
    ids: list[int] = []
    with connection.cursor() as cursor:
        for start in range(0, len(rows), per):
            chunk = rows[start : start + per]
            sql = (
                f"INSERT INTO {table} ({columns}) VALUES {', '.join([one] * len(chunk))} "
                f"RETURNING {pk}"
            )
            cursor.execute(sql, [value for row in chunk for value in row])
            ids.extend(row[0] for row in cursor.fetchall())
    return ids
