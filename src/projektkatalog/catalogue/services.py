"""Writes to the catalogue. An import is one transaction and idempotent: importing the same
source again changes nothing, because every project carries a fingerprint of what it was made
from and natural keys (slugs, names) identify every row."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from projektkatalog.catalogue import models as m
from projektkatalog.catalogue.history import revision_complete_record
from projektkatalog.domain.periods import edtf_bounds
from projektkatalog.domain.records import CatalogueRecord, ProjectRecord
from projektkatalog.domain.rich_text import rich_text_plain
from projektkatalog.domain.searching import search_document
from projektkatalog.domain.slugs import slugify


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


def _fingerprint(project: ProjectRecord, position: int) -> str:
    """Return a digest of what a project says; its place in the source is kept apart, so that
    a row removed above it does not count as a change to it."""
    data = asdict(project)
    del data["lines"], position
    return hashlib.sha256(json.dumps(data, default=str, sort_keys=True).encode()).hexdigest()


def _place_update(row: m.Project, project: ProjectRecord, position: int, source: m.Source) -> None:
    """Update where an unchanged project stands: its order and its lines in the source."""
    if row.position != position:
        m.Project.objects.filter(pk=row.pk).update(position=position)
    lines = sorted(row.provenance.filter(source=source).values_list("first_line", "last_line"))
    if lines != sorted(project.lines):
        row.provenance.filter(source=source).delete()
        m.Provenance.objects.bulk_create(
            [
                m.Provenance(project=row, source=source, first_line=a, last_line=b)
                for a, b in project.lines
            ]
        )


def slug_unique(model: type, name: str, taken: set[str]) -> str:
    """Return a slug for `name` not yet used by `model` nor in `taken` (which it joins)."""
    base = slugify(name)
    slug, n = base, 2
    while slug in taken or model.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    taken.add(slug)
    return slug


class _DryRun(Exception):
    """Raised inside the import's transaction to roll a dry run back."""


def catalogue_import(
    record: CatalogueRecord, *, source_name: str, sha256: str, dry_run: bool = False
) -> ImportSummary:
    """Store `record` as the content of source `source_name`; return what changed.

    With `dry_run`, everything is done inside the transaction and then rolled back, so the
    summary says exactly what a real import would add, change and remove.
    """
    if not dry_run:
        return _import(record, source_name=source_name, sha256=sha256)
    summary = ImportSummary()
    try:
        with transaction.atomic():
            summary = _import(record, source_name=source_name, sha256=sha256)
            raise _DryRun
    except _DryRun:
        pass
    return summary


@transaction.atomic
def _import(record: CatalogueRecord, *, source_name: str, sha256: str) -> ImportSummary:
    summary = ImportSummary(projects=len(record.projects), findings=len(record.findings))
    source, _ = m.Source.objects.get_or_create(name=source_name, defaults={"sha256": sha256})
    if source.sha256 != sha256:
        source.sha256 = sha256
        source.save(update_fields=["sha256", "imported_at"])
    categories = _categories_store(record.categories)
    organisations = _organisations_store(record)
    programmes = _programmes_store(record)
    summary.organisations = len(organisations)
    seen: set[int] = set()
    for position, project in enumerate(record.projects):
        fingerprint = _fingerprint(project, position)
        row = m.Project.objects.filter(slug=project.slug).first()
        if row is not None and row.fingerprint == fingerprint:
            _place_update(row, project, position, source)
            summary.unchanged += 1
            seen.add(row.pk)
            continue
        if row is None:
            row = m.Project(slug=project.slug)
            summary.added += 1
            summary.added_ids.append(project.slug)
        else:
            summary.changed += 1
            summary.changed_ids.append(project.slug)
        _project_store(
            row, project, position, fingerprint, categories, organisations, programmes, source
        )
        seen.add(row.pk)
    stale = m.Project.objects.filter(provenance__source=source).exclude(pk__in=seen).distinct()
    summary.removed_ids = sorted(stale.values_list("slug", flat=True))
    summary.removed = len(summary.removed_ids)
    stale.delete()
    _findings_store(record, source)
    # The import's revision holds each project it adds or changes with all its parts, which
    # were written in bulk after the project (so a restore from it restores the whole project).
    revision_complete_record(
        m.Project.objects.filter(slug__in=[*summary.added_ids, *summary.changed_ids])
    )
    if summary.added + summary.changed + summary.removed >= 100:
        _statistics_refresh()
    return summary


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


def _categories_store(names: list[str]) -> dict[str, m.Category]:
    existing = {c.name: c for c in m.Category.objects.all()}
    taken = {c.slug for c in existing.values()}
    for position, name in enumerate(names):
        category = existing.get(name)
        if category is None:
            existing[name] = m.Category.objects.create(
                name=name, slug=slug_unique(m.Category, name, taken), position=position
            )
        elif category.position != position:
            category.position = position
            category.save(update_fields=["position"])
    return existing


