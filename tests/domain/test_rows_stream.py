"""A JSON list of rows is read one object at a time, whatever the chunk boundaries."""

import json
from pathlib import Path

import pytest

from projektkatalog.domain.readers import rows as rows_module
from projektkatalog.domain.readers.rows import RowsError, rows_read

DOCUMENTS = [
    [],
    [{"a": 1}],
    [{"a": "åäö ]}", "b": [1, {"c": 2}]}, {"d": None}],
    [{"x": "y" * 50}] * 5,
]


def _spellings(document: list) -> list[str]:
    return [
        json.dumps(document),
        json.dumps(document, indent=2),
        "\ufeff" + json.dumps(document, ensure_ascii=False) + "\n",
    ]


@pytest.mark.parametrize("chunk", [1, 3, 7, 1 << 20])
@pytest.mark.parametrize("document", DOCUMENTS)
def test_rows_are_the_document(monkeypatch, chunk: int, document: list) -> None:
    monkeypatch.setattr(rows_module, "CHUNK", chunk)
    for text in _spellings(document):
        assert list(rows_read(Path("rows.json"), text.encode())) == document


@pytest.mark.parametrize("chunk", [2, 1 << 20])
@pytest.mark.parametrize("text", ['[{"a": 1}, 3]', '[{"a": 1', '[{"a": }]'])
def test_a_broken_list_is_a_rows_error(monkeypatch, chunk: int, text: str) -> None:
    monkeypatch.setattr(rows_module, "CHUNK", chunk)
    with pytest.raises(RowsError):
        list(rows_read(Path("rows.json"), text.encode()))
