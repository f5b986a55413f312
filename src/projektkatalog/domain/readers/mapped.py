"""Read structured files in other layouts (JSON, CSV, XLSX rows) through a mapping file.

A mapping (TOML) says which column is the title, the organisation and its role, the start date,
the amount and its currency, and so on; rows that share the project key become one project
(the Interreg partner list has one row per partner). Values go through the same normalisers
and matching as pages: dates to EDTF, phones to E.164, names to known organisations.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

from projektkatalog.domain.build import catalogue_build
from projektkatalog.domain.matching.organisations import Organisation, OrganisationIndex
from projektkatalog.domain.matching.programmes import Programme, ProgrammeIndex
from projektkatalog.domain.money import Amount
from projektkatalog.domain.partners import country_code
from projektkatalog.domain.periods import Period, period_parse
from projektkatalog.domain.phones import phone_parse, phone_region
from projektkatalog.domain.readers.entry import ContactDraft, EntryDraft
from projektkatalog.domain.records import CatalogueRecord
from projektkatalog.domain.text import text_clean

Row = dict[str, Any]


class MappingError(ValueError):
    """The mapping file does not fit the data."""


def _value(row: Row, spec: Any) -> str:
    """Return a cell as text: `spec` is a column name, or {column, map, template, value}."""
    if spec is None:
        return ""
    if isinstance(spec, str):
        raw = row.get(spec)
        return "" if raw is None else _cell_text(raw)
    if "value" in spec:
        return str(spec["value"])
    raw = row.get(spec["column"])
    text = "" if raw is None else _cell_text(raw)
    if text and "map" in spec:
        text = spec["map"].get(text, text if spec.get("keep_unmapped", True) else "")
    if text and "template" in spec:
        text = spec["template"].format(value=text)
    return text


SHORT = 200  # characters of a cell worth remembering cleaned: names, codes, titles


@lru_cache(maxsize=1 << 16)
def _short_text(raw: str) -> str:
    return text_clean(raw)


def _cell_text(raw: Any) -> str:
    """Return a cell's value cleaned. A body's name, a role, a country or a project's title
    stands on many rows of a file (each of 50,000 bodies on some six): short cells are
    cleaned once and remembered."""
    text = raw if isinstance(raw, str) else str(raw)
    return _short_text(text) if len(text) <= SHORT else text_clean(text)


@lru_cache(maxsize=1 << 16)
def _date_parse(text: str) -> Period | None:
    """Return `period_parse(text)` for a start or end cell, remembered: one date stands on
    many projects of a file (20,000 benchmark projects have some 9,000 different starts), and
    the period it gives is frozen."""
    return period_parse(text)


def _period(start: str, end: str) -> Period | None:
    first = _date_parse(start) if start else None
    last = _date_parse(end) if end else None
    if first is None and last is None:
        return None
    problems = (first.problems if first else ()) + (last.problems if last else ())
    return Period(
        first.start if first else None,
        (last.end if last else None) or (last.start if last else None),
        False,
        problems,
        f"{start} – {end}".strip(" –"),
    )


def _amount(row: Row, spec: dict[str, Any]) -> Amount | None:
    raw = row.get(spec["column"])
    if raw in (None, ""):
        return None
    try:
        value = Decimal(str(raw).replace(" ", "").replace(",", "."))
    except InvalidOperation:
        return None
    if value <= 0 and spec.get("skip_zero", True):
        return None
    value = value.quantize(Decimal(1)) if value == value.to_integral() else value
    return Amount(
        value,
        spec["currency"],
        spec.get("kind", "other"),
        False,
        f"{spec['column']}: {raw} {spec['currency']}",
    )


def _row_country(row: Row, mapping: dict[str, Any], contact: dict[str, Any]) -> str | None:
    """Return the country a row's phone numbers are numbered in: the contact's own country
    column, else the country of the row's participants (the lead's first); None when the row
    names none (the numbering region then defaults to Sweden)."""
    if contact.get("country") and (code := country_code(_value(row, contact["country"]))):
        return code
    specs = [s for s in mapping.get("participants", []) if s.get("country")]
    found = [
        (_value(row, s.get("role", {"value": "partner"})) != "lead", code)
        for s in specs
        if _value(row, s["organisation"]) and (code := country_code(_value(row, s["country"])))
    ]
    return min(found)[1] if found else None


BATCH = 2000  # projects read, built and stored at a time by `mapped_batches`


class _Grouping:
    """Rows grouped into one draft per project key, handed out a batch of drafts at a time."""

    def __init__(self, mapping: dict[str, Any]) -> None:
        self.mapping = mapping
        project = mapping["project"]
        key_spec = project.get("key") or project["title"]
        self.keys = key_spec if isinstance(key_spec, list) else [key_spec]
        self.drafts: dict[tuple[str, ...], EntryDraft] = {}
        self.categories: list[str] = []  # first seen in the drafts not yet handed out
        self.seen_categories: set[str] = set()
        self.handed: set[tuple[str, ...]] = set()  # keys of the drafts handed out

    def take(self) -> tuple[list[EntryDraft], list[str]]:
        """Return the drafts so far and the categories they name first; start a new batch."""
        self.handed.update(self.drafts)
        taken = list(self.drafts.values()), self.categories
        self.drafts, self.categories = {}, []
        return taken

    def add(self, number: int, row: Row, *, full: int | None) -> bool:
        """Add row `number` to its project's draft; return whether it began a new draft once
        `full` drafts were waiting (the batch is then to be taken before it, see `_batches`)."""
        project = self.mapping["project"]
        key = tuple(_value(row, k) for k in self.keys)
        title = _value(row, project["title"])
        if not title:
            return False
        draft = self.drafts.get(key)
        if draft is None:
            if key in self.handed:
                raise MappingError(
                    f"row {number}: the rows of project {' '.join(key)!r} are not together "
                    "(a file this large is read a part at a time); sort the file by the "
                    "project key"
                )
            if full is not None and len(self.drafts) >= full:
                return True
            draft = self.drafts[key] = _draft_started(number, row, title, self.mapping)
            for category in draft.more_categories:
                if category not in self.seen_categories:
                    self.seen_categories.add(category)
                    self.categories.append(category)
        draft.last_line = number
        _participants_add(draft, number, row, self.mapping)
        return False


def _draft_started(number: int, row: Row, title: str, mapping: dict[str, Any]) -> EntryDraft:
    """Return a project's draft from its first row: everything but its participants."""
    project = mapping["project"]
    draft = EntryDraft(title, None, number, number, columns_named=True)
    if description := _value(row, project.get("description")):
        draft.description_lines.append((number, description))
    period = _period(_value(row, project.get("start")), _value(row, project.get("end")))
    if period is not None:
        draft.period, draft.period_line = period, number
    for spec in project.get("categories", []):
        if category := _value(row, spec):
            draft.more_categories.append(category)
    for spec in project.get("programmes", []):
        if programme := _value(row, spec):
            draft.programmes.append((programme, number))
    for spec in mapping.get("funding", []):
        if amount := _amount(row, spec):
            draft.amounts.append(amount)
    for spec in mapping.get("contacts", []):
        if name := _value(row, spec.get("name")):
            contact = ContactDraft(name, _value(row, spec.get("title")), line=number)
            region = phone_region(country=_row_country(row, mapping, spec))
            if phone := phone_parse(_value(row, spec.get("phone")), region=region):
                contact.phones.append((phone.number, phone.kind))
            contact.email = _value(row, spec.get("email"))
            draft.contacts.append(contact)
    return draft


