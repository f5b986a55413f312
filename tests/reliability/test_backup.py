"""`projektkatalog backup` and `restore`: the whole database comes back, users, history and
uploads awaiting review included, on the engine the suite runs on (SQLite, then PostgreSQL)."""

from __future__ import annotations

import subprocess
import sys
import tarfile

import pytest

PENDING = """
from django.apps import apps
from django.contrib.auth import get_user_model
data = open({path!r}, "rb").read()
apps.get_model("workspace", "PendingImport").objects.create(
    name="vantar.txt", data=data, sha256="x" * 64, preview={{}},
    uploaded_by=get_user_model().objects.get(username="admin"),
)
"""


@pytest.fixture
def filled(command, fresh_database, demo_path, tmp_path):  # type: ignore[no-untyped-def]
    """A database with a catalogue, its history, an administrator and a pending upload."""
    url = fresh_database("source")
    assert command(url, "import", str(demo_path)).returncode == 0
    admin = command.env(url) | {"PROJEKTKATALOG_ADMIN_PASSWORD": "ett-langt-losenord-99"}
    created = subprocess.run(
        [sys.executable, "-m", "projektkatalog.cli", "createadmin", "admin"],
        env=admin,
        capture_output=True,
        text=True,
        check=False,
    )
    assert created.returncode == 0, created.stderr
    upload = tmp_path / "vantar.txt"
    upload.write_bytes(demo_path.read_bytes()[:2000])
    assert command(url, code=PENDING.format(path=str(upload))).returncode == 0
    return url


def test_backup_and_restore_bring_back_everything(command, fresh_database, filled, state, tmp_path):
    before = state(filled)
    assert before["users"] and before["versions"] and before["pending"]
    assert len(before["catalogue"]["projects"]) == 16
    backup = tmp_path / "nightly.tar"
    result = command(filled, "backup", "-o", str(backup))
    assert result.returncode == 0, result.stderr
    with tarfile.open(backup) as tar:
        assert tar.getnames()[0] == "manifest.json"
    assert state(filled) == before  # a backup changes nothing

    target = fresh_database("target")
    result = command(target, "restore", str(backup))
    assert result.returncode == 0, result.stderr
    assert state(target) == before


def test_restore_into_a_migrated_but_empty_database(
    command, fresh_database, filled, state, tmp_path
):
    backup = tmp_path / "b.tar"
    assert command(filled, "backup", "-o", str(backup)).returncode == 0
    target = fresh_database("migrated")
    assert command(target, "migrate").returncode == 0
    assert command(target, "restore", str(backup)).returncode == 0
    assert state(target) == state(filled)


def test_restore_refuses_a_database_in_use_unless_forced(
    command, fresh_database, filled, state, tmp_path
):
    backup = tmp_path / "b.tar"
    assert command(filled, "backup", "-o", str(backup)).returncode == 0
    other = fresh_database("other")
    assert command(other, "demo").returncode == 0
    demo = state(other)
    refused = command(other, "restore", str(backup))
    assert refused.returncode == 2
    assert refused.stderr.strip().splitlines() == [
        "projektkatalog: error: the database is not empty: restore into an empty one, or give "
        "--force to replace everything in it"
    ]
    assert state(other) == demo != state(filled)  # the administrator and the upload differ
    forced = command(other, "restore", "--force", str(backup))
    assert forced.returncode == 0, forced.stderr
    assert state(other) == state(filled)


@pytest.mark.parametrize(
    ("content", "message"),
    [(None, "no such file"), (b"not a tar", "not a Projektkatalog backup")],
)
def test_a_bad_backup_file_is_one_line(command, fresh_database, tmp_path, content, message):
    path = tmp_path / "bad.tar"
    if content is not None:
        path.write_bytes(content)
    result = command(fresh_database("empty"), "restore", str(path))
    assert result.returncode == 2
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_backup_of_another_engine_is_refused_clearly(command, fresh_database, tmp_path):
    """A PostgreSQL backup cannot go into SQLite, nor a backup of any engine but SQLite into
    PostgreSQL (a SQLite catalogue moving up is tests/catalogue/test_backup_to_postgres.py's)."""
    url = fresh_database("x")
    other = "postgresql" if url.startswith("sqlite") else "mysql"
    path = tmp_path / "other.tar"
    with tarfile.open(path, "w") as tar:
        manifest = tmp_path / "manifest.json"
        manifest.write_text(f'{{"format": "projektkatalog-backup", "engine": "{other}"}}')
        tar.add(manifest, arcname="manifest.json")
    result = command(url, "restore", str(path))
    assert result.returncode == 2
    assert "cannot be restored into" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_backup_taken_during_an_import_is_one_consistent_moment(
    command, fresh_database, state, tmp_path
):
    """While an import writes, the backup holds the catalogue as it was before or after it."""
    from tests.conftest import invented_page

    url = fresh_database("busy")
    assert command(url, "demo").returncode == 0
    before = state(url)["catalogue"]
    page = tmp_path / "prov.txt"  # new projects: the import really writes
    page.write_text(invented_page(60), encoding="utf-8")
    importing = subprocess.Popen(
        [sys.executable, "-m", "projektkatalog.cli", "import", str(page)],
        env=command.env(url),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    backup = tmp_path / "busy.tar"
    taken = command(url, "backup", "-o", str(backup))
    assert importing.wait(timeout=300) == 0
    assert taken.returncode == 0, taken.stderr
    after = state(url)["catalogue"]
    target = fresh_database("busy_restored")
    assert command(target, "restore", str(backup)).returncode == 0
    assert state(target)["catalogue"] in (before, after)
