"""Read the catalogue back from its own XLSX (or CSV) export, as an editor changed it.

Ids, names, periods and amounts are taken as the export wrote them; whatever an editor typed
differently goes through the same normalisers and matching as a page: a period in words is
parsed, an organisation's new spelling is matched to the body it names.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from projektkatalog.domain.cells import cell_restore
from projektkatalog.domain.matching.organisations import Organisation, OrganisationIndex
from projektkatalog.domain.matching.programmes import Programme, ProgrammeIndex
from projektkatalog.domain.periods import edtf_valid, period_parse
from projektkatalog.domain.phones import phone_parse
from projektkatalog.domain.records import (
    CatalogueRecord,
    ContactRecord,
    Finding,
    FundingRecord,
    LinkRecord,
    ParticipationRecord,
    PhoneRecord,
    ProjectRecord,
)
from projektkatalog.domain.text import text_clean

Tables = dict[str, list[dict[str, Any]]]


class LayoutError(ValueError):
    """The tables are not Projektkatalog's export layout."""


def _text(value: Any) -> str:
    if value is None:
        return ""
    return cell_restore(str(value)).strip()  # the export's guard against formulas


def _split(value: Any) -> list[str]:
    return [part.strip() for part in _text(value).split(" | ") if part.strip()]


def _edtf(value: str) -> tuple[str | None, str | None]:
    """Return (EDTF, problem): an editor may type "1 mars 2020" where the export had 2020-03-01."""
    if not value:
        return None, None
    if edtf_valid(value):
        return value, None
    period = period_parse(value)
    if period is None or not (period.start or period.end):
        return None, f"could not read the date “{value}”"
    return period.start or period.end, None


def layout_read(tables: Tables, *, source: str) -> CatalogueRecord:
    """Return the catalogue held in export-layout tables."""
    if "projects" not in tables:
        raise LayoutError("no 'projects' sheet or table: not Projektkatalog's export layout")
    organisations, id_to_name = _organisations_read(tables)
    programmes, programme_names = _programmes_read(tables)
    record = CatalogueRecord(source=source)
    record.categories = [
        _text(r.get("name")) for r in tables.get("categories", []) if _text(r.get("name"))
    ]
    by_id = _projects_read(tables, record, programmes, programme_names)
    _participations_read(tables, by_id, organisations, id_to_name)
    _funding_read(tables, by_id)
    _links_and_contacts_read(tables, by_id)
    _quality_read(tables, record)
    used = {p.organisation for project in record.projects for p in project.participants}
    record.organisations = [o for o in organisations.organisations if o.name in used]
    used_programmes = {name for project in record.projects for name in project.programmes}
    record.programmes = [p for p in programmes.programmes if p.name in used_programmes]
    return record


def _organisations_read(tables: Tables) -> tuple[OrganisationIndex, dict[str, str]]:
    """Return the organisations sheet as an index, and each row's id -> the name it resolved to."""
    organisations = OrganisationIndex()
    id_to_name: dict[str, str] = {}
    for row in tables.get("organisations", []):
        name = text_clean(_text(row.get("name")))
        if not name:
            continue
        org = organisations.add(
            Organisation(name, _text(row.get("country")) or None, _split(row.get("aliases")))
        )
        id_to_name[_text(row.get("id"))] = org.name
    return organisations, id_to_name


def _programmes_read(tables: Tables) -> tuple[ProgrammeIndex, dict[str, str]]:
    """Return the programmes sheet as an index, and each row's id -> its name."""
    programmes = ProgrammeIndex(
        [
            Programme(
                _text(row.get("name")),
                _text(row.get("short_name")),
                _text(row.get("fund")),
                _split(row.get("aliases")),
            )
            for row in tables.get("programmes", [])
            if _text(row.get("name"))
        ]
    )
    programme_names = {
        _text(row.get("id")): _text(row.get("name")) for row in tables.get("programmes", [])
    }
    return programmes, programme_names