def _participants_add(draft: EntryDraft, number: int, row: Row, mapping: dict[str, Any]) -> None:
    for spec in mapping.get("participants", []):
        name = _value(row, spec["organisation"])
        if not name:
            continue
        role = _value(row, spec.get("role", {"value": "partner"})) or "partner"
        if role not in ("lead", "coordinator", "partner", "associated", "financier"):
            raise MappingError(
                f"row {number}: role {role!r} is not one the catalogue knows; map it"
            )
        country = country_code(_value(row, spec.get("country"))) if spec.get("country") else None
        draft.named_participants.append((name, role, country))


def drafts_batches(
    rows: Iterable[Row], mapping: dict[str, Any], *, size: int | None = BATCH
) -> Iterator[tuple[list[EntryDraft], list[str], int]]:
    """Yield the drafts of `rows` (rows grouped by the project key) `size` projects at a time,
    with the categories each batch names first and the rows read so far.

    Rows already in memory (a list: CSV, XLSX, a JSON document) are grouped whole, wherever a
    project's rows stand. Rows read as they come (a JSON list) are grouped as they come: the
    rows of one project must then stand within one batch of `size` projects, which a file
    sorted by the key (as every export is) always does; otherwise the reader says so.
    """
    grouping = _Grouping(mapping)
    full = None if isinstance(rows, list) else size
    number = 1
    for number, row in enumerate(rows, start=2):  # row 1 is a header in CSV and XLSX
        if grouping.add(number, row, full=full):
            drafts, categories = grouping.take()
            yield drafts, categories, number - 2
            grouping.add(number, row, full=full)
    drafts, categories = grouping.take()
    if size is None or full is not None:
        yield drafts, categories, number - 1
        return
    for start in range(0, len(drafts), size):
        chunk = drafts[start : start + size]
        yield chunk, categories if start == 0 else [], number - 1


