"""What an import's projects refer to — categories, organisations, programmes — stored as the
batches of the import come.

A large file is read, built and stored a batch of projects at a time, so the bodies and
programmes a batch names are stored just before its projects. Each store reads what the
catalogue already holds once, at the start, and then keeps it up to date itself: a body met
again in a later batch costs a dictionary lookup, a spelling learnt in a later batch becomes
one more alias, and a body the import adds or changes is one version in its revision (recorded
as it stands at the end), however many batches name it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import connection

from projektkatalog.catalogue import models as m
from projektkatalog.catalogue.bulk import rows_insert
from projektkatalog.catalogue.revisions import RevisionWriter
from projektkatalog.catalogue.signals import catalogue_touch
from projektkatalog.domain.matching.organisations import Organisation
from projektkatalog.domain.matching.programmes import Programme
from projektkatalog.domain.slugs import slugify
from projektkatalog.domain.text import text_fold


def slug_unique(model: type[m.models.Model], name: str, taken: set[str]) -> str:
    """Return a slug for `name` not yet used by `model` nor in `taken` (which it joins)."""
    base = slugify(name)
    slug, n = base, 2
    while slug in taken or model._default_manager.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    taken.add(slug)
    return slug


def _slug_free(name: str, taken: set[str]) -> str:
    """Return a slug for `name` not in `taken` (every slug in use), which it joins."""
    base = slugify(name)
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    taken.add(slug)
    return slug


class Categories:
    """The import's categories, placed in the order the source first names them."""

    def __init__(self, history: RevisionWriter | None) -> None:
        self.history = history
        self.rows = {c.name: c for c in m.Category.objects.all()}
        self.taken = {c.slug for c in self.rows.values()}
        self.placed: set[str] = set()  # the names this import has placed

    def store(self, names: list[str]) -> None:
        """Create or reorder the categories `names`, after those of earlier batches. A page's
        record names each category once; another source may name one twice (a workbook's
        categories sheet edited by hand): the category is still one, placed where it first
        appears, and recorded once in the import's revision."""
        for name in dict.fromkeys(names):
            if name in self.placed:
                continue
            position = len(self.placed)
            self.placed.add(name)
            category = self.rows.get(name)
            if category is None:
                category = self.rows[name] = m.Category.objects.create(
                    name=name, slug=slug_unique(m.Category, name, self.taken), position=position
                )
            elif category.position != position:
                category.position = position
                category.save(update_fields=["position"])
            else:
                continue
            if self.history is not None:
                self.history.record([category])


@dataclass
class _Stored:
    """A body as this import has stored it so far."""

    row: m.Organisation
    spellings: set[str] = field(default_factory=set)  # its aliases in the database


