"""The one way a file enters the catalogue, from the command line or the workspace alike: read
it, import it in one transaction as one revision of the history, and say what changed."""

from __future__ import annotations

import gc
import hashlib
import logging
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import connection, transaction

from projektkatalog.catalogue.labels import today
from projektkatalog.catalogue.listing import listing_warm
from projektkatalog.catalogue.locks import import_lock
from projektkatalog.catalogue.revisions import RevisionWriter
from projektkatalog.catalogue.services import ImportSummary, catalogue_import_batches
from projektkatalog.catalogue.sources import record_join, source_batches
from projektkatalog.domain.records import CatalogueRecord
from projektkatalog.search import search_words_take

logger = logging.getLogger("projektkatalog.imports")


@dataclass
class ImportResult:
    record: CatalogueRecord  # what was read, findings included (see `file_import`'s `keep`)
    summary: ImportSummary  # what was (or, in a dry run, would be) added, changed, removed


def file_import(
    name: str,
    data: bytes | Path,
    *,
    mapping: dict[str, Any] | None = None,
    comment: str,
    user: Any = None,
    dry_run: bool = False,
    keep: bool = True,
    progress: Callable[[int, int], None] | None = None,
    waiting: Callable[[], None] | None = None,
) -> ImportResult:
    """Import file `name` (its bytes, or its path, `data`; read through `mapping` when it is a
    table).

    Raises `sources.SourceError` for a file that cannot be read; then nothing has changed.
    A dry run does all the work and rolls it back, so its summary is exactly what a real
    import would do; a real import is one revision (with `user` and `comment`) in the history
    of every project it adds or changes. The file is read, built and stored a batch at a time
    in one transaction; the result's record holds the categories read, and with `keep` the
    projects, bodies, programmes and findings as well (a caller loading a whole country's
    file passes False, so that memory stays that of one batch); `progress` hears (projects
    stored, rows read) as the import goes.

    A real import holds the import lock (`locks.import_lock`) from reading to the end, whoever
    calls it (the CLI, the workspace's confirmation), so a second import waits for the first
    and then compares its file with what the first left; `waiting` is called once if it has
    to wait. A dry run takes no lock: it changes nothing, and an editor's preview should not
    wait minutes behind a large import run from the command line.
    """
    read = CatalogueRecord(source=name)

    def kept(
        batches: Iterable[tuple[CatalogueRecord, int]],
    ) -> Iterator[tuple[CatalogueRecord, int]]:
        for record, rows in batches:
            if keep:
                record_join(read, record)
            else:
                read.categories.extend(record.categories)
            yield record, rows

    if dry_run:
        with _collector_settled():
            batches = source_batches(name, data, mapping=mapping, progress=progress)
            sha256 = _digest(data)
            summary = catalogue_import_batches(
                kept(batches), source_name=name, sha256=sha256, dry_run=True, progress=progress
            )
        return ImportResult(record=read, summary=summary)
    with import_lock(waiting), _collector_settled():
        batches = source_batches(name, data, mapping=mapping, progress=progress)
        sha256 = _digest(data)
        with _load_settings(), transaction.atomic():
            history = RevisionWriter(user=user, comment=comment)
            summary = catalogue_import_batches(
                kept(batches), source_name=name, sha256=sha256, history=history, progress=progress
            )
            history.close()
        _word_list_taken()  # under the lock this import holds already
    _listing_warmed()
    return ImportResult(record=read, summary=summary)


def _digest(data: bytes | Path) -> str:
    """Return the SHA-256 of a file's content, reading a file given by its path a part at a
    time."""
    if isinstance(data, bytes):
        return hashlib.sha256(data).hexdigest()
    digest = hashlib.sha256()
    with data.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def catalogue_warm() -> list[str]:
    """Have ready what the first visitors after a change ask for, and return what failed: what
    every import does at its end, for `projektkatalog warm` on a new day.

    - The search's word list taken afresh (SQLite): an import's projects, and the editors'
      saves, are each in its log of projects written since, and beyond a few thousand of them
      the search goes back to the slower trigram index. Taking it writes, so it waits for the
      import lock: an import holds SQLite's write lock for minutes.
    - The listing index and the catalogue's first pages (`listing.listing_warm`).
    Each failure is logged and the other step still done: neither changes the catalogue, and
    the search and the pages answer correctly without them, only slower.
    """
    with import_lock():
        words = _word_list_taken()
    return [
        name
        for name, done in (("the search's word list", words), ("the listing", _listing_warmed()))
        if not done
    ]


def _word_list_taken() -> bool:
    """Take the search's word list (see `catalogue_warm`); return whether it was taken."""
    try:
        search_words_take()
    except Exception:
        logger.exception("the search's word list could not be taken")
        return False
    return True


def _listing_warmed() -> bool:
    """Warm the listing (see `catalogue_warm`); return whether it was."""
    try:
        listing_warm(today=today())
    except Exception:
        logger.exception("the catalogue's first page could not be prepared")
        return False
    return True


# Objects made between two young collections of the cycle collector during an import (700 by
# default): building a batch makes millions, nearly all of them kept until the batch is stored.
LOAD_GC_THRESHOLD = 10_000


@contextmanager
def _collector_settled() -> Iterator[None]:
    """Have the cycle collector look for garbage every 10,000 new objects rather than every
    700 while an import runs: it spent 4.5 of some 18 CPU seconds of a 20,000-project re-import
    scanning a batch's objects, all still in use (1.6 s so). Cycles are still collected, so
    memory stays that of one batch (the same peak). Freezing what the process held before
    (`gc.freeze`) saved half a second more but held 125 MiB more at the peak."""
    with _collector.lock:
        if not _collector.imports:
            _collector.threshold = gc.get_threshold()
            gc.set_threshold(LOAD_GC_THRESHOLD, *_collector.threshold[1:])
        _collector.imports += 1
    try:
        yield
    finally:
        with _collector.lock:
            _collector.imports -= 1
            if not _collector.imports:
                gc.set_threshold(*_collector.threshold)


@dataclass
class _Collector:
    """The process's imports running now (previews run in request threads side by side): the
    first sets the threshold, the last puts back the one it found, so that two overlapping
    imports never leave the raised threshold behind."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    imports: int = 0
    threshold: tuple[int, ...] = ()


_collector = _Collector()


# SQLite's page cache while an import writes: its default (2 MB) is far smaller than the
# indexes a large import inserts into, so each batch read them back from disk again.
LOAD_CACHE_KIB = 65536


@contextmanager
def _load_settings() -> Iterator[None]:
    """Give SQLite a larger page cache for the import's transaction, and restore what the
    connection had once it has ended. It changes neither what is written nor how safely:
    durability and the journal stay as they are."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        cache = cursor.fetchone()[0]
        cursor.execute(f"PRAGMA cache_size = -{LOAD_CACHE_KIB}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {int(cache)}")
