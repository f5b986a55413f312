"""Open-data exports of the catalogue: CSV, XLSX, JSON, JSON-LD, CSV on the Web metadata, and the
data dictionary.

Every writer takes the export documents that `catalogue.selectors.catalogue_export` builds, so
all formats say the same thing. Contact persons are left out of open exports unless asked for.
"""

from __future__ import annotations

import csv
import io
import json
import tomllib
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from importlib import resources
from typing import IO, Any

import orjson

from projektkatalog.domain.cells import cells_neutralise
from projektkatalog.domain.periods import edtf_bounds

SEPARATOR = " | "  # between the values of a multi-valued cell (CSV, XLSX)
BOM = "\ufeff"  # the UTF-8 byte-order mark some spreadsheet programs want first


def project_url(base_url: str, slug: str) -> str:
    """Return a project's page, its @id in JSON-LD (the Swedish URL, one for every language)."""
    return f"{base_url}/projekt/{slug}/"


def organisation_url(base_url: str, slug: str) -> str:
    """Return an organisation's page, its @id in JSON-LD."""
    return f"{base_url}/organisationer/{slug}/"


def programme_url(base_url: str, slug: str) -> str:
    """Return a programme's page, its @id as a funder in JSON-LD."""
    return f"{base_url}/program/{slug}/"


@cache
def columns() -> dict[str, list[dict[str, str]]]:
    """Return the data dictionary: the columns of each table, described in sv and en."""
    text = (
        resources.files("projektkatalog.opendata.data").joinpath("columns.toml").read_text("utf-8")
    )
    return tomllib.loads(text)


def _funding_text(f: dict[str, Any]) -> str:
    return f"{'~' if f['approximate'] else ''}{f['amount']} {f['currency']} {f['kind']}"


# The tables' rows are tuples in the data dictionary's column order, not dicts keyed by column:
# at a million projects the dicts cost more than the rows' values. `ROW_FIELDS` names what each
# position holds, and the writers check it against the dictionary before the first row.
ROW_FIELDS: dict[str, tuple[str, ...]] = {
    "projects": (
        "id",
        "title",
        "short_name",
        "kind",
        "status",
        "period_start",
        "period_end",
        "period_text",
        "categories",
        "language",
        "programmes",
        "lead",
        "partners",
        "funding",
        "links",
        "description",
        "url",
    ),
    "participations": ("project", "organisation", "organisation_name", "country", "role", "unit"),
    "funding": ("project", "amount", "currency", "kind", "approximate", "text"),
    "links": ("project", "label", "url"),
    "organisations": ("id", "name", "aliases", "country"),
    "programmes": ("id", "name", "short_name", "fund", "aliases"),
    "categories": ("name",),
    "quality": ("project", "code", "severity", "message", "source", "line"),
    "contacts": ("project", "name", "title", "organisation", "email", "phones"),
}


def column_names(table: str) -> list[str]:
    """Return the columns of `table` in the data dictionary's order, which its rows follow."""
    names = [c["name"] for c in columns()[table]]
    if tuple(names) != ROW_FIELDS[table]:
        raise RuntimeError(f"the rows of {table} no longer follow columns.toml: {names}")
    return names


def _project_rows(document: dict[str, Any], base_url: str = "") -> Iterator[tuple[Any, ...]]:
    """Yield one row per project (ROW_FIELDS["projects"])."""
    names = {o["id"]: o["name"] for o in document["organisations"]}
    join = SEPARATOR.join
    for p in document["projects"]:
        participants = p["participants"]
        period = p["period"]
        yield (
            p["id"],
            p["title"],
            p["short_name"] or "",
            p["kind"],
            p["status"],
            period["start"] or "",
            period["end"] or "",
            period.get("text") or "",
            join(p["categories"]),
            p["language"],
            join(p["programmes"]),
            join([names[x["organisation"]] for x in participants if x["role"] == "lead"]),
            join([names[x["organisation"]] for x in participants if x["role"] != "lead"]),
            join([_funding_text(f) for f in p["funding"]]),
            join(
                [
                    f"{link['label']} <{link['url']}>" if link["url"] else link["label"]
                    for link in p["links"]
                ]
            ),
            p["description"],
            project_url(base_url, p["id"]),
        )


