"""The `projektkatalog` command end to end, in a subprocess with its own SQLite database."""

import json
import os
import subprocess
import sys

import pytest


@pytest.fixture
def run(tmp_path):
    env = dict(
        os.environ,
        PROJEKTKATALOG_VAR=str(tmp_path),
        DATABASE_URL=f"sqlite:///{tmp_path}/db.sqlite3",
    )

    def run(*args):
        return subprocess.run(
            [sys.executable, "-m", "projektkatalog.cli", *args],
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )

    return run


def test_import_export_quality(run, sample_path, tmp_path):
    first = run("import", str(sample_path))
    assert first.returncode == 0, first.stderr
    assert "26 projects (26 added" in first.stdout
    again = run("import", str(sample_path))
    assert "26 unchanged" in again.stdout
    out = tmp_path / "export.json"
    assert run("export", "--format", "json", "-o", str(out)).returncode == 0
    document = json.loads(out.read_text())
    assert len(document["projects"]) == 26
    quality = run("quality")
    assert "invalid-date" in quality.stdout and "duplicate-entry" in quality.stdout


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such file"),
        (b"", "empty"),
        (b"\x00\x01\x02binary", "binary"),
        ("café".encode("latin-1"), "not UTF-8"),
        (b"just a line of text\n", "no projects"),
    ],
)
def test_bad_input_is_one_line_and_changes_nothing(run, tmp_path, sample_path, content, message):
    assert run("import", str(sample_path)).returncode == 0
    before = run("export").stdout
    path = tmp_path / "input.txt"
    if content is not None:
        path.write_bytes(content)
    result = run("import", str(path))
    assert result.returncode != 0
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr
    assert run("export").stdout == before


def test_demo_loads(run):
    result = run("demo")
    assert result.returncode == 0, result.stderr
    assert "projects" in result.stdout
