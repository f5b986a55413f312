"""Cells a spreadsheet would take for a formula, and how exports keep them text.

A spreadsheet opening a CSV or XLSX file evaluates a cell starting with "=", "+", "-" or "@"
(and, in some programs, a tab or carriage return before one) as a formula: an imported title
`=HYPERLINK("http://…","Klicka")` would become a live link. Every export writes such text
with a leading apostrophe, which spreadsheets read as "this is text"; the importer of our own
layout takes the apostrophe off again. Numbers are not text and are written as they are, so a
negative amount stays a number.
"""

from __future__ import annotations

from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell_neutralise(value: Any) -> Any:
    """Return `value` for a spreadsheet cell: text that could start a formula gets an apostrophe."""
    if isinstance(value, str) and value[:1] in FORMULA_STARTS:
        return "'" + value
    return value


def cell_restore(text: str) -> str:
    """Return the text a neutralised cell stood for (the apostrophe `cell_neutralise` added)."""
    if text[:1] == "'" and text[1:2] in FORMULA_STARTS:
        return text[1:]
    return text
