"""Rows from structured files: a JSON list of objects, CSV with a header row, XLSX's first sheet."""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO


class RowsError(ValueError):
    """The file is not a table of rows."""


_BETWEEN = re.compile(r"[ \t\r\n,]*")
CHUNK = 1 << 20  # bytes of a JSON list decoded at a time


def json_rows(stream: BinaryIO) -> Iterator[dict[str, Any]]:
    """Yield the objects of a JSON list one at a time, reading and decoding the file a chunk
    at a time (`stream` is positioned anywhere before the list's "[").

    A list of 550,000 rows read as one document takes gigabytes as Python objects; read one
    object at a time it takes the memory of one chunk (the rows' own objects are let go as
    soon as the reader has taken what it needs from them), and the file itself need not be
    in memory either.
    """
    decoder = json.JSONDecoder()
    text = codecs.getincrementaldecoder("utf-8-sig")()
    ended = False

    def more() -> str:
        nonlocal ended
        data = stream.read(CHUNK)
        ended = len(data) < CHUNK
        return text.decode(data, final=ended)

    buffer = ""
    while not buffer.lstrip() and not ended:
        buffer += more()
    buffer = buffer.lstrip()
    at = 1  # after the "[", which `rows_read` has seen
    while True:
        while True:
            between = _BETWEEN.match(buffer, at)
            assert between is not None  # the pattern matches the empty string too
            at = between.end()
            if at < len(buffer) or ended:
                break
            buffer, at = more(), 0
        if at >= len(buffer):
            # A file cut short: importing the rows before the cut would remove the rest.
            raise RowsError("not valid JSON (the list of rows does not end: is the file whole?)")
        if buffer[at] == "]":
            return
        try:
            row, end = decoder.raw_decode(buffer, at)
        except json.JSONDecodeError as error:
            if ended:
                raise RowsError(f"not valid JSON ({error})") from None
            buffer, at = buffer[at:] + more(), 0
            continue
        if not isinstance(row, dict):
            raise RowsError("JSON must be a list of objects, one per row")
        yield row
        at = end


def rows_read(path: Path, data: bytes) -> Iterable[dict[str, Any]]:
    """Return the rows of a JSON, CSV or XLSX file, each a dict keyed by column name (the rows
    of a JSON list as they are read)."""
    suffix = path.suffix.lower()
    if suffix == ".json":
        if data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"[":
            return json_rows(io.BytesIO(data))
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
