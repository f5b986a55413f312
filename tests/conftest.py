"""Shared fixtures: the sample page under ../shared, when it is there."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from hypothesis import settings

# No per-example deadline anywhere: a deadline is a timing assert, and on a busy CI machine it
# fails tests whose answers are right. Speed is shown by the benchmarks under bench/.
settings.register_profile("projektkatalog", deadline=None)
settings.load_profile("projektkatalog")

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("PROJEKTKATALOG_SHARED", ROOT.parent / "shared"))
SAMPLE = SHARED / "samples" / "region-skane-projekt-och-samarbeten.txt"
TODAY = dt.date(2026, 11, 27)


@pytest.fixture(scope="session")
def sample_text() -> str:
    if not SAMPLE.exists():
        pytest.skip(f"the sample page is not at {SAMPLE} (set PROJEKTKATALOG_SHARED)")
    return SAMPLE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def sample_record(sample_text):  # type: ignore[no-untyped-def]
    from projektkatalog.domain.build import page_read

    return page_read(sample_text, source=SAMPLE.name, today=TODAY)


@pytest.fixture(scope="session")
def sample_path() -> Path:
    if not SAMPLE.exists():
        pytest.skip(f"the sample page is not at {SAMPLE} (set PROJEKTKATALOG_SHARED)")
    return SAMPLE


DEMO = ROOT / "src" / "projektkatalog" / "demo" / "demo-page.txt"


def catalogue_load(text: str, name: str = "sample.txt") -> None:
    """Import a page into the test database."""
    import hashlib

    from projektkatalog.catalogue.services import catalogue_import
    from projektkatalog.domain.build import page_read

    record = page_read(text, source=name, today=TODAY)
    catalogue_import(record, source_name=name, sha256=hashlib.sha256(text.encode()).hexdigest())


# A page of our own with one project under two categories: the demo has none, and list-valued
# columns and grouped listings need one.
TWO_CATEGORIES_PAGE = (
    "Teman\n\nProjekt\n\n • Energi\n  • Solceller på skoltak\n   Ett påhittat projekt.\n"
    " • Utbildning\n  • Solceller på skoltak\n   Ett påhittat projekt.\n"
)


def invented_page(count: int, theme: str = "Provprojekt") -> str:
    """A page of our own with `count` invented projects, each with organisations of its own and a
    programme: more data than the demo, where a test needs the catalogue to grow or a write to
    take a while."""
    entries = "".join(
        f""" • Tema {n % 7}
  • {theme} {n}
   Ett påhittat projekt som bara finns för att katalogen ska bli större.
   Lead Partner: Provkommun {n}
   Övriga partners: Provhögskola {n}, Provbolag {n} AB
   Projektperiod: 2020-01-01 – 2023-12-31
   Program: Interreg Europe
"""
        for n in range(1, count + 1)
    )
    return f"{theme}er\n\nProjekt\n\n{entries}"


@pytest.fixture
def demo_path() -> Path:
    """Our own demo page: what a CLI test imports when the sample page is not needed."""
    return DEMO


@pytest.fixture
def demo_catalogue(db):  # type: ignore[no-untyped-def]
    """Our own demo page imported into the test database (needs nothing outside the repo)."""
    catalogue_load(DEMO.read_text(encoding="utf-8"), DEMO.name)


@pytest.fixture
def sample_catalogue(db, sample_text):  # type: ignore[no-untyped-def]
    """The sample page imported into the test database."""
    catalogue_load(sample_text)


@pytest.fixture
def cli(tmp_path):  # type: ignore[no-untyped-def]
    """Run `projektkatalog` in a subprocess with its own SQLite database under `tmp_path`."""
    import subprocess
    import sys

    base = dict(
        os.environ,
        PROJEKTKATALOG_VAR=str(tmp_path),
        DATABASE_URL=f"sqlite:///{tmp_path}/db.sqlite3",
        # The command's own settings, as an operator runs it, not the test suite's.
        DJANGO_SETTINGS_MODULE="projektkatalog.settings.base",
    )

    def run(*args: str, env: dict[str, str] | None = None, stdin: str | None = None):  # type: ignore[no-untyped-def]
        return subprocess.run(
            [sys.executable, "-m", "projektkatalog.cli", *args],
            env={**base, **(env or {})},
            input=stdin,
            capture_output=True,
            text=True,
            timeout=300,
        )

    return run
