"""Reads from the catalogue: the JSON export contract (docs/json-export.md) and the quality report."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import cache, partial
from typing import Any, TypeVar

from django.db import DatabaseError, connections, router
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from projektkatalog.catalogue import models as m
from projektkatalog.catalogue.export_rows import Rows, projects_export, projects_export_stream
from projektkatalog.catalogue.quality import quality_report, quality_report_stream
from projektkatalog.domain.matching.organisations import Organisation as DomainOrganisation
from projektkatalog.domain.matching.programmes import Programme as DomainProgramme
from projektkatalog.domain.status import status_from_bounds
from projektkatalog.domain.text import text_fold

# Any queryset of projects: the relations are fetched onto the kind (and annotations) given.
_Q = TypeVar("_Q", bound="QuerySet[Any]")


def with_listing_relations(queryset: _Q) -> _Q:
    """Return `queryset` with the relations a listing shows fetched in a fixed number of queries."""
    return queryset.prefetch_related(
        Prefetch("categories", queryset=m.Category.objects.order_by("projectcategory__position")),
        Prefetch("programmes", queryset=m.Programme.objects.order_by("projectprogramme__position")),
    )


def projects_for_listing() -> m.ProjectQuerySet:
    """Return projects with everything a listing or export shows, in two handfuls of queries."""
    return with_export_relations(m.Project.objects.all()).order_by("position", "slug")


def with_export_relations(queryset: _Q) -> _Q:
    """Return `queryset` with every relation an export shows fetched in a fixed number of queries."""
    return queryset.prefetch_related(
        Prefetch("categories", queryset=m.Category.objects.order_by("projectcategory__position")),
        Prefetch("programmes", queryset=m.Programme.objects.order_by("projectprogramme__position")),
        Prefetch("participations", queryset=m.Participation.objects.select_related("organisation")),
        "funding",
        "links",
        Prefetch("contacts", queryset=m.Contact.objects.prefetch_related("phones")),
    )


def project_status(project: m.Project, today: dt.date) -> str:
    """Return the project's status on `today`, from the bounds stored at import."""
    return str(
        status_from_bounds(
            project.start_date,
            project.end_date,
            end=project.period_end or None,
            kind=project.kind,
            today=today,
        )
    )


Row = dict[str, Any]


@dataclass(frozen=True)
class ProjectPage:
    """A project and its parts as a page shows them, each part a list of plain rows."""

    project: m.Project
    categories: list[Row]
    programmes: list[Row]
    participations: list[Row]
    funding: list[Row]
    links: list[Row]
    contacts: list[Row]  # each with its "phones", those who have left left out


def _table(model: type[Any]) -> str:
    return str(model._meta.db_table)


