"""The `projektkatalog` command end to end, in a subprocess with its own SQLite database."""

import json
import os
import re
import sqlite3
import subprocess
import sys

import pytest


@pytest.fixture
def run(cli):  # type: ignore[no-untyped-def]
    return cli


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


def test_import_export_quality_of_our_demo_page(run, demo_path, tmp_path):
    """The same round trip on our own page, so it runs without ../shared."""
    first = run("import", str(demo_path))
    assert first.returncode == 0, first.stderr
    added = int(re.search(r"(\d+) projects \((\d+) added", first.stdout).group(2))
    assert added > 10
    assert f"{added} unchanged" in run("import", str(demo_path)).stdout
    out = tmp_path / "export.json"
    assert run("export", "--format", "json", "-o", str(out)).returncode == 0
    assert len(json.loads(out.read_text())["projects"]) == added
    assert "ended-but-ongoing" in run("quality").stdout


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
def test_bad_input_is_one_line_and_changes_nothing(run, tmp_path, demo_path, content, message):
    assert run("import", str(demo_path)).returncode == 0
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


def test_import_with_a_mapping(run, tmp_path):
    rows = [
        {
            "namn": "Havets skafferi",
            "ägare": "Strandby kommun",
            "roll": "LP",
            "start": "2023-01-01",
            "slut": "2025-12-31",
        },
        {
            "namn": "Havets skafferi",
            "ägare": "Lunds universitet",
            "roll": "PP",
            "start": "2023-01-01",
            "slut": "2025-12-31",
        },
    ]
    data = tmp_path / "rows.json"
    data.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    mapping = tmp_path / "mapping.toml"
    mapping.write_text(
        '[project]\ntitle = "namn"\nstart = "start"\nend = "slut"\n\n[[participants]]\n'
        'organisation = "ägare"\nrole = { column = "roll", map = { LP = "lead", PP = "partner" } }\n',
        encoding="utf-8",
    )
    result = run("import", str(data), "--mapping", str(mapping))
    assert result.returncode == 0, result.stderr
    assert "1 project (1 added" in result.stdout
    project = json.loads(run("export").stdout)["projects"][0]
    assert [p["role"] for p in project["participants"]] == ["lead", "partner"]
    assert project["period"]["start"] == "2023-01-01"


@pytest.mark.parametrize(
    ("content", "mapping", "message"),
    [
        (b'{"a": 1}', "projektbanken-eruf-2014-2020", "list of objects"),
        (b"[1, 2]", "projektbanken-eruf-2014-2020", "list of objects"),
        (b'[{"x": 1}]', "no-such-mapping", "no such mapping file"),
    ],
)
def test_bad_structured_input(run, tmp_path, content, mapping, message):
    path = tmp_path / "rows.json"
    path.write_bytes(content)
    result = run("import", str(path), "--mapping", mapping)
    assert result.returncode != 0 and message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_dry_run_lists_and_changes_nothing(run, demo_path, tmp_path):
    result = run("import", str(demo_path), "--dry-run")
    assert result.returncode == 0, result.stderr
    assert "would add: reprounion" in result.stdout
    assert json.loads(run("export").stdout)["projects"] == []


def test_a_reader_that_goes_away_ends_the_output_quietly(run, demo_path, tmp_path):
    """`projektkatalog quality | head -1` prints its line and no error (as Unix tools do)."""
    assert run("import", str(demo_path)).returncode == 0
    script = tmp_path / "pipe.sh"
    script.write_text(
        f'"{sys.executable}" -m projektkatalog.cli quality | head -1\n'
        'echo "status ${PIPESTATUS[0]}" >&2\n',
        encoding="utf-8",
    )
    result = subprocess.run(
        ["bash", str(script)],
        env={
            **os.environ,
            "PROJEKTKATALOG_VAR": str(tmp_path),
            "DATABASE_URL": f"sqlite:///{tmp_path}/db.sqlite3",
            "DJANGO_SETTINGS_MODULE": "projektkatalog.settings.base",
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert len(result.stdout.splitlines()) == 1
    assert "error" not in result.stderr.lower()
    assert result.stderr.strip().endswith(("status 0", "status 141"))


def test_export_to_standard_output_is_the_file_it_writes(run, demo_path, tmp_path):
    """The streamed export says the same on standard output as in a file, in every text
    format, and leaves no temporary file behind."""
    assert run("import", str(demo_path)).returncode == 0
    for fmt in ("json", "jsonld", "csv"):
        out = tmp_path / f"export.{fmt}"
        extra = ["--base-url", "https://projekt.example.se"]
        written = run("export", "--format", fmt, "-o", str(out), *extra)
        assert written.returncode == 0, written.stderr
        if fmt != "csv":  # CSV is only written to a file
            printed = run("export", "--format", fmt, *extra)
            assert printed.returncode == 0, printed.stderr
            assert printed.stdout.encode() == out.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []
    document = json.loads((tmp_path / "export.json").read_text())
    assert document["quality"] and document["organisations"] and document["projects"]


def test_warm_leaves_todays_listing_index_for_the_workers(run, tmp_path):
    assert run("demo").returncode == 0
    kept = tmp_path / "listing-index"
    for folder in kept.iterdir():  # the demo's import made one: gone, as on a new day
        if folder.is_dir():
            for file in folder.iterdir():
                file.unlink()
            folder.rmdir()
    database = tmp_path / "db.sqlite3"
    with sqlite3.connect(database) as db:  # an editor's save since the import: in the search's log
        db.execute("UPDATE catalogue_project SET search_text = search_text || ' kvarnhjul'")
        before = db.execute("SELECT id, search_text FROM catalogue_project ORDER BY id").fetchall()
        assert db.execute("SELECT count(*) FROM catalogue_search_written").fetchone()[0] > 0
    result = run("warm")
    assert result.returncode == 0, result.stderr
    assert "is ready" in result.stdout
    folders = [p for p in kept.iterdir() if p.is_dir()]
    assert len(folders) == 1 and (folders[0] / "ids.npy").exists()
    with sqlite3.connect(database) as db:  # the word list taken anew: the log read into it
        assert db.execute("SELECT count(*) FROM catalogue_search_written").fetchone()[0] == 0
        words = db.execute("SELECT words FROM catalogue_search_wordlist").fetchone()[0].split()
        assert "kvarnhjul" in words
        after = db.execute("SELECT id, search_text FROM catalogue_project ORDER BY id").fetchall()
    assert after == before