class Organisations:
    """The import's bodies: new ones in bulk, a country learnt, new spellings as aliases.

    Every body and alias is read once into dictionaries (a body is found by its name, then by
    an alias — the first such body by name), not looked up one query per name.
    """

    def __init__(self, history: RevisionWriter | None) -> None:
        self.history = history
        self.by_name: dict[str, _Stored] = {}
        self.by_alias: dict[str, _Stored] = {}
        for row in m.Organisation.objects.all():
            self.by_name[row.name] = _Stored(row)
        by_pk = {s.row.pk: s for s in self.by_name.values()}
        for owner, alias in m.OrganisationAlias.objects.values_list("organisation_id", "name"):
            stored = by_pk[owner]
            stored.spellings.add(alias)
            if alias not in self.by_alias or stored.row.name < self.by_alias[alias].row.name:
                self.by_alias[alias] = stored
        self.taken = set(m.Organisation.objects.values_list("slug", flat=True))
        self.changed: dict[int, m.Organisation] = {}  # by id(): added or given a country
        self.used: set[str] = set()  # the record's names of the bodies the import names
        self.grown: dict[int, list[str]] = {}  # new aliases the last `store` gave a body met before
        self._met: set[int] = set()  # the bodies earlier `store`s gave

    def store(self, organisations: list[Organisation]) -> dict[str, m.Organisation]:
        """Store what is new about `organisations`; return their rows by the record's names."""
        rows: dict[str, m.Organisation] = {}
        added: list[m.Organisation] = []
        updated: list[m.Organisation] = []
        aliases: list[tuple[m.Organisation, str, bool]] = []
        for org in organisations:
            stored = self.by_name.get(org.name) or self.by_alias.get(org.name)
            if stored is None:
                # Positional values: a fifth of the cost of keywords, for 50,000 new bodies.
                row = m.Organisation(
                    None, org.name, _slug_free(org.name, self.taken), org.country or "", ""
                )
                m.name_search_set(row, {})
                stored = self.by_name[org.name] = _Stored(row)
                added.append(row)
            elif org.country and not stored.row.country:
                stored.row.country = org.country
                updated.append(stored.row)
            row = stored.row
            for alias in sorted(set(org.aliases) - stored.spellings - {row.name}):
                stored.spellings.add(alias)
                self.by_alias.setdefault(alias, stored)
                aliases.append((row, alias, alias not in org.unreviewed))
            rows[org.name] = row
            self.used.add(org.name)
        _organisations_insert(added)
        m.Organisation.objects.bulk_update(updated, ["country"], batch_size=500)
        rows_insert(
            m.OrganisationAlias,
            ("organisation_id", "name", "reviewed", "search_text"),
            [(row.pk, alias, reviewed, text_fold(alias)) for row, alias, reviewed in aliases],
        )
        self.grown = {}
        for row, alias, _ in aliases:
            if row.pk in self._met:
                self.grown.setdefault(row.pk, []).append(alias)
        self._met.update(row.pk for row in rows.values())
        if added or updated or aliases:
            catalogue_touch()  # what the save signals say for a body saved one at a time
        self.changed.update((id(row), row) for row in [*added, *updated])
        return rows

    def close(self) -> None:
        """Record every body the import added or changed, once, as it now stands."""
        if self.history is not None:
            self.history.record(self.changed.values())


def _organisations_insert(rows: list[m.Organisation]) -> None:
    """Insert new bodies as `bulk_create` would (their new ids on the rows)."""
    fields = ("name", "slug", "country", "search_text")
    values = [(row.name, row.slug, row.country, row.search_text) for row in rows]
    for row, pk in zip(rows, rows_insert(m.Organisation, fields, values), strict=True):
        row.pk = pk
        row._state.adding, row._state.db = False, connection.alias


class Programmes:
    """The import's programmes and the spellings learnt for them."""

    def __init__(self, history: RevisionWriter | None) -> None:
        self.history = history
        self.rows: dict[str, tuple[m.Programme, set[str]]] = {}
        self.taken: set[str] = set()
        self.grown: dict[int, list[str]] = {}  # new aliases the last `store` gave one met before

    def store(self, programmes: list[Programme]) -> dict[str, m.Programme]:
        """Store what is new about `programmes`; return their rows by the record's names."""
        rows: dict[str, m.Programme] = {}
        self.grown = {}
        for prog in programmes:
            found = self.rows.get(prog.name)
            found_before = found is not None  # by an earlier `store`
            if found is None:
                row = m.Programme.objects.filter(name=prog.name).first()
                if row is None:
                    row = m.Programme.objects.create(
                        name=prog.name,
                        slug=slug_unique(m.Programme, prog.name, self.taken),
                        short_name=prog.short,
                        fund=prog.fund,
                    )
                    if self.history is not None:
                        self.history.record([row])
                found = self.rows[prog.name] = (
                    row,
                    set(row.aliases.values_list("name", flat=True)),
                )
            row, known = found
            new = sorted(set(prog.aliases) - known - {row.name})
            m.ProgrammeAlias.objects.bulk_create(
                [m.ProgrammeAlias(programme=row, name=a) for a in new]
            )
            known.update(new)
            if new and found_before:
                self.grown.setdefault(row.pk, []).extend(new)
            rows[prog.name] = row
        return rows


def search_names(
    organisations: dict[str, m.Organisation], programmes: dict[str, m.Programme]
) -> dict[tuple[str, str], str]:
    """Return the search text of each body and programme given: its name and aliases."""
    names: dict[tuple[str, str], str] = {}
    for kind, rows, alias_model, fk in (
        ("o", organisations, m.OrganisationAlias, "organisation_id"),
        ("p", programmes, m.ProgrammeAlias, "programme_id"),
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
