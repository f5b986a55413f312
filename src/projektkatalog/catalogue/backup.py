"""Backup and restore of the whole database: catalogue, users, history and pending uploads.

A backup is a tar file with `manifest.json` (what it is, which database engine, when) and the
database itself: a SQLite copy made with SQLite's online backup API, or a `pg_dump -Fc` archive.
Both read one consistent moment while the site keeps answering and writing. Uploads awaiting an
editor's review live in the database (PendingImport keeps the file's bytes), so they come along.

A SQLite backup also restores into an empty PostgreSQL database: the way a catalogue that has
outgrown SQLite moves (`_load_across`). Every table's rows are copied with COPY in one
transaction; what PostgreSQL keeps beside the rows (indexes, the search's trigram and full-text
indexes, sequences) is built there, not copied.
"""

from __future__ import annotations

import datetime as dt
import glob
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.apps import apps
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.db.migrations.loader import MigrationLoader

FORMAT = "projektkatalog-backup"
VERSION = 1
MEMBERS = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
ENGINE_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
# Rows that `migrate` itself writes into a new database: they do not make it "in use".
BOOKKEEPING = {"contenttypes.ContentType", "auth.Permission", "auth.Group", "sessions.Session"}
# Rows read from SQLite and written to PostgreSQL's COPY at a time: memory stays constant.
BATCH = 5000
# Memory PostgreSQL may use to build each index after the copy (its own setting, for this
# transaction only).
MAINTENANCE_MEMORY = "256MB"


class BackupError(Exception):
    """A backup or restore that cannot be done, said in one line."""


def _engine() -> str:
    if connection.vendor not in MEMBERS:
        raise BackupError(f"backups of a {connection.vendor} database are not supported")
    return connection.vendor


def _pg_binary(name: str) -> str:
    """Return pg_dump or pg_restore: the newest under /usr/lib/postgresql, else from PATH."""
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)
    path = found[0] if found else shutil.which(name)
    if not path:
        raise BackupError(f"{name} is not installed (Debian: apt-get install postgresql-client)")
    return path


def _pg_env() -> dict[str, str]:
    """Return the environment that points pg_dump/pg_restore at Django's database."""
    db = connection.settings_dict
    env = dict(os.environ)
    for key, name in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER")):
        if db.get(key):
            env[name] = str(db[key])
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    env["PGDATABASE"] = str(db["NAME"])
    return env


def _pg_run(args: list[str]) -> None:
    result = subprocess.run(args, env=_pg_env(), capture_output=True, text=True, check=False)
    if result.returncode != 0:
        last = (result.stderr.strip().splitlines() or ["failed"])[-1]
        raise BackupError(f"{Path(args[0]).name}: {last}")


def _dump(engine: str, target: Path) -> None:
    """Write one consistent copy of the database to `target`."""
    if engine == "sqlite":
        connection.ensure_connection()
        copy = sqlite3.connect(target)
        try:
            connection.connection.backup(copy)  # one read transaction: a single moment
        finally:
            copy.close()
    else:
        _pg_run([_pg_binary("pg_dump"), "-Fc", "--no-owner", "--no-acl", "-f", str(target)])


def database_backup(output: Path) -> dict[str, object]:
    """Write a backup of the whole database to `output` and return its manifest.

    The file appears under its name only when complete: it is written beside it and renamed.
    """
    engine = _engine()

    def add(tar: tarfile.TarFile, work: Path) -> None:
        dump = work / MEMBERS[engine]
        _dump(engine, dump)
        tar.add(dump, arcname=dump.name)
        dump.unlink()  # in the tar now

    return _backup_write(engine, output, add)


def sqlite_file_backup(database: Path, output: Path) -> dict[str, object]:
    """Write a backup of the SQLite catalogue in the file `database`, opened read-only (it is
    never written, not even by a migration check), to `output`; return its manifest. For a
    catalogue that no running Django points at: the bench's, which moves it to PostgreSQL.

    Outside WAL mode the file's bytes go into the tar as they are, under a read lock (no writer
    can commit meanwhile: one consistent moment), so that the disk holds the catalogue twice, not
    three times; in WAL mode committed pages may still be in the WAL, so SQLite's backup API."""
    if not database.is_file():
        raise BackupError(f"{database}: no such file")

    def add(tar: tarfile.TarFile, work: Path) -> None:
        source = sqlite3.connect(f"file:{database}?mode=ro", uri=True, isolation_level=None)
        try:
            source.execute("BEGIN")
            source.execute("SELECT count(*) FROM sqlite_master").fetchone()  # the read lock
            if source.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                tar.add(database.resolve(), arcname=MEMBERS["sqlite"])
                return
            dump = work / MEMBERS["sqlite"]
            copy = sqlite3.connect(dump)
            try:
                source.backup(copy)
            finally:
                copy.close()
            tar.add(dump, arcname=dump.name)
            dump.unlink()
        finally:
            source.close()

    return _backup_write("sqlite", output, add)