# A project page is one statement: the project and each kind of its parts one SELECT each,
# joined by UNION ALL into rows of one shape (the part's number, its order, then typed slots).
# On PostgreSQL each statement is a round trip and a plan of its own, and the eight a page made
# were most of an uncached page's time; building them with the ORM cost more than running them.
# Plain SQL that SQLite and PostgreSQL read alike.
#
# Each part: what it reads after FROM (`p` is the project), the columns it is ordered by, and
# its columns as (name, expression, kind), a kind being one of PAGE_SLOTS.
PAGE_PARTS: dict[str, tuple[str, str, tuple[tuple[str, str, str], ...]]] = {
    "project": (
        "p",
        "0, 0",
        (
            ("id", "p.id", "number"), ("slug", "p.slug", "text"), ("title", "p.title", "text"),
            ("kind", "p.kind", "text"), ("description", "p.description", "text"),
            ("language", "p.language", "text"), ("period_start", "p.period_start", "text"),
            ("period_end", "p.period_end", "text"), ("state", "p.state", "text"),
            ("start_date", "p.start_date", "date"), ("end_date", "p.end_date", "date"),
            ("updated_at", "p.updated_at", "moment"),
        ),
    ),
    "categories": (
        "p JOIN {ProjectCategory} pc ON pc.project_id = p.id"
        " JOIN {Category} c ON c.id = pc.category_id",
        "pc.position, pc.id",
        (("slug", "c.slug", "text"), ("name", "c.name", "text")),
    ),
    "programmes": (
        "p JOIN {ProjectProgramme} pp ON pp.project_id = p.id"
        " JOIN {Programme} g ON g.id = pp.programme_id",
        "pp.position, pp.id",
        (("slug", "g.slug", "text"), ("name", "g.name", "text"), ("fund", "g.fund", "text")),
    ),
    "participations": (
        "p JOIN {Participation} x ON x.project_id = p.id"
        " JOIN {Organisation} o ON o.id = x.organisation_id",
        "x.position, x.id",
        (
            ("role", "x.role", "text"), ("unit", "x.unit", "text"),
            ("organisation_slug", "o.slug", "text"), ("organisation_name", "o.name", "text"),
        ),
    ),
    "funding": (
        "p JOIN {Funding} f ON f.project_id = p.id",
        "f.position, f.id",
        (
            ("kind", "f.kind", "text"), ("amount", "f.amount", "amount"),
            ("currency", "f.currency", "text"), ("approximate", "f.approximate", "flag"),
        ),
    ),
    "links": (
        "p JOIN {Link} k ON k.project_id = p.id",
        "k.position, k.id",
        (("label", "k.label", "text"), ("url", "k.url", "text")),
    ),
    # A contact whose left_on has passed is left out at once (today the parameter), and so
    # are their phones.
    "contacts": (
        "p JOIN {Contact} t ON t.project_id = p.id AND (t.left_on IS NULL OR t.left_on > %s)",
        "t.position, t.id",
        (
            ("id", "t.id", "number"), ("name", "t.name", "text"), ("title", "t.title", "text"),
            ("organisation_name", "t.organisation_name", "text"),
            ("email", "t.email", "text"),
        ),
    ),
    "phones": (
        "p JOIN {Contact} t ON t.project_id = p.id AND (t.left_on IS NULL OR t.left_on > %s)"
        " JOIN {Phone} ph ON ph.contact_id = t.id",
        "ph.position, ph.id",
        (
            ("contact_id", "ph.contact_id", "number"), ("number", "ph.number", "text"),
            ("kind", "ph.kind", "text"),
        ),
    ),
}  # fmt: skip
# The SQL type of each kind of slot, for the NULLs a part leaves in the slots it does not use:
# PostgreSQL needs every SELECT of a UNION to agree on each column's type.
PAGE_SLOTS = {
    "number": "BIGINT",
    "text": "TEXT",
    "date": "DATE",
    "moment": "TIMESTAMP WITH TIME ZONE",
    "amount": "NUMERIC",
    "flag": "BOOLEAN",
}
# What a project page shows of the project itself: not its search text or fingerprint, which
# are as long as everything else together.
PAGE_FIELDS = tuple(name for name, _, _ in PAGE_PARTS["project"][2])


@dataclass(frozen=True)
class _PageStatement:
    sql: str
    parts: tuple[str, ...]  # by the number each row starts with
    columns: dict[str, tuple[tuple[str, int, str], ...]]  # per part: (name, index, kind)


@cache
def _page_statement() -> _PageStatement:
    """Return the statement of a project page, written out once per process.

    Its parameters: the slug, the states the page may show (twice: published, or draft too),
    today (twice: contacts, phones)."""
    widths = {
        kind: max(sum(1 for c in columns if c[2] == kind) for _, _, columns in PAGE_PARTS.values())
        for kind in PAGE_SLOTS
    }
    starts: dict[str, int] = {}
    at = 3  # after the part's number and the two columns it is ordered by
    for kind, width in widths.items():
        starts[kind] = at
        at += width
    selects = []
    layout = {}
    for number, (part, (source, order, columns)) in enumerate(PAGE_PARTS.items()):
        placed = []
        taken = dict.fromkeys(PAGE_SLOTS, 0)
        slots: dict[int, str] = {}
        for name, expression, kind in columns:
            index = starts[kind] + taken[kind]
            taken[kind] += 1
            slots[index] = expression
            placed.append((name, index, kind))
        layout[part] = tuple(placed)
        values = [
            slots.get(starts[kind] + i, f"CAST(NULL AS {PAGE_SLOTS[kind]})")
            for kind, width in widths.items()
            for i in range(width)
        ]
        selects.append(f"SELECT {number}, {order}, {', '.join(values)} FROM {source}")
    tables = {
        name: _table(getattr(m, name))
        for name in (
            "ProjectCategory", "Category", "ProjectProgramme", "Programme", "Participation",
            "Organisation", "Funding", "Link", "Contact", "Phone",
        )
    }  # fmt: skip
    sql = (
        f"WITH p AS (SELECT {', '.join(PAGE_FIELDS)} FROM {_table(m.Project)}"
        " WHERE slug = %s AND state IN (%s, %s)) "
        + " UNION ALL ".join(selects).format(**tables)
        + " ORDER BY 1, 2, 3"
    )
    return _PageStatement(sql, tuple(PAGE_PARTS), layout)


