"""Writes to the catalogue. An import is one transaction and idempotent: importing the same
source again changes nothing, because every project carries a fingerprint of what it was made
from and natural keys (slugs, names) identify every row."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.utils import timezone

from projektkatalog.catalogue import models as m
from projektkatalog.catalogue.derived import project_derived
from projektkatalog.catalogue.import_findings import FindingsWriter
from projektkatalog.catalogue.loading import Outcome, Shared, projects_store
from projektkatalog.catalogue.references import (
    Categories,
    Organisations,
    Programmes,
    search_names,
    slug_unique,
)
from projektkatalog.catalogue.revisions import RevisionWriter
from projektkatalog.domain.records import CatalogueRecord
from projektkatalog.domain.text import text_fold

__all__ = [
    "ImportSummary",
    "catalogue_import",
    "catalogue_import_batches",
    "project_derived",
    "project_derived_refresh",
    "slug_unique",
]


@dataclass
class ImportSummary:
    projects: int = 0
    added: int = 0
    changed: int = 0
    unchanged: int = 0
    removed: int = 0
    organisations: int = 0
    findings: int = 0
    added_ids: list[str] = field(default_factory=list)
    changed_ids: list[str] = field(default_factory=list)
    removed_ids: list[str] = field(default_factory=list)


class _DryRun(Exception):
    """Raised inside the import's transaction to roll a dry run back."""


Batches = Iterable[tuple[CatalogueRecord, int]]


