"""Store an import's projects a batch at a time.

One project at a time cost some twenty queries each (find it, save it, clear and write each
kind of part): 40 projects a second. A batch of projects costs a handful of queries whatever
its size — which of them exist, their parts written with one insert per kind — and memory
stays that of one batch. The rules are those of one project: a project whose fingerprint is
unchanged only gets its place and lines in the source updated; a changed one has its parts
replaced, keeping what editors said about its people; a new one is written whole.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field, fields, is_dataclass
from functools import cache
from typing import Any

from django.db import connection, models
from django.utils import timezone

from projektkatalog.catalogue import models as m
from projektkatalog.catalogue.bulk import rows_insert
from projektkatalog.catalogue.derived import project_derived_named
from projektkatalog.catalogue.revisions import RevisionWriter
from projektkatalog.domain.records import ProjectRecord

BATCH = 500

# The kinds of parts an import writes for a project, cleared when a changed project is stored.
PARTS: tuple[type[m.models.Model], ...] = (
    m.ProjectCategory,
    m.ProjectProgramme,
    m.Participation,
    m.Funding,
    m.Link,
    m.Contact,
    m.Provenance,
)


@dataclass
class Shared:
    """What the projects of an import refer to, stored before them, by the record's names."""

    source: m.Source
    categories: dict[str, m.Category]
    organisations: dict[str, m.Organisation]
    programmes: dict[str, m.Programme]
    # The search text of each body and programme: its name and every alias.
    names: dict[tuple[str, str], str] = field(default_factory=dict)
    history: RevisionWriter | None = None


@dataclass
class Outcome:
    """What the batches did, in the order of the record."""

    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    unchanged: int = 0
    seen: set[int] = field(default_factory=set)


def fingerprint(project: ProjectRecord) -> str:
    """Return a digest of what a project says; its place in the source is kept apart, so that
    a row removed above it does not count as a change to it."""
    data = _plain(project)
    del data["lines"]
    return hashlib.sha256(json.dumps(data, default=str, sort_keys=True).encode()).hexdigest()


_ATOMIC = (str, int, float, bool, type(None))


def _plain(value: Any) -> Any:
    """Return `value` as `dataclasses.asdict` does, as far as JSON tells them apart (a tuple
    as a list), without its copying every value it passes (a tenth of a re-import's time)."""
    if isinstance(value, _ATOMIC):
        return value
    names = _field_names(type(value))
    if names is not None:
        return {name: _plain(getattr(value, name)) for name in names}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {_plain(k): _plain(v) for k, v in value.items()}
    return value  # a Decimal or a date, written by `default=str` either way


_FIELD_NAMES: dict[type, tuple[str, ...] | None] = {}


def _field_names(kind: type) -> tuple[str, ...] | None:
    if kind not in _FIELD_NAMES:
        _FIELD_NAMES[kind] = tuple(f.name for f in fields(kind)) if is_dataclass(kind) else None
    return _FIELD_NAMES[kind]


def projects_store(
    projects: list[ProjectRecord],
    shared: Shared,
    outcome: Outcome,
    *,
    start: int = 0,
    progress: Callable[[int], None] | None = None,
) -> dict[str, int]:
    """Store `projects` (in the order of the source, the first at place `start`) batch by
    batch, adding what happened to `outcome`; return their ids by slug. `progress` hears how
    many are stored after each batch."""
    ids: dict[str, int] = {}
    for at in range(0, len(projects), BATCH):
        batch = list(enumerate(projects[at : at + BATCH], start=start + at))
        ids.update(_batch_store(batch, shared, outcome))
        if progress:
            progress(at + len(batch))
    return ids


def _batch_store(
    batch: list[tuple[int, ProjectRecord]], shared: Shared, outcome: Outcome
) -> dict[str, int]:
    existing = {
        slug: (pk, stored)
        for slug, pk, stored in m.Project.objects.filter(
            slug__in=[p.slug for _, p in batch]
        ).values_list("slug", "pk", "fingerprint")
    }
    unchanged: list[tuple[int, int, ProjectRecord]] = []
    changed: list[tuple[int, int, ProjectRecord, str]] = []
    added: list[tuple[int, ProjectRecord, str]] = []
    for position, project in batch:
        digest = fingerprint(project)
        found = existing.get(project.slug)
        if found is not None and found[1] == digest:
            unchanged.append((found[0], position, project))
        elif found is not None:
            changed.append((found[0], position, project, digest))
            outcome.changed.append(project.slug)
        else:
            added.append((position, project, digest))
            outcome.added.append(project.slug)
    _places_update(unchanged, shared.source)
    outcome.unchanged += len(unchanged)
    rows = _changed_store(changed, shared) + _added_store(added, shared)
    _parts_store(rows, shared)
    outcome.seen.update(pk for pk, _, _ in unchanged)
    outcome.seen.update(row.pk for row, _, _ in rows)
    return {
        **{project.slug: pk for pk, _, project in unchanged},
        **{row.slug: row.pk for row, _, _ in rows},
    }