def _as_date(value: dt.date | str | None) -> dt.date | None:
    """Return a date column's value as a date (SQLite hands it back as text)."""
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


def _page_value(kind: str, value: Any) -> Any:
    """Return a slot's value as the model gives it (SQLite keeps dates and times as text,
    numbers as floats, and booleans as 0/1)."""
    if value is None or kind in ("text", "number"):
        return value
    if kind == "date":
        return _as_date(value)
    if kind == "moment":
        return _moment(value)
    if kind == "amount":
        return Decimal(str(value)).quantize(Decimal("0.01"))
    return bool(value)  # flag


@cache
def _page_prepared() -> tuple[str, str]:
    """Return the name and the text of the project page's statement as prepared on a PostgreSQL
    connection. The name holds a digest of the text: behind a pooler whose server sessions
    outlive a deploy, a session may hold the statement an older version of the code prepared,
    and its rows in another layout would make a wrong page; under another name, EXECUTE fails
    and the connection goes back to the plain statement."""
    sql = _page_statement().sql
    for number in range(1, sql.count("%s") + 1):
        sql = sql.replace("%s", f"${number}", 1)
    digest = hashlib.sha256(sql.encode()).hexdigest()[:16]
    return f"projektkatalog_project_page_{digest}", sql


def _page_rows_prepared(connection: Any, cursor: Any, params: list[Any]) -> list[Any] | None:
    """Return the rows of a project page from the statement prepared on this PostgreSQL
    connection (prepared at its first page), or None where none can be used.

    PostgreSQL planned the eight-part statement afresh each time: 0.55 ms of its CPU against
    0.2 ms running it (EXPLAIN ANALYZE, 10,000 projects). Only outside a transaction, where a
    statement that fails spoils nothing: a pooler that shares server sessions between clients
    (PgBouncer's transaction mode) loses the prepared statement, and the connection then goes
    back to the plain statement (a new connection prepares it again)."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return None
    session = connection.connection
    kept: tuple[object, bool] | None = getattr(connection, "_page_prepared", None)
    if kept is not None and kept[0] is session and not kept[1]:
        return None  # lost on this connection before: the plain statement from now on
    try:
        name, sql = _page_prepared()
        if kept is None or kept[0] is not session:
            cursor.execute(f"PREPARE {name} AS {sql}")
            setattr(connection, "_page_prepared", (session, True))  # noqa: B010 - our mark
        cursor.execute(f"EXECUTE {name} ({', '.join(['%s'] * len(params))})", params)
        return list(cursor.fetchall())
    except DatabaseError:
        setattr(connection, "_page_prepared", (session, False))  # noqa: B010 - our mark
        return None


def project_page(*, slug: str, today: dt.date, drafts: bool = False) -> ProjectPage | None:
    """Return the project with this slug and its parts, or None (a draft only with `drafts`).

    One statement for the project and all its parts, read as plain rows rather than model
    objects: an uncached project page is the most common first visit, and building objects,
    prefetches and statements cost more than the reading (see PAGE_PARTS)."""
    statement = _page_statement()
    published = m.Project.State.PUBLISHED
    params: list[Any] = [
        slug,
        published,
        m.Project.State.DRAFT if drafts else published,
        today,
        today,
    ]
    connection = connections[router.db_for_read(m.Project)]
    with connection.cursor() as cursor:
        rows = _page_rows_prepared(connection, cursor, params)
        if rows is None:
            cursor.execute(statement.sql, params)
            rows = cursor.fetchall()
    if not rows:
        return None
    parts: dict[str, list[Row]] = {part: [] for part in statement.parts}
    for row in rows:
        part = statement.parts[row[0]]
        parts[part].append(
            {name: _page_value(kind, row[index]) for name, index, kind in statement.columns[part]}
        )
    phones: dict[int, list[Row]] = {}
    for phone in parts.pop("phones"):
        phones.setdefault(phone["contact_id"], []).append(phone)
    contacts = [{**c, "phones": phones.get(c["id"], [])} for c in parts.pop("contacts")]
    (project,) = parts.pop("project")
    return ProjectPage(project=m.Project(**project), contacts=contacts, **parts)


def _programme_row(programme: m.Programme) -> dict[str, Any]:
    """Return a programme as the export contract describes it (its aliases prefetched): the one
    shape both the whole and the streamed export write."""
    return {
        "id": programme.slug,
        "name": programme.name,
        "short_name": programme.short_name,
        "fund": programme.fund or None,
        "aliases": sorted(a.name for a in programme.aliases.all()),
    }


def _exported(
    projects_queryset: QuerySet[m.Project] | None, *, drafts: bool
) -> QuerySet[m.Project]:
    """Return the projects an export writes: those of `projects_queryset`, or the whole
    catalogue's public ones (every one, drafts included, with `drafts`)."""
    if projects_queryset is not None:
        return projects_queryset
    return m.Project.objects.all() if drafts else m.Project.objects.public()