def _projects_read(
    tables: Tables,
    record: CatalogueRecord,
    programmes: ProgrammeIndex,
    programme_names: dict[str, str],
) -> dict[str, ProjectRecord]:
    """Add the projects sheet's rows to `record` (with their categories); return them by id."""
    by_id: dict[str, ProjectRecord] = {}
    project: ProjectRecord | None
    for number, row in enumerate(tables["projects"], start=2):
        slug = _text(row.get("id"))
        if not slug:
            continue
        start, problem_start = _edtf(_text(row.get("period_start")))
        end, problem_end = (
            ("..", None)
            if _text(row.get("period_end")) == ".."
            else _edtf(_text(row.get("period_end")))
        )
        project = ProjectRecord(
            slug=slug,
            title=text_clean(_text(row.get("title"))),
            short_name=_text(row.get("short_name")),
            kind=_text(row.get("kind")) or "project",
            description=_text(row.get("description")),
            language=_text(row.get("language")) or "sv",
            period_start=start,
            period_end=end,
            period_text=_text(row.get("period_text")),
            categories=_split(row.get("categories")),
            programmes=[
                programme_names.get(p) or programmes.resolve(p)[0].name
                for p in _split(row.get("programmes"))
            ],
            lines=[(number, number)],
        )
        for problem in (problem_start, problem_end):
            if problem:
                record.findings.append(Finding("invalid-date", problem, slug, number, "error"))
        for category in project.categories:
            if category not in record.categories:
                record.categories.append(category)
        by_id[slug] = project
        record.projects.append(project)
    return by_id


def _participations_read(
    tables: Tables,
    by_id: dict[str, ProjectRecord],
    organisations: OrganisationIndex,
    id_to_name: dict[str, str],
) -> None:
    """Add each participation row to its project."""
    for row in tables.get("participations", []):
        project = by_id.get(_text(row.get("project")))
        if project is None:
            continue
        name = id_to_name.get(_text(row.get("organisation"))) or _text(row.get("organisation_name"))
        resolution = organisations.resolve(name, country=_text(row.get("country")) or None)
        project.participants.append(
            ParticipationRecord(
                resolution.organisation.name,
                _text(row.get("role")) or "partner",
                _text(row.get("unit")) or resolution.unit,
            )
        )


def _funding_read(tables: Tables, by_id: dict[str, ProjectRecord]) -> None:
    """Add each funding row to its project; a row whose amount is not a number is skipped."""
    for row in tables.get("funding", []):
        project = by_id.get(_text(row.get("project")))
        try:
            amount = Decimal(_text(row.get("amount")).replace(" ", "").replace(",", "."))
        except InvalidOperation:
            continue
        if project is not None:
            amount = amount.quantize(Decimal(1)) if amount == amount.to_integral() else amount
            project.funding.append(
                FundingRecord(
                    amount,
                    _text(row.get("currency")),
                    _text(row.get("kind")) or "other",
                    _text(row.get("approximate")) in ("1", "True", "true"),
                    _text(row.get("text")),
                )
            )


def _links_and_contacts_read(tables: Tables, by_id: dict[str, ProjectRecord]) -> None:
    """Add each link and contact row to its project."""
    for row in tables.get("links", []):
        if (project := by_id.get(_text(row.get("project")))) is not None:
            project.links.append(LinkRecord(_text(row.get("label")), _text(row.get("url")) or None))
    for row in tables.get("contacts", []):
        if (project := by_id.get(_text(row.get("project")))) is None:
            continue
        phones = []
        for part in _split(row.get("phones")):
            digits, _, kind = part.partition(" ")
            if (phone := phone_parse(digits, kind=kind or None)) is not None:
                phones.append(PhoneRecord(phone.number, phone.kind))
        project.contacts.append(
            ContactRecord(
                _text(row.get("name")),
                _text(row.get("title")),
                _text(row.get("organisation")),
                _text(row.get("email")),
                phones,
            )
        )


def _quality_read(tables: Tables, record: CatalogueRecord) -> None:
    """Add the quality sheet's findings to `record`."""
    for row in tables.get("quality", []):
        line = _text(row.get("line"))
        record.findings.append(
            Finding(
                _text(row.get("code")),
                _text(row.get("message")),
                _text(row.get("project")) or None,
                int(float(line)) if line else None,
                _text(row.get("severity")) or "warning",
                _text(row.get("source")) or None,
            )
        )


def xlsx_tables(data: bytes) -> Tables:
    """Return every sheet of a workbook as a list of row dicts keyed by the header row."""
    import io

    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    tables: Tables = {}
    for sheet in book.worksheets:
        rows = sheet.iter_rows(values_only=True)
        header = [str(h) if h is not None else "" for h in next(rows, [])]
        tables[sheet.title] = [
            dict(zip(header, r, strict=False)) for r in rows if any(c is not None for c in r)
        ]
    return tables
