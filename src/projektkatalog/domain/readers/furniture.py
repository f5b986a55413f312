"""Drop a page's furniture (navigation, share buttons, publish stamps, image captions) and
rewrite label forms the entry reader does not know ("Tidsperiod2011-05-01", "TIDTABELL") as
plain "Label: value" lines.

The phrases are curated data per language (`data/page.toml`); nothing here names a page.
"""

from __future__ import annotations

import re
from dataclasses import replace
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
def _alt_text_ends() -> frozenset[str]:
    return frozenset(curated_load("page")["noise"]["alt_text_ends"])


ALT_NAME_WORDS = 4  # words of an image's name left as a line ("Interreg logo")


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
    if _image_name(text, lowered):
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


def _image_name(text: str, lowered: str) -> bool:
    """Return whether a short line is an image's name left in the text ("Interreg logo",
    "EU flagga"): its last word an image word, written in lower case, as a caption's word is and
    a name's is not ("Blå Flagg", "Nordic Icon" are projects)."""
    if not 0 < lowered.count(" ") < ALT_NAME_WORDS:
        return False
    last = text.strip().rstrip(":.…").rsplit(" ", 1)[1]
    return last.islower() and last in _alt_text_ends()


DATE_LINE_MAX = 40  # a line holding only a date is short
ALT_TEXT_WORDS = 9  # an image's description is a long phrase; a list item may be short


def _only_a_date(text: str) -> bool:
    """Return whether a line is nothing but a date ("14 juni 2024", "2019-03-22")."""
    points = dates_find(text)
    if len(points) != 1 or points[0].edtf.isdigit():
        return False
    rest = (text[: points[0].start] + text[points[0].end :]).strip(" ,.-–|")
    return not rest or rest.casefold() in {"kl", "den"}


@cache
def _teaser_end() -> re.Pattern[str]:
    endings = words_alternation(curated_load("page")["noise"]["teaser_endings"])
    return re.compile(rf"(?<=\S)\s+(?:{endings})\s*(?:\.{{2,}}|…|»|›|→)?\s*$", re.IGNORECASE)


def teaser_end_cut(block: Block) -> Block:
    """Return the block without a "Läs mer…" link run into its end: the link is furniture, the
    words before it are the teaser's content."""
    cut = _teaser_end().sub("", block.text)
    return block if cut == block.text else replace(block, text=cut)


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
        after = following.get(id(block))
        block = teaser_end_cut(block)
        awaited = previous.endswith((":", "–", "-")) and _DIGIT.search(block.text) is not None
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
            elif (capital := _capital_prefix(text)) is not None:
                text = capital  # a fact box: "TOTALBUDGET 3 667 580 €"
            elif glued_lines >= GLUED_TABLE and (spaced := _spaced(text)) is not None:
                text = spaced  # a label table: "Delprogram Nord" beside "TidsperiodN"
        if text == block.text and text.count(":") < 2:
            out.append(block)
            continue
        for part in _fields_apart(text):
            out.append(Block(block.kind, block.depth, part, block.line))
    return _labels_over_values(out)


def _is_bare_label(text: str) -> bool:
    """Return whether a line is nothing but a known field's label ("Prosjektperiode"), perhaps
    after words that qualify it ("Norsk prosjekteier")."""
    bare = text.rstrip(":").strip()
    if len(bare) > LABEL_ALONE_MAX or ":" in bare:
        return False
    words = bare.split()
    if len(words) > LABEL_WORDS_MAX:
        return False
    for first in range(min(2, len(words))):  # at most one qualifying word before the label
        found = label_split(" ".join(words[first:]) + ": x")
        if found is not None:
            return found[0] in FACT_BOX_KINDS
    return False


# The fields a fact box sets out as label over value. Contacts, links and descriptions have
# readers of their own that already take a label over its lines; a project's leader over one
# name ("Principal investigator" over "Anna Berg", as a research database's record shows it) is
# its field, a contact.
FACT_BOX_KINDS = frozenset(
    {
        "project_manager",
        "lead",
        "partners",
        "associated",
        "financier",
        "period",
        "start",
        "end",
        "programme",
        "budget",
        "grant",
        "eu_funding",
        "cofinancing",
        "area",
        "title",
    }
)


LABEL_ALONE_MAX = 40  # characters of a line that is only a label
LABEL_WORDS_MAX = 3


