"""Find the page's outline: its categories and the entries (projects) under them.

A node followed by a deeper node is a category; a node followed by deeper text is an entry;
a node at category depth followed by nothing deeper is an empty category. An entry standing at
category depth belongs to the category before it. Pages without bullets or headings fall back
to "a short title line, then label-value lines".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from projektkatalog.domain.curated import curated_load
from projektkatalog.domain.readers.blocks import Block
from projektkatalog.domain.readers.labels import is_contact_heading, label_split
from projektkatalog.domain.readers.titles import (
    PROSE_MIN,
    has_project_word,
    is_cut_off,
    is_section_heading,
    looks_like_title,
)
from projektkatalog.domain.text import words_alternation, words_regex

_WORD = re.compile(r"[^\W\d_]{3}")
_UNKNOWN_FIELD = re.compile(r"^[^:]{1,40}: \S")
# "Grön hamn. Projektägare: Strandby kommun": a title with its first field on the same line.
_TITLE_THEN_FIELD = re.compile(r"^(?P<title>.{2,120}?[.!?])\s+(?P<field>[^.:]{2,40}:\s*\S.*)$")


@dataclass
class Entry:
    title: str
    category: str | None
    line: int
    depth: int
    section: str = ""
    body: list[Block] = field(default_factory=list)
    item: bool = False  # read from a list item rather than a heading

    @property
    def last_line(self) -> int:
        return max([self.line, *(b.line for b in self.body if b.kind != "blank")])


@dataclass
class Outline:
    categories: list[str] = field(default_factory=list)
    empty_categories: list[str] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)
    preamble: list[Block] = field(default_factory=list)
    category_lines: list[tuple[str, int]] = field(default_factory=list)


def _next_content(blocks: list[Block], i: int) -> Block | None:
    for j in range(i + 1, len(blocks)):
        if blocks[j].kind != "blank":
            return blocks[j]
    return None


def _section_of(text: str) -> str:
    kinds = curated_load("kinds")
    lowered = text.casefold().strip(" :")
    if len(lowered) > 60:
        return ""
    words = set(re.findall(r"\w+", lowered))
    if words & set(kinds["collaboration_sections"]) and not words & set(kinds["project_sections"]):
        return "collaboration"
    if words & set(kinds["project_sections"]):
        return "project"
    return ""


def outline_read(blocks: list[Block]) -> Outline:
    """Return the outline of a page's blocks."""
    blocks = _title_fields_as_headings(_theme_lists_as_lines(blocks))
    nodes = [b for b in blocks if b.kind in ("heading", "item")]
    if not nodes or _loose_labels(blocks, nodes) >= 2:
        # Field lines that no bullet or heading holds: projects are titled by plain lines.
        blocks = _titles_promoted(blocks)
        nodes = [b for b in blocks if b.kind in ("heading", "item")]
    outline = Outline()
    structural_depths = sorted({b.depth for b in nodes})
    # Headings of the top level name the page itself when deeper headings follow.
    page_title_depth = None
    headings = sorted({b.depth for b in nodes if b.kind == "heading"})
    if len(headings) > 1 and sum(1 for b in nodes if b.depth == headings[0]) == 1:
        page_title_depth = headings[0]
    category_depth: int | None = None
    current_category: str | None = None
    entry: Entry | None = None
    section = ""
    for i, block in enumerate(blocks):
        if entry is not None and block.kind == "line" and _heads_next_group(blocks, i, entry):
            # "Socialfonden" alone above the next "Projekt:" heading names the next group.
            entry = None
            current_category = block.text.rstrip(":")
            outline.categories.append(current_category)
            outline.category_lines.append((current_category, block.line))
            continue
        if entry is not None and (
            block.kind == "blank"
            or block.depth > entry.depth
            or (
                entry.item
                and block.kind == "line"
                and _is_labelled(block)
                and _adjacent(entry, block)
            )
        ):
            # Field lines right under a list item are its facts, even when not indented.
            entry.body.append(block)
            continue
        entry = None
        if block.kind == "blank":
            continue
        if block.kind == "line" or (block.kind == "item" and _is_quote(block.text)):
            outline.preamble.append(block)
            section = _section_of(block.text) or section
            continue
        if block.depth == page_title_depth:
            outline.preamble.append(block)
            continue
        following = _next_content(blocks, i)
        deeper_node = (
            following is not None
            and following.kind in ("heading", "item")
            and following.depth > block.depth
        )
        deeper_text = (
            following is not None and following.kind == "line" and following.depth > block.depth
        )
        if deeper_node and _is_title(following) and not _section_has_fields(blocks, i):
            category_depth = block.depth if category_depth is None else category_depth
            current_category = block.text.rstrip(":")
            outline.categories.append(current_category)
            outline.category_lines.append((current_category, block.line))
            section = _section_of(block.text) or section
            continue
        at_top = block.depth == (
            category_depth if category_depth is not None else structural_depths[0]
        )
        if not deeper_text and not deeper_node and at_top and len(structural_depths) > 1:
            outline.categories.append(block.text.rstrip(":"))
            outline.empty_categories.append(block.text.rstrip(":"))
            current_category = block.text.rstrip(":")
            outline.category_lines.append((current_category, block.line))
            continue
        title, field_line = _title_and_field(block.text)
        entry = Entry(title, current_category, block.line, block.depth, section)
        if field_line:
            entry.body.append(Block("line", block.depth + 1, field_line, block.line))
        entry.item = block.kind == "item"
        outline.entries.append(entry)
    return outline


