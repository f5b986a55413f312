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

_DIGIT = re.compile(r"\d")
_YEAR = re.compile(r"(?:19|20)\d\d")
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
    if _DIGIT.search(text) is not None:
        if stamps.match(lowered) and dates_find(lowered):
            return True
        return (
            len(text) <= DATE_LINE_MAX
            and ":" not in text
            and _YEAR.search(text) is not None
            and _only_a_date(text)
        )
    if not alt_text or lowered.count(" ") < ALT_TEXT_WORDS - 1:
        return False
    return lowered.split(" ", 1)[0] in alt_starts and not text.rstrip().endswith(
        (".", "!", "?", ":", ",")
    )


DATE_LINE_MAX = 40  # a line holding only a date is short
ALT_TEXT_WORDS = 9  # an image's description is a long phrase; a list item may be short


def _only_a_date(text: str) -> bool:
    """Return whether a line is nothing but a date ("14 juni 2024", "2019-03-22")."""
    points = dates_find(text)
    if len(points) != 1 or points[0].edtf.isdigit():
        return False
    rest = (text[: points[0].start] + text[points[0].end :]).strip(" ,.-–|")
    return not rest or rest.casefold() in {"kl", "den"}


def furniture_dropped(blocks: list[Block]) -> list[Block]:
    """Return the blocks without furniture lines; headings and items are kept, and so is a date
    that is the value of the label above it ("Projektperiod:" then "2025-02-01 –"). An image's
    description counts as furniture only right above a short title line (the item it shows)."""
    out: list[Block] = []
    previous = ""
    content = [b for b in blocks if b.kind != "blank"]
    following = {id(a): b for a, b in zip(content, content[1:], strict=False)}
    for block in blocks:
        if block.kind == "blank":
            out.append(block)
            continue
        awaited = previous.endswith((":", "–", "-")) and _DIGIT.search(block.text) is not None
        after = following.get(id(block))
        over_title = after is not None and len(after.text) <= ALT_TITLE_MAX
        furniture = is_furniture(block.text, alt_text=block.kind == "line" and over_title)
        if awaited or not furniture:
            out.append(block)
            previous = block.text.rstrip()
    return out


ALT_TITLE_MAX = 80  # the title under an image is short


def labels_unglued(blocks: list[Block]) -> list[Block]:
    """Return blocks where labels glued to their value ("HuvudsökandeOulun yliopisto") or
    standing in capitals above it ("TIDTABELL") read as "Label: value"."""
    out: list[Block] = []
    unglued = [
        _unglued(b.text) if b.kind != "blank" and label_split(b.text) is None else None
        for b in blocks
    ]
    glued_lines = sum(1 for u in unglued if u is not None)
    for block, glued in zip(blocks, unglued, strict=True):
        if block.kind == "blank":
            out.append(block)
            continue
        text = block.text
        if label_split(text) is None:
            if glued is not None:
                text = glued
            elif _is_capital_label(text):
                text = text.rstrip(":") + ":"
            elif glued_lines >= GLUED_TABLE and (spaced := _spaced(text)) is not None:
                text = spaced  # a label table: "Delprogram Nord" beside "TidsperiodN"
        if text == block.text and text.count(":") < 2:
            out.append(block)
            continue
        for part in _fields_apart(text):
            out.append(Block(block.kind, block.depth, part, block.line))
    return out


GLUED_TABLE = 3  # glued labels on a page that make it a label table


def _spaced(text: str) -> str | None:
    """Return "Label: value" for a table row "Label value", or None."""
    m = _spaced_regex().match(text)
    if m is None:
        return None
    value = m.group("value").strip()
    return f"{m.group('label')}: {value}" if value[:1].isupper() or value[:1].isdigit() else None


@cache
def _spaced_regex() -> re.Pattern[str]:
    labels = [label for label in labels_known() if len(label) >= 4]
    return re.compile(rf"^(?P<label>{words_alternation(labels)})\s+(?P<value>\S.*)$", re.IGNORECASE)


@cache
def _second_label() -> re.Pattern[str]:
    labels = [label for label in labels_known() if len(label) >= 4]
    return re.compile(rf"(?<=\s)(?:{words_alternation(labels)}):\s", re.IGNORECASE)


def _fields_apart(text: str) -> list[str]:
    """Return "Budget: 5 Total: 9" as two field lines; other lines as they are."""
    if text.count(":") < 2 or label_split(text) is None:
        return [text]
    cuts = [m.start() for m in _second_label().finditer(text) if m.start() > 0]
    parts = [text[a:b].strip() for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True)]
    if len(parts) > 1 and all(label_split(p) is not None for p in parts):
        return parts
    return [text]


@cache
def _glued_regex() -> re.Pattern[str]:
    labels = [label for label in labels_known() if len(label) >= 4]
    return re.compile(rf"^(?P<label>{words_alternation(labels)})(?P<value>\S.*)$", re.IGNORECASE)


@cache
def _label_starts() -> frozenset[str]:
    return frozenset(label[:LABEL_START] for label in labels_known() if len(label) >= LABEL_START)


LABEL_START = 4  # letters of a label that rule a line out cheaply


def _unglued(text: str) -> str | None:
    if text[:LABEL_START].casefold() not in _label_starts():
        return None
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
    if not text.isupper():
        return False
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 4:
        return False
    return label_split(text.casefold().rstrip(":") + ":") is not None
