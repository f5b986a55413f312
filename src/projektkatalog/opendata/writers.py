"""Open-data exports of the catalogue: CSV, XLSX, JSON, JSON-LD, and the data dictionary.

Every writer takes the export documents that `catalogue.selectors.catalogue_export` builds, so
all formats say the same thing. Contact persons are left out of open exports unless asked for.
"""

from __future__ import annotations

import csv
import io
import json
import tomllib
import zipfile
from functools import cache
from importlib import resources
from typing import Any


@cache
def columns() -> dict[str, list[dict[str, str]]]:
    """Return the data dictionary: the columns of each table, described in sv and en."""
    text = (
        resources.files("projektkatalog.opendata.data").joinpath("columns.toml").read_text("utf-8")
    )
    return tomllib.loads(text)


def _funding_text(f: dict[str, Any]) -> str:
    return f"{'~' if f['approximate'] else ''}{f['amount']} {f['currency']} {f['kind']}"


def project_rows(document: dict[str, Any], base_url: str = "") -> list[dict[str, Any]]:
    """Return one row per project, with the columns of the data dictionary."""
    names = {o["id"]: o["name"] for o in document["organisations"]}
    rows = []
    for p in document["projects"]:
        leads = [names[x["organisation"]] for x in p["participants"] if x["role"] == "lead"]
        others = [names[x["organisation"]] for x in p["participants"] if x["role"] != "lead"]
        rows.append(
            {
                "id": p["id"],
                "title": p["title"],
                "short_name": p["short_name"] or "",
                "kind": p["kind"],
                "status": p["status"],
                "period_start": p["period"]["start"] or "",
                "period_end": p["period"]["end"] or "",
                "period_text": p["period"].get("text") or "",
                "categories": " | ".join(p["categories"]),
                "language": p["language"],
                "programmes": " | ".join(p["programmes"]),
                "lead": " | ".join(leads),
                "partners": " | ".join(others),
                "funding": " | ".join(_funding_text(f) for f in p["funding"]),
                "links": " | ".join(
                    f"{link['label']} <{link['url']}>" if link["url"] else link["label"]
                    for link in p["links"]
                ),
                "description": p["description"],
                "url": f"{base_url}/projekt/{p['id']}/",
            }
        )
    return rows


def participation_rows(document: dict[str, Any]) -> list[dict[str, Any]]:
    """Return one row per organisation and role in a project."""
    organisations = {o["id"]: o for o in document["organisations"]}
    return [
        {
            "project": p["id"],
            "organisation": x["organisation"],
            "organisation_name": organisations[x["organisation"]]["name"],
            "country": organisations[x["organisation"]]["country"] or "",
            "role": x["role"],
            "unit": x["unit"] or "",
        }
        for p in document["projects"]
        for x in p["participants"]
    ]


def _csv(rows: list[dict[str, Any]], table: str) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(
        out, fieldnames=[c["name"] for c in columns()[table]], lineterminator="\r\n"
    )
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def csv_export(document: dict[str, Any], base_url: str = "") -> bytes:
    """Return a ZIP with projects.csv and participations.csv (UTF-8 with BOM, for Excel)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "projects.csv", "\ufeff" + _csv(project_rows(document, base_url), "projects")
        )
        archive.writestr(
            "participations.csv", "\ufeff" + _csv(participation_rows(document), "participations")
        )
    return buffer.getvalue()


def projects_csv(document: dict[str, Any], base_url: str = "") -> str:
    """Return the projects table alone as CSV text."""
    return _csv(project_rows(document, base_url), "projects")


def detail_rows(document: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """Return the tables beyond projects and participations, for the complete workbook."""
    tables: dict[str, list[dict[str, Any]]] = {
        "funding": [
            {
                "project": p["id"],
                "amount": f["amount"],
                "currency": f["currency"],
                "kind": f["kind"],
                "approximate": int(f["approximate"]),
                "text": f["text"],
            }
            for p in document["projects"]
            for f in p["funding"]
        ],
        "links": [
            {"project": p["id"], "label": link["label"], "url": link["url"] or ""}
            for p in document["projects"]
            for link in p["links"]
        ],
        "organisations": [
            {
                "id": o["id"],
                "name": o["name"],
                "aliases": " | ".join(o["aliases"]),
                "country": o["country"] or "",
            }
            for o in document["organisations"]
        ],
        "programmes": [
            {
                "id": p["id"],
                "name": p["name"],
                "short_name": p["short_name"] or "",
                "fund": p["fund"] or "",
                "aliases": " | ".join(p["aliases"]),
            }
            for p in document["programmes"]
        ],
        "categories": [{"name": c["name"]} for c in document["categories"]],
        "quality": [
            {
                "project": q["project"] or "",
                "code": q["code"],
                "severity": q["severity"],
                "message": q["message"],
                "source": q["source"] or "",
                "line": q["line"],
            }
            for q in document["quality"]
        ],
    }
    if any("contacts" in p for p in document["projects"]):
        tables["contacts"] = [
            {
                "project": p["id"],
                "name": c["name"],
                "title": c["title"] or "",
                "organisation": c["organisation"] or "",
                "email": c["email"] or "",
                "phones": " | ".join(f"{ph['number']} {ph['kind']}" for ph in c["phones"]),
            }
            for p in document["projects"]
            for c in p.get("contacts", [])
        ]
    return tables


def xlsx_export(document: dict[str, Any], base_url: str = "") -> bytes:
    """Return an XLSX workbook: one sheet per table and a sheet describing every column.

    The workbook holds everything the JSON export does (contacts only when the document has
    them), so that an editor can change it in Excel or LibreOffice and import it again.
    """
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    tables = {
        "projects": project_rows(document, base_url),
        "participations": participation_rows(document),
        **detail_rows(document),
    }
    for table, rows in tables.items():
        sheet = workbook.create_sheet(table)
        names = [c["name"] for c in columns()[table]]
        sheet.append(names)
        for row in rows:
            sheet.append([_cell(row[n]) for n in names])
    sheet = workbook.create_sheet("columns")
    sheet.append(["table", "column", "beskrivning", "description"])
    for table, cols in columns().items():
        if table in tables:
            for c in cols:
                sheet.append([table, c["name"], c["sv"], c["en"]])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _cell(value: Any) -> Any:
    """Guard against formula injection: text starting with = + - @ is stored as text."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def jsonld_export(document: dict[str, Any], base_url: str = "") -> dict[str, Any]:
    """Return the catalogue as schema.org JSON-LD: a DataCatalog-free list of Project nodes."""
    organisations = {o["id"]: o for o in document["organisations"]}
    programmes = {p["id"]: p for p in document["programmes"]}
    graph = []
    for p in document["projects"]:
        node: dict[str, Any] = {
            "@type": "Project",
            "@id": f"{base_url}/projekt/{p['id']}/",
            "name": p["title"],
            "description": p["description"],
            "inLanguage": p["language"],
            "member": [
                {
                    "@type": "Organization",
                    "@id": f"{base_url}/organisationer/{x['organisation']}/",
                    "name": organisations[x["organisation"]]["name"],
                    "roleName": x["role"],
                }
                for x in p["participants"]
            ],
            "funder": [
                {"@type": "Organization", "name": programmes[i]["name"]} for i in p["programmes"]
            ],
        }
        if p["period"]["start"]:
            node["foundingDate"] = p["period"]["start"]
        if p["period"]["end"] and p["period"]["end"] != "..":
            node["dissolutionDate"] = p["period"]["end"]
        graph.append(node)
    return {"@context": "https://schema.org", "@graph": graph}


def json_text(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
