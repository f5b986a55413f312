"""Read a table flattened into lines of space-separated cells ("Navn på prosjekt Leadpartner
Norsk partner", then one line per project).

The header is a run of known labels. A row has no separators, so its cells are found by trying
every split and keeping the one whose organisation cells read most like bodies' names (the
shortest such cell on a tie); a last cell may be empty.

A table copied without any space between its cells ("322729STRANDBY ENERGI ASSolvarme for alle")
is split at the changes of shape where one cell ends and the next begins: from a number to a
letter, and from a name in capitals to a word in ordinary case. Such rows are read only under
header lines that name a title column, and each cell is told by its shape: a number is the
row's reference, a name in capitals its body, the rest its title.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from functools import cache

from projektkatalog.domain.curated import curated_load
from projektkatalog.domain.readers.blocks import Block
from projektkatalog.domain.readers.entry import EntryDraft, PartnerText
from projektkatalog.domain.readers.labels import label_split, labels_known
from projektkatalog.domain.text import words_alternation

_DIGIT = re.compile(r"\d")
_ROLES = {
    "lead": "lead",
    "partners": "partner",
    "associated": "associated",
    "financier": "financier",
}
COLUMNS_MAX = 4
HEADER_MAX = 100
ROW_WORDS_MAX = 30


@cache
def _header_regex() -> re.Pattern[str]:
    labels = words_alternation(labels_known())
    return re.compile(rf"(?:{labels})(?=\s|$)", re.IGNORECASE)


@cache
def _endings() -> tuple[str, ...]:
    return tuple(curated_load("roles")["prose_lists"]["name_endings"])


def header_columns(text: str) -> list[str] | None:
    """Return the field kinds of a header line made only of labels, or None."""
    if len(text) > HEADER_MAX or ":" in text or _DIGIT.search(text):
        return None
    pos, kinds = 0, []
    regex = _header_regex()
    while pos < len(text):
        m = regex.match(text, pos)
        if m is None:
            return None
        labelled = label_split(m.group(0) + ":")
        if labelled is None:
            return None
        kinds.append(labelled[0])
        pos = m.end()
        while pos < len(text) and text[pos] == " ":
            pos += 1
    if len(kinds) < 2 or len(kinds) > COLUMNS_MAX or kinds[0] != "title":
        return None
    if not all(k in _ROLES for k in kinds[1:]):
        return None
    return kinds


def table_projects(
    blocks: list[Block], looks_like_organisation: Callable[[str], bool]
) -> tuple[list[EntryDraft], list[Block]]:
    """Return the projects of flattened tables, and the blocks without their lines."""
    drafts: list[EntryDraft] = []
    taken: set[int] = set()
    for i, block in enumerate(blocks):
        if block.kind == "blank" or (kinds := header_columns(block.text)) is None:
            continue
        taken.add(i)
        for j in range(i + 1, len(blocks)):
            row = blocks[j]
            if (
                row.kind == "blank"
                or row.text.endswith((".", ":"))
                or len(row.text.split()) > ROW_WORDS_MAX
            ):
                break
            cells = _row_split(row.text, kinds, looks_like_organisation)
            if cells is None:
                break
            drafts.append(_draft(cells, kinds, row.line))
            taken.add(j)
    drafts.extend(_glued_rows(blocks, taken))
    remaining = [
        b if i not in taken else Block("blank", 0, "", b.line) for i, b in enumerate(blocks)
    ]
    return drafts, remaining


HEADER_LINES = 4  # short lines above a glued row among which its title column's header stands
HEADER_CELL_MAX = 40
# A row run together: a reference number, a body's name in capitals, then the title.
_GLUED = re.compile(
    r"^(?P<number>\d{3,})?"
    r"(?P<body>[A-ZÅÄÖÆØ][A-ZÅÄÖÆØ0-9&.\- ]*[A-ZÅÄÖÆØ.])"
    r"(?P<title>[A-ZÅÄÖÆØ][a-zåäöæø].*)$"
)


def _glued_rows(blocks: list[Block], taken: set[int]) -> list[EntryDraft]:
    """Return the projects of table rows whose cells were run together, under a header that
    names a title column ("Project title", "Prosjekttittel" on a line of its own)."""
    drafts: list[EntryDraft] = []
    content = [i for i, b in enumerate(blocks) if b.kind != "blank" and i not in taken]
    for k, i in enumerate(content):
        text = blocks[i].text.strip()
        if not (text[:1].isdigit() or text[1:2].isupper()):
            continue  # neither a number nor capitals first: no glued row (most lines, quickly)
        m = _GLUED.match(text)
        if m is None or not ((k and content[k - 1] in taken) or _header_above(blocks, content[:k])):
            continue  # a row under the header or under a row read so
        title, body = m.group("title").strip(), m.group("body").strip()
        draft = EntryDraft(title, None, blocks[i].line, blocks[i].line)
        draft.partners.append(PartnerText(body, "lead", blocks[i].line))
        draft.guesses.append(
            ("guessed-from-prose", f"The project “{title}” was read from running text; check it.")
        )
        drafts.append(draft)
        taken.add(i)
    return drafts


def _header_above(blocks: list[Block], before: list[int]) -> bool:
    """Return whether one of the short lines just above is a title column's header."""
    for i in before[-HEADER_LINES:]:
        text = blocks[i].text.strip().rstrip(".")
        if len(text) <= HEADER_CELL_MAX and (found := label_split(text + ":")) is not None:
            if found[0] == "title" and not found[1]:
                return True
    return False


def _is_body(text: str, looks_like_organisation: Callable[[str], bool]) -> bool:
    if len(text) < 4 or not text[:1].isupper():
        return False
    return looks_like_organisation(text) or text.split()[-1].casefold().endswith(_endings())


def _row_split(
    text: str, kinds: list[str], looks_like_organisation: Callable[[str], bool]
) -> list[str] | None:
    """Return the row's cells: the split whose body cells read best as bodies."""
    tokens = text.split()
    n = len(kinds)
    best: tuple[tuple[int, int], list[str]] | None = None
    for cuts in itertools.combinations(range(1, len(tokens) + 1), n - 1):
        bounds = [0, *cuts, len(tokens)]
        cells = [" ".join(tokens[a:b]) for a, b in zip(bounds, bounds[1:], strict=False)]
        if not cells[0] or any(not c for c in cells[1:-1]):
            continue
        score = 0
        valid = True
        for cell in cells[1:]:
            if not cell:
                score -= 1
                continue
            items = [x.strip() for x in cell.split(",")]
            if not all(x[:1].isupper() for x in items):
                valid = False
                break
            score += 2 if all(_is_body(x, looks_like_organisation) for x in items) else -2
        if not valid:
            continue
        key = (score, -len(cells[1].split()))
        if best is None or key > best[0]:
            best = (key, cells)
    return best[1] if best is not None and best[0][0] > 0 else None


def _draft(cells: list[str], kinds: list[str], line: int) -> EntryDraft:
    draft = EntryDraft(cells[0], None, line, line)
    for cell, kind in zip(cells[1:], kinds[1:], strict=False):
        for name in (x.strip() for x in cell.split(",")):
            if name:
                draft.partners.append(PartnerText(name, _ROLES[kind], line))
    return draft
