"""Faults, each with "nothing lost": kill -9 in an import and an export, a full disk, a
read-only database, two imports at once. On the engine the suite runs on where it matters."""

from __future__ import annotations

import contextlib
import json
import os
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

ENTRY = """  • Fältförsök {n} med kustnära odling
   Försöket {n} prövar odling av tång längs kusten med fiskare och forskare.
   Lead Partner: Region Skåne
   Övriga partners: Lunds universitet, Kustbyn {m} AB
   Projektperiod: 2020-01-01 – 2023-12-31
   Program: Interreg ÖKS
"""


def _page(path: Path, entries: int) -> Path:
    """Write a page of `entries` projects in our own words (long enough to kill mid-import)."""
    lines = ["Projekt och samarbeten", "", " • Havet"]
    lines += [ENTRY.format(n=n, m=n % 13) for n in range(entries)]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def _writing(url: str) -> bool:
    """Return whether some connection holds an open write transaction on the database."""
    if url.startswith("sqlite"):
        name = url.removeprefix("sqlite:///")
        return Path(name + "-journal").exists() or Path(name + "-wal").exists()
    import psycopg

    server, database = url.rsplit("/", 1)
    with psycopg.connect(f"{server}/postgres") as c:
        row = c.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND backend_xid IS NOT NULL",
            [database],
        ).fetchone()
    return bool(row and row[0])