def catalogue_import(
    record: CatalogueRecord,
    *,
    source_name: str,
    sha256: str,
    dry_run: bool = False,
    history: RevisionWriter | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ImportSummary:
    """Store `record` as the content of source `source_name`; return what changed (see
    `catalogue_import_batches`, of which this is the one-batch case)."""
    return catalogue_import_batches(
        [(record, 0)],
        source_name=source_name,
        sha256=sha256,
        dry_run=dry_run,
        history=history,
        progress=progress,
    )


def catalogue_import_batches(
    batches: Batches,
    *,
    source_name: str,
    sha256: str,
    dry_run: bool = False,
    history: RevisionWriter | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ImportSummary:
    """Store the records of `batches` (each with the rows read so far, 0 if not counted),
    together the content of source `source_name`; return what changed.

    The batches are read and stored one after the other inside one transaction, so memory
    holds one batch and a failure in any batch leaves the catalogue as it was. Everything the
    import adds or changes is recorded in `history` (the import's revision), each project with
    all its parts; `progress` hears (projects stored, rows read) as it goes. With `dry_run`,
    everything is done inside the transaction and then rolled back, so the summary says
    exactly what a real import would add, change and remove.
    """
    if not dry_run:
        return _import(
            batches, source_name=source_name, sha256=sha256, history=history, progress=progress
        )
    summary = ImportSummary()
    try:
        with transaction.atomic():
            summary = _import(batches, source_name=source_name, sha256=sha256, progress=progress)
            raise _DryRun
    except _DryRun:
        pass
    return summary


@transaction.atomic
def _import(
    batches: Batches,
    *,
    source_name: str,
    sha256: str,
    history: RevisionWriter | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ImportSummary:
    summary = ImportSummary()
    source, _ = m.Source.objects.get_or_create(name=source_name, defaults={"sha256": sha256})
    if source.sha256 != sha256:
        source.sha256 = sha256
        source.save(update_fields=["sha256", "imported_at"])
    categories, programmes = Categories(history), Programmes(history)
    organisations = Organisations(history)
    findings = FindingsWriter(source)
    outcome = Outcome()
    late: tuple[dict[int, list[str]], dict[int, list[str]]] = ({}, {})  # see _late_refresh
    for batch, (record, rows) in enumerate(batches):
        categories.store(record.categories)
        shared = Shared(
            source=source,
            categories=categories.rows,
            organisations=organisations.store(record.organisations),
            programmes=programmes.store(record.programmes),
            history=history,
        )
        if batch:
            for known, grown in zip(late, (organisations.grown, programmes.grown), strict=True):
                for pk, aliases in grown.items():
                    known.setdefault(pk, []).extend(aliases)
        shared.names = search_names(shared.organisations, shared.programmes)
        start = summary.projects

        def stored(done: int, start: int = start, rows: int = rows) -> None:
            if progress:
                progress(start + done, rows)

        slugs = projects_store(record.projects, shared, outcome, start=start, progress=stored)
        findings.add(record.findings, slugs)
        summary.projects += len(record.projects)
        summary.findings += len(record.findings)
    _late_refresh(*late, seen=outcome.seen)
    organisations.close()
    summary.organisations = len(organisations.used)
    summary.added_ids, summary.changed_ids = outcome.added, outcome.changed
    summary.added, summary.changed = len(outcome.added), len(outcome.changed)
    summary.unchanged = outcome.unchanged
    summary.removed_ids = _stale_remove(source, outcome.seen)
    summary.removed = len(summary.removed_ids)
    findings.close()
    if summary.added + summary.changed + summary.removed >= 100:
        _statistics_refresh()
    return summary


def _late_refresh(
    organisations: dict[int, list[str]], programmes: dict[int, list[str]], *, seen: set[int]
) -> None:
    """Add to the search text of this import's projects the spellings a later batch taught
    their bodies and programmes (new aliases by id): a project is stored with its bodies' names
    as its batch knew them, and a spelling met further down the file must find it as well, as
    it does when the whole file is one batch. Only the new words are added (one update per
    project), not the whole text computed again: a common body's projects may be thousands."""
    added: dict[int, list[str]] = {}
    for links, key, grown in (
        (m.Participation.objects, "organisation_id", organisations),
        (m.ProjectProgramme.objects, "programme_id", programmes),
    ):
        pks = sorted(grown)
        for start in range(0, len(pks), 500):  # SQLite's limit on a query's parameters
            chunk = links.filter(**{f"{key}__in": pks[start : start + 500]})
            for project, owner in chunk.values_list("project_id", key):
                if project in seen:
                    added.setdefault(project, []).extend(grown[owner])
    chosen = sorted(added)
    # One plain UPDATE a project, only where a word is new: `bulk_update`'s one statement of
    # 500 CASE branches compared every row with every branch.
    update = (
        f"UPDATE {connection.ops.quote_name(m.Project._meta.db_table)} "
        "SET search_text = %s WHERE id = %s"
    )
    for start in range(0, len(chosen), 500):
        changed = []
        for pk, search_text in m.Project.objects.filter(
            pk__in=chosen[start : start + 500]
        ).values_list("pk", "search_text"):
            text = f" {search_text} "
            new = [
                w for w in dict.fromkeys(text_fold(a) for a in added[pk]) if f" {w} " not in text
            ]
            if new:
                changed.append((" ".join([search_text, *new]), pk))
        with connection.cursor() as cursor:
            cursor.executemany(update, changed)


def _stale_remove(source: m.Source, seen: set[int]) -> list[str]:
    """Remove the projects `source` gave before and gives no longer; return their slugs."""
    had = set(m.Project.objects.filter(provenance__source=source).values_list("pk", flat=True))
    stale = sorted(had - seen)
    slugs: list[str] = []
    for start in range(0, len(stale), 500):
        chunk = m.Project.objects.filter(pk__in=stale[start : start + 500])
        slugs.extend(chunk.values_list("slug", flat=True))
        chunk.delete()
    return sorted(slugs)


def _statistics_refresh() -> None:
    """Let PostgreSQL's planner know the tables grew: after a bulk load it still plans for the
    empty tables it last measured (nested loops that take minutes). ANALYZE inside the import's
    transaction counts the rows the transaction itself wrote."""
    if connection.vendor != "postgresql":
        return
    tables = ", ".join(
        model._meta.db_table
        for model in (
            m.Project,
            m.Participation,
            m.Organisation,
            m.OrganisationAlias,
            m.Provenance,
            m.Source,
            m.ProjectCategory,
            m.ProjectProgramme,
            m.Funding,
            m.Link,
            m.Contact,
        )
    )
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {tables}")


def projects_touch(project_ids: Iterable[int]) -> None:
    """Mark projects changed (their `updated_at`) when a part of them changed without the
    project row being saved: public pages, caches and Last-Modified follow that date."""
    m.Project.objects.filter(pk__in=list(project_ids)).update(updated_at=timezone.now())


def project_derived_refresh(row: m.Project) -> None:
    """Recompute what a project's own fields imply — period bounds and years, search text —
    after an editor changed it, its participants or its programmes."""
    # In the project's own order, as an import writes the same text.
    organisations = (
        m.Organisation.objects.filter(participations__project=row)
        .order_by("participations__position", "participations__id")
        .prefetch_related("aliases")
    )
    programmes = (
        m.Programme.objects.filter(projectprogramme__project=row)
        .order_by("projectprogramme__position", "projectprogramme__id")
        .prefetch_related("aliases")
    )
    m.Project.objects.filter(pk=row.pk).update(
        **project_derived(
            row,
            categories=row.categories.values_list("name", flat=True),
            organisations=organisations,
            programmes=programmes,
        )
    )
