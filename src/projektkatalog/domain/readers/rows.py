"""Rows from structured files: a JSON list of objects, CSV with a header row, XLSX's first sheet."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any


class RowsError(ValueError):
    """The file is not a table of rows."""


def rows_read(path: Path, data: bytes) -> list[dict[str, Any]]:
    """Return the rows of a JSON, CSV or XLSX file, each a dict keyed by column name."""
    suffix = path.suffix.lower()
    if suffix == ".json":
        try:
            document = json.loads(data.decode("utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise RowsError(f"not valid JSON ({error})") from None
        if isinstance(document, dict):  # {"records": [...]} and the like
            lists = [v for v in document.values() if isinstance(v, list)]
            document = lists[0] if len(lists) == 1 else document
        if not isinstance(document, list) or not all(isinstance(r, dict) for r in document):
            raise RowsError("JSON must be a list of objects, one per row")
        return document
    if suffix == ".csv":
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise RowsError(f"not UTF-8 text (byte {error.start})") from None
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t") if text.strip() else csv.excel
        return list(csv.DictReader(io.StringIO(text), dialect=dialect))
    if suffix == ".xlsx":
        from openpyxl import load_workbook

        # Read-only workbooks read their sheets lazily, so a damaged one can fail while its rows
        # are read as well as when it is opened (found by fuzzing): both are in the `try`.
        try:
            book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            values = book.worksheets[0].iter_rows(values_only=True)
            header = [str(h) if h is not None else "" for h in next(values, [])]
            return [
                dict(zip(header, row, strict=False))
                for row in values
                if any(c is not None for c in row)
            ]
        except Exception as error:  # noqa: BLE001 - openpyxl raises many kinds for a bad file
            raise RowsError(f"not a readable XLSX workbook ({type(error).__name__})") from None
    raise RowsError(
        f"cannot read {suffix or 'files without an ending'} as rows (use .json, .csv or .xlsx)"
    )