def _start_import(command, url: str, page: Path) -> subprocess.Popen:  # type: ignore[no-untyped-def, type-arg]
    return subprocess.Popen(
        [sys.executable, "-m", "projektkatalog.cli", "import", str(page)],
        env=command.env(url),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _wait_for_write(process, url: str) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + 240
    while not _writing(url):
        assert process.poll() is None, "the import ended before it began to write"
        assert time.monotonic() < deadline
        time.sleep(0.05)


def _integrity_ok(url: str) -> None:
    if url.startswith("sqlite"):
        with sqlite3.connect(url.removeprefix("sqlite:///")) as c:
            assert c.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_kill_9_during_an_import_loses_nothing(command, fresh_database, state, tmp_path):
    url = fresh_database("killed")
    assert command(url, "demo").returncode == 0
    before = state(url)
    # Large enough that its writing lasts well beyond the moment it is seen to begin (imports
    # are written in batches now, and 150 projects were stored before a half-second nap ended).
    importing = _start_import(command, url, _page(tmp_path / "long.txt", 2000))
    _wait_for_write(importing, url)
    importing.send_signal(signal.SIGKILL)
    importing.wait()
    assert state(url) == before
    _integrity_ok(url)
    again = command(url, "import", str(tmp_path / "long.txt"))  # and the next import works
    assert again.returncode == 0, again.stderr
    assert "2000 added" in again.stdout


@contextlib.contextmanager
def _import_lock_held(url: str):  # type: ignore[no-untyped-def]
    """Hold the import lock from outside, as a running import would."""
    from projektkatalog.catalogue.locks import ADVISORY_KEY

    if url.startswith("sqlite"):
        import fcntl

        with open(url.removeprefix("sqlite:///") + ".import-lock", "a") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            yield
        return
    import psycopg

    with psycopg.connect(url, autocommit=True) as c:
        c.execute("SELECT pg_advisory_lock(%s)", [ADVISORY_KEY])
        yield


def test_a_second_import_waits_for_the_first_says_so_and_then_lands(
    command, fresh_database, state, tmp_path
):
    url = fresh_database("twice")
    assert command(url, "migrate").returncode == 0
    with _import_lock_held(url):
        second = _start_import(command, url, _page(tmp_path / "page.txt", 5))
        line = second.stderr.readline()  # type: ignore[union-attr]
        assert line.strip() == "another import is running: waiting for it to finish"
        assert second.poll() is None  # still waiting
        assert state(url)["catalogue"]["projects"] == []
    out, err = second.communicate(timeout=300)
    assert second.returncode == 0, err
    assert "Traceback" not in err
    assert len(state(url)["catalogue"]["projects"]) == 5


@pytest.fixture
def exported(command, fresh_database, demo_path, tmp_path):  # type: ignore[no-untyped-def]
    """A catalogue and an earlier export of it under its final name."""
    url = fresh_database("exports")
    assert command(url, "import", str(demo_path)).returncode == 0
    out = tmp_path / "out" / "projekt.json"
    out.parent.mkdir()
    out.write_text('{"earlier": true}')
    return url, out


def test_kill_9_during_an_export_leaves_the_old_file_or_the_whole_new_one(command, exported):
    url, out = exported
    whole = command(url, "export").stdout
    for delay in (0.3, 0.6, 0.9, 1.2, 1.5, 2.0):
        exporting = subprocess.Popen(
            [sys.executable, "-m", "projektkatalog.cli", "export", "-o", str(out)],
            env=command.env(url),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(delay)
        exporting.send_signal(signal.SIGKILL)
        exporting.wait()
        assert out.read_text() in ('{"earlier": true}', whole)
        json.loads(out.read_text())


def _limit_file_size() -> None:
    """In the child: a file may grow to 4 KB, then writing fails as on a full disk."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))


def test_a_full_disk_during_an_export_leaves_the_old_file_and_says_so(command, exported):
    url, out = exported
    result = subprocess.run(
        [sys.executable, "-m", "projektkatalog.cli", "export", "-o", str(out)],
        env=command.env(url),
        capture_output=True,
        text=True,
        preexec_fn=_limit_file_size,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr.startswith(f"projektkatalog: error: {out}: could not write the file")
    assert len(result.stderr.strip().splitlines()) == 1
    assert out.read_text() == '{"earlier": true}'
    assert sorted(p.name for p in out.parent.iterdir()) == ["projekt.json"]


def test_a_read_only_database_is_one_clear_line_and_unchanged(
    command, fresh_database, state, tmp_path
):
    from tests.conftest import TWO_CATEGORIES_PAGE

    page = tmp_path / "teman.txt"  # a page the demo catalogue does not hold yet: a real write
    page.write_text(TWO_CATEGORIES_PAGE, encoding="utf-8")
    url = fresh_database("readonly")
    if not url.startswith("sqlite"):
        pytest.skip("a read-only database file is a SQLite matter")
    assert command(url, "demo").returncode == 0
    before = state(url)
    database = Path(url.removeprefix("sqlite:///"))
    database.chmod(0o444)
    # As root, file permissions do not bind; drop the capability that overrides them.
    prefix = ["setpriv", "--bounding-set", "-dac_override"] if os.geteuid() == 0 else []
    if prefix and not shutil.which("setpriv"):
        pytest.skip("running as root without setpriv")
    result = subprocess.run(
        [*prefix, sys.executable, "-m", "projektkatalog.cli", "import", str(page)],
        env=command.env(url),
        capture_output=True,
        text=True,
        check=False,
    )
    database.chmod(0o644)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "projektkatalog: error: the database is read-only: check the permissions of its file "
        "and folder"
    ]
    assert state(url) == before


def test_an_unreachable_database_server_is_one_clear_line(command, tmp_path):
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    result = command(f"postgres://nobody@127.0.0.1:{port}/none", "export")
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "projektkatalog: error: cannot reach the database server (DATABASE_URL): is it running?"
    ]


class _Switch:
    """A TCP relay in front of PostgreSQL that can be switched off and on, as if the server
    were stopped and started: off closes every connection and refuses new ones."""

    def __init__(self, target: tuple[str, int]) -> None:
        import socket
        import threading

        self.target, self.sockets, self.lock = target, [], threading.Lock()
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.listener: socket.socket | None = None
        self.on()

    def on(self) -> None:
        import socket
        import threading

        self.listener = socket.create_server(("127.0.0.1", self.port))
        threading.Thread(target=self._accept, args=(self.listener,), daemon=True).start()

    def off(self) -> None:
        if self.listener is None:
            return
        with contextlib.suppress(OSError):  # wakes the thread blocked in accept()
            self.listener.shutdown(2)
        self.listener.close()
        self.listener = None
        with self.lock:
            for s in self.sockets:
                with contextlib.suppress(OSError):
                    s.shutdown(2)
                s.close()
            self.sockets.clear()

    def _accept(self, listener) -> None:  # type: ignore[no-untyped-def]
        import socket
        import threading

        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            server = socket.create_connection(self.target)
            with self.lock:
                self.sockets += [client, server]
            for a, b in ((client, server), (server, client)):
                threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    @staticmethod
    def _pump(source, sink) -> None:  # type: ignore[no-untyped-def]
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass


def _get(port: int) -> tuple[int, str]:
    """Ask for a search never asked before, which no cache can answer without the database."""
    import urllib.error
    import urllib.request
    import uuid

    try:
        url = f"http://127.0.0.1:{port}/?q={uuid.uuid4().hex[:8]}"
        with urllib.request.urlopen(url, timeout=30) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def test_postgresql_stopped_and_started_gives_503_then_recovers_without_restart(
    command, fresh_database
):
    import socket
    from urllib.parse import urlsplit

    url = fresh_database("away")
    if not url.startswith("postgres"):
        pytest.skip("the database server going away is a PostgreSQL matter")
    assert command(url, "demo").returncode == 0
    parts = urlsplit(url)
    switch = _Switch((parts.hostname or "127.0.0.1", parts.port or 5432))
    relayed = url.replace(f":{parts.port}/", f":{switch.port}/")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "projektkatalog.cli",
            "serve",
            "--port",
            str(port),
            "--workers",
            "1",
        ],
        env=command.env(relayed) | {"PROJEKTKATALOG_REQUEST_LOG": "WARNING"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(300):
            with contextlib.suppress(OSError):
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            time.sleep(0.1)
        assert _get(port)[0] == 200
        switch.off()
        status, page = _get(port)
        assert status == 503
        assert "Tillfälligt otillgänglig" in page and "Temporarily unavailable" in page
        switch.on()
        statuses = [_get(port)[0] for _ in range(12)]  # each thread drops its dead connection
        assert statuses[-4:] == [200, 200, 200, 200], statuses
        assert set(statuses) <= {200, 503}
    finally:
        server.terminate()
        server.wait(timeout=30)
        switch.off()


def test_every_real_import_takes_the_lock_whoever_calls_it(db, monkeypatch, demo_path):
    """The workspace's confirmation calls the same service as the CLI: both wait their turn.

    A dry run (the editor's preview) takes no lock and changes nothing.
    """
    from projektkatalog.catalogue import imports
    from projektkatalog.catalogue import models as m

    taken: list[str] = []

    @contextlib.contextmanager
    def recording_lock(waiting=None):  # type: ignore[no-untyped-def]
        taken.append("held")
        assert not m.Project.objects.exists()  # the file is read and stored under the lock
        yield
        taken.append("released")

    monkeypatch.setattr(imports, "import_lock", recording_lock)
    data = demo_path.read_bytes()
    imports.file_import(demo_path.name, data, comment="", dry_run=True)
    assert taken == [] and not m.Project.objects.exists()
    imports.file_import(demo_path.name, data, comment="")
    assert taken == ["held", "released"] and m.Project.objects.exists()


SAVE_THAT_STALLS = """
import sys, time
import django
django.setup()
from django.contrib.auth import get_user_model
from django.db.models.signals import post_save
from django.test import Client
from projektkatalog.catalogue import models as m
from tests.workspace.conftest import form_data

client = Client(SERVER_NAME="localhost")
client.force_login(get_user_model().objects.get(username="redaktor"))
project = m.Project.objects.order_by("position").first()
url = f"/admin/catalogue/project/{project.pk}/change/"
data = form_data(client.get(url).content.decode(), "project_form")
data["title"] = project.title + " (ändrad)"

def stall(sender, instance, **kwargs):
    print("saving", flush=True)  # inside the save's transaction: now is the moment to kill
    time.sleep(300)

post_save.connect(stall, sender=m.Project)
client.post(url, data)
print("saved", flush=True)
"""


def test_kill_9_during_a_workspace_save_loses_nothing(command, fresh_database, state):
    """An editor's save cut off by kill -9 (the worker killed, the machine gone) leaves the
    catalogue, its history and everything else exactly as before: no half-saved project."""
    url = fresh_database("save")
    assert command(url, "demo").returncode == 0
    made = command(
        url,
        code="from django.contrib.auth import get_user_model\n"
        "get_user_model().objects.create_superuser('redaktor', 'r@example.se', 'lösen-ord-1')",
    )
    assert made.returncode == 0, made.stderr
    before = state(url)
    saving = subprocess.Popen(
        [sys.executable, "-c", SAVE_THAT_STALLS],
        env=command.env(url),
        cwd=Path(__file__).resolve().parents[2],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    line = saving.stdout.readline()  # type: ignore[union-attr]
    assert line.strip() == "saving", saving.stderr.read()  # type: ignore[union-attr]
    saving.send_signal(signal.SIGKILL)
    saving.wait()
    assert state(url) == before
    _integrity_ok(url)