def _organisations_store(record: CatalogueRecord) -> dict[str, m.Organisation]:
    rows: dict[str, m.Organisation] = {}
    taken: set[str] = set()
    for org in record.organisations:
        row = m.Organisation.objects.filter(name=org.name).first() or (
            m.Organisation.objects.filter(aliases__name=org.name).first()
        )
        if row is None:
            row = m.Organisation.objects.create(
                name=org.name,
                slug=slug_unique(m.Organisation, org.name, taken),
                country=org.country or "",
            )
        elif org.country and not row.country:
            row.country = org.country
            row.save(update_fields=["country"])
        known = set(row.aliases.values_list("name", flat=True))
        m.OrganisationAlias.objects.bulk_create(
            [
                m.OrganisationAlias(organisation=row, name=a, reviewed=a not in org.unreviewed)
                for a in sorted(set(org.aliases) - known - {row.name})
            ]
        )
        rows[org.name] = row
    return rows


def _programmes_store(record: CatalogueRecord) -> dict[str, m.Programme]:
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
        known = set(row.aliases.values_list("name", flat=True))
        m.ProgrammeAlias.objects.bulk_create(
            [
                m.ProgrammeAlias(programme=row, name=a)
                for a in sorted(set(prog.aliases) - known - {row.name})
            ]
        )
        rows[prog.name] = row
    return rows


def _project_store(
    row: m.Project,
    project: ProjectRecord,
    position: int,
    fingerprint: str,
    categories: dict[str, m.Category],
    organisations: dict[str, m.Organisation],
    programmes: dict[str, m.Programme],
    source: m.Source,
) -> None:
    row.title, row.short_name, row.kind = project.title, project.short_name, project.kind
    row.description, row.language = project.description, project.language
    row.period_start, row.period_end = project.period_start or "", project.period_end or ""
    row.period_text = project.period_text[:300]
    row.position, row.fingerprint = position, fingerprint
    for name, value in project_derived(
        row,
        categories=project.categories,
        organisations=[organisations[p.organisation] for p in project.participants],
        programmes=[programmes[p] for p in project.programmes],
    ).items():
        setattr(row, name, value)
    row.save()
    # What editors said about the people survives a re-import: who has left stays hidden, and
    # details that did not change keep the date they were last confirmed.
    people = {
        c.name: c
        for c in row.contacts.all().only("name", "email", "title", "left_on", "checked_at")
    }
    for child in (row.participations, row.funding, row.links, row.contacts, row.provenance):
        child.all().delete()
    m.ProjectCategory.objects.filter(project=row).delete()
    m.ProjectProgramme.objects.filter(project=row).delete()
    m.ProjectCategory.objects.bulk_create(
        [
            m.ProjectCategory(project=row, category=categories[c], position=i)
            for i, c in enumerate(project.categories)
        ]
    )
    m.ProjectProgramme.objects.bulk_create(
        [
            m.ProjectProgramme(project=row, programme=programmes[p], position=i)
            for i, p in enumerate(project.programmes)
        ]
    )
    m.Participation.objects.bulk_create(
        [
            m.Participation(
                project=row,
                organisation=organisations[p.organisation],
                role=p.role,
                unit=p.unit,
                position=i,
            )
            for i, p in enumerate(project.participants)
        ]
    )
    m.Funding.objects.bulk_create(
        [
            m.Funding(
                project=row,
                amount=f.amount,
                currency=f.currency,
                kind=f.kind,
                approximate=f.approximate,
                source_text=f.text[:300],
                position=i,
            )
            for i, f in enumerate(project.funding)
        ]
    )
    m.Link.objects.bulk_create(
        [
            m.Link(project=row, label=link.label[:500], url=link.url, position=i)
            for i, link in enumerate(project.links)
        ]
    )
    for i, c in enumerate(project.contacts):
        before = people.get(c.name)
        contact = m.Contact.objects.create(
            project=row,
            name=c.name,
            title=c.title[:300],
            organisation_name=c.organisation[:300],
            email=c.email,
            position=i,
            left_on=before.left_on if before else None,
            **(
                {"checked_at": before.checked_at}
                if before and (before.email, before.title) == (c.email, c.title[:300])
                else {}
            ),
        )
        m.Phone.objects.bulk_create(
            [
                m.Phone(contact=contact, number=p.number, kind=p.kind, position=j)
                for j, p in enumerate(c.phones)
            ]
        )
    m.Provenance.objects.bulk_create(
        [
            m.Provenance(project=row, source=source, first_line=a, last_line=b)
            for a, b in project.lines
        ]
    )


def _names(row: m.Organisation | m.Programme) -> str:
    """Return a body's name and every alias, so that any spelling finds its projects."""
    return " ".join([row.name, *(a.name for a in row.aliases.all())])


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
            (projects.get(f.project), f.code, f.message, f.severity, f.line)
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


def projects_touch(project_ids) -> None:  # type: ignore[no-untyped-def]
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


def project_derived(row: m.Project, *, categories, organisations, programmes) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """Return what a project's own fields imply: period bounds and years, and the search text
    (from the description's words, never its markup). The one place for these rules: import,
    edit and restore all come here."""
    start_lower, _ = edtf_bounds(row.period_start or None)
    _, end_upper = edtf_bounds(row.period_end or None)
    return {
        "start_date": start_lower,
        "end_date": end_upper,
        "start_year": start_lower.year if start_lower else None,
        "end_year": end_upper.year if end_upper else None,
        "search_text": search_document(
            row.title,
            row.short_name,
            rich_text_plain(row.description),
            " ".join(categories),
            *(_names(o) for o in organisations),
            *(_names(p) for p in programmes),
        ),
    }
