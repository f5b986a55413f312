"""The export formats and the CSV tables, each one small object: its name, media type, file
extension, the standard it follows and one method that writes the export document. The CLI, the
site's downloads, the data dictionary and DCAT all loop over `FORMATS` and `TABLES`; adding a
format or a table is adding one object here."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import IO, Any

from projektkatalog.opendata import writers

CSV_MEDIA_TYPE = "text/csv; charset=utf-8"
RFC_4180 = "https://www.rfc-editor.org/rfc/rfc4180"


@dataclass(frozen=True)
class ExportFormat:
    name: str  # as in URLs and on the command line: json, jsonld, csv, xlsx
    media_type: str  # what the HTTP response and DCAT declare
    extension: str  # of the file a download saves
    eu_format: str  # the EU file-type vocabulary's name, for DCAT's dct:format
    writer: Callable[[dict[str, Any], str, IO[bytes]], None]  # (document, base URL, out)
    standard: str  # the specification the output follows (DCAT's dct:conformsTo)
    sv: str  # what the file holds, for DCAT and the download page
    en: str
    needs_base_url: bool = False  # True when a relative URL would change what the file says
    csv: bool = False  # True for CSV, which a reader may ask to start with a byte-order mark

    @property
    def path(self) -> str:
        """Return the URL path the site serves the whole catalogue in this format at."""
        return f"/data/projekt.{self.name}"

    def write(self, document: dict[str, Any], base_url: str = "") -> bytes:
        """Return the export document in this format (URLs made absolute with `base_url`)."""
        out = io.BytesIO()
        self.stream(document, base_url, out)
        return out.getvalue()

    def stream(self, document: dict[str, Any], base_url: str, out: IO[bytes]) -> None:
        """Write the export document to `out` as it is read (a streamed document's projects
        are never all in memory)."""
        self.writer(document, base_url, out)


@dataclass(frozen=True)
class CsvTable:
    """One table of the export beyond the projects, served as a CSV file of its own."""

    name: str  # the data dictionary's table name, also the file's name
    sv: str  # what the table holds, for DCAT and the download page
    en: str
    media_type: str = CSV_MEDIA_TYPE
    extension: str = "csv"
    eu_format: str = "CSV"
    standard: str = RFC_4180
    csv: bool = True

    @property
    def path(self) -> str:
        """Return the URL path the site serves the table at."""
        return f"/data/{self.name}.csv"

    def write(self, document: dict[str, Any], base_url: str = "") -> bytes:
        """Return the table as CSV (UTF-8, comma, CRLF, a header row)."""
        out = io.BytesIO()
        self.stream(document, base_url, out)
        return out.getvalue()

    def stream(self, document: dict[str, Any], base_url: str, out: IO[bytes]) -> None:
        """Write the table as CSV to `out`, row by row."""
        writers.table_csv_stream(document, self.name, base_url, out)


# What the site's downloads and DCAT need of a format or a table.
Output = ExportFormat | CsvTable


FORMATS: dict[str, ExportFormat] = {
    f.name: f
    for f in (
        ExportFormat(
            "json",
            "application/json; charset=utf-8",
            "json",
            "JSON",
            lambda document, base, out: writers.json_stream(document, out),
            "https://www.rfc-editor.org/rfc/rfc8259",
            "Hela katalogen som ett JSON-dokument: projekt, organisationer, program, kategorier "
            "och kvalitetsfynd, perioder som EDTF.",
            "The whole catalogue as one JSON document: projects, organisations, programmes, "
            "categories and quality findings, periods as EDTF.",
        ),
        ExportFormat(
            "jsonld",
            "application/ld+json; charset=utf-8",
            "jsonld",
            "JSON_LD",
            writers.jsonld_stream,
            "https://schema.org/Project",
            "Projekten som länkade data i schema.org-vokabulären (JSON-LD), med absoluta "
            "identiteter och datum enligt ISO 8601.",
            "The projects as linked data in the schema.org vocabulary (JSON-LD), with absolute "
            "identifiers and ISO 8601 dates.",
            needs_base_url=True,
        ),
        ExportFormat(
            "csv",
            CSV_MEDIA_TYPE,
            "csv",
            "CSV",
            lambda document, base, out: writers.table_csv_stream(document, "projects", base, out),
            RFC_4180,
            "Projekttabellen som CSV: en rad per projekt. Kolumnerna beskrivs i ordlistan och "
            "i CSV on the Web-metadata.",
            "The projects table as CSV: one row per project. The columns are described in the "
            "data dictionary and in CSV on the Web metadata.",
            csv=True,
        ),
        ExportFormat(
            "xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "xlsx",
            "XLSX",
            writers.xlsx_stream,
            "https://ecma-international.org/publications-and-standards/standards/ecma-376/",
            "Alla tabeller i en arbetsbok, ett blad per tabell och ett blad som beskriver "
            "kolumnerna. Kan läsas in igen.",
            "Every table in one workbook, a sheet per table and a sheet describing the columns. "
            "Can be imported again.",
        ),
    )
}

# The projects table is FORMATS["csv"]; every other public table has a CSV of its own. Contact
# persons are personal data and never get one (the JSON and XLSX carry them when the operator
# publishes them).
TABLES: dict[str, CsvTable] = {
    t.name: t
    for t in (
        CsvTable(
            "participations",
            "Deltagande: en rad per organisation och roll i ett projekt.",
            "Participations: one row per organisation and role in a project.",
        ),
        CsvTable(
            "funding",
            "Belopp: en rad per belopp ett projekt anger.",
            "Funding: one row per amount a project states.",
        ),
        CsvTable(
            "links",
            "Länkar: en rad per länk från ett projekt.",
            "Links: one row per link from a project.",
        ),
        CsvTable(
            "organisations",
            "Organisationer: en rad per organisation, med andra stavningar.",
            "Organisations: one row per organisation, with other spellings.",
        ),
        CsvTable(
            "programmes",
            "Program och fonder: en rad per program.",
            "Programmes and funds: one row per programme.",
        ),
        CsvTable(
            "categories",
            "Kategorier: en rad per kategori, i sidans ordning.",
            "Categories: one row per category, in page order.",
        ),
        CsvTable(
            "quality",
            "Kvalitetsfynd: en rad per sak som importen fann fel eller oklar.",
            "Quality findings: one row per thing the import found wrong or doubtful.",
        ),
    )
}
