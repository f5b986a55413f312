"""Cells a spreadsheet would take for a formula, and how exports keep them text.

A spreadsheet opening a CSV or XLSX file evaluates a cell starting with "=", "+", "-" or "@"
(and, in some programs, a tab or carriage return before one) as a formula: an imported title
`=HYPERLINK("http://…","Klicka")` would become a live link. Every export writes such text
with a leading apostrophe, which spreadsheets read as "this is text"; the importer of our own
layout takes the apostrophe off again. Numbers are not text and are written as they are, so a
negative amount stays a number.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_STARTS = frozenset(FORMULA_STARTS)


def cell_neutralise(value: Any) -> Any:
    """Return `value` for a spreadsheet cell: text that could start a formula gets an apostrophe."""
    return cells_neutralise((value,))[0]


def cells_neutralise(row: Iterable[Any]) -> list[Any]:
    """Return a row's cells, each as a spreadsheet cell: a whole row in one comprehension, so
    that an export of a million rows does not pay a function call for every cell."""
    return ["'" + v if isinstance(v, str) and v[:1] in _STARTS else v for v in row]


def cell_restore(text: str) -> str:
    """Return the text a neutralised cell stood for (the apostrophe `cell_neutralise` added)."""
    if text[:1] == "'" and text[1:2] in FORMULA_STARTS:
        return text[1:]
    return text