def _labels_over_values(blocks: list[Block]) -> list[Block]:
    """Return blocks where a label standing alone on its line, with its value on the next
    line ("Norsk prosjekteier" over "Strandby kommune"), reads as one "Label: value" line.
    A label over a list, a heading, another label or a labelled line is left alone (the outline
    reads those), and so is a page with only one such pair: a fact box has several, while a
    lone fund's name over its projects ("Regionalfonden") is a section heading."""
    pairs: dict[int, int] = {}
    for i, block in enumerate(blocks):
        j = i + 1
        while j < len(blocks) and blocks[j].kind == "blank":
            j += 1
        if (
            block.kind in ("line", "heading")
            and not block.text.rstrip().endswith(":")  # "Label:" over lines: the entry's
            and j < len(blocks)
            and blocks[j].kind == "line"
            and _is_bare_label(block.text)
            and ":" not in blocks[j].text[:LABEL_ALONE_MAX]
            and not _is_bare_label(blocks[j].text)
            and _value_ends(blocks, j)
        ):
            pairs[i] = j
    if len(pairs) < FACT_BOX_PAIRS:
        return blocks
    out: list[Block] = []
    i = 0
    while i < len(blocks):
        if i not in pairs and _is_list_label(blocks, i):
            # In a fact box, a label over several lines lists one value a line ("Partners" over
            # "Strandby Institute", "Fjellby University"): read as "Partners:" over its list.
            out.append(replace(blocks[i], kind="line", text=blocks[i].text.strip() + ":"))
            i += 1
            continue
        if (at := pairs.get(i)) is not None:
            label = blocks[i].text.rstrip(":").strip()
            value = blocks[at]
            out.append(Block("line", value.depth, f"{label}: {value.text}", blocks[i].line))
            i = at + 1
            continue
        out.append(blocks[i])
        i += 1
    return out


FACT_BOX_PAIRS = 2  # labels over values on a page that make it a fact box
LIST_LINE_MAX = 80  # characters of one value in a list under a label


def _is_list_label(blocks: list[Block], i: int) -> bool:
    """Return whether the block at `i` is a bare label of bodies over two or more short lines
    that run to a blank line or the end."""
    block = blocks[i]
    if block.kind not in ("line", "heading") or block.text.rstrip().endswith(":"):
        return False
    if not _is_bare_label(block.text):
        return False
    found = label_split(block.text.strip() + ": x")
    if found is None or found[0] not in LIST_KINDS:
        return False
    j = i + 1
    while j < len(blocks) and blocks[j].kind == "blank":
        j += 1
    values = 0
    while j < len(blocks) and blocks[j].kind == "line":
        text = blocks[j].text
        if len(text) > LIST_LINE_MAX or ":" in text or _is_bare_label(text):
            return False
        values += 1
        j += 1
    return values >= 2 and (j >= len(blocks) or blocks[j].kind == "blank")


LIST_KINDS = frozenset({"partners", "associated", "financier"})  # labels of bodies, one a line


def _value_ends(blocks: list[Block], j: int) -> bool:
    """Return whether the value at `j` is one line: a blank, a label or the end follows it (a
    label over several lines, "Aktörer:" over a list of names, is the outline's to read)."""
    k = j + 1
    return k >= len(blocks) or blocks[k].kind == "blank" or _is_bare_label(blocks[k].text)


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


_CAPITAL_WORD = re.compile(r"[^\W\d_][^\W\d_\-/]*(?:-[^\W\d_]+)*")


def _capital_prefix(text: str) -> str | None:
    """Return "Label: value" for a fact-box line whose label is in capitals before its value
    ("PROJEKTTID 1 oktober 2015 – 30 september 2018", "SVENSK PROJEKTÄGARE Strandby kommun");
    leading words that only qualify the label ("SVENSK") are left out; None otherwise."""
    words = text.split()
    n = 0
    while n < len(words) and words[n].isupper() and _CAPITAL_WORD.fullmatch(words[n]):
        n += 1
    if n == 0 or n == len(words):
        return None
    value = " ".join(words[n:])
    if value.isupper() or not any(c.isalnum() for c in value):
        return None
    for first in range(n):
        label = " ".join(words[first:n])
        if len(label) >= 4 and label_split(label.casefold() + ":") is not None:
            return f"{label.casefold().capitalize()}: {value}"
    return None