def catalogue_export(
    *,
    today: dt.date | None = None,
    contacts: bool = True,
    projects_queryset: QuerySet[m.Project] | None = None,
    drafts: bool = False,
) -> dict[str, Any]:
    """Return the catalogue (or the projects of `projects_queryset`) as the JSON export contract
    describes it. Organisations and programmes are those the projects name; the whole catalogue
    when no queryset is given. Drafts only with `drafts` (the operator's backup)."""
    today = today or dt.date.today()
    whole = projects_queryset is None
    queryset = _exported(projects_queryset, drafts=drafts)
    projects = projects_export(
        queryset.order_by("position", "slug"), today=today, contacts=contacts, whole=whole
    )
    members: dict[str, list[str]] = {}
    for p in projects:  # one pass over the projects, not a query per category
        for name in p["categories"]:
            members.setdefault(name, []).append(p["id"])
    categories = [
        {"name": name, "projects": members.get(name, [])}
        for name in m.Category.objects.order_by("position", "name").values_list("name", flat=True)
    ]
    used_organisations = {x["organisation"] for p in projects for x in p["participants"]}
    used_programmes = {slug for p in projects for slug in p["programmes"]}
    return {
        "categories": categories,
        "projects": projects,
        "organisations": [
            {
                "id": o.slug,
                "name": o.name,
                "aliases": sorted(a.name for a in o.aliases.all()),
                "country": o.country or None,
            }
            for o in m.Organisation.objects.prefetch_related("aliases").order_by("slug")
            if whole or o.slug in used_organisations
        ],
        "programmes": [
            _programme_row(p)
            for p in m.Programme.objects.prefetch_related("aliases").order_by("slug")
            if whole or p.slug in used_programmes
        ],
        "quality": quality_report(today, drafts=drafts, live=False) if whole else [],
    }