def _places_update(unchanged: list[tuple[int, int, ProjectRecord]], source: m.Source) -> None:
    """Update where unchanged projects stand: their order and their lines in the source."""
    if not unchanged:
        return
    pks = [pk for pk, _, _ in unchanged]
    positions = dict(m.Project.objects.filter(pk__in=pks).values_list("pk", "position"))
    lines: dict[int, list[tuple[int, int]]] = {pk: [] for pk in pks}
    for pk, first, last in m.Provenance.objects.filter(
        source=source, project_id__in=pks
    ).values_list("project_id", "first_line", "last_line"):
        lines[pk].append((first, last))
    for pk, position, project in unchanged:
        if positions[pk] != position:
            m.Project.objects.filter(pk=pk).update(position=position)
        if sorted(lines[pk]) != sorted(project.lines):
            m.Provenance.objects.filter(source=source, project_id=pk).delete()
            m.Provenance.objects.bulk_create(
                [
                    m.Provenance(project_id=pk, source=source, first_line=a, last_line=b)
                    for a, b in project.lines
                ]
            )


def _fields_set(
    row: m.Project, project: ProjectRecord, position: int, digest: str, shared: Shared
) -> None:
    """Set a project row's own fields, and what they imply, from its record."""
    row.title, row.short_name, row.kind = project.title, project.short_name, project.kind
    row.description, row.language = project.description, project.language
    row.period_start, row.period_end = project.period_start or "", project.period_end or ""
    row.period_text = project.period_text[:300]
    row.position, row.fingerprint = position, digest
    values = project_derived_named(
        row,
        categories=project.categories,
        names=[
            *(shared.names[("o", p.organisation)] for p in project.participants),
            *(shared.names[("p", p)] for p in project.programmes),
        ],
    )
    for name, value in values.items():
        setattr(row, name, value)


Stored = tuple[m.Project, ProjectRecord, dict[str, m.Contact]]


def _changed_store(
    changed: list[tuple[int, int, ProjectRecord, str]], shared: Shared
) -> list[Stored]:
    """Save changed projects and clear their parts; return them with the people they had.

    What editors said about the people survives a re-import: who has left stays hidden, and
    details that did not change keep the date they were last confirmed.
    """
    if not changed:
        return []
    pks = [pk for pk, _, _, _ in changed]
    rows = m.Project.objects.in_bulk(pks)
    people: dict[int, dict[str, m.Contact]] = {pk: {} for pk in pks}
    for contact in m.Contact.objects.filter(project_id__in=pks).only(
        "project_id", "name", "email", "title", "left_on", "checked_at"
    ):
        people[contact.project_id][contact.name] = contact
    stored = []
    for pk, position, project, digest in changed:
        row = rows[pk]
        _fields_set(row, project, position, digest, shared)
        row.save()
        stored.append((row, project, people[pk]))
    for part in PARTS:
        part._default_manager.filter(project_id__in=pks).delete()
    return stored


def _added_store(added: list[tuple[int, ProjectRecord, str]], shared: Shared) -> list[Stored]:
    rows = []
    for position, project, digest in added:
        row = m.Project(slug=project.slug)
        _fields_set(row, project, position, digest, shared)
        rows.append(row)
    _projects_insert(rows)
    return [(row, project, {}) for row, (_, project, _) in zip(rows, added, strict=True)]


def _projects_insert(rows: list[m.Project]) -> None:
    """Insert new project rows as `bulk_create` would (creation and change times set, the
    new ids on the rows), without compiling each value through its field."""
    now = timezone.now()
    fields = [f for f in m.Project._meta.concrete_fields if not f.primary_key]
    for row in rows:
        row.created_at = row.updated_at = now
    adapt: dict[type[models.Field[Any, Any]], Callable[[Any], Any]] = {
        models.DateTimeField: connection.ops.adapt_datetimefield_value,
        models.DateField: connection.ops.adapt_datefield_value,
    }
    converters = [adapt.get(type(f)) for f in fields]
    values = []
    for row in rows:
        one = [getattr(row, f.attname) for f in fields]
        values.append(
            tuple(
                v if c is None or v is None else c(v) for v, c in zip(one, converters, strict=True)
            )
        )
    pks = rows_insert(m.Project, [f.attname for f in fields], values)
    for row, pk in zip(rows, pks, strict=True):
        row.pk = pk
        row._state.adding, row._state.db = False, connection.alias


