"""Read a table flattened into lines of space-separated cells: a header row naming its columns
("Projekt Sökande Beviljat belopp Kommun", "Navn på prosjekt Leadpartner Norsk partner"), then
one line per project. An HTML table's rows are read the same way, with the cells the page gives.

The header is a run of known column words (the field labels and `labels.toml` `[columns]`): one
names the title, the others bodies, amounts, a period, a programme or fund, a short
description, a place, a case number or a date, and a
money column may name its currency ("Beviljat belopp (kr)"). A row has no separators, so its
cells are found as the split whose cells read best as what their columns hold: an amount or a
period where the header says so, bodies' names in the body columns (the shortest such cell on a
tie); the last cell may be empty. The header is never a project.

A table copied without any space between its cells ("322729STRANDBY ENERGI ASSolvarme for alle")
is split at the changes of shape where one cell ends and the next begins: from a number to a
letter, and from a name in capitals to a word in ordinary case. Such rows are read only under
header lines that name a title column, and each cell is told by its shape: a number is the
row's reference, a name in capitals its body, the rest its title.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cache, lru_cache

from projektkatalog.domain.curated import curated_load
from projektkatalog.domain.matching.names import key_types, name_key
from projektkatalog.domain.matching.organisations import OrganisationIndex
from projektkatalog.domain.money import (
    INFERRED_CURRENCY_FROM_CONTEXT,
    Amount,
    amounts_find,
    currencies_named,
)
from projektkatalog.domain.periods import Period, period_parse
from projektkatalog.domain.readers.blocks import Block
from projektkatalog.domain.readers.entry import (
    MONEY_FIELDS,
    ROLE_FIELDS,
    EntryDraft,
    PartnerText,
)
from projektkatalog.domain.readers.labels import column_labels, label_split
from projektkatalog.domain.text import text_clean, words_alternation

_DIGIT = re.compile(r"\d")
_LETTER = re.compile(r"[^\W\d_]")
COLUMNS_MAX = 5
HEADER_MAX = 120
ROW_WORDS_MAX = 40
LEAD_BLOCKS = 6  # lines above a header in which the lead may name the table's currency
# The widest cell of each kind, in words: beyond it a split is not tried.
_WIDTH = {
    "money": 6,
    "period": 8,
    "place": 3,
    "reference": 2,
    "date": 4,
    "role": 14,
    "programme": 6,
}
_PERIOD_KINDS = ("period", "start", "end")
_KEPT_IN_TEXT = ("place", "reference", "date")  # columns kept in the project's text
# A row ending in an amount's abbreviation ("12.500 kr.") is no sentence.
_AMOUNT_END = re.compile(r"\d[\d  .,]*\s*\S{0,6}\.$")


@dataclass(frozen=True)
class Column:
    kind: str  # a field kind of labels.toml ("title", "lead", "grant", ...) or a column kind
    label: str  # the header's words for it, as written
    currency: str = ""  # the currency the header names for it ("Belopp (kr)" -> "kr"), or ""


@cache
def _header_regex() -> re.Pattern[str]:
    labels = words_alternation(column_labels())
    money = curated_load("money")
    currencies = [w for words in money["currencies"].values() for w in words]
    currencies += list(money["ambiguous_currency"])
    multipliers = [w for words in money["multipliers"].values() for w in words if w.isalpha()]
    return re.compile(
        rf"(?P<label>{labels})"
        rf"(?:\s*[,(]?\s*(?:(?:i|in|på)\s+)?"
        rf"(?P<currency>(?:(?:{words_alternation(multipliers)})\s+)?"
        rf"(?:{words_alternation(currencies)}))\)?)?(?=\s|$)",
        re.IGNORECASE,
    )


def header_columns(text: str) -> list[Column] | None:
    """Return the columns of a header line made only of column words, or None."""
    columns = _columns_parsed(text)
    return list(columns) if columns is not None and _columns_valid(list(columns)) else None


@lru_cache(maxsize=65536)  # asked of every line, twice: as a header and as a stacked one
def _columns_parsed(text: str) -> tuple[Column, ...] | None:
    """Return the column words a line is made of, or None when any other word stands in it."""
    if len(text) > HEADER_MAX or ":" in text or _DIGIT.search(text):
        return None
    first = text.split(None, 1)
    if not first or first[0].casefold() not in _first_words():
        return None  # most lines: the first word starts no column's name
    pos, columns = 0, []
    regex, kinds = _header_regex(), column_labels()
    while pos < len(text):
        m = regex.match(text, pos)
        if m is None:
            return None
        label = " ".join(m.group("label").casefold().split())
        currency = m.group("currency") or ""
        columns.append(Column(kinds[label], m.group("label"), currency))
        pos = m.end()
        while pos < len(text) and text[pos] == " ":
            pos += 1
    return tuple(columns)


@cache
def _first_words() -> frozenset[str]:
    """Return the first words of every column's name, lower-case."""
    return frozenset(label.split()[0] for label in column_labels())


