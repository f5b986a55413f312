"""Find the titles of a page that lists projects as short lines over their paragraphs.

"Grön hamn", a blank line, then a paragraph about it, then the next title: no markup marks the
titles, so a short line counts as one when a long paragraph or field lines follow it. Section
headings that never name a project ("Syfte", "Project overview") are curated data.
"""

from __future__ import annotations

import re
from functools import cache

from projektkatalog.domain.curated import curated_load
from projektkatalog.domain.readers.blocks import Block
from projektkatalog.domain.readers.labels import label_split
from projektkatalog.domain.text import words_alternation

TITLE_MAX = 110
TITLE_WORDS = 14
PROSE_MIN = 150  # characters of a paragraph that describes the title above it
PROMOTED_DEPTH = -4  # a heading deeper than HTML's h6, shallower than title fields
LIST_MIN = 2  # title lines a page needs before it reads as a list of projects
REMNANT_MAX = 30  # characters of what is left of an entry where a stored page was cut off


@cache
def _sections() -> re.Pattern[str]:
    starts = curated_load("page")["sections"]["starts"]
    return re.compile(rf"^(?:{words_alternation(starts)})(?!\w)", re.IGNORECASE)


def is_section_heading(text: str) -> bool:
    """Return whether a short line is a generic section heading rather than a name."""
    return bool(_sections().match(text.strip()))


@cache
def _project_words() -> re.Pattern[str]:
    words = curated_load("page")["single"]["project_words"]
    return re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)  # compounds too


def has_project_word(text: str) -> bool:
    """Return whether a text holds a project noun, alone or in a compound ("Approved Projects",
    "nytt kystprosjekt", "Hankkeet")."""
    return _project_words().search(text) is not None


def is_cut_off(following: list[Block]) -> bool:
    """Return whether the page ends right under a line, after a remnant of what followed it (a
    label or a sentence cut off in the middle, as a stored page ends): `following` holds the
    content blocks after the line."""
    return len(following) == 1 and len(following[0].text) <= REMNANT_MAX


def looks_like_title(text: str) -> bool:
    if len(text) > TITLE_MAX or len(text.split()) > TITLE_WORDS or not text[:1].isupper():
        return False
    if text.endswith((".", ":", ",", ";", "?")):
        return False
    if text.endswith("!") and len(text.split()) > 3:
        return False
    if sum(c.isdigit() for c in text) > sum(c.isalpha() for c in text):
        return False  # "Total € 278 324 € 20 596": a table's row of sums, no name
    return (
        label_split(text) is None
        and not is_section_heading(text)
        and bool(re.search(r"[^\W\d_]{3}", text))
    )


def title_lines_promoted(blocks: list[Block]) -> list[Block] | None:
    """Return blocks where title lines became headings, or None when the page lists no projects
    this way (fewer than two such titles)."""
    content = [i for i, b in enumerate(blocks) if b.kind != "blank"]
    if not content:
        return None
    first = blocks[content[0]].text
    promoted: list[int] = []
    last: int | None = None
    for n, i in enumerate(content):
        block = blocks[i]
        if block.kind != "line" or not looks_like_title(block.text):
            continue
        if n == 0 or block.text == first:
            continue  # the page's own heading
        previous_blank = i == 0 or blocks[i - 1].kind == "blank" or i - 1 in promoted
        following = blocks[content[n + 1]] if n + 1 < len(content) else None
        if following is None or following.kind != "line":
            continue
        prose = len(following.text) >= PROSE_MIN
        fields = label_split(following.text) is not None
        if (prose or fields) and (previous_blank or prose):
            promoted.append(i)
        elif previous_blank and is_cut_off([blocks[j] for j in content[n + 1 :]]):
            last = i  # the page ends under it, inside its entry: a title if the page lists more
    if len(promoted) >= LIST_MIN and last is not None:
        promoted.append(last)
    if len(promoted) < LIST_MIN:
        return None
    out = list(blocks)
    for i in promoted:
        out[i] = Block("heading", PROMOTED_DEPTH, blocks[i].text, blocks[i].line)
    return [b if b.kind != "line" else Block("line", max(b.depth, 0), b.text, b.line) for b in out]
