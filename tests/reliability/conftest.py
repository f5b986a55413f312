"""Fixtures for the reliability tests: an editor in the workspace, a client that checks CSRF."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

from tests.workspace.conftest import _user


@pytest.fixture
def editor(db):  # type: ignore[no-untyped-def]
    return _user("redaktor", admin=False)


@pytest.fixture
def strict_client(editor):  # type: ignore[no-untyped-def]
    """A logged-in editor's browser that, like a real one, must present the CSRF token."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    return client


ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def fresh_database(tmp_path):  # type: ignore[no-untyped-def]
    """Return a maker of new, empty databases on the engine the suite runs on.

    With DATABASE_URL pointing at PostgreSQL (the suite's second run) each is a new database on
    that server, dropped afterwards; otherwise a new SQLite file under tmp_path.
    """
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        yield lambda name: f"sqlite:///{tmp_path}/{name}.sqlite3"
        return
    from tests.support import pgserver

    with pgserver.databases(url.rsplit("/", 1)[0], "reliab_") as make:
        yield make


@pytest.fixture
def command(tmp_path):  # type: ignore[no-untyped-def]
    """Run `projektkatalog` (or `python -c CODE` with Django set up) against a database URL."""

    def env(url: str) -> dict[str, str]:
        return dict(
            os.environ,
            PROJEKTKATALOG_VAR=str(tmp_path),
            DATABASE_URL=url,
            DJANGO_SETTINGS_MODULE="projektkatalog.settings.base",
        )

    def run(url: str, *args: str, code: str | None = None, timeout: int = 300):  # type: ignore[no-untyped-def]
        head = (
            ["-c", "import django; django.setup()\n" + code]
            if code
            else [
                "-m",
                "projektkatalog.cli",
            ]
        )
        return subprocess.run(
            [sys.executable, *head, *args],
            env=env(url),
            capture_output=True,
            text=True,
            timeout=timeout,
            cwd=ROOT,
            check=False,
        )

    run.env = env  # type: ignore[attr-defined]
    return run


@pytest.fixture
def state(command):  # type: ignore[no-untyped-def]
    """Return everything a database holds that must survive (tests/reliability/state.py)."""

    def read(url: str) -> dict:  # type: ignore[type-arg]
        result = subprocess.run(
            [sys.executable, "-m", "tests.reliability.state"],
            env=command.env(url),
            capture_output=True,
            text=True,
            cwd=ROOT,
            check=True,
            timeout=300,
        )
        return json.loads(result.stdout)  # type: ignore[no-any-return]

    return read
