"""The projects of the JSON export contract, read with plain queries per table.

Why not model instances with prefetches: at 100,000 projects that path spent most of two minutes
and over 2 GiB building Django objects for rows that are only turned into dicts again. Here each
related table is read as tuples, ordered by project, and grouped in a dict; a small set of
projects (an API page) is fetched by its ids, a large one by a subquery, the whole catalogue with
no filter at all. A streamed export reads the projects a batch at a time and each related table
for the batch's ids, so that no query sorts a whole table by the projects' order.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from decimal import Decimal
from functools import partial
from itertools import islice
from typing import Any, TypeVar

from django.db import connection, models, transaction
from django.db.models import Q, QuerySet
from django.db.models.expressions import RawSQL

from projektkatalog.catalogue import models as m
from projektkatalog.domain.status import status_from_bounds

# How many projects a streamed export reads at a time. At 100,000 projects batches of 1,000
# and 2,000 took the same time, and 2,000 a further 17 MiB. The ids are written into the
# queries as numbers, not parameters, so SQLite's limit on parameters does not apply.
BATCH = 1000
T = TypeVar("T")

_PROJECT_FIELDS = (
    "id",
    "slug",
    "title",
    "short_name",
    "kind",
    "language",
    "period_start",
    "period_end",
    "period_text",
    "start_date",
    "end_date",
    "description",
    "state",
)


def _number(amount: Decimal) -> int | float:
    return int(amount) if amount == amount.to_integral() else float(amount)


def _grouped(rows: Iterable[tuple[Any, ...]]) -> dict[int, list[tuple[Any, ...]]]:
    """Group rows whose first value is a project id (or contact id) by that id."""
    groups: dict[int, list[tuple[Any, ...]]] = defaultdict(list)
    for row in rows:
        groups[row[0]].append(row[1:])
    return groups


@contextmanager
def read_snapshot() -> Iterator[None]:
    """Read the catalogue as of one moment inside the block, where that costs nobody anything:
    a streamed export runs one query per table, each while the one before is still being
    written out, and an edit committed meanwhile must not leave a project in one table and not
    in another.

    PostgreSQL gives that with a repeatable-read transaction, and writers never wait for it.
    SQLite (without write-ahead logging) would hold off every write, an editor's save included,
    for the whole export, so there each table is read as it comes, as before; its consistent
    copy is `projektkatalog backup`.
    """
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        yield


class Rows(Iterable[T]):
    """Rows read afresh from the database each time they are iterated: a part of an export
    document that is streamed (written as it is read) rather than held in memory."""

    def __init__(self, make: Callable[[], Iterator[T]]) -> None:
        self._make = make

    def __iter__(self) -> Iterator[T]:
        return self._make()


def _related(
    scope: dict[str, Any],
    model: type[models.Model],
    *fields: str,
    only: Q | None = None,
    key: str = "project",
    stream: bool = False,
) -> dict[int, list[tuple[Any, ...]]]:
    """Return the rows of `model` (its `fields`) of the projects `scope` chooses, grouped by
    project id (or, with key="contact", by contact id), each group in the table's own order.
    `stream` reads them in chunks, for a scope that may be the whole catalogue."""
    where = {(f"contact__{k}" if key == "contact" else k): v for k, v in scope.items()}
    rows = model._default_manager.filter(only or Q(), **where).order_by(
        f"{key}_id", "position", "id"
    )
    chosen = rows.values_list(f"{key}_id", *fields)
    return _grouped(chosen.iterator(chunk_size=5000) if stream else chosen)


def projects_export(
    queryset: QuerySet[m.Project], *, today: dt.date, contacts: bool, whole: bool = False
) -> list[dict[str, Any]]:
    """Return the projects of `queryset`, in its order, as the export contract describes them.

    `whole` says the queryset is every project, so related tables are read without a filter.
    """
    projects = list(queryset.values_list(*_PROJECT_FIELDS))
    if not projects:
        return []
    scope = {} if whole else {"project_id__in": _ids_written_in([p[0] for p in projects])}
    related = partial(_related, scope, stream=True)
    return list(_projects_build(projects, related, today=today, contacts=contacts))


def _ids_written_in(ids: list[int]) -> RawSQL:
    """Return project ids for `__in` as numbers written into the query: as a list, Django
    prepares each id as a parameter for every table, which cost more than reading the rows.
    int() keeps the text numbers whatever the list holds."""
    return RawSQL(",".join(map(str, map(int, ids))), ())


def projects_export_stream(
    queryset: QuerySet[m.Project], *, today: dt.date, contacts: bool
) -> Iterator[dict[str, Any]]:
    """Yield the same projects as `projects_export` (ordered by position and slug) as they are
    read: the projects a batch at a time, and each related table for the batch's ids (through
    the table's index on its project), so memory stays the same however large the catalogue."""
    projects = queryset.order_by("position", "slug").values_list(*_PROJECT_FIELDS)
    rows = projects.iterator(chunk_size=2000)
    while batch := list(islice(rows, BATCH)):  # itertools.batched from Python 3.12
        related = partial(_related, {"project_id__in": _ids_written_in([p[0] for p in batch])})
        yield from _projects_build(batch, related, today=today, contacts=contacts)


