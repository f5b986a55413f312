"""One import at a time: a lock every importer takes before it reads the database.

Two imports at once would each compare the file with the catalogue as it was before the other,
and on SQLite the second would fail after SQLite's short wait for the write lock. With this
lock the second waits until the first has finished, then imports against what it left.
PostgreSQL: a session advisory lock. SQLite: an exclusive flock on a file beside the database.
"""

from __future__ import annotations

import contextlib
import fcntl
from collections.abc import Callable, Iterator
from pathlib import Path

from django.db import connection

# An arbitrary, fixed key for pg_advisory_lock ("PKIMPORT" read as bytes).
ADVISORY_KEY = 0x504B494D504F5254


@contextlib.contextmanager
def import_lock(waiting: Callable[[], None] | None = None) -> Iterator[None]:
    """Hold the import lock for the block; call `waiting` once if another import holds it."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_try_advisory_lock(%s)", [ADVISORY_KEY])
            if not cursor.fetchone()[0]:
                if waiting:
                    waiting()
                cursor.execute("SELECT pg_advisory_lock(%s)", [ADVISORY_KEY])
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [ADVISORY_KEY])
        return
    name = str(connection.settings_dict["NAME"])
    if connection.vendor != "sqlite" or name.startswith((":memory:", "file:")):
        yield  # nothing shared to guard
        return
    path = Path(name).with_name(Path(name).name + ".import-lock")
    with path.open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if waiting:
                waiting()
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