@cache
def _aim_intro() -> re.Pattern[str]:
    """Return the pattern of a list's introduction that announces aims or tasks ("är att:")."""
    ends = words_alternation(curated_load("page")["themes"]["aim_intro_ends"])
    return re.compile(rf"(?<!\w)(?:{ends})\s*:\s*$", re.IGNORECASE)


def _theme_lists_as_lines(blocks: list[Block]) -> list[Block]:
    """Return blocks where the items of a list that a line introduces ("...:") became plain
    lines of the text when the line names the programme's themes ("fyra insatsområden:") or
    every item starts in lower case (aims, "- öka kapaciteten hos ..."), not project names."""
    themes = words_regex(tuple(curated_load("page")["themes"]["intro"]))
    bodies = words_regex(tuple(curated_load("page")["themes"]["bodies_intro"]))
    aims = _aim_intro()
    out = list(blocks)
    intro: Block | None = None
    run: list[int] = []

    def close() -> None:
        if intro is not None and run:
            items = [out[i].text.lstrip() for i in run]
            if (
                themes.search(intro.text)
                or aims.search(intro.text)
                or all(t[:1].islower() for t in items)
                or (bodies.search(intro.text) and all(_bare_name(t) for t in items))
            ):
                for i in run:
                    out[i] = Block("line", out[i].depth, out[i].text, out[i].line)

    for i, block in enumerate(blocks):
        if block.kind == "blank":
            continue
        if block.kind == "item" and intro is not None:
            run.append(i)
            continue
        close()
        run = []
        text = block.text.rstrip()
        intro = block if block.kind == "line" and text.endswith(":") else None
    close()
    return out


BARE_NAME_WORDS = 6  # words of a list item that is a body's name and nothing else


def _bare_name(text: str) -> bool:
    """Return whether a list item is a name alone: short, with no separator before a second
    part ("Strandby kommun: Grön hamn" pairs a body with its project)."""
    return len(text.split()) <= BARE_NAME_WORDS and not re.search(r"[:,;(]| [–—-] ", text)


def _adjacent(entry: Entry, block: Block) -> bool:
    """Return whether `block` follows the entry's last line with no blank line between."""
    return block.line == entry.last_line + 1


def _loose_labels(blocks: list[Block], nodes: list[Block]) -> int:
    """Count field lines standing at the outermost level, outside every list and heading."""
    if any(b.kind == "heading" for b in nodes):
        return 0
    shallowest = min(b.depth for b in nodes)
    return sum(
        1 for b in blocks if b.kind == "line" and b.depth <= shallowest and label_split(b.text)
    )


