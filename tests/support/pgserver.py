"""Run a command against a throw-away PostgreSQL server, as pytest-postgresql does.

    python -m tests.support.pgserver -- pytest
    python -m tests.support.pgserver --replica -- COMMAND     # and a streaming standby

initdb makes a cluster in a temporary folder, pg_ctl starts it on a free loopback port, the
command runs with DATABASE_URL pointing at it, and the server and folder are removed after.
PostgreSQL refuses to run as root, so as root the server runs as the `postgres` user.

The server is set up to stream its changes (wal_level=replica, replication allowed from
loopback in pg_hba.conf), so that `standby()` can start a second server from it: a base backup
taken with `pg_basebackup -R`, started as a hot standby (read-only, replaying the primary's WAL
as it comes). `--replica` starts one around the command and names it in DATABASE_REPLICA_URLS;
tests start their own with `standby(DATABASE_URL)`.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass

# Replication from loopback, whatever initdb's defaults are in the version installed.
HBA_REPLICATION = "host replication all 127.0.0.1/32 trust\n"


def _binary(name: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)
    if found:
        return found[0]
    path = shutil.which(name)
    if path is None:
        sys.exit(f"pgserver: {name} not found; run `make system-deps` (apt-get install postgresql)")
    return path


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _as_server_user() -> list[str]:
    """Return the prefix that runs a command as the user the server runs as."""
    return ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []


def _folder_make(prefix: str) -> str:
    folder = tempfile.mkdtemp(prefix=prefix)
    if os.geteuid() == 0:
        user = pwd.getpwnam("postgres")
        os.chown(folder, user.pw_uid, user.pw_gid)
    return folder


@dataclass
class Server:
    """One running PostgreSQL server: its folder (data, socket, log) and loopback port."""

    folder: str
    port: int

    @property
    def data(self) -> str:
        return os.path.join(self.folder, "data")

    def url(self, database: str = "projektkatalog") -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def start(self, *options: str) -> None:
        """Start the server on its port (fsync off: the data is thrown away afterwards)."""
        subprocess.run(
            [
                *_as_server_user(),
                _binary("pg_ctl"),
                "-D",
                self.data,
                "-l",
                os.path.join(self.folder, "server.log"),
                "-w",
                "-o",
                " ".join([f"-p {self.port} -k {self.folder} -h 127.0.0.1 -F", *options]),
                "start",
            ],
            check=True,
            stdout=subprocess.DEVNULL,
            cwd=self.folder,
        )

    def stop(self, mode: str = "fast") -> None:
        """Stop the server and remove its folder; nothing is left running or on disk.

        A standby is stopped `immediate`ly: its data is thrown away, and a clean shutdown would
        only spend seconds writing a restart point."""
        if os.path.exists(os.path.join(self.data, "postmaster.pid")):
            subprocess.run(
                [*_as_server_user(), _binary("pg_ctl"), "-D", self.data, "-m", mode, "-w", "stop"],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                cwd=self.folder,
            )
        shutil.rmtree(self.folder, ignore_errors=True)


def primary_start() -> Server:
    """Start a new, empty server that a standby may stream from."""
    server = Server(_folder_make("projektkatalog-pg-"), _free_port())
    try:
        subprocess.run(
            [
                *_as_server_user(),
                _binary("initdb"),
                "-D",
                server.data,
                "-U",
                "postgres",
                "--auth=trust",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
            ],
            check=True,
            stdout=subprocess.DEVNULL,
            cwd=server.folder,
        )
        hba = os.path.join(server.data, "pg_hba.conf")
        with open(hba, encoding="utf-8") as f:
            rules = f.read()
        if HBA_REPLICATION not in rules:
            with open(hba, "a", encoding="utf-8") as f:
                f.write(HBA_REPLICATION)
        server.start("-c wal_level=replica", "-c max_wal_senders=5")
    except BaseException:
        server.stop()
        raise
    return server


def _address(url: str) -> tuple[str, int]:
    parts = urllib.parse.urlsplit(url)
    return parts.hostname or "127.0.0.1", parts.port or 5432


def standby_start(primary_url: str) -> Server:
    """Start a hot standby streaming from the server at `primary_url` (which must be local:
    the standby runs on this machine as the same user)."""
    host, port = _address(primary_url)
    server = Server(_folder_make("projektkatalog-pg-standby-"), _free_port())
    try:
        subprocess.run(
            [
                *_as_server_user(),
                _binary("pg_basebackup"),
                *("-h", host, "-p", str(port), "-U", "postgres"),
                *("-D", server.data, "-R", "-X", "stream", "-c", "fast"),
            ],
            check=True,
            stdout=subprocess.DEVNULL,
            cwd=server.folder,
        )
        server.start("-c hot_standby=on")
    except BaseException:
        server.stop("immediate")
        raise
    return server


def standby_wait(primary_url: str, standby_url: str, *, timeout: float = 30.0) -> None:
    """Return once the standby has replayed everything the primary had written when asked;
    raise TimeoutError if it has not within `timeout` seconds."""
    import psycopg

    with psycopg.connect(_maintenance(primary_url), autocommit=True) as primary:
        row = primary.execute("SELECT pg_current_wal_lsn()").fetchone()
    assert row is not None
    target = row[0]
    deadline = time.monotonic() + timeout
    with psycopg.connect(_maintenance(standby_url), autocommit=True) as standby:
        while True:
            caught = standby.execute(
                "SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", [target]
            ).fetchone()
            if caught and caught[0]:
                return
            if time.monotonic() > deadline:
                raise TimeoutError(f"the standby did not reach {target} in {timeout:.0f} s")
            time.sleep(0.02)


def _maintenance(url: str) -> str:
    """Return the URL of the server's `postgres` database, which always exists."""
    return url.rsplit("/", 1)[0] + "/postgres"


@contextlib.contextmanager
def databases(server: str, prefix: str) -> Iterator[Callable[[str], str]]:
    """Give a maker of new, empty databases on `server` (a URL without a database name), each
    named `prefix` + its name + a random tail, and drop them all on exit."""
    import psycopg

    made: list[str] = []

    def make(name: str) -> str:
        database = f"{prefix}{name}_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{database}"')
        made.append(database)
        return f"{server}/{database}"

    try:
        yield make
    finally:
        if made:
            with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
                for database in made:
                    connection.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


@contextlib.contextmanager
def standby(primary_url: str) -> Iterator[Server]:
    """Run a hot standby of the server at `primary_url`, caught up on entry, removed on exit."""
    server = standby_start(primary_url)
    try:
        standby_wait(primary_url, server.url())
        yield server
    finally:
        server.stop("immediate")


def main(argv: list[str]) -> int:
    options, command = (
        (argv[: argv.index("--")], argv[argv.index("--") + 1 :]) if "--" in argv else ([], argv)
    )
    if not command or set(options) - {"--replica"}:
        sys.exit("usage: python -m tests.support.pgserver [--replica] -- COMMAND ...")
    primary = primary_start()
    replica: Server | None = None
    try:
        env = dict(os.environ, DATABASE_URL=primary.url())
        print(f"pgserver: PostgreSQL on 127.0.0.1:{primary.port}", file=sys.stderr)
        if "--replica" in options:
            replica = standby_start(primary.url())
            env["DATABASE_REPLICA_URLS"] = replica.url()
            print(f"pgserver: its streaming standby on 127.0.0.1:{replica.port}", file=sys.stderr)
        return subprocess.run(command, env=env).returncode
    finally:
        if replica is not None:
            replica.stop("immediate")
        primary.stop()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
