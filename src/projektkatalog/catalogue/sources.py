"""Turn an uploaded or named file into a catalogue record, whatever its kind.

One place decides how a file is read — a page (text, HTML, Markdown), our own export layout
(XLSX, CSV, CSV ZIP), or any table through a mapping file — so that the CLI and the editors'
workspace read the same file the same way. Problems with the file are `SourceError`s whose
message is one line for the person who gave it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Callable
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any

from projektkatalog.catalogue.limits import limits_problem
from projektkatalog.catalogue.selectors import organisations_known, programmes_known
from projektkatalog.domain.records import CatalogueRecord

if TYPE_CHECKING:
    from projektkatalog.domain.readers.export_layout import Tables

LAYOUT_SUFFIXES = (".xlsx", ".zip", ".csv")


class SourceError(Exception):
    """A problem with a source file, said in one line (in English, for the command line); the
    `code` lets the workspace say it in the editor's language and explain what to do."""

    def __init__(self, message: str, *, code: str = "unreadable", name: str = "") -> None:
        super().__init__(message)
        self.code = code
        self.name = name


def page_text(name: str, data: bytes) -> str:
    """Return a page's text: not binary, UTF-8 (`source_read` has refused an empty file)."""
    if b"\x00" in data[:8192]:
        raise SourceError(
            f"{name}: a binary file, not a text or HTML page", code="binary", name=name
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise SourceError(
            f"{name}: not UTF-8 text (byte {error.start})", code="encoding", name=name
        ) from None


def _layout_tables(name: str, data: bytes, xlsx_tables: Callable[[bytes], Tables]) -> Tables:
    """Return the tables of an exported workbook, CSV ZIP or single projects CSV."""
    suffix = PurePath(name).suffix.lower()
    if suffix == ".xlsx":
        return xlsx_tables(data)
    if suffix == ".zip":
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return {
                PurePath(n).stem: list(
                    csv.DictReader(io.StringIO(archive.read(n).decode("utf-8-sig")))
                )
                for n in archive.namelist()
                if n.endswith(".csv")
            }
    return {"projects": list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))}


def source_read(
    name: str,
    data: bytes,
    *,
    mapping: dict[str, Any] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> CatalogueRecord:
    """Return the catalogue record of file `name` with content `data`.

    Organisations and programmes already in the catalogue are matched, so a new spelling of a
    known body joins it rather than adding a second one.
    """
    if not data.strip():
        raise SourceError(f"{name}: the file is empty", code="empty", name=name)
    if problem := limits_problem(name, data, rows=mapping is not None):
        raise SourceError(f"{name}: {problem[1]}", code=problem[0], name=name)
    layout = mapping is None and PurePath(name).suffix.lower() in LAYOUT_SUFFIXES
    text = "" if mapping is not None or layout else page_text(name, data)
    organisations, programmes = organisations_known(), programmes_known()
    if layout:
        from projektkatalog.domain.readers.export_layout import (
            LayoutError,
            layout_read,
            xlsx_tables,
        )

        try:
            record = layout_read(_layout_tables(name, data, xlsx_tables), source=name)
        except LayoutError as error:
            raise SourceError(f"{name}: {error}", name=name) from None
        except Exception as error:  # noqa: BLE001 - a damaged workbook or archive
            raise SourceError(
                f"{name}: cannot read it as Projektkatalog's export ({type(error).__name__})",
                code="damaged",
                name=name,
            ) from None
    elif mapping is None:
        from projektkatalog.domain.build import page_read

        record = page_read(
            text,
            source=name,
            progress=progress,
            organisations=organisations,
            programmes=programmes,
        )
    else:
        from projektkatalog.domain.readers.mapped import MappingError, mapped_read
        from projektkatalog.domain.readers.rows import RowsError, rows_read

        try:
            rows = rows_read(Path(name), data)
            record = mapped_read(
                rows,
                mapping,
                source=name,
                today=dt.date.today(),
                progress=progress,
                organisations=organisations,
                programmes=programmes,
            )
        except (RowsError, MappingError, KeyError, csv.Error) as error:
            raise SourceError(f"{name}: {error}", name=name) from None
        except (AttributeError, TypeError, ValueError) as error:
            # A mapping file of the wrong shape (a table where a text belongs, ...); found by
            # fuzzing. Said in one line rather than a traceback.
            raise SourceError(
                f"{name}: the mapping file is not in the expected shape "
                f"({type(error).__name__}: {str(error).splitlines()[0] if str(error) else ''})",
                code="mapping-shape",
                name=name,
            ) from None
    if not record.projects:
        kind = "page" if not (mapping or layout) else "file"
        raise SourceError(
            f"{name}: no projects found in the {kind}", code=f"no-projects-{kind}", name=name
        )
    return record
