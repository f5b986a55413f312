"""What a file given to the importer may be at most, checked before any reader sees it.

Each limit is far above any real catalogue (the largest real page has lines of a few thousand
characters, tables of a few dozen columns) and low enough that a hostile file is refused in
well under a second instead of holding a worker for minutes or its memory for gigabytes.
docs/RELIABILITY.md lists them.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import PurePath

MAX_FILE_BYTES = 50 * 2**20  # the file as uploaded
MAX_LINE_CHARS = 1_000_000  # one line of a page or a CSV
MAX_COLUMNS = 1_000  # the columns of a CSV (counted in its first line)
MAX_UNPACKED_BYTES = 200 * 2**20  # everything inside an XLSX (a zip archive) once unpacked
MAX_PACKING_RATIO = 100  # unpacked size over packed size of any one member of an XLSX

_JSON_LIST = re.compile(rb"(?:\xef\xbb\xbf)?[ \t\r\n]*\[")  # looked at where it starts, not copied


def limits_problem(name: str, data: bytes, *, rows: bool = False) -> tuple[str, str] | None:
    """Return (code, message) for the first limit the file oversteps, else None.

    A JSON list read as `rows` (through a mapping) is read one row at a time (`readers.rows`), so neither its size nor
    the length of its lines holds more memory than a row does: it is not limited here (the
    workspace limits what an editor may upload; the operator's command line loads a whole
    country's rows from one file).
    """
    suffix = PurePath(name).suffix.lower()
    if rows and suffix == ".json" and _JSON_LIST.match(data):
        return None
    if len(data) > MAX_FILE_BYTES:
        return "too-large", f"the file is larger than {MAX_FILE_BYTES // 2**20} MB"
    if suffix == ".xlsx" or data[:4] == b"PK\x03\x04":
        return _archive_problem(data)
    longest = max((len(line) for line in data.split(b"\n")), default=0)
    if longest > MAX_LINE_CHARS:
        return "line-too-long", f"a line is longer than {MAX_LINE_CHARS:,} characters"
    if suffix == ".csv":
        first = data.split(b"\n", 1)[0]
        columns = max(first.count(sep) for sep in (b",", b";", b"\t")) + 1
        if columns > MAX_COLUMNS:
            return "too-many-columns", f"the table has more than {MAX_COLUMNS:,} columns"
    return None


def _archive_problem(data: bytes) -> tuple[str, str] | None:
    """Refuse a zip that would unpack to far more than it is (a "zip bomb")."""
    try:
        members = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except Exception:  # noqa: BLE001 - zipfile raises many kinds (even NotImplementedError)
        return None  # not a readable archive after all: the reader says what it is
    unpacked = sum(m.file_size for m in members)
    ratio = max((m.file_size / max(m.compress_size, 1) for m in members), default=0)
    if unpacked > MAX_UNPACKED_BYTES or ratio > MAX_PACKING_RATIO:
        return "archive-too-large", (
            f"the workbook would unpack to {unpacked // 2**20} MB "
            f"(at most {MAX_UNPACKED_BYTES // 2**20} MB, packed at most {MAX_PACKING_RATIO}:1)"
        )
    return None
