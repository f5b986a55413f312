"""Writes to the catalogue. An import is one transaction and idempotent: importing the same
source again changes nothing, because every project carries a fingerprint of what it was made
from and natural keys (slugs, names) identify every row."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db import connection, models, transaction
from django.utils import timezone

from projektkatalog.catalogue import models as m
from projektkatalog.catalogue.derived import project_derived
from projektkatalog.catalogue.loading import Shared, projects_store
from projektkatalog.catalogue.revisions import RevisionWriter
from projektkatalog.catalogue.signals import catalogue_touch
from projektkatalog.domain.records import CatalogueRecord
from projektkatalog.domain.slugs import slugify

__all__ = ["ImportSummary", "catalogue_import", "project_derived", "project_derived_refresh"]


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


def slug_unique(model: type[models.Model], name: str, taken: set[str]) -> str:
    """Return a slug for `name` not yet used by `model` nor in `taken` (which it joins)."""
    base = slugify(name)
    slug, n = base, 2
    while slug in taken or model._default_manager.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    taken.add(slug)
    return slug


class _DryRun(Exception):
    """Raised inside the import's transaction to roll a dry run back."""


def catalogue_import(
    record: CatalogueRecord,
    *,
    source_name: str,
    sha256: str,
    dry_run: bool = False,
    history: RevisionWriter | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ImportSummary:
    """Store `record` as the content of source `source_name`; return what changed.

    Everything the import adds or changes is recorded in `history` (the import's revision),
    each project with all its parts; `progress` hears (projects stored, projects) as it goes.
    With `dry_run`, everything is done inside the transaction and then rolled back, so the
    summary says exactly what a real import would add, change and remove.
    """
    if not dry_run:
        return _import(
            record, source_name=source_name, sha256=sha256, history=history, progress=progress
        )
    summary = ImportSummary()
    try:
        with transaction.atomic():
            summary = _import(record, source_name=source_name, sha256=sha256, progress=progress)
            raise _DryRun
    except _DryRun:
        pass
    return summary


@transaction.atomic
def _import(
    record: CatalogueRecord,
    *,
    source_name: str,
    sha256: str,
    history: RevisionWriter | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ImportSummary:
    summary = ImportSummary(projects=len(record.projects), findings=len(record.findings))
    source, _ = m.Source.objects.get_or_create(name=source_name, defaults={"sha256": sha256})
    if source.sha256 != sha256:
        source.sha256 = sha256
        source.save(update_fields=["sha256", "imported_at"])
    shared = Shared(
        source=source,
        categories=_categories_store(record.categories, history),
        organisations=_organisations_store(record, history),
        programmes=_programmes_store(record, history),
        history=history,
    )
    shared.names = _search_names(shared)
    summary.organisations = len(shared.organisations)
    outcome = projects_store(record.projects, shared, progress=progress)
    summary.added_ids, summary.changed_ids = outcome.added, outcome.changed
    summary.added, summary.changed = len(outcome.added), len(outcome.changed)
    summary.unchanged = outcome.unchanged
    summary.removed_ids = _stale_remove(source, outcome.seen)
    summary.removed = len(summary.removed_ids)
    _findings_store(record, source)
    if summary.added + summary.changed + summary.removed >= 100:
        _statistics_refresh()
    return summary


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


def _search_names(shared: Shared) -> dict[tuple[str, str], str]:
    """Return the search text of each body and programme of the import: its name and aliases."""
    names: dict[tuple[str, str], str] = {}
    for kind, rows, alias_model, fk in (
        ("o", shared.organisations, m.OrganisationAlias, "organisation_id"),
        ("p", shared.programmes, m.ProgrammeAlias, "programme_id"),
    ):
        aliases: dict[int, list[str]] = {}
        pks = [row.pk for row in rows.values()]
        for start in range(0, len(pks), 500):
            for owner, alias in (
                alias_model.objects.filter(**{f"{fk}__in": pks[start : start + 500]})
                .order_by("name")
                .values_list(fk, "name")
            ):
                aliases.setdefault(owner, []).append(alias)
        for name, row in rows.items():
            names[(kind, name)] = " ".join([row.name, *aliases.get(row.pk, ())])
    return names


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


def _categories_store(names: list[str], history: RevisionWriter | None) -> dict[str, m.Category]:
    """Create or reorder the categories `names`, in their order in the source. A page's record
    names each category once; another source may name one twice (a workbook's categories
    sheet edited by hand): the category is still one, placed where it first appears, and
    recorded once in the import's revision, which holds one version of each object."""
    existing = {c.name: c for c in m.Category.objects.all()}
    taken = {c.slug for c in existing.values()}
    for position, name in enumerate(dict.fromkeys(names)):
        category = existing.get(name)
        if category is None:
            category = existing[name] = m.Category.objects.create(
                name=name, slug=slug_unique(m.Category, name, taken), position=position
            )
        elif category.position != position:
            category.position = position
            category.save(update_fields=["position"])
        else:
            continue
        if history is not None:
            history.record([category])
    return existing


def _slug_free(name: str, taken: set[str]) -> str:
    """Return a slug for `name` not in `taken` (every slug in use), which it joins."""
    base = slugify(name)
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    taken.add(slug)
    return slug


def _organisations_store(
    record: CatalogueRecord, history: RevisionWriter | None
) -> dict[str, m.Organisation]:
    """Store the record's bodies: new ones in bulk, a country learnt, new spellings as aliases.

    Every body and alias is read once into dictionaries (a body is found by its name, then by
    an alias — the first such body by name), not looked up one query per name.
    """
    by_name = {o.name: o for o in m.Organisation.objects.all()}
    by_alias: dict[str, m.Organisation] = {}
    known: dict[int, set[str]] = {}
    by_pk = {o.pk: o for o in by_name.values()}
    for owner, alias in m.OrganisationAlias.objects.values_list("organisation_id", "name"):
        known.setdefault(owner, set()).add(alias)
        if alias not in by_alias or by_pk[owner].name < by_alias[alias].name:
            by_alias[alias] = by_pk[owner]
    taken = set(m.Organisation.objects.values_list("slug", flat=True))
    rows: dict[str, m.Organisation] = {}
    added: list[m.Organisation] = []
    updated: list[m.Organisation] = []
    aliases: list[m.OrganisationAlias] = []
    for org in record.organisations:
        row = by_name.get(org.name) or by_alias.get(org.name)
        if row is None:
            row = m.Organisation(
                name=org.name, slug=_slug_free(org.name, taken), country=org.country or ""
            )
            m.name_search_set(row, {})
            by_name[org.name] = row
            added.append(row)
        elif org.country and not row.country:
            row.country = org.country
            updated.append(row)
        spellings = known.setdefault(row.pk or -id(row), set())
        for alias in sorted(set(org.aliases) - spellings - {row.name}):
            spellings.add(alias)
            by_alias.setdefault(alias, row)
            made = m.OrganisationAlias(
                organisation=row, name=alias, reviewed=alias not in org.unreviewed
            )
            m.name_search_set(made, {})
            aliases.append(made)
        rows[org.name] = row
    m.Organisation.objects.bulk_create(added, batch_size=500)
    m.Organisation.objects.bulk_update(updated, ["country"], batch_size=500)
    m.OrganisationAlias.objects.bulk_create(aliases, batch_size=500)
    if added or updated or aliases:
        catalogue_touch()  # what the save signals say for a body saved one at a time
    if history is not None:
        history.record([*added, *updated])
    return rows


def _programmes_store(
    record: CatalogueRecord, history: RevisionWriter | None
) -> dict[str, m.Programme]:
    rows: dict[str, m.Programme] = {}
    taken: set[str] = set()
    for prog in record.programmes:
        row = m.Programme.objects.filter(name=prog.name).first()
        if row is None:
            row = m.Programme.objects.create(
                name=prog.name,
                slug=slug_unique(m.Programme, prog.name, taken),
                short_name=prog.short,
                fund=prog.fund,
            )
            if history is not None:
                history.record([row])
        known = set(row.aliases.values_list("name", flat=True))
        m.ProgrammeAlias.objects.bulk_create(
            [
                m.ProgrammeAlias(programme=row, name=a)
                for a in sorted(set(prog.aliases) - known - {row.name})
            ]
        )
        rows[prog.name] = row
    return rows


def _findings_store(record: CatalogueRecord, source: m.Source) -> None:
    """Store the findings of `source` (and of the sources a restored export names)."""
    projects = dict(
        m.Project.objects.filter(
            slug__in={f.project for f in record.findings if f.project}
        ).values_list("slug", "pk")
    )
    by_source: dict[str, list[tuple]] = {source.name: []}
    for f in record.findings:
        by_source.setdefault(f.source or source.name, []).append(
            (projects.get(f.project) if f.project else None, f.code, f.message, f.severity, f.line)
        )
    for name, wanted in by_source.items():
        target = (
            source
            if name == source.name
            else m.Source.objects.get_or_create(name=name, defaults={"sha256": ""})[0]
        )
        have = list(
            target.findings.order_by("id").values_list(
                "project_id", "code", "message", "severity", "line"
            )
        )
        if have == wanted:
            continue
        target.findings.all().delete()
        m.Finding.objects.bulk_create(
            [
                m.Finding(source=target, project_id=p, code=c, message=msg, severity=sev, line=line)
                for p, c, msg, sev, line in wanted
            ]
        )


def projects_touch(project_ids: Iterable[int]) -> None:
    """Mark projects changed (their `updated_at`) when a part of them changed without the
    project row being saved: public pages, caches and Last-Modified follow that date."""
    m.Project.objects.filter(pk__in=list(project_ids)).update(updated_at=timezone.now())


def project_derived_refresh(row: m.Project) -> None:
    """Recompute what a project's own fields imply — period bounds and years, search text —
    after an editor changed it, its participants or its programmes."""
    organisations = m.Organisation.objects.filter(participations__project=row).prefetch_related(
        "aliases"
    )
    programmes = m.Programme.objects.filter(projectprogramme__project=row).prefetch_related(
        "aliases"
    )
    m.Project.objects.filter(pk=row.pk).update(
        **project_derived(
            row,
            categories=row.categories.values_list("name", flat=True),
            organisations=organisations,
            programmes=programmes,
        )
    )