def catalogue_export_stream(
    *,
    today: dt.date | None = None,
    contacts: bool = True,
    projects_queryset: QuerySet[m.Project] | None = None,
    drafts: bool = False,
) -> dict[str, Any]:
    """Return the same document as `catalogue_export`, with the parts that grow with the
    catalogue (projects, each category's projects, organisations, findings) as `Rows` read from
    the database while a writer writes them: memory does not grow with the catalogue.

    The organisations and programmes a filtered export names are found in SQL, not by a pass
    over the projects first. Drafts only with `drafts` (the operator's backup).
    """
    today = today or dt.date.today()
    whole = projects_queryset is None
    queryset = _exported(projects_queryset, drafts=drafts).order_by("position", "slug")
    chosen = queryset.order_by().values("id")

    def members(category: int) -> Iterator[str]:
        links = m.ProjectCategory.objects.filter(category_id=category, project_id__in=chosen)
        slugs = links.order_by("project__position", "project__slug").values_list(
            "project__slug", flat=True
        )
        return slugs.iterator(chunk_size=5000)

    organisations = m.Organisation.objects.order_by("slug")
    programmes = m.Programme.objects.order_by("slug")
    if not whole:
        organisations = organisations.filter(
            id__in=m.Participation.objects.filter(project_id__in=chosen).values("organisation_id")
        )
        programmes = programmes.filter(
            id__in=m.ProjectProgramme.objects.filter(project_id__in=chosen).values("programme_id")
        )

    def organisation_rows() -> Iterator[dict[str, Any]]:
        aliases = m.OrganisationAlias.objects.order_by("organisation_id", "name")
        names: dict[int, list[str]] = {}
        for pk, name in aliases.values_list("organisation_id", "name").iterator(chunk_size=5000):
            names.setdefault(pk, []).append(name)  # a few per organisation that has any
        for pk, slug, name, country in organisations.values_list(
            "id", "slug", "name", "country"
        ).iterator(chunk_size=5000):
            yield {
                "id": slug,
                "name": name,
                "aliases": sorted(names.get(pk, [])),
                "country": country or None,
            }

    return {
        "categories": [
            {"name": name, "projects": Rows(partial(members, pk))}
            for pk, name in m.Category.objects.order_by("position", "name").values_list(
                "id", "name"
            )
        ],
        "projects": Rows(lambda: projects_export_stream(queryset, today=today, contacts=contacts)),
        "organisations": Rows(organisation_rows),
        "programmes": [_programme_row(p) for p in programmes.prefetch_related("aliases")],
        "quality": Rows(partial(quality_report_stream, today, drafts=drafts, live=False))
        if whole
        else [],
    }


def organisations_known() -> list[DomainOrganisation]:
    """Return the catalogue's organisations for matching new imports against them."""
    # Aliases from fuzzy merges stay out until an editor has reviewed them, so the next import
    # reports the same merge again rather than taking it as settled. Plain values, each
    # table's own order: a prefetch made a related manager for each of 50,000 bodies.
    aliases: dict[int, list[str]] = {}
    for owner, alias in m.OrganisationAlias.objects.filter(reviewed=True).values_list(
        "organisation_id", "name"
    ):
        aliases.setdefault(owner, []).append(alias)
    return [
        DomainOrganisation(name, country or None, aliases.get(pk, []))
        for pk, name, country in m.Organisation.objects.values_list("pk", "name", "country")
    ]


def programmes_known() -> list[DomainProgramme]:
    return [
        DomainProgramme(p.name, p.short_name, p.fund, [a.name for a in p.aliases.all()])
        for p in m.Programme.objects.prefetch_related("aliases")
    ]


@dataclass(frozen=True)
class CatalogueStamp:
    """The catalogue's version (what every cache is keyed on) and when it last changed."""

    version: str
    changed: dt.datetime | None


def _moment(value: dt.datetime | str | None) -> dt.datetime | None:
    """Return a timestamp column read without the ORM as an aware datetime (SQLite: UTC text)."""
    if isinstance(value, str):
        value = parse_datetime(value)
    if value is not None and timezone.is_naive(value):
        value = timezone.make_aware(value, dt.UTC)
    return value