def drafts_from_rows(
    rows: Iterable[Row], mapping: dict[str, Any]
) -> tuple[list[EntryDraft], list[str]]:
    """Return one draft per project (rows grouped by the project key) and the categories in order."""
    drafts, categories, _ = next(drafts_batches(list(rows), mapping, size=None))
    return drafts, categories


def mapped_batches(
    rows: Iterable[Row],
    mapping: dict[str, Any],
    *,
    source: str,
    today: dt.date,
    organisations: Iterable[Organisation] = (),
    programmes: Iterable[Programme] = (),
    size: int | None = None,
) -> Iterator[tuple[CatalogueRecord, int]]:
    """Yield the catalogue that `rows` describe under `mapping` a batch of projects at a time,
    each with the rows read so far.

    Organisations and programmes are matched through one index for all batches, slugs are
    unique across them, and each batch's record names the bodies, programmes and categories
    its projects use (the categories only where they first appear): the batches together are
    the catalogue `mapped_read` returns, and memory holds one batch of it (`size` projects,
    BATCH unless given).
    """
    orgs = OrganisationIndex(organisations)
    progs = ProgrammeIndex(list(programmes))
    slugs: set[str] = set()
    fuzzy_seen: set[tuple[str, str]] = set()
    for drafts, categories, read in drafts_batches(rows, mapping, size=size or BATCH):
        record = catalogue_build(
            drafts,
            categories,
            [],
            source=source,
            today=today,
            organisations=orgs,
            programmes=progs,
            merge_same_titles=False,
            slugs_taken=slugs,
            fuzzy_seen=fuzzy_seen,
        )
        slugs.update(p.slug for p in record.projects)
        yield record, read


def mapped_read(
    rows: Iterable[Row],
    mapping: dict[str, Any],
    *,
    source: str,
    today: dt.date,
    organisations: Iterable[Organisation] = (),
    programmes: Iterable[Programme] = (),
    progress: Callable[[int, int], None] | None = None,
) -> CatalogueRecord:
    """Return the catalogue that `rows` describe under `mapping`."""
    drafts, categories = drafts_from_rows(rows, mapping)
    if progress:
        progress(len(drafts), len(drafts))
    return catalogue_build(
        drafts,
        categories,
        [],
        source=source,
        today=today,
        organisations=OrganisationIndex(organisations),
        programmes=ProgrammeIndex(list(programmes)),
        merge_same_titles=False,
    )
