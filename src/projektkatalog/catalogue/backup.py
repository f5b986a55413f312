"""Backup and restore of the whole database: catalogue, users, history and pending uploads.

A backup is a tar file with `manifest.json` (what it is, which database engine, when) and the
database itself: a SQLite copy made with SQLite's online backup API, or a `pg_dump -Fc` archive.
Both read one consistent moment while the site keeps answering and writing. Uploads awaiting an
editor's review live in the database (PendingImport keeps the file's bytes), so they come along.
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
from pathlib import Path

from django.apps import apps
from django.db import connection

FORMAT = "projektkatalog-backup"
VERSION = 1
MEMBERS = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
ENGINE_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
# Rows that `migrate` itself writes into a new database: they do not make it "in use".
BOOKKEEPING = {"contenttypes.ContentType", "auth.Permission", "auth.Group", "sessions.Session"}


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
    manifest: dict[str, object] = {
        "format": FORMAT,
        "version": VERSION,
        "engine": engine,
        "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }
    output.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=output.parent, prefix=".backup-") as work:
        dump = Path(work) / MEMBERS[engine]
        _dump(engine, dump)
        partial = Path(work) / "backup.tar"
        with tarfile.open(partial, "w") as tar:
            data = json.dumps(manifest, indent=2).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
            tar.add(dump, arcname=dump.name)
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


def database_restore(backup: Path, *, force: bool = False) -> dict[str, object]:
    """Bring a backup back into the database, which must be empty unless `force`."""
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
        if manifest.get("engine") != engine:
            theirs = ENGINE_NAMES.get(str(manifest.get("engine")), str(manifest.get("engine")))
            raise BackupError(
                f"{backup}: a backup of a {theirs} database cannot be restored into "
                f"{ENGINE_NAMES[engine]}; point DATABASE_URL at a {theirs} database"
            )
        if not force and database_in_use():
            raise BackupError(
                "the database is not empty: restore into an empty one, or give --force to "
                "replace everything in it"
            )
        try:
            tar.extract(MEMBERS[engine], work, filter="data")
        except (KeyError, tarfile.TarError):
            raise BackupError(f"{backup}: the backup has no database in it") from None
        _load(engine, Path(work) / MEMBERS[engine])
    return manifest