def _stamp_read(cursor: Any) -> CatalogueStamp:
    """Return the catalogue's version and last change, in one statement of scalar subqueries,
    each answered from an index (one aggregate with a filtered count scans the whole table:
    150 ms at 100,000 projects)."""
    tables = {
        "project": m.Project._meta.db_table,
        "state": m.CatalogueState._meta.db_table,
        "finding": m.Finding._meta.db_table,
        "organisation": m.Organisation._meta.db_table,
        "programme": m.Programme._meta.db_table,
        "category": m.Category._meta.db_table,
    }
    parts = [
        "SELECT MAX(updated_at) FROM {project}",
        "SELECT COUNT(*) FROM {project}",
        "SELECT COUNT(*) FROM {project} WHERE state = %s",
        "SELECT changed_at FROM {state} ORDER BY id LIMIT 1",
        "SELECT COUNT(*) FROM {finding}",
        "SELECT MAX(id) FROM {finding}",
        "SELECT COUNT(*) FROM {organisation}",
        "SELECT COUNT(*) FROM {programme}",
        "SELECT COUNT(*) FROM {category}",
        "SELECT MAX(position) FROM {category}",
    ]
    sql = "SELECT " + ", ".join(f"({part})" for part in parts).format(**tables)
    cursor.execute(sql, [m.Project.State.DRAFT])
    row = cursor.fetchone()
    moments = [t for t in (_moment(row[0]), _moment(row[3])) if t is not None]
    return CatalogueStamp("|".join(str(v) for v in row), max(moments, default=None))


# What says, without counting anything, that nothing was written since the last look: SQLite's
# data_version (another connection committed) with this connection's own changes; on PostgreSQL
# the write-ahead log's position (inserted on a primary, replayed on a standby).
UNCHANGED_TOKEN = {
    "sqlite": "SELECT (SELECT data_version FROM pragma_data_version()), total_changes()",
    "postgresql": "SELECT CASE WHEN pg_is_in_recovery() THEN pg_last_wal_replay_lsn()"
    " ELSE pg_current_wal_insert_lsn() END",
}


def catalogue_stamp() -> CatalogueStamp:
    """Return the catalogue's version and when it last changed.

    Every public request asks (for its cache key and Last-Modified), and counting the tables
    costs milliseconds at 100,000 projects. So each connection keeps the last stamp it read
    with a token of the database's writes (UNCHANGED_TOKEN), and reads the stamp again only
    when the token has moved: any write anywhere moves it, so the stamp is never older than
    the data this connection reads next. Inside a transaction it is always read afresh.
    """
    # Read where this request reads the catalogue (a replica for public readers): see routers.py.
    connection = connections[router.db_for_read(m.Project)]
    with connection.cursor() as cursor:
        sql = UNCHANGED_TOKEN.get(connection.vendor)
        if sql is None or connection.in_atomic_block:
            return _stamp_read(cursor)
        cursor.execute(sql)
        token = (connection.connection, cursor.fetchone())  # the same open connection, too
        kept: tuple[tuple[object, object], CatalogueStamp] | None = getattr(
            connection, "_catalogue_stamp", None
        )
        if kept is not None and kept[0][0] is token[0] and kept[0][1] == token[1]:
            return kept[1]
        stamp = _stamp_read(cursor)
        setattr(connection, "_catalogue_stamp", (token, stamp))  # noqa: B010 - our own mark
        return stamp


def catalogue_version() -> str:
    """Return a token that changes whenever anything a public page shows changes."""
    return catalogue_stamp().version


def organisation_ids_matching(query: str) -> QuerySet[m.Organisation, int]:
    """Return (as a subquery) the ids of the organisations whose name or an alias holds
    `query`, ignoring case and diacritics ("malmo" finds "Malmö stad").

    One LIKE over the folded names kept on each row (`models.name_search_set`), so that the
    database filters, orders and pages: folding every name in Python per search cost more
    than the search itself. `%` and `_` in the query are escaped (they are letters here).
    """
    folded = text_fold(query.strip())
    if "\x00" in folded:  # no name holds one (and PostgreSQL refuses it in a text)
        return m.Organisation.objects.none().values_list("pk", flat=True)
    aliases = m.OrganisationAlias.objects.filter(search_text__contains=folded)
    return m.Organisation.objects.filter(
        Q(search_text__contains=folded) | Q(pk__in=aliases.values("organisation_id"))
    ).values_list("pk", flat=True)