def _columns_valid(columns: list[Column], minimum: int = 2) -> bool:
    """Return whether columns make a table's header: one title among two to five columns whose
    cells a table holds (a column of contacts or links makes a line of labels, not a header)."""
    return (
        minimum <= len(columns) <= COLUMNS_MAX
        and [c.kind for c in columns].count("title") == 1
        and all(_family(c.kind) for c in columns)
        and not any(c.currency and _family(c.kind) != "money" for c in columns)
    )


def _family(kind: str) -> str:
    """Return what a column's cells hold: a title, bodies, money, a period, or text kept."""
    if kind == "title":
        return "title"
    if kind in ROLE_FIELDS:
        return "role"
    if kind in MONEY_FIELDS:
        return "money"
    if kind in _PERIOD_KINDS:
        return "period"
    if kind == "programme":
        return "programme"
    if kind == "results":
        return "text"  # a short description: any words, kept in the project's text
    return kind if kind in _KEPT_IN_TEXT else ""


def table_projects(
    blocks: list[Block], organisations: OrganisationIndex, language: str = "sv"
) -> tuple[list[EntryDraft], list[Block]]:
    """Return the projects of flattened tables, and the blocks without their lines; the bodies
    `organisations` knows, or whose names read as bodies', tell where a row's cells end."""
    drafts: list[EntryDraft] = []
    taken: set[int] = set()
    parsed = [_columns_parsed(b.text) if b.kind != "blank" else None for b in blocks]
    for i, found in enumerate(parsed):
        if found is None or not _columns_valid(columns := list(found)):
            continue
        taken.add(i)
        lead_currency = _lead_currency(blocks[:i], language)
        described = any(_family(c.kind) == "text" for c in columns)  # rows end in sentences
        for j in range(i + 1, len(blocks)):
            row = blocks[j]
            if row.kind == "blank" and j + 1 < len(blocks) and blocks[j + 1].kind != "blank":
                continue  # one blank line between rows, as a page's converter may leave them
            if (
                row.kind == "blank"
                or row.text.endswith(":")
                or (row.text.endswith(".") and not described and not _AMOUNT_END.search(row.text))
                or len(row.text.split()) > ROW_WORDS_MAX * (3 if described else 1)
            ):
                break
            # An HTML row comes with the cells the page parts; a text row is split.
            cells = (
                list(row.cells)
                if len(row.cells) == len(columns)
                else _row_split(row.text, columns, organisations, language)
            )
            if cells is None:
                break
            taken.add(j)
            title = cells[[c.kind for c in columns].index("title")]
            if title and not _sums_up(title):  # no title: a spacer or a sum, no project
                drafts.append(_draft(cells, columns, row.line, lead_currency, language))
    # A table one cell a line needs lines that each name one column a table holds.
    if sum(1 for c in parsed if c is not None and len(c) == 1 and _family(c[0].kind)) >= (
        STACKED_MIN
    ):
        drafts.extend(_stacked_rows(blocks, taken, organisations, language))
    drafts.extend(_glued_rows(blocks, taken))
    remaining = [
        b if i not in taken else Block("blank", 0, "", b.line) for i, b in enumerate(blocks)
    ]
    return drafts, remaining


def _sums_up(title: str) -> bool:
    """Return whether a row's title says it sums up the rows above it ("Totalt", "I alt")."""
    return title.casefold().strip(" :.") in _total_rows()


@cache
def _total_rows() -> frozenset[str]:
    return frozenset(curated_load("page")["tables"]["total_rows"])


STACKED_MIN = 3  # columns of a header set out one a line: fewer are a label over its value


def _stacked_rows(
    blocks: list[Block], taken: set[int], organisations: OrganisationIndex, language: str
) -> list[EntryDraft]:
    """Return the projects of tables whose cells stand one a line: a header of three to five
    lines that each name one column ("Projekt", "Sökande", "Belopp"), then the rows' cells in
    the same order, as long as every cell reads as its column's."""
    drafts: list[EntryDraft] = []
    content = [i for i, b in enumerate(blocks) if b.kind != "blank" and i not in taken]
    k = 0
    while k < len(content):
        header: list[Column] = []
        while k + len(header) < len(content) and len(header) < COLUMNS_MAX:
            one = _columns_parsed(blocks[content[k + len(header)]].text)
            if one is None or len(one) != 1:
                break
            header.extend(one)
        if len(header) < STACKED_MIN or not _columns_valid(header, STACKED_MIN):
            k += max(len(header), 1)
            continue
        first_role = next((c for c, col in enumerate(header) if _family(col.kind) == "role"), -1)
        lead_currency = _lead_currency(blocks[: content[k]], language)
        taken.update(content[k : k + len(header)])
        k += len(header)
        while k + len(header) <= len(content):
            row = content[k : k + len(header)]
            cells = [blocks[i].text for i in row]
            if any(
                _reading(cell, column, c == first_role, organisations, language) is None
                for c, (cell, column) in enumerate(zip(cells, header, strict=True))
            ):
                break
            if not _sums_up(cells[[c.kind for c in header].index("title")]):
                drafts.append(_draft(cells, header, blocks[row[0]].line, lead_currency, language))
            taken.update(row)
            k += len(header)
    return drafts