def _backup_write(
    engine: str, output: Path, add: Callable[[tarfile.TarFile, Path], None]
) -> dict[str, object]:
    """Write the tar of the manifest and the database `add` puts in it (given a scratch
    folder), renamed to `output` when whole."""
    manifest: dict[str, object] = {
        "format": FORMAT,
        "version": VERSION,
        "engine": engine,
        "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }
    output.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=output.parent, prefix=".backup-") as work:
        partial = Path(work) / "backup.tar"
        with tarfile.open(partial, "w") as tar:
            data = json.dumps(manifest, indent=2).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
            add(tar, Path(work))
        with partial.open("rb") as f:
            os.fsync(f.fileno())
        partial.replace(output)
    return manifest


def database_in_use() -> bool:
    """Return whether the database holds anything beyond what `migrate` writes by itself."""
    tables = set(connection.introspection.table_names())
    for model in apps.get_models():
        if model._meta.label in BOOKKEEPING or model._meta.db_table not in tables:
            continue
        if model._default_manager.exists():
            return True
    return False


def _manifest(tar: tarfile.TarFile, name: str) -> dict[str, object]:
    try:
        member = tar.extractfile("manifest.json")
        manifest = json.loads(member.read()) if member else {}
    except (KeyError, ValueError):
        manifest = {}
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{name}: not a Projektkatalog backup")
    return manifest


def _load(engine: str, dump: Path) -> None:
    """Replace the database's contents with the dump's."""
    if engine == "sqlite":
        source = sqlite3.connect(dump)
        connection.ensure_connection()
        try:
            source.backup(connection.connection)  # replaces every page of the target
        finally:
            source.close()
        connection.close()
        return
    connection.close()
    _pg_run(
        [
            _pg_binary("pg_restore"),
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-acl",
            "--single-transaction",
            "-d",
            str(connection.settings_dict["NAME"]),
            str(dump),
        ]
    )


def _tables() -> dict[str, tuple[list[str], list[int]]]:
    """Return every table Django keeps (many-to-many tables included): its columns, and the
    positions of the boolean ones (SQLite stores 0 and 1, PostgreSQL wants true and false)."""
    tables: dict[str, tuple[list[str], list[int]]] = {}
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if not meta.managed or meta.proxy or meta.db_table in tables:
            continue
        fields = meta.local_concrete_fields
        tables[meta.db_table] = (
            [str(f.column) for f in fields],
            [i for i, f in enumerate(fields) if f.get_internal_type() == "BooleanField"],
        )
    return tables


def _versions_match(source: sqlite3.Connection, backup: Path) -> None:
    """Refuse a backup whose tables are not this version's: rows are copied column by column
    into tables `migrate` makes now, which an older or newer backup's would not fit."""
    applied = set(source.execute("SELECT app, name FROM django_migrations"))
    graph = MigrationLoader(None, ignore_no_migrations=True).graph
    if set(graph.leaf_nodes()) - applied or applied - set(graph.nodes):
        raise BackupError(
            f"{backup}: the backup was made by another version of Projektkatalog: restore it "
            "into SQLite, run `projektkatalog migrate`, and back it up again"
        )


# What a COPY would otherwise maintain row by row, dropped before and made again after it (as
# pg_restore does): foreign keys (checked at commit, one queued check per row), primary keys and
# unique constraints, and every other index (the search's GIN indexes among them).
_CONSTRAINTS = """
    SELECT c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid), c.contype
    FROM pg_constraint c
    WHERE c.conrelid = ANY(%s::regclass[]) AND c.contype IN ('f', 'p', 'u')
"""
_INDEXES = """
    SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
    FROM pg_index i
    WHERE i.indrelid = ANY(%s::regclass[])
      AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
"""
# The sequence behind each numbered column of the copied tables, each set past the highest
# number copied.
_SEQUENCES = """
    SELECT a.attrelid::regclass::text, a.attname,
           pg_get_serial_sequence(a.attrelid::regclass::text, a.attname)
    FROM pg_attribute a
    WHERE a.attrelid = ANY(%s::regclass[]) AND a.attnum > 0 AND NOT a.attisdropped
      AND pg_get_serial_sequence(a.attrelid::regclass::text, a.attname) IS NOT NULL
"""


def _quoted(name: str) -> str:
    return connection.ops.quote_name(name)


def _copy_table(
    source: sqlite3.Connection, cursor: Any, table: str, columns: list[str], booleans: list[int]
) -> int:
    """Copy one table's rows from SQLite into PostgreSQL's COPY, BATCH rows at a time."""
    names = ", ".join(_quoted(c) for c in columns)
    rows = source.execute(f"SELECT {names} FROM {_quoted(table)}")  # noqa: S608 (our names)
    count = 0
    with cursor.copy(f"COPY {_quoted(table)} ({names}) FROM STDIN") as copy:
        while batch := rows.fetchmany(BATCH):
            for row in batch:
                if booleans:
                    row = list(row)  # noqa: PLW2901
                    for i in booleans:
                        if row[i] is not None:
                            row[i] = bool(row[i])
                copy.write_row(row)
            count += len(batch)
    return count


