"""The import's progress: shown with --progress (or on a terminal), quiet otherwise."""

import json


def _files(tmp_path):  # type: ignore[no-untyped-def]
    rows = [
        {"id": n, "title": f"Projekt {n}", "org": org}
        for n in range(3)
        for org in ("Lunds universitet", "Region Skåne")
    ]
    data = tmp_path / "rader.json"
    data.write_text(json.dumps(rows))
    mapping = tmp_path / "mapping.toml"
    mapping.write_text(
        '[project]\nkey = "id"\ntitle = "title"\n\n[[participants]]\norganisation = "org"\n'
    )
    return data, mapping


def test_progress_is_shown_when_asked_and_quiet_otherwise(cli, tmp_path):
    data, mapping = _files(tmp_path)
    quiet = cli("import", str(data), "--mapping", str(mapping))
    assert quiet.returncode == 0, quiet.stderr
    assert "3 projects (3 added" in quiet.stdout
    assert quiet.stderr == ""
    shown = cli("import", str(data), "--mapping", str(mapping), "--progress")
    assert shown.returncode == 0, shown.stderr
    assert "3 unchanged" in shown.stdout
    last = shown.stderr.strip().splitlines()[-1]
    assert "3 projects stored, 6 rows read" in last and "projects/s" in last


def test_a_streamed_file_with_a_bad_row_fails_in_one_line(cli, tmp_path):
    data, mapping = _files(tmp_path)
    rows = json.loads(data.read_text())
    data.write_text(json.dumps(rows)[:-1])  # the list never ends: the file was cut short
    result = cli("import", str(data), "--mapping", str(mapping))
    assert result.returncode != 0
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert "rader.json" in result.stderr and "does not end" in result.stderr
    assert json.loads(cli("export", "--format", "json").stdout)["projects"] == []
