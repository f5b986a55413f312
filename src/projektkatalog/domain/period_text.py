"""Write a period in plain language: "1 september 2015 – 31 augusti 2018", "sommaren 2019"."""

from __future__ import annotations

from typing import Any

from projektkatalog.domain.curated import curated_load
from projektkatalog.domain.periods import OPEN


def _names(language: str) -> dict[str, Any]:
    display = curated_load("months")["display"]
    return display.get(language, display["sv"])


def edtf_text(edtf: str, language: str = "sv") -> str:
    """Return one EDTF date in words: "2015-09-01" -> "1 september 2015"."""
    names = _names(language)
    parts = edtf.split("-")
    year = parts[0]
    if len(parts) == 1:
        return year
    number = int(parts[1])
    if number > 12:  # EDTF seasons 21-24
        return f"{names['seasons'][number - 21]} {year}"
    month = names["months"][number - 1]
    if len(parts) == 2:
        return f"{month} {year}"
    day = int(parts[2])
    return f"{month} {day}, {year}" if language == "en" else f"{day} {month} {year}"


def period_text(start: str | None, end: str | None, language: str = "sv") -> str:
    """Return a period in words, or "" when nothing is known."""
    names = _names(language)
    if end == OPEN:
        return (
            f"{names['from']} {edtf_text(start, language)}, {names['open']}"
            if start
            else names["open"]
        )
    if start and end:
        if start == end:
            return edtf_text(start, language)
        return f"{edtf_text(start, language)} – {edtf_text(end, language)}"
    if end:
        return f"{names['until']} {edtf_text(end, language)}"
    if start:
        return f"{names['from']} {edtf_text(start, language)}"
    return ""