def _lead_currency(above: list[Block], language: str) -> str:
    """Return the one currency the lead above a table states its sums in ("... fördelas 3,2
    miljoner kronor"), or "" when it names none or several."""
    lead: list[str] = []
    for block in reversed(above):
        if block.kind == "blank":
            continue
        lead.append(block.text)
        if block.kind == "heading" or len(lead) >= LEAD_BLOCKS:
            break
    named = currencies_named(" ".join(reversed(lead)), language=language)
    return next(iter(named)) if len(named) == 1 else ""


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
    """Return whether a cell reads as a body's name: known, or ending in a body's type word; a
    type word alone ("University", "Park AB") names no body, it ends a longer name."""
    if len(text) < 4 or not text[:1].isupper():
        return False
    if all((key := name_key(w)) in key_types(key) for w in text.split()):
        return False
    return looks_like_organisation(text) or text.split()[-1].casefold().endswith(_endings())


@cache
def _endings() -> tuple[str, ...]:
    return tuple(curated_load("roles")["prose_lists"]["name_endings"])


# How well a split reads: its cells' sum, the words its amounts take, how its title ends, and
# the words of its first body cell (fewer is better on a tie).
Key = tuple[int, int, int, int]
SMALL_WORD = 3  # letters of the small words a title's name may follow ("i Norrvik", "på Ön")


def _title_ending(cell: str) -> int:
    """Return -1 when a title ends as titles do not, else 0: in a small word ("Digitala byar i")
    or in a capitalised word after an ordinary one ("Fisketurism i fjällen Fjällby", where
    "Fjällby" begins the body's name), since titles are written in sentence case."""
    words = cell.split()
    last = words[-1]
    if last.islower() and len(last) <= SMALL_WORD:
        return -1
    if len(words) > 1 and last[:1].isupper() and words[-2].islower():
        return 0 if len(words[-2]) <= SMALL_WORD else -1
    return 0


def _row_split(
    text: str, columns: list[Column], organisations: OrganisationIndex, language: str
) -> list[str] | None:
    """Return the row's cells: the split whose cells read best as what their columns hold.

    Each cell's reading adds to the row's, so the best split is found column by column over
    where each cell may end (no split is tried twice); only the last cell may be empty."""
    tokens = text.split()
    n, k = len(tokens), len(columns)
    first_role = next((c for c, col in enumerate(columns) if _family(col.kind) == "role"), -1)

    def cell_key(c: int, a: int, b: int) -> Key | None:
        if a == b:
            return (-1, 0, 0, 0)
        if b - a > _WIDTH.get(_family(columns[c].kind), n):
            return None
        cell = " ".join(tokens[a:b])
        return _reading(cell, columns[c], c == first_role, organisations, language)

    # best[c][i]: the best reading of the first c cells over tokens[:i], and where cell c-1 began.
    best: list[dict[int, tuple[Key, int]]] = [{0: ((0, 0, 0, 0), -1)}] + [{} for _ in range(k)]
    for c in range(k):
        last = c == k - 1
        for a, (key, _) in best[c].items():
            for b in [n] if last else range(a + 1, n + 1):
                found = cell_key(c, a, b)
                if found is None:
                    continue
                total = (
                    key[0] + found[0],
                    key[1] + found[1],
                    key[2] + found[2],
                    key[3] + found[3],
                )
                if b not in best[c + 1] or total > best[c + 1][b][0]:
                    best[c + 1][b] = (total, a)
    if n not in best[k] or best[k][n][0][0] <= 0:
        return None
    bounds, end = [n], n
    for c in range(k, 0, -1):
        end = best[c][end][1]
        bounds.append(end)
    bounds.reverse()
    return [" ".join(tokens[a:b]) for a, b in zip(bounds, bounds[1:], strict=False)]