def _participation_rows(document: dict[str, Any]) -> Iterator[tuple[Any, ...]]:
    """Yield one row per organisation and role in a project (ROW_FIELDS["participations"])."""
    organisations = {o["id"]: (o["name"], o["country"] or "") for o in document["organisations"]}
    for p in document["projects"]:
        for x in p["participants"]:
            name, country = organisations[x["organisation"]]
            yield (p["id"], x["organisation"], name, country, x["role"], x["unit"] or "")


def tables(document: dict[str, Any], base_url: str = "") -> dict[str, Iterable[tuple[Any, ...]]]:
    """Return every table of the export, projects first, as rows in the data dictionary's
    column order; each table is read from the document as it is iterated (once), so a streamed
    document stays streamed."""
    return {
        "projects": _project_rows(document, base_url),
        "participations": _participation_rows(document),
        **detail_rows(document),
    }


def _table_rows(document: dict[str, Any], table: str, base_url: str) -> Iterable[tuple[Any, ...]]:
    """Return the rows of one table, reading nothing the others need."""
    if table == "projects":
        return _project_rows(document, base_url)
    if table == "participations":
        return _participation_rows(document)
    return detail_rows(document, contacts=table == "contacts")[table]


def table_csv(document: dict[str, Any], table: str, base_url: str = "") -> bytes:
    """Return one table as CSV (RFC 4180: UTF-8 without a byte-order mark, CRLF, a header)."""
    out = io.BytesIO()
    table_csv_stream(document, table, base_url, out)
    return out.getvalue()


def table_csv_stream(document: dict[str, Any], table: str, base_url: str, out: IO[bytes]) -> None:
    """Write one table as CSV to `out`, row by row (as `table_csv` returns it)."""
    text = io.TextIOWrapper(out, encoding="utf-8", newline="")
    try:
        writer = csv.writer(text, lineterminator="\r\n")
        writer.writerow(column_names(table))
        writer.writerows(map(cells_neutralise, _table_rows(document, table, base_url)))
    finally:
        text.flush()
        text.detach()  # `out` stays open: it is the caller's


def detail_rows(
    document: dict[str, Any], *, contacts: bool | None = None
) -> dict[str, Iterable[tuple[Any, ...]]]:
    """Return the tables beyond projects and participations, for the complete workbook; each
    read from the document as it is iterated, as rows in the data dictionary's column order.
    The contacts table is there when the projects carry contacts (`contacts=None`: look at the
    first project), or as `contacts` says."""
    result: dict[str, Iterable[tuple[Any, ...]]] = {
        "funding": (
            (
                p["id"],
                f["amount"],
                f["currency"],
                f["kind"],
                int(f["approximate"]),
                f["text"],
            )
            for p in document["projects"]
            for f in p["funding"]
        ),
        "links": (
            (p["id"], link["label"], link["url"] or "")
            for p in document["projects"]
            for link in p["links"]
        ),
        "organisations": (
            (o["id"], o["name"], SEPARATOR.join(o["aliases"]), o["country"] or "")
            for o in document["organisations"]
        ),
        "programmes": (
            (
                p["id"],
                p["name"],
                p["short_name"] or "",
                p["fund"] or "",
                SEPARATOR.join(p["aliases"]),
            )
            for p in document["programmes"]
        ),
        "categories": ((c["name"],) for c in document["categories"]),
        "quality": (
            (
                q["project"] or "",
                q["code"],
                q["severity"],
                q["message"],
                q["source"] or "",
                q["line"],
            )
            for q in document["quality"]
        ),
    }
    if _has_contacts(document) if contacts is None else contacts:
        result["contacts"] = (
            (
                p["id"],
                c["name"],
                c["title"] or "",
                c["organisation"] or "",
                c["email"] or "",
                SEPARATOR.join(f"{ph['number']} {ph['kind']}" for ph in c["phones"]),
            )
            for p in document["projects"]
            for c in p.get("contacts", [])
        )
    return result