def _is_title(block: Block | None) -> bool:
    """Return whether a block reads as the title of something rather than a fact or a sentence."""
    if block is None or _is_labelled(block):
        return False
    return len(block.text) <= 120 and not block.text.rstrip().endswith((".", "!", "?"))


def _section_has_fields(blocks: list[Block], i: int) -> bool:
    """Return whether a heading's own section (before any deeper heading) holds field lines."""
    heading = blocks[i]
    if heading.kind != "heading":
        return False
    first = _next_content(blocks, i)
    if first is None:
        return False
    for block in blocks[i + 1 :]:
        if block.kind == "heading":
            return False
        # Only the heading's own facts count, not those of the entries listed under it.
        if block.kind != "blank" and block.depth <= first.depth and _is_labelled(block):
            return True
    return False


def _is_labelled(block: Block | None) -> bool:
    """Return whether a block is a field line ("Period: 2019") rather than a title."""
    return block is not None and label_split(block.text) is not None


def _titles_promoted(blocks: list[Block]) -> list[Block]:
    """Return blocks where short title lines that precede field lines became headings.

    For pages with one project per paragraph group and no markup: "Projektnamn" then
    "Projektägare: ...", "Period: ...".
    """
    promoted = list(blocks)
    content = [i for i, b in enumerate(blocks) if b.kind == "line"]
    by_fields = 0
    over_prose: list[int] = []
    for n, i in enumerate(content):
        block = blocks[i]
        previous_blank = i == 0 or blocks[i - 1].kind == "blank"
        if not previous_blank or label_split(block.text) is not None:
            continue
        if block.text.endswith((".", ":", ",")) or len(block.text) > LONG_TITLE_MAX:
            continue
        if len(block.text) > 120 and (
            ". " in block.text
            or n + 1 >= len(content)
            or content[n + 1] != i + 2
            or label_split(blocks[content[n + 1]].text) is None
        ):
            continue  # a long line is a title only right over its fields, and no sentence
        if is_section_heading(block.text) or _UNKNOWN_FIELD.match(block.text):
            continue  # "Finansiering", "Legal status: n/a": a section or a field, not a title
        if not _WORD.search(block.text) or (n and _awaits_value(blocks[content[n - 1]])):
            continue  # "2020-2022" under "Tidtabell:" is the field's value
        if n and is_contact_heading(blocks[content[n - 1]].text):
            continue  # "Anna Berg" under "Kontaktperson" is the contact, over her phone
        if (
            i + 1 < len(blocks)
            and blocks[i + 1].kind == "line"
            and not blocks[i + 1].text[:1].isupper()
        ):
            continue  # a sentence wrapped onto the next line, not a title
        following = [blocks[j] for j in content[n + 1 : n + 3]]
        first_is_field = bool(following) and label_split(following[0].text) is not None
        sentence_then_field = (
            len(following) == 2
            and following[0].text.endswith(".")
            and label_split(following[1].text) is not None
        )
        if first_is_field or sentence_then_field:
            promoted[i] = Block("heading", -7, block.text, block.line)
            by_fields += 1
        elif following and len(following[0].text) >= PROSE_MIN and looks_like_title(block.text):
            over_prose.append(i)
        elif is_cut_off(following) and looks_like_title(block.text):
            over_prose.append(i)  # the last title of a page that ends inside its entry
    if by_fields:
        # The page lists projects as title lines: one over a paragraph without fields is one too.
        for i in over_prose:
            promoted[i] = Block("heading", -7, blocks[i].text, blocks[i].line)
        _short_names_joined(blocks, promoted)
    # Lines after a promoted title belong to it: make them deeper than the heading.
    return [
        b if b.kind != "line" else Block("line", max(b.depth, 0), b.text, b.line) for b in promoted
    ]


SHORT_NAME_WORDS = 3  # words of a project's short name on its own line above its title