def _reading(
    cell: str,
    column: Column,
    first_role: bool,
    organisations: OrganisationIndex,
    language: str,
) -> Key | None:
    """Return how well a cell reads as what its column holds, or None when it cannot be one."""
    family = _family(column.kind)
    if family == "title":
        # A title starts as a name does: a capital, a digit or a quote ("kyläyhdistys ry
        # Kylätalo kuntoon" is the end of a body's name run into the title).
        if not _LETTER.search(cell) or cell[:1].islower():
            return None
        return (0, 0, _title_ending(cell), 0)
    if family == "role":
        items = [x.strip() for x in cell.split(",")]
        if not all(x[:1].isupper() for x in items):
            return None
        if all(organisations.is_known(x) for x in items):
            score = 3  # a body the catalogue knows by this name: more than its shape
        else:
            looks = organisations.looks_like_organisation
            score = 2 if all(_is_body(x, looks) for x in items) else -2
        return (score, 0, 0, -len(cell.split()) if first_role else 0)
    if family == "money":
        return (3, len(cell.split()), 0, 0) if _amount_cell(cell, column, language) else None
    if family in ("period", "date"):
        if not _DIGIT.search(cell) or period_parse(cell) is None:
            return None
        return (3 if family == "period" else 1, 0, 0, 0)
    if family == "text":
        return (0, 0, 0, 0) if not cell[:1].islower() else None
    if family == "programme":  # "Regionalfonden", "ESF": a name
        return (0, 0, 0, 0) if cell[:1].isupper() else None
    if family == "reference":  # "26-014", "Dnr 2026/118": every word with a digit
        return (2, 0, 0, 0) if all(_DIGIT.search(t) for t in cell.split()) else None
    # A place: a name or two in capitals, no number.
    if not cell[:1].isupper() or _DIGIT.search(cell):
        return None
    return (1 if organisations.looks_like_organisation(cell) else 0, 0, 0, 0)


def _amount_cell(cell: str, column: Column, language: str) -> Amount | None:
    """Return the amount a money cell holds, when the cell is that amount and nothing else."""
    if not (cell[:1].isdigit() or not cell[:1].isalnum() or _DIGIT.search(cell[:6])):
        return None  # neither a number nor a currency first ("SEK 2 500", "€ 1 200")
    kind = MONEY_FIELDS[column.kind]
    found = amounts_find(cell, kind=kind, bare=True, language=language, context=cell)
    if len(found) != 1 or found[0].text != text_clean(cell).strip(" ."):
        return None
    return found[0]


def _draft(
    cells: list[str], columns: list[Column], line: int, lead_currency: str, language: str
) -> EntryDraft:
    title = cells[[c.kind for c in columns].index("title")]
    draft = EntryDraft(title, None, line, line)
    for cell, column in zip(cells, columns, strict=False):
        family = _family(column.kind)
        if not cell or family == "title":
            continue
        if family == "role":
            for name in (x.strip() for x in cell.split(",")):
                if name:
                    draft.partners.append(PartnerText(name, ROLE_FIELDS[column.kind], line))
        elif family == "money":
            _money_cell(draft, cell, column, line, lead_currency, language)
        elif family == "period":
            _period_cell(draft, cell, column.kind, line)
        elif family == "programme":
            draft.programmes.append((cell, line))
        elif family == "text":
            draft.description_lines.append((line, cell))
        else:
            draft.description_lines.append((line, f"{column.label}: {cell}"))
    return draft


def _money_cell(
    draft: EntryDraft, cell: str, column: Column, line: int, lead_currency: str, language: str
) -> None:
    """Add a money cell's amount: in its own currency; else in the one its column's header
    ("Beløb i kr.") or the table's lead names, reported as read from its context; else left to
    the builder, which reports it too."""
    amount = _amount_cell(cell, column, language)
    if amount is None:
        return
    if amount.currency:
        draft.amounts.append(amount)
        return
    source = column.currency or lead_currency
    stated = amounts_find(f"{cell} {source}", kind=amount.kind, language=language) if source else []
    if len(stated) != 1 or not stated[0].currency:
        draft.bare_amounts.append((cell, amount.kind, line))
        return
    # Reported as every amount whose currency came from its context is, in the words the
    # import review can say in Swedish too.
    draft.amounts.append(replace(stated[0], text=cell, inferred=(INFERRED_CURRENCY_FROM_CONTEXT,)))


def _period_cell(draft: EntryDraft, cell: str, kind: str, line: int) -> None:
    """Set the period a period, start or end column gives."""
    period = period_parse(cell)
    if period is None:
        return
    old = draft.period
    if kind == "start":
        period = Period(period.start, old.end if old else None, period.approximate, (), cell)
    elif kind == "end":
        end = period.end or period.start
        period = Period(old.start if old else None, end, period.approximate, (), cell)
    draft.period, draft.period_line = period, line
