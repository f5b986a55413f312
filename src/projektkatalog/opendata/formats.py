"""The export formats, each one small object: its name, media type, file extension and one
method that writes the export document. The CLI, the site's downloads, the data dictionary
and DCAT all loop over `FORMATS`; adding a format is adding one object here."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from projektkatalog.opendata import writers


@dataclass(frozen=True)
class ExportFormat:
    name: str  # as in URLs and on the command line: json, jsonld, csv, xlsx
    media_type: str  # what the HTTP response and DCAT declare
    extension: str  # of the file a download saves
    eu_format: str  # the EU file-type vocabulary's name, for DCAT's dct:format
    writer: Callable[[dict[str, Any], str], bytes]

    def write(self, document: dict[str, Any], base_url: str = "") -> bytes:
        """Return the export document in this format (URLs made absolute with `base_url`)."""
        return self.writer(document, base_url)


FORMATS: dict[str, ExportFormat] = {
    f.name: f
    for f in (
        ExportFormat(
            "json",
            "application/json; charset=utf-8",
            "json",
            "JSON",
            lambda document, base: writers.json_text(document).encode(),
        ),
        ExportFormat(
            "jsonld",
            "application/ld+json; charset=utf-8",
            "jsonld",
            "JSON_LD",
            lambda document, base: writers.json_text(
                writers.jsonld_export(document, base)
            ).encode(),
        ),
        ExportFormat("csv", "application/zip", "zip", "CSV", writers.csv_export),
        ExportFormat(
            "xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "xlsx",
            "XLSX",
            writers.xlsx_export,
        ),
    )
}
