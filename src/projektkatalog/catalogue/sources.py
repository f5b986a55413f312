"""Turn an uploaded or named file into a catalogue record, whatever its kind.

One place decides how a file is read — a page (text, HTML, Markdown), our own export layout
(XLSX, CSV, CSV ZIP), or any table through a mapping file — so that the CLI and the editors'
workspace read the same file the same way. Problems with the file are `SourceError`s whose
message is one line for the person who gave it.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import zipfile
from collections.abc import Callable, Iterable, Iterator
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


def record_join(whole: CatalogueRecord, batch: CatalogueRecord) -> None:
    """Add a later batch's record to the record of the batches before it: its projects,
    findings and categories after theirs, and the bodies and programmes not named yet (each
    batch names those its own projects use, so one named in several batches is named once)."""
    whole.projects.extend(batch.projects)
    whole.findings.extend(batch.findings)
    whole.categories.extend(batch.categories)
    seen = {o.name for o in whole.organisations}
    whole.organisations.extend(o for o in batch.organisations if o.name not in seen)
    seen = {p.name for p in whole.programmes}
    whole.programmes.extend(p for p in batch.programmes if p.name not in seen)


def source_read(
    name: str,
    data: bytes,
    *,
    mapping: dict[str, Any] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> CatalogueRecord:
    """Return the catalogue record of file `name` with content `data`, read whole (the
    batches of `source_batches` put together).

    Organisations and programmes already in the catalogue are matched, so a new spelling of a
    known body joins it rather than adding a second one.
    """
    whole: CatalogueRecord | None = None
    for record, _ in source_batches(name, data, mapping=mapping, progress=progress):
        if whole is None:
            whole = record
        else:
            record_join(whole, record)
    assert whole is not None  # `source_batches` yields a batch or raises
    whole.organisations.sort(key=lambda o: o.name.casefold())
    whole.programmes.sort(key=lambda p: p.name.casefold())
    return whole


# What a file given as a path is first looked at by (a JSON list starts within it).
HEAD_BYTES = 65536


def source_batches(
    name: str,
    data: bytes | Path,
    *,
    mapping: dict[str, Any] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> Iterator[tuple[CatalogueRecord, int]]:
    """Return the catalogue records of file `name` a batch of projects at a time, each with the
    rows read so far (0 for a page or an export). `data` is the file's content, or its path:
    a JSON list of rows read through a mapping is then read from the file as it goes, so that
    neither the file nor its catalogue is ever whole in memory; any other file is read whole.

    A problem found before reading raises `SourceError` here; one found while reading raises
    it from the iterator, inside the caller's transaction.
    """
    if isinstance(data, Path):
        with data.open("rb") as handle:
            head = handle.read(HEAD_BYTES)
        if not (mapping is not None and _streamed(name, head)):
            return source_batches(name, data.read_bytes(), mapping=mapping, progress=progress)
    elif not data.strip():
        raise SourceError(f"{name}: the file is empty", code="empty", name=name)
    elif problem := limits_problem(name, data, rows=mapping is not None):
        raise SourceError(f"{name}: {problem[1]}", code=problem[0], name=name)
    if mapping is not None:
        return _mapped(name, data, mapping)
    assert isinstance(data, bytes)  # a path was read above unless a mapping streams it
    return _whole(name, data, progress)


def _streamed(name: str, head: bytes) -> bool:
    """Return whether a file starting with `head` is read as it goes: a JSON list of rows."""
    return (
        PurePath(name).suffix.lower() == ".json" and limits_problem(name, head, rows=True) is None
    )


def _whole(
    name: str, data: bytes, progress: Callable[[int, int], None] | None
) -> Iterator[tuple[CatalogueRecord, int]]:
    """Yield the one record of a page or of our own export."""
    layout = PurePath(name).suffix.lower() in LAYOUT_SUFFIXES
    if layout:
        record = _layout_read(name, data)
    else:
        from projektkatalog.domain.build import page_read

        text = page_text(name, data)
        record = page_read(
            text,
            source=name,
            progress=(lambda done, _: progress(done, 0)) if progress else None,
            organisations=organisations_known(),
            programmes=programmes_known(),
        )
    if not record.projects:
        kind = "file" if layout else "page"
        raise SourceError(
            f"{name}: no projects found in the {kind}", code=f"no-projects-{kind}", name=name
        )
    yield record, 0


def _layout_read(name: str, data: bytes) -> CatalogueRecord:
    from projektkatalog.domain.readers.export_layout import LayoutError, layout_read, xlsx_tables

    try:
        return layout_read(_layout_tables(name, data, xlsx_tables), source=name)
    except LayoutError as error:
        raise SourceError(f"{name}: {error}", name=name) from None
    except Exception as error:  # noqa: BLE001 - a damaged workbook or archive
        raise SourceError(
            f"{name}: cannot read it as Projektkatalog's export ({type(error).__name__})",
            code="damaged",
            name=name,
        ) from None


def _mapped(
    name: str, data: bytes | Path, mapping: dict[str, Any]
) -> Iterator[tuple[CatalogueRecord, int]]:
    """Yield the records of a table read through `mapping`, a batch of projects at a time."""
    from projektkatalog.domain.readers.mapped import MappingError, mapped_batches
    from projektkatalog.domain.readers.rows import RowsError, json_rows, rows_read

    projects = 0
    with contextlib.ExitStack() as stack:
        try:
            if isinstance(data, Path):
                rows: Iterable[dict[str, Any]] = json_rows(stack.enter_context(data.open("rb")))
            else:
                rows = rows_read(Path(name), data)
            batches = mapped_batches(
                rows,
                mapping,
                source=name,
                today=dt.date.today(),
                organisations=organisations_known(),
                programmes=programmes_known(),
            )
            for record, read in batches:
                projects += len(record.projects)
                if record.projects:
                    yield record, read
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
    if not projects:
        raise SourceError(
            f"{name}: no projects found in the file", code="no-projects-file", name=name
        )