def _short_names_joined(blocks: list[Block], promoted: list[Block]) -> None:
    """Join to each promoted title the short name standing alone above it ("Agri Nova" over a
    blank line over "Innovation for rural food chains"): a line of a few capitalised or coined
    words, no title of its own, twice as short as the title. The heading reads "Short – Long",
    which the project's build takes apart again."""
    for i, block in enumerate(promoted):
        if block.kind != "heading" or blocks[i].kind == "heading":
            continue
        p = i - 1
        while p >= 0 and promoted[p].kind == "blank":
            p -= 1
        if p < 0 or p == i - 1 or promoted[p].kind != "line":
            continue
        short = promoted[p].text
        words = short.split()
        if (
            len(words) > SHORT_NAME_WORDS
            or 2 * len(words) > len(block.text.split())
            or not all(w[:1].isupper() or w[:1].isdigit() for w in words)
            or not looks_like_title(short)
            or label_split(f"{short}: x") is not None  # "Kontakt" over a name is no name
            or has_project_word(short)  # "Approved Projects" heads the list
        ):
            continue
        promoted[p] = Block("blank", 0, "", promoted[p].line)
        promoted[i] = Block(block.kind, block.depth, f"{short} – {block.text}", promoted[p].line)


LONG_TITLE_MAX = 200  # characters of the longest title a line over field lines may be


TITLE_FIELD_DEPTH = -3  # deeper than any HTML or Markdown heading, shallower than text


NAMING_KINDS = frozenset({"title", "short_name"})


def _title_fields_as_headings(blocks: list[Block]) -> list[Block]:
    """Return blocks where a field naming a project ("Projekt: Grön hamn") became its heading;
    a short name's field right beside its title's leads it ("SEAWISE – Smart sensors ...")."""
    out: list[Block] = []
    i = 0
    while i < len(blocks):
        block = blocks[i]
        named = _naming_field(block)
        if named is None:
            out.append(block)
            i += 1
            continue
        beside = _naming_field(blocks[i + 1]) if i + 1 < len(blocks) else None
        if beside is not None and beside[0] != named[0]:
            short, title = (named[1], beside[1])
            if named[0] == "title":
                short, title = title, short
            text = title if title.casefold().startswith(short.casefold()) else f"{short} – {title}"
            out.append(Block("heading", TITLE_FIELD_DEPTH, text, block.line))
            i += 2
            continue
        out.append(Block("heading", TITLE_FIELD_DEPTH, named[1], block.line))
        i += 1
    return out


def _naming_field(block: Block) -> tuple[str, str] | None:
    """Return (kind, name) for a field line that names a project, its title or short name."""
    labelled = label_split(block.text) if block.kind != "blank" else None
    if labelled is None or labelled[0] not in NAMING_KINDS or not labelled[1]:
        return None
    return labelled[0], labelled[1]


def _heads_next_group(blocks: list[Block], i: int, entry: Entry) -> bool:
    """Return whether a short line between blank lines stands over the next heading."""
    block = blocks[i]
    if len(block.text) > CATEGORY_LINE_MAX or block.text.endswith((".", "!", "?", ",", ";")):
        return False
    if ":" in block.text or "@" in block.text:
        return False  # "Anna Berg, e-post: ...": a fact of the entry above, no group's name
    if i == 0 or blocks[i - 1].kind != "blank" or _is_labelled(block):
        return False
    following = _next_content(blocks, i)
    return (
        following is not None
        and following.kind == "heading"
        and following.depth <= entry.depth
        and blocks[i + 1].kind == "blank"
    )


CATEGORY_LINE_MAX = 60


QUOTE_WORDS = 12


def _is_quote(text: str) -> bool:
    """Return whether a dashed line is a quoted sentence ("- Det är roligt ..., säger X.")."""
    return text.endswith((".", "!", "?")) and len(text.split()) > QUOTE_WORDS


def _awaits_value(block: Block) -> bool:
    """Return whether a block is a label whose value is on the following lines."""
    labelled = label_split(block.text)
    return labelled is not None and not labelled[1]


def _title_and_field(text: str) -> tuple[str, str]:
    """Return a title and the field line that follows it on the same line ("" when none)."""
    m = _TITLE_THEN_FIELD.match(text)
    if m and label_split(m.group("field")) is not None:
        return m.group("title").rstrip("."), m.group("field")
    return text, ""
