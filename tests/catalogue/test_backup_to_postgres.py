"""A SQLite catalogue moved to PostgreSQL by `projektkatalog restore` of its backup: the same
export, history, users, pending upload, pages, API answers and search results; every sequence
past the copied ids; a non-empty target, or a backup of another version, left as it was.

Runs against a real PostgreSQL server: the suite's own when it runs on PostgreSQL, otherwise one
started for this module (tests.support.pgserver).
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import tarfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import invented_page

ROOT = Path(__file__).resolve().parents[2]

# An upload awaiting review: its bytes are in the database, so the move must carry them.
PENDING = """
from django.apps import apps
from django.contrib.auth import get_user_model
data = open({path!r}, "rb").read()
apps.get_model("workspace", "PendingImport").objects.create(
    name="i-kon.txt", data=data, sha256="e" * 64, preview={{"rader": 3}},
    uploaded_by=get_user_model().objects.get(username="flyttare"),
)
"""

# Every answer a visitor or a client of the API gets for these paths, read in one process with
# the test client: status and body. The paths name a project, an organisation and a programme
# of the catalogue, and search a word of it, found in the database itself.
ANSWERS = """
import json
from django.test import Client
from projektkatalog.catalogue.models import Organisation, Programme, Project
project = Project.objects.order_by("id")[3]
organisation = Organisation.objects.order_by("id")[2]
programme = Programme.objects.order_by("id").first()
word = project.title.split()[0]
paths = [
    "/", f"/?q={word}", "/?q=energi", f"/projekt/{project.slug}/", "/organisationer/",
    f"/organisationer/{organisation.slug}/", "/program/", f"/program/{programme.slug}/",
    "/statistik/", "/tidslinje/", "/api/v1/projects", f"/api/v1/projects?q={word}",
    f"/api/v1/projects/{project.id}", "/api/v1/organisations",
]
client = Client()
print(json.dumps({p: [(r := client.get(p)).status_code, r.content.decode()] for p in paths}))
"""


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """Return the URL of a PostgreSQL server without its database name."""
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        yield url.rsplit("/", 1)[0]
        return
    from tests.support import pgserver

    try:
        started = pgserver.primary_start()
    except SystemExit as missing:  # no PostgreSQL installed: `make system-deps`
        pytest.skip(str(missing))
    try:
        yield started.url().rsplit("/", 1)[0]
    finally:
        started.stop()


@pytest.fixture
def postgres(server: str) -> Iterator[object]:
    """Return a maker of new, empty PostgreSQL databases, dropped afterwards."""
    from tests.support import pgserver

    with pgserver.databases(server, "moved_") as make:
        yield lambda: make("db")


def _env(url: str, var: Path, settings: str = "projektkatalog.settings.base") -> dict[str, str]:
    return dict(
        os.environ, DATABASE_URL=url, PROJEKTKATALOG_VAR=str(var), DJANGO_SETTINGS_MODULE=settings
    )


def _python(
    args: list[str], env: dict[str, str], *, check: bool = False
) -> subprocess.CompletedProcess:  # type: ignore[type-arg]
    return subprocess.run(
        [sys.executable, *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
        check=check,
    )


def run(
    url: str, var: Path, *args: str, code: str | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess:  # type: ignore[type-arg]
    """Run `projektkatalog ARGS` (or Python `code` with Django set up) against `url`, with
    `env` added to its environment."""
    head = (
        ["-c", "import django; django.setup()\n" + code] if code else ["-m", "projektkatalog.cli"]
    )
    return _python([*head, *args], _env(url, var) | (env or {}))


def state(url: str, var: Path) -> dict:  # type: ignore[type-arg]
    """Everything a backup must keep (tests/reliability/state.py)."""
    result = _python(["-m", "tests.reliability.state"], _env(url, var), check=True)
    return json.loads(result.stdout)  # type: ignore[no-any-return]


def answers(url: str, var: Path) -> dict[str, list[object]]:
    """The pages and API answers of ANSWERS, each process with a cache of its own (the test
    settings' throw-away folder), so that neither database's answers are read from the other's."""
    code = ["-c", "import django; django.setup()\n" + ANSWERS]
    result = _python(code, _env(url, var, "projektkatalog.settings.test"), check=True)
    return json.loads(result.stdout)  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def sqlite_backup(tmp_path_factory: pytest.TempPathFactory, demo_path: Path) -> tuple[str, Path]:
    """A SQLite catalogue (two imports, so projects with two versions in their history; an
    administrator; a pending upload) and its backup."""
    folder = tmp_path_factory.mktemp("sqlite-side")
    url = f"sqlite:///{folder}/katalog.sqlite3"
    assert run(url, folder, "import", str(demo_path)).returncode == 0
    second = folder / "mer.txt"
    second.write_text(invented_page(12), encoding="utf-8")
    assert run(url, folder, "import", str(second)).returncode == 0
    created = run(
        url,
        folder,
        "createadmin",
        "flyttare",
        env={"PROJEKTKATALOG_ADMIN_PASSWORD": "ett-annat-langt-losenord-7"},
    )
    assert created.returncode == 0, created.stderr
    upload = folder / "i-kon.txt"
    upload.write_bytes(demo_path.read_bytes()[:1500])
    assert run(url, folder, code=PENDING.format(path=str(upload))).returncode == 0
    backup = folder / "katalog.tar"
    result = run(url, folder, "backup", "-o", str(backup))
    assert result.returncode == 0, result.stderr
    return url, backup


@pytest.fixture(scope="module")
def demo_path() -> Path:
    from tests.conftest import DEMO

    return DEMO


def test_a_sqlite_catalogue_moves_to_postgresql_whole(sqlite_backup, postgres, tmp_path):  # type: ignore[no-untyped-def]
    source, backup = sqlite_backup
    var = tmp_path / "pg-var"
    target = postgres()
    before = state(source, tmp_path / "sqlite-var")
    assert before["users"] and before["pending"] and before["revisions"]
    assert len(before["revisions"]) >= 2 and before["versions"]

    result = run(target, var, "restore", str(backup))
    assert result.returncode == 0, result.stderr
    assert "into PostgreSQL" in result.stdout
    assert state(target, var) == before
    assert answers(target, tmp_path) == answers(source, tmp_path)
    assert (var / "listing-index").is_dir()  # warmed as after an import

    # Every sequence is past the ids copied: new rows of every kind can be written.
    page = tmp_path / "nya.txt"
    page.write_text(invented_page(5, theme="Nyprojekt"), encoding="utf-8")
    imported = run(target, var, "import", str(page))
    assert imported.returncode == 0, imported.stderr
    user = (
        "from django.contrib.auth import get_user_model\nget_user_model().objects.create_user('ny')"
    )
    assert run(target, var, code=user).returncode == 0
    grown = state(target, var)
    assert len(grown["catalogue"]["projects"]) == len(before["catalogue"]["projects"]) + 5
    assert len(grown["revisions"]) == len(before["revisions"]) + 1
    assert len(grown["users"]) == len(before["users"]) + 1


def test_a_database_in_use_is_refused_and_left_as_it_was(sqlite_backup, postgres, tmp_path):  # type: ignore[no-untyped-def]
    _, backup = sqlite_backup
    var = tmp_path / "pg-var"
    target = postgres()
    assert run(target, var, "demo").returncode == 0
    before = state(target, var)
    refused = run(target, var, "restore", str(backup))
    assert refused.returncode == 2
    assert refused.stderr.strip().splitlines() == [
        "projektkatalog: error: the database is not empty: restore into an empty one, or give "
        "--force to replace everything in it"
    ]
    assert state(target, var) == before


def test_a_backup_of_another_version_is_one_line_and_nothing_is_written(  # type: ignore[no-untyped-def]
    sqlite_backup, postgres, tmp_path
):
    _, backup = sqlite_backup
    database = tmp_path / "database.sqlite3"
    with tarfile.open(backup) as tar:
        tar.extract("database.sqlite3", tmp_path, filter="data")
    with sqlite3.connect(database) as c:  # as if made before the newest migration
        c.execute(
            "DELETE FROM django_migrations WHERE id = (SELECT MAX(id) FROM django_migrations)"
        )
    older = tmp_path / "older.tar"
    with tarfile.open(older, "w") as tar:
        for name in ("manifest.json",):
            with tarfile.open(backup) as original:
                original.extract(name, tmp_path, filter="data")
            tar.add(tmp_path / name, arcname=name)
        tar.add(database, arcname="database.sqlite3")
    var = tmp_path / "pg-var"
    target = postgres()
    result = run(target, var, "restore", str(older))
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "another version of Projektkatalog" in result.stderr
    tables = run(
        target,
        var,
        code="from django.db import connection; print(len(connection.introspection.table_names()))",
    )
    assert tables.stdout.strip() == "0"  # not even migrated


def test_a_copy_that_fails_half_way_keeps_nothing(sqlite_backup, postgres, tmp_path):  # type: ignore[no-untyped-def]
    """A row PostgreSQL refuses (text with a NUL character, which SQLite keeps) comes after
    the catalogue's tables were copied: one line, and not one row is left in the target."""
    _, backup = sqlite_backup
    database = tmp_path / "database.sqlite3"
    with tarfile.open(backup) as tar:
        tar.extract("database.sqlite3", tmp_path, filter="data")
        tar.extract("manifest.json", tmp_path, filter="data")
    with sqlite3.connect(database) as c:
        c.execute(  # the history's last version, a table copied after the catalogue's
            "UPDATE reversion_version SET object_repr = ? "
            "WHERE id = (SELECT MAX(id) FROM reversion_version)",
            ["Noll\x00tecken"],
        )
    broken = tmp_path / "broken.tar"
    with tarfile.open(broken, "w") as tar:
        tar.add(tmp_path / "manifest.json", arcname="manifest.json")
        tar.add(database, arcname="database.sqlite3")
    var = tmp_path / "pg-var"
    target = postgres()
    result = run(target, var, "restore", str(broken))
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "the restore failed, nothing was kept" in result.stderr
    assert "Traceback" not in result.stderr
    rows = run(
        target,
        var,
        code=(
            "from django.db import connection\n"
            "c = connection.cursor()\n"
            "names = connection.introspection.table_names()\n"
            "print(sum(c.execute(f'SELECT count(*) FROM \"{n}\"').fetchone()[0] for n in names"
            " if n not in ('django_migrations', 'django_content_type', 'auth_permission',"
            " 'auth_group', 'auth_group_permissions')))"
        ),
    )
    assert rows.stdout.strip() == "0", rows.stderr
    assert state(target, var)["catalogue"]["projects"] == []
