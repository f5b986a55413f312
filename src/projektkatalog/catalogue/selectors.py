"""Reads from the catalogue: the JSON export contract (docs/json-export.md) and the quality report."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from functools import partial
from typing import Any, TypeVar

from django.db import connections, router
from django.db.models import Prefetch, Q, QuerySet

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
    queryset: QuerySet[m.Project]
    if projects_queryset is None:
        queryset = m.Project.objects.all() if drafts else m.Project.objects.public()
    else:
        queryset = projects_queryset
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
    queryset: QuerySet[m.Project]
    if projects_queryset is None:
        queryset = m.Project.objects.all() if drafts else m.Project.objects.public()
    else:
        queryset = projects_queryset
    queryset = queryset.order_by("position", "slug")
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
    # reports the same merge again rather than taking it as settled.
    return [
        DomainOrganisation(
            o.name, o.country or None, [a.name for a in o.aliases.all() if a.reviewed]
        )
        for o in m.Organisation.objects.prefetch_related("aliases")
    ]


def programmes_known() -> list[DomainProgramme]:
    return [
        DomainProgramme(p.name, p.short_name, p.fund, [a.name for a in p.aliases.all()])
        for p in m.Programme.objects.prefetch_related("aliases")
    ]


def catalogue_version() -> str:
    """Return a token that changes whenever anything a public page shows changes."""
    # One statement of scalar subqueries, each answered from an index (one aggregate with a
    # filtered count scans the whole table: 150 ms at 100,000 projects), in one round trip
    # instead of eight: every public request asks.
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
    # Read where this request reads the catalogue (a replica for public readers): see routers.py.
    with connections[router.db_for_read(m.Project)].cursor() as cursor:
        cursor.execute(sql, [m.Project.State.DRAFT])
        row = cursor.fetchone()
    return "|".join(str(v) for v in row)


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
