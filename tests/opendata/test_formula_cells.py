"""No CSV cell a spreadsheet would run as a formula: downloads and the command line alike."""

from __future__ import annotations

import csv
import io
import json

import pytest

from projektkatalog.catalogue import models as m
from projektkatalog.catalogue.imports import file_import
from projektkatalog.domain.cells import (
    FORMULA_STARTS,
    cell_neutralise,
    cell_restore,
    cells_neutralise,
)
from projektkatalog.opendata.formats import FORMATS, TABLES

TITLE = '=HYPERLINK("http://x","Klicka")'
LEAD = "@SUM(1+1) AB"
ROWS = [
    {"titel": TITLE, "org": LEAD, "roll": "lead", "start": "2023-01-01", "kategori": "+Miljö"},
    {"titel": TITLE, "org": "-Strandby kommun", "roll": "partner", "start": "2023-01-01"},
]
MAPPING = {
    "project": {"title": "titel", "start": "start", "categories": ["kategori"]},
    "participants": [{"organisation": "org", "role": {"column": "roll"}}],
}


def _cells(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def _formulas(rows: list[list[str]]) -> list[str]:
    return [cell for row in rows for cell in row if cell[:1] in FORMULA_STARTS]


@pytest.mark.parametrize(
    "value",
    [TITLE, LEAD, "+46 8 123 45", "-", "\tx", "\rx", "Vanlig text", "'citat", ""],
)
def test_a_neutralised_cell_reads_back_as_it_was(value):
    neutral = cell_neutralise(value)
    assert neutral[:1] not in FORMULA_STARTS
    assert cell_restore(neutral) == value


def test_numbers_stay_numbers():
    assert cell_neutralise(-5) == -5
    assert cell_neutralise(None) is None


def test_a_row_is_neutralised_cell_by_cell():
    """The row at once (as the exports write it) says what each cell alone says."""
    row = (TITLE, -5, "Vanlig text", None, "-", "", 1.5, "@a", "a=b")
    assert cells_neutralise(row) == [cell_neutralise(v) for v in row]
    expected = ["'" + TITLE, -5, "Vanlig text", None, "'-", "", 1.5, "'@a", "a=b"]
    assert cells_neutralise(row) == expected


@pytest.mark.django_db
def test_no_download_has_a_formula_cell(client):
    file_import("rader.json", json.dumps(ROWS).encode(), mapping=MAPPING, comment="test")
    assert m.Project.objects.get().title == TITLE  # the catalogue keeps the text as it came
    seen = {}
    for output in [FORMATS["csv"], *TABLES.values()]:
        rows = _cells(client.get(output.path).getvalue())
        assert _formulas(rows) == [], output.path
        seen[output.name] = {cell for row in rows for cell in row}
    assert "'" + TITLE in seen["csv"]
    assert "'" + LEAD in seen["organisations"]
    assert "'-Strandby kommun" in seen["participations"]
    assert "'+Miljö" in seen["categories"]


def test_no_cell_of_the_command_lines_csv_is_a_formula(cli, tmp_path):
    data = tmp_path / "rader.json"
    data.write_text(json.dumps(ROWS), encoding="utf-8")
    mapping = tmp_path / "mapping.toml"
    mapping.write_text(
        '[project]\ntitle = "titel"\nstart = "start"\ncategories = ["kategori"]\n\n'
        '[[participants]]\norganisation = "org"\nrole = { column = "roll" }\n',
        encoding="utf-8",
    )
    assert cli("import", str(data), "--mapping", str(mapping)).returncode == 0
    out = tmp_path / "projekt.csv"
    result = cli("export", "--format", "csv", "-o", str(out))
    assert result.returncode == 0, result.stderr
    rows = _cells(out.read_bytes())
    assert _formulas(rows) == []
    assert "'" + TITLE in {cell for row in rows for cell in row}