def _load_across(dump: Path, backup: Path) -> dict[str, int]:
    """Copy a SQLite backup's rows into this (PostgreSQL) database; return the rows per table.

    The tables are made by `migrate` first (an empty database stays empty if the copy fails).
    Then, in one transaction: every table emptied (of what `migrate` writes itself: content
    types, permissions, groups, whose ids the history refers to), indexes and constraints
    dropped, each table copied, the indexes and constraints made again (the foreign keys are
    checked then, once a table), every sequence set past the highest id. Nothing is committed
    unless all of it is done.
    """
    source = sqlite3.connect(f"file:{dump}?mode=ro", uri=True)
    try:
        _versions_match(source, backup)
    except sqlite3.Error as error:
        source.close()
        raise BackupError(f"{backup}: the backup's database cannot be read ({error})") from None
    except BackupError:
        source.close()
        raise
    import psycopg  # only ever with PostgreSQL, whose driver it is

    counts: dict[str, int] = {}
    try:
        call_command("migrate", verbosity=0, interactive=False)
        tables = _tables()
        present = {row[0] for row in source.execute("SELECT name FROM sqlite_master")}
        missing = sorted(set(tables) - present)
        if missing:
            raise BackupError(f"{backup}: the backup has no table {missing[0]}")
        names = list(tables)
        with transaction.atomic():
            connection.ensure_connection()
            cursor = connection.connection.cursor()
            cursor.execute("SET LOCAL TIME ZONE 'UTC'")  # SQLite keeps UTC times without zone
            # The indexes are built once, after the copy: the trigram index of a million
            # projects' text is built in far fewer passes with more than the default 64 MB.
            cursor.execute(f"SET LOCAL maintenance_work_mem = '{MAINTENANCE_MEMORY}'")
            cursor.execute("TRUNCATE " + ", ".join(_quoted(t) for t in names))
            constraints = cursor.execute(_CONSTRAINTS, [names]).fetchall()
            indexes = cursor.execute(_INDEXES, [names]).fetchall()
            kept = [c for c in constraints if c[3] != "f"]
            foreign = [c for c in constraints if c[3] == "f"]
            for table, name, _definition, _kind in [*foreign, *kept]:
                cursor.execute(f"ALTER TABLE {table} DROP CONSTRAINT {_quoted(name)}")
            for index, _definition in indexes:
                cursor.execute(f"DROP INDEX {index}")
            for table, (columns, booleans) in tables.items():
                counts[table] = _copy_table(source, cursor, table, columns, booleans)
            for table, name, definition, _kind in [*kept, *foreign]:
                cursor.execute(f"ALTER TABLE {table} ADD CONSTRAINT {_quoted(name)} {definition}")
            for _index, definition in indexes:
                cursor.execute(definition)
            for table, column, sequence in cursor.execute(_SEQUENCES, [names]).fetchall():
                cursor.execute(
                    f"SELECT setval(%s, COALESCE(MAX({_quoted(column)}), 1), "
                    f"MAX({_quoted(column)}) IS NOT NULL) FROM {table}",
                    [sequence],
                )
        with connection.cursor() as analyse:
            analyse.execute("ANALYZE")
    except (DatabaseError, sqlite3.Error, psycopg.Error) as error:
        first = (str(error).strip().splitlines() or [type(error).__name__])[0]
        raise BackupError(f"{backup}: the restore failed, nothing was kept: {first}") from None
    finally:
        source.close()
    return counts


def database_restore(backup: Path, *, force: bool = False) -> dict[str, object]:
    """Bring a backup back into the database, which must be empty unless `force`.

    A SQLite backup may also go into PostgreSQL (`_load_across`); the manifest returned then
    says how many rows of how many tables were copied (`rows`, `tables`)."""
    if not backup.is_file():
        raise BackupError(f"{backup}: no such file")
    engine = _engine()
    if not tarfile.is_tarfile(backup):
        raise BackupError(f"{backup}: not a Projektkatalog backup")
    with (
        tarfile.open(backup, "r") as tar,
        tempfile.TemporaryDirectory(prefix="projektkatalog-restore-") as work,
    ):
        manifest = _manifest(tar, str(backup))
        theirs = str(manifest.get("engine"))
        across = (theirs, engine) == ("sqlite", "postgresql")
        if theirs != engine and not across:
            name = ENGINE_NAMES.get(theirs, theirs)
            raise BackupError(
                f"{backup}: a backup of a {name} database cannot be restored into "
                f"{ENGINE_NAMES[engine]}; point DATABASE_URL at a {name} database"
            )
        if not force and database_in_use():
            raise BackupError(
                "the database is not empty: restore into an empty one, or give --force to "
                "replace everything in it"
            )
        try:
            tar.extract(MEMBERS[theirs], work, filter="data")
        except (KeyError, tarfile.TarError):
            raise BackupError(f"{backup}: the backup has no database in it") from None
        except OSError as error:
            raise BackupError(f"{backup}: cannot unpack the database ({error})") from None
        if across:
            counts = _load_across(Path(work) / MEMBERS[theirs], backup)
            manifest = {**manifest, "tables": len(counts), "rows": sum(counts.values())}
        else:
            _load(engine, Path(work) / MEMBERS[engine])
    return manifest
