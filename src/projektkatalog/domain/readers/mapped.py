"""Read structured files in other layouts (JSON, CSV, XLSX rows) through a mapping file.

A mapping (TOML) says which column is the title, the organisation and its role, the start date,
the amount and its currency, and so on; rows that share the project key become one project
(the Interreg partner list has one row per partner). Values go through the same normalisers
and matching as pages: dates to EDTF, phones to E.164, names to known organisations.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from decimal import Decimal, InvalidOperation
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
        spec = {"column": spec}
    if "value" in spec:
        return str(spec["value"])
    raw = row.get(spec["column"])
    text = "" if raw is None else text_clean(str(raw))
    if text and "map" in spec:
        text = spec["map"].get(text, text if spec.get("keep_unmapped", True) else "")
    if text and "template" in spec:
        text = spec["template"].format(value=text)
    return text


def _period(start: str, end: str) -> Period | None:
    first = period_parse(start) if start else None
    last = period_parse(end) if end else None
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


def drafts_from_rows(
    rows: Iterable[Row], mapping: dict[str, Any]
) -> tuple[list[EntryDraft], list[str]]:
    """Return one draft per project (rows grouped by the project key) and the categories in order."""
    project = mapping["project"]
    key_spec = project.get("key") or project["title"]
    keys = key_spec if isinstance(key_spec, list) else [key_spec]
    drafts: dict[tuple[str, ...], EntryDraft] = {}
    categories: list[str] = []
    for number, row in enumerate(rows, start=2):  # row 1 is a header in CSV and XLSX
        key = tuple(_value(row, k) for k in keys)
        title = _value(row, project["title"])
        if not title:
            continue
        draft = drafts.get(key)
        if draft is None:
            draft = EntryDraft(title, None, number, number)
            drafts[key] = draft
            if description := _value(row, project.get("description")):
                draft.description_lines.append((number, description))
            period = _period(_value(row, project.get("start")), _value(row, project.get("end")))
            if period is not None:
                draft.period, draft.period_line = period, number
            for spec in project.get("categories", []):
                if category := _value(row, spec):
                    draft.more_categories.append(category)
                    if category not in categories:
                        categories.append(category)
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
        draft.last_line = number
        for spec in mapping.get("participants", []):
            name = _value(row, spec["organisation"])
            if not name:
                continue
            role = _value(row, spec.get("role", {"value": "partner"})) or "partner"
            if role not in ("lead", "coordinator", "partner", "associated", "financier"):
                raise MappingError(
                    f"row {number}: role {role!r} is not one the catalogue knows; map it"
                )
            country = (
                country_code(_value(row, spec.get("country"))) if spec.get("country") else None
            )
            draft.named_participants.append((name, role, country))
    return list(drafts.values()), categories


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