def _has_contacts(document: dict[str, Any]) -> bool:
    """Whether the projects carry contact persons (the operator publishes them): the first
    project says it for all, as every project of one document has them or none does."""
    return any("contacts" in p for p in _first(document["projects"]))


def _first(rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    for row in rows:
        return [row]
    return []


def xlsx_stream(document: dict[str, Any], base_url: str, out: IO[bytes]) -> None:
    """Write an XLSX workbook to `out`: one sheet per table and a sheet describing every column.

    openpyxl's write-only mode keeps each sheet's rows in a temporary file, not in memory.

    The workbook holds everything the JSON export does (contacts only when the document has
    them), so that an editor can change it in Excel or LibreOffice and import it again.
    """
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheets = tables(document, base_url)
    for table, rows in sheets.items():
        sheet = workbook.create_sheet(table)
        sheet.append(column_names(table))
        for row in rows:
            sheet.append(cells_neutralise(row))
    sheet = workbook.create_sheet("columns")
    sheet.append(["table", "column", "beskrivning", "description"])
    for table, cols in columns().items():
        if table in sheets:
            for c in cols:
                sheet.append([table, c["name"], c["sv"], c["en"]])
    workbook.save(out)


def xlsx_export(document: dict[str, Any], base_url: str = "") -> bytes:
    """Return the XLSX workbook `xlsx_stream` writes."""
    buffer = io.BytesIO()
    xlsx_stream(document, base_url, buffer)
    return buffer.getvalue()


def schema_dates(start: str | None, end: str | None) -> dict[str, str]:
    """Return schema.org's foundingDate and dissolutionDate for an EDTF period, as ISO 8601 dates.

    schema.org wants ISO 8601, which has no seasons: the start becomes the first day it can mean
    and the end the last (summer 2019 ends 2019-08-31, April 2016 starts 2016-04-01, 2015 starts
    2015-01-01). An open end (..) or an unknown date gives no property; the EDTF stays in the
    JSON export's `period`.
    """
    dates = {}
    if first := edtf_bounds(start)[0]:
        dates["foundingDate"] = first.isoformat()
    if last := edtf_bounds(end)[1]:
        dates["dissolutionDate"] = last.isoformat()
    return dates


def schema_project(
    *,
    url: str,
    title: str,
    description: str,
    language: str,
    members: list[tuple[str, str, str]],
    funders: list[tuple[str, str]],
    start: str | None,
    end: str | None,
) -> dict[str, Any]:
    """Return one project as a schema.org Project node (the site's pages and the download share it).

    `url` is absolute and is the node's @id; members are (page, name, role) and funders (the
    programme's page, name). The project's own words carry their language as a
    JSON-LD language tag, because schema.org has no inLanguage for a Project. Each member is an
    OrganizationRole (schema.org's Role pattern), so that its role in the project (`roleName`) is
    said of the participation, not of the organisation. The role is tied to the organisation by
    the organisation's `memberOf` (written with JSON-LD's `@reverse`), which is the same statement
    as the pattern's `member` on the role, since schema.org declares the two inverse, but keeps
    every triple inside schema.org's domains (`member` belongs to organisations, not roles).
    """
    node: dict[str, Any] = {
        "@type": "Project",
        "@id": url,
        "url": url,
        "name": {"@value": title, "@language": language},
        "member": [
            {
                "@type": "OrganizationRole",
                "roleName": role,
                "@reverse": {
                    "memberOf": {"@type": "Organization", "@id": member_url, "name": name}
                },
            }
            for member_url, name, role in members
        ],
        "funder": [
            {"@type": "Organization", "@id": funder_url, "name": name}
            for funder_url, name in funders
        ],
    }
    if description:
        node["description"] = {"@value": description, "@language": language}
    node.update(schema_dates(start, end))
    return node


def jsonld_export(document: dict[str, Any], base_url: str) -> dict[str, Any]:
    """Return the catalogue as schema.org JSON-LD: one Project node per project, absolute @ids."""
    return {"@context": "https://schema.org", "@graph": list(_jsonld_graph(document, base_url))}


def jsonld_stream(document: dict[str, Any], base_url: str, out: IO[bytes]) -> None:
    """Write what `jsonld_export` returns as `json_text` would, node by node."""
    graph = _Stream(lambda: _jsonld_graph(document, base_url))
    json_stream({"@context": "https://schema.org", "@graph": graph}, out)


def _jsonld_graph(document: dict[str, Any], base_url: str) -> Iterator[dict[str, Any]]:
    if not base_url.startswith(("http://", "https://")):
        raise ValueError("JSON-LD needs the site's absolute address (PROJEKTKATALOG_BASE_URL)")
    organisations = {o["id"]: o for o in document["organisations"]}
    programmes = {p["id"]: p for p in document["programmes"]}
    return (
        schema_project(
            url=project_url(base_url, p["id"]),
            title=p["title"],
            description=p["description"],
            language=p["language"],
            members=[
                (
                    organisation_url(base_url, x["organisation"]),
                    organisations[x["organisation"]]["name"],
                    x["role"],
                )
                for x in p["participants"]
            ],
            funders=[(programme_url(base_url, i), programmes[i]["name"]) for i in p["programmes"]],
            start=p["period"]["start"],
            end=p["period"]["end"],
        )
        for p in document["projects"]
    )


def csvw_metadata() -> dict[str, Any]:
    """Return CSV on the Web metadata for the CSV tables, from the same column dictionary.

    Table URLs are relative to the metadata file (`/data/projekt.csv-metadata.json`), as CSV on
    the Web resolves them; multi-valued cells name their separator.
    """
    from projektkatalog.opendata.formats import FORMATS, TABLES, Output

    def text(sv: str, en: str) -> list[dict[str, str]]:
        return [{"@value": sv, "@language": "sv"}, {"@value": en, "@language": "en"}]

    described: dict[str, Output] = {"projects": FORMATS["csv"], **TABLES}
    files = {table: output.path.rsplit("/", 1)[-1] for table, output in described.items()}
    result: dict[str, Any] = {
        "@context": "http://www.w3.org/ns/csvw",
        "dc:title": text("Projekt och samarbeten", "Projects and collaborations"),
        "dc:license": {"@id": "http://creativecommons.org/publicdomain/zero/1.0/"},
        "dialect": {"encoding": "utf-8", "header": True, "lineTerminators": ["\r\n"]},
        "tables": [],
    }
    for table, described_by in described.items():
        schema: dict[str, Any] = {"columns": []}
        for c in columns()[table]:
            column: dict[str, Any] = {
                "name": c["name"],
                "titles": c["name"],
                "dc:description": text(c["sv"], c["en"]),
                "datatype": CSVW_DATATYPES.get(c.get("datatype", "string"), "string"),
            }
            if "separator" in c:
                column["separator"] = c["separator"]
            schema["columns"].append(column)
        if table in ("projects", "organisations", "programmes"):
            schema["primaryKey"] = "id"
        keys = [
            {
                "columnReference": c["name"],
                "reference": {
                    "resource": files[c["references"]],
                    "columnReference": "id",
                },
            }
            for c in columns()[table]
            if "references" in c
        ]
        if keys:
            schema["foreignKeys"] = keys
        result["tables"].append(
            {
                "url": files[table],
                "dc:description": text(described_by.sv, described_by.en),
                "tableSchema": schema,
            }
        )
    return result


# The dictionary's datatypes as CSV on the Web reads them; everything else is a string.
CSVW_DATATYPES: dict[str, Any] = {
    "integer": "integer",
    "decimal": "decimal",
    "anyURI": "anyURI",
    "boolean": {"base": "boolean", "format": "1|0"},
}


def json_text(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


class _Stream:
    """An iterable made afresh by `make` each time (as the streamed document's parts are)."""

    def __init__(self, make: Callable[[], Iterator[Any]]) -> None:
        self._make = make

    def __iter__(self) -> Iterator[Any]:
        return self._make()


def _streamed(value: Any) -> bool:
    """Whether `value` is written item by item: an iterable that is not a list, dict or text."""
    return isinstance(value, Iterable) and not isinstance(value, (str, bytes, list, tuple, dict))


def _holds_stream(value: Any) -> bool:
    if isinstance(value, dict):
        return any(_streamed(v) or _holds_stream(v) for v in value.values())
    if isinstance(value, (list, tuple)):
        return any(_streamed(v) or _holds_stream(v) for v in value)
    return False


# orjson writes what json.dumps(ensure_ascii=False, indent=2) writes (the same escapes, key order,
# separators and shortest float digits), many times faster, except for a float below 1e-4, which
# it writes without Python's exponent (0.000015 for 1.5e-05, 1e-7 for 1e-07): output where such a
# number may be is written again by json (text such as "1e-5" or "0.00001" too, only slower).
# orjson refuses what json cannot write too (a stream, an integer past 64 bits), so those also go
# to json; and what orjson alone would write (a dataclass, a date, a subclass of str) is handed
# back to json by the passthrough options.
_ORJSON = (
    orjson.OPT_INDENT_2
    | orjson.OPT_PASSTHROUGH_DATACLASS
    | orjson.OPT_PASSTHROUGH_DATETIME
    | orjson.OPT_PASSTHROUGH_SUBCLASS
)
_DIGITS = frozenset(b"0123456789")


def _json_plain(value: Any) -> bytes | None:
    """Return `value` as json.dumps(value, ensure_ascii=False, indent=2) would write it, in
    UTF-8, when orjson writes it the same way; None when only json can say."""
    try:
        text = orjson.dumps(value, option=_ORJSON)
    except TypeError:  # orjson.JSONEncodeError: a stream inside, or a type json alone writes
        return None
    return None if _tiny_float(text) else text


def _tiny_float(text: bytes) -> bool:
    """Whether `text` may hold a float written below 1e-4: "0.0000", or "e-" between digits.
    Not a regex search: "e-" is common in Swedish prose (e-tjänster, Skåne-), and scanning every
    project for it cost more than orjson writing the project."""
    if b"0.0000" in text:
        return True
    at = text.find(b"e-", 1)
    while at != -1:
        if text[at - 1] in _DIGITS and text[at + 2 : at + 3].isdigit():
            return True
        at = text.find(b"e-", at + 2)
    return False


def _json_chunks(value: Any, level: int) -> Iterator[bytes]:
    """Yield `value` as `json.dumps(value, ensure_ascii=False, indent=2)` would write it at
    nesting `level`, in UTF-8, writing streamed parts an item at a time."""
    inner = ("\n" + "  " * (level + 1)).encode()
    outer = ("\n" + "  " * level).encode()
    if (plain := _json_plain(value)) is not None:  # no stream inside: the common case
        yield plain.replace(b"\n", outer) if level else plain
    elif isinstance(value, dict) and _holds_stream(value):
        yield b"{"
        for n, (key, item) in enumerate(value.items()):
            yield (b"," if n else b"") + inner + json.dumps(key, ensure_ascii=False).encode()
            yield b": "
            yield from _json_chunks(item, level + 1)
        yield outer + b"}" if value else b"}"
    elif _streamed(value) or (isinstance(value, (list, tuple)) and _holds_stream(value)):
        empty = True
        for n, item in enumerate(value):
            yield (b"[" if n == 0 else b",") + inner
            yield from _json_chunks(item, level + 1)
            empty = False
        yield b"[]" if empty else outer + b"]"
    else:
        text = json.dumps(value, ensure_ascii=False, indent=2).replace("\n", outer.decode())
        yield text.encode("utf-8")


def json_stream(data: Any, out: IO[bytes]) -> None:
    """Write exactly what `json_text(data)` returns to `out`, without holding it in memory:
    iterables other than lists (the streamed document's projects) are written item by item."""
    pending: list[bytes] = []
    size = 0
    for chunk in _json_chunks(data, 0):
        pending.append(chunk)
        size += len(chunk)
        if size > 1 << 16:
            out.write(b"".join(pending))
            pending, size = [], 0
    pending.append(b"\n")
    out.write(b"".join(pending))