# The parts written as plain values: the fields of each (by attribute name, in the model's
# order, which is the order of its serialised form) and, for the history, their field names.
VALUE_PARTS: dict[type[m.models.Model], tuple[str, ...]] = {
    m.ProjectCategory: ("project_id", "category_id", "position"),
    m.ProjectProgramme: ("project_id", "programme_id", "position"),
    m.Participation: ("project_id", "organisation_id", "role", "unit", "position"),
    m.Funding: (
        "project_id",
        "amount",
        "currency",
        "kind",
        "approximate",
        "source_text",
        "position",
    ),
    m.Link: ("project_id", "label", "url", "position"),
    m.Provenance: ("project_id", "source_id", "first_line", "last_line"),
}

# A part's values and its text in the history (its `str`).
Part = tuple[tuple[Any, ...], str]


def _parts_store(rows: list[Stored], shared: Shared) -> None:
    """Write the parts of new and changed projects, one insert per kind, and record them."""
    if not rows:
        return
    parts: dict[type[m.models.Model], list[Part]] = {kind: [] for kind in VALUE_PARTS}
    contacts: list[m.Contact] = []
    phones: list[tuple[m.Contact, list[Any]]] = []
    for row, project, people in rows:
        for kind, made in _parts(row.pk, project, shared).items():
            parts[kind].extend(made)
        made_contacts = [
            _contact(row, c, i, people.get(c.name)) for i, c in enumerate(project.contacts)
        ]
        contacts.extend(made_contacts)
        phones.extend(zip(made_contacts, (c.phones for c in project.contacts), strict=True))
    pks = {
        kind: rows_insert(kind, VALUE_PARTS[kind], [values for values, _ in made])
        for kind, made in parts.items()
    }
    m.Contact.objects.bulk_create(contacts)
    numbers = [
        m.Phone(contact=contact, number=p.number, kind=p.kind, position=j)
        for contact, found in phones
        for j, p in enumerate(found)
    ]
    m.Phone.objects.bulk_create(numbers)
    if shared.history is not None:
        shared.history.record(row for row, _, _ in rows)
        for kind, made in parts.items():
            if kind is m.Provenance:  # a project's history holds its parts, not its source
                continue
            names = tuple(name.removesuffix("_id") for name in VALUE_PARTS[kind])
            shared.history.record_values(
                kind,
                names,
                ((pk, values, text) for pk, (values, text) in zip(pks[kind], made, strict=True)),
            )
        shared.history.record(contacts)
        shared.history.record(numbers)


def _parts(
    pk: int, project: ProjectRecord, shared: Shared
) -> dict[type[m.models.Model], list[Part]]:
    """Return the parts of one project (but its people) as values, by kind."""
    roles = _role_labels()
    return {
        m.ProjectCategory: [
            ((pk, shared.categories[c].pk, i), shared.categories[c].name)
            for i, c in enumerate(project.categories)
        ],
        m.ProjectProgramme: [
            ((pk, shared.programmes[p].pk, i), shared.programmes[p].name)
            for i, p in enumerate(project.programmes)
        ],
        m.Participation: [
            (
                (pk, (o := shared.organisations[p.organisation]).pk, p.role, p.unit, i),
                f"{o.name} ({roles[p.role]})",
            )
            for i, p in enumerate(project.participants)
        ],
        m.Funding: [
            (
                (pk, f.amount, f.currency, f.kind, f.approximate, f.text[:300], i),
                f"{f.amount} {f.currency}",
            )
            for i, f in enumerate(project.funding)
        ],
        m.Link: [
            ((pk, link.label[:500], link.url, i), link.label[:500])
            for i, link in enumerate(project.links)
        ],
        m.Provenance: [((pk, shared.source.pk, a, b), "") for a, b in project.lines],
    }


@cache
def _role_labels() -> dict[str, str]:
    return {value: str(label) for value, label in m.Participation.Role.choices}


def _contact(row: m.Project, c: Any, position: int, before: m.Contact | None) -> m.Contact:
    contact = m.Contact(
        project=row,
        name=c.name,
        title=c.title[:300],
        organisation_name=c.organisation[:300],
        email=c.email,
        position=position,
        left_on=before.left_on if before else None,
    )
    if before and (before.email, before.title) == (c.email, c.title[:300]):
        contact.checked_at = before.checked_at
    return contact