def _projects_build(
    projects: Iterable[tuple[Any, ...]],
    related: Callable[..., Any],
    *,
    today: dt.date,
    contacts: bool,
) -> Iterator[dict[str, Any]]:
    """Yield `projects` (rows of _PROJECT_FIELDS) as dicts; `related(model, *fields, only=,
    key=)` gives each related table's rows by project (or, with key="contact", by contact)."""
    categories = related(m.ProjectCategory, "category__name")
    programmes = related(m.ProjectProgramme, "programme__slug")
    participants = related(m.Participation, "organisation__slug", "role", "unit")
    funding = related(m.Funding, "amount", "currency", "kind", "approximate", "source_text")
    links = related(m.Link, "label", "url")
    people: Any = {}
    phones: Any = {}
    if contacts:
        current = Q(left_on__isnull=True) | Q(left_on__gt=today)  # who has left is not shown
        people = related(
            m.Contact, *("id", "name", "title", "organisation_name", "email"), only=current
        )
        phones = related(
            m.Phone,
            "number",
            "kind",
            only=Q(contact__left_on__isnull=True) | Q(contact__left_on__gt=today),
            key="contact",
        )

    for pk, slug, title, short, kind, lang, start, end, text, sdate, edate, desc, state in projects:
        status = status_from_bounds(sdate, edate, end=end or None, kind=kind, today=today)
        data: dict[str, Any] = {
            "id": slug,
            "title": title,
            "short_name": short or None,
            "kind": kind,
            "categories": [name for (name,) in categories.get(pk, ())],
            "language": lang,
            "status": str(status),
            "period": {"start": start or None, "end": end or None, "text": text or None},
            "description": desc,
            "programmes": [s for (s,) in programmes.get(pk, ())],
            "participants": [
                {"organisation": org, "role": role, "unit": unit or None}
                for org, role, unit in participants.get(pk, ())
            ],
            "funding": [
                {
                    "amount": _number(amount),
                    "currency": currency,
                    "kind": fkind,
                    "approximate": approximate,
                    "text": source_text,
                }
                for amount, currency, fkind, approximate, source_text in funding.get(pk, ())
            ],
            "links": [{"label": label, "url": url} for label, url in links.get(pk, ())],
        }
        if state != m.Project.State.PUBLISHED:  # only the operator's backup holds drafts
            data["state"] = state
        if contacts:
            data["contacts"] = [
                {
                    "name": name,
                    "title": ctitle or None,
                    "organisation": organisation or None,
                    "phones": [{"number": n, "kind": k} for n, k in phones.get(cid, ())],
                    "email": email or None,
                }
                for cid, name, ctitle, organisation, email in people.get(pk, ())
            ]
        yield data
