"""Drop a page's furniture (navigation, share buttons, publish stamps, image captions) and
rewrite label forms the entry reader does not know ("Tidsperiod2011-05-01", "TIDTABELL") as
plain "Label: value" lines.

The phrases are curated data per language (`data/page.toml`); nothing here names a page.
"""

from __future__ import annotations

import re
from functools import cache

from projektkatalog.domain.curated import curated_load
from projektkatalog.domain.periods import dates_find
from projektkatalog.domain.readers.blocks import Block
from projektkatalog.domain.readers.labels import label_split, labels_known
from projektkatalog.domain.text import words_alternation

_EMAIL_START = re.compile(r"^[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


@cache
def _noise() -> tuple[frozenset[str], re.Pattern[str], re.Pattern[str], frozenset[str]]:
    data = curated_load("page")["noise"]
    prefixes = re.compile(rf"^(?:{words_alternation(data['prefixes'])})", re.IGNORECASE)
    stamps = re.compile(rf"^(?:{words_alternation(data['stamps'])})\b", re.IGNORECASE)
    return (
        frozenset(w.casefold() for w in data["exact"]),
        prefixes,
        stamps,
        frozenset(data["alt_text_starts"]),
    )


def is_furniture(text: str, *, alt_text: bool = True) -> bool:
    """Return whether a line is page furniture rather than content."""
    exact, prefixes, stamps, alt_starts = _noise()
    lowered = text.casefold().strip().rstrip(":.…").strip()
    if lowered in exact or prefixes.match(lowered):
        return True
    if stamps.match(lowered) and dates_find(lowered):
        return True
    if _only_a_date(text):
        return True
    words = lowered.split()
    return (
        alt_text
        and len(words) >= ALT_TEXT_WORDS
        and words[0] in alt_starts
        and not text.rstrip().endswith((".", "!", "?", ":", ","))
        and not any(c.isdigit() for c in text)
    )


ALT_TEXT_WORDS = 9  # an image's description is a long phrase; a list item may be short


def _only_a_date(text: str) -> bool:
    """Return whether a line is nothing but a date ("14 juni 2024", "2019-03-22")."""
    points = dates_find(text)
    if len(points) != 1 or points[0].edtf.isdigit():
        return False
    rest = (text[: points[0].start] + text[points[0].end :]).strip(" ,.-–|")
    return not rest or rest.casefold() in {"kl", "den"}


def furniture_dropped(blocks: list[Block]) -> list[Block]:
    """Return the blocks without furniture lines; headings and items are kept."""
    return [
        b
        for b in blocks
        if b.kind == "blank" or not is_furniture(b.text, alt_text=b.kind == "line")
    ]


def labels_unglued(blocks: list[Block]) -> list[Block]:
    """Return blocks where labels glued to their value ("HuvudsökandeOulun yliopisto") or
    standing in capitals above it ("TIDTABELL") read as "Label: value"."""
    out: list[Block] = []
    for block in blocks:
        if block.kind == "blank":
            out.append(block)
            continue
        text = block.text
        if label_split(text) is None:
            if (glued := _unglued(text)) is not None:
                text = glued
            elif _is_capital_label(text):
                text = text.rstrip(":") + ":"
        out.append(
            Block(block.kind, block.depth, text, block.line) if text != block.text else block
        )
    return out


@cache
def _glued_regex() -> re.Pattern[str]:
    labels = [label for label in labels_known() if len(label) >= 4]
    return re.compile(rf"^(?P<label>{words_alternation(labels)})(?P<value>\S.*)$", re.IGNORECASE)


def _unglued(text: str) -> str | None:
    m = _glued_regex().match(text)
    if m is None:
        return None
    value = m.group("value")
    label = m.group("label")
    if not label[-1].islower():
        return None
    # The value starts a new word: a capital or a digit, or an e-mail address.
    if value[0].isupper() or value[0].isdigit() or _EMAIL_START.match(value):
        return f"{label}: {value}"
    return None


def _is_capital_label(text: str) -> bool:
    """Return whether a line is a fact heading in capitals that names a known field."""
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 4 or any(c.islower() for c in letters):
        return False
    return label_split(text.casefold().rstrip(":") + ":") is not None
