"""Read runs of list records: sibling lines of one shape that each state one project.

News items list what was granted as numbered or bulleted lines ("1. Strandby IF, seglarskola
för unga kr 40.000"), or as table rows flattened into text ("Seglarskola Strandby IF 40 000").
No single line says which part is the title and which the body: the run as a whole does. Each
line is cut into cells (the amount at its end, opening it with its currency, or as a comma
cell of its own; then the cells at the separator most rows share, or, where most rows have
none, the body its last type word anchors), and each cell position gets one role for the whole
run: the organisation column (the position whose cells read most as bodies' names), the title
column (the longest of the rest), a further cell (a place) neither. A short line above a run is
its group: a programme it names applies to the run's projects. Records without a currency take
the one of the run's other rows or of the text above it.

One line of that shape is no list: a run holds at least two records. A run under a lead that
speaks of partners, contacts or financing, rows that are all bodies' names, budget lines, sums,
fields and contacts are no list; the words are curated per language (`data/page.toml`,
[record_runs]). Every project read this way is reported, and so is every currency assumed.
Small blocks of one shape are read by `record_blocks.py` with the same parts.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from projektkatalog.domain.curated import curated_load
from projektkatalog.domain.matching.names import key_types, name_key
from projektkatalog.domain.money import amounts_find
from projektkatalog.domain.readers.blocks import Block
from projektkatalog.domain.readers.entry import EntryDraft
from projektkatalog.domain.readers.labels import label_split
from projektkatalog.domain.readers.lines import draft_amount_add
from projektkatalog.domain.readers.pairs import announces_list
from projektkatalog.domain.text import words_regex

RUN = 2  # records that make a list
LINE_MAX = 180
TITLE_WORDS_MAX = 16  # a cell of more words is a sentence, not a record's title
GROUP_WORDS_MAX = 5  # a line above a run of at most this many words names its group
ORG_WORDS_MAX = 7
AMOUNT_CHARS = 40  # an amount and its currency at a line's end fit in this many characters
LEAD_LINES = 6  # lines above a list searched for the currency its records leave out
GRANT_MIN = 1000  # an amount below this is a price or a fee, not a grant
OWN_NAME_WORDS = 3  # a one-cell row of at most this many words may be a body's own project
ORG_LEAD_WORDS = 3  # capitalised words before a type word ending a flattened row: the body's

_NUMBERED = re.compile(r"^\s*(?:\d{1,3}|[a-zA-Z])[.)]\s+(?=\S)")
_CURRENCY = (
    r"(?:kronor|kroner|kr\.?|sek|nok|dkk|euroa|euro|eur|€|msek|mnkr|mkr|tkr|meur|mio\.?\s*kr\.?)"
)
_MULTIPLIER = r"(?:miljoner|millioner|millionar|million|millions|milj\.?|mill\.?|mio\.?|tusen)"
# An amount the line ends in: digits grouped by thousands, or any number with a currency or a
# multiplier. A bare number without grouping ("2015", "35") is no amount.
_AMOUNT = (
    rf"(?:{_CURRENCY}\s*)?(?<![\d.,])\d{{1,3}}(?:[  .,]\d{{3}})+(?:,\d{{1,2}})?"
    rf"(?:\s*{_MULTIPLIER})?(?:\s*{_CURRENCY})?"
    rf"|(?:{_CURRENCY}\s*)?(?<![\d.,])\d+(?:[.,]\d+)?\s*{_MULTIPLIER}(?:\s*{_CURRENCY})?"
    rf"|{_CURRENCY}\s*(?<![\d.,])\d+(?:[.,]\d+)?"
    rf"|(?<![\d.,])\d+(?:[.,]\d+)?\s*{_CURRENCY}"
)
AMOUNT_AT_END = re.compile(rf"(?:^|(?<=[\s,:–—(-]))(?P<amount>{_AMOUNT})\)?\.?$", re.IGNORECASE)
_WHOLE_AMOUNT = re.compile(rf"^(?P<amount>{_AMOUNT})$", re.IGNORECASE)
# "för projektet", "til prosjektet", "for the project" before a title in a row's last cell.
_PROJECT_NOUN = re.compile(
    r"^(?:för|till|til|for|to)\s+(?:the\s+)?(?:projektet|prosjektet|project|förstudien|"
    r"forprosjektet|forprojektet|satsningen|satsingen)\s+",
    re.IGNORECASE,
)
# An amount that opens the row, before a separator: "300 000 kr – Title, Body".
_HEAD = re.compile(rf"^(?P<amount>{_AMOUNT})\s*(?:[,:–—-]|\s)\s*(?=[^\W\d])", re.IGNORECASE)
_DIGIT = re.compile(r"\d")
# A project's numbered part: "WP2", "AP 3" (work package, arbetspaket), "T1.2" (task).
_PART_NUMBER = re.compile(r"^(?:WP|AP|T)\s?\d")
_HAS_CURRENCY = re.compile(rf"(?<!\w){_CURRENCY}(?!\w)", re.IGNORECASE)
_QUOTED = re.compile(r"[\"”“«](?P<name>[^\"”“«»]{2,160})[\"”“»]")
# Cell separators, tried in this order; "(" stands for a body in parentheses after the title.
SEPARATORS = (", ", " – ", " — ", " - ", ": ", "(")
_BRACKETED = re.compile(r"\([^()]*\)")
_PARENTHESISED = re.compile(r"^(.+?)\s*\(([^()]+)\)$")
CONTACTISH = re.compile(r"@|\+\d{2}\s?\d|\b(?:tel|tfn|mob|phone)\b", re.IGNORECASE)


@dataclass
class _Row:
    index: int
    block: Block
    rest: str  # the line without its marker and its amount
    amount: str | None


@cache
def _not_lead() -> re.Pattern[str]:
    return words_regex(tuple(curated_load("page")["record_runs"]["not_lead_words"]))


@cache
def sum_start() -> re.Pattern[str]:
    words = tuple(curated_load("page")["record_runs"]["sum_words"])
    return re.compile(rf"^(?:{words_regex(words).pattern})", re.IGNORECASE)


def _shape(block: Block) -> str | None:
    """Return the kind of sibling a block is: a bullet at its depth, a numbered line, a line."""
    if block.kind == "item":
        return f"item:{block.depth}"
    if block.kind == "line":
        return "numbered" if _NUMBERED.match(block.text) else "line"
    return None


def _row(index: int, block: Block) -> _Row | None:
    """Return a block as a record row, or None when it cannot be one (a label, a sentence)."""
    numbered = _NUMBERED.match(block.text)
    text = (block.text[numbered.end() :] if numbered else block.text).strip()
    if not text or len(text) > LINE_MAX:
        return None
    has_digit = _DIGIT.search(text) is not None  # most lines hold none: skip the money scan
    if not has_digit and block.kind == "line" and not numbered:
        return None  # a plain line is a record only with its amount
    if label_split(text) is not None:
        return None  # a field
    m = _amount_at_end(text) if has_digit else None
    head = _HEAD.match(text) if m is None and has_digit else None
    if head is not None and not _HAS_CURRENCY.search(head.group("amount")):
        head = None  # "2 500 besökare": a count, not money
    if head is not None:
        rest, amount = text[head.end() :].strip(), head.group("amount")
    elif m is None:
        rest, amount = _amount_cell_taken(text) if has_digit else (text, None)
    else:
        rest, amount = text[: m.start()].rstrip(" ,:–—-("), m.group("amount")
        if rest and rest.split()[-1].isdigit() and not _HAS_CURRENCY.search(amount):
            return None  # "0701 234 567": a phone number's groups, not an amount
    if not rest or rest.endswith((".", "!", "?", ":")) or len(rest.split()) > TITLE_WORDS_MAX:
        return None
    if CONTACTISH.search(text) or sum_start().match(text):
        return None  # a contact, or a sum line ("Totalt 876 810 kr") under the records
    if is_field_name(rest):
        return None  # a field's label without its colon ("Budget 2 000 000 kr")
    return _Row(index, block, rest, amount)


def _amount_cell_taken(text: str) -> tuple[str, str | None]:
    """Return a row without the comma cell in its middle that is an amount with a currency
    ("Åby kommun, 300 000 kr, för projektet Cykelled"), and that amount; else the row."""
    cells = text.split(", ")
    for at, cell in enumerate(cells[1:-1], start=1):
        m = _WHOLE_AMOUNT.match(cell.strip())
        if m is not None and _HAS_CURRENCY.search(cell):
            rest = [c for i, c in enumerate(cells) if i != at]
            rest[-1] = _PROJECT_NOUN.sub("", rest[-1]).strip() or rest[-1]
            return ", ".join(rest), m.group("amount")
    return text, None


def _amount_at_end(text: str) -> re.Match[str] | None:
    """Return the amount a line ends in, searching only its last characters (an amount is
    short; a search over the whole line costs more than the rest of the reading)."""
    start = max(0, len(text) - AMOUNT_CHARS)
    m = AMOUNT_AT_END.search(text, start)
    if m is not None and m.start() == start and start > 0:
        return AMOUNT_AT_END.search(text)  # the window cut an amount: read the whole line
    return m


def is_field_name(text: str) -> bool:
    """Return whether a cell is a field's label without its colon ("Total budget")."""
    return label_split(text.rstrip(" :") + ":") is not None


def record_run_projects(
    blocks: list[Block], looks_like_organisation: Callable[[str], bool]
) -> tuple[list[EntryDraft], list[Block], list[tuple[int, str]]]:
    """Return the projects of runs of list records, the blocks that remain, and the group lines
    above the runs (line, text) as page context."""
    content = [i for i, b in enumerate(blocks) if b.kind != "blank"]
    drafts: list[EntryDraft] = []
    groups: list[tuple[int, str]] = []
    taken: set[int] = set()
    read: dict[int, _Row | None] = {}  # each line read as a row once, however many runs try it
    shapes = [_shape(blocks[i]) for i in content]
    k = 0
    while k < len(content):
        run = _run_at(blocks, content, shapes, k, read)
        if (
            not _is_record_list(run, blocks, content, k)
            or _names_bodies_only(run, looks_like_organisation)
            or budget_lines([r.rest for r in run])
            or _prices([r.amount for r in run])
        ):
            k += max(1, len(run))
            continue
        group = _group_line(blocks, content, k)
        group_text = None
        if group is not None:
            group_text = blocks[group].text.rstrip(":")
            groups.append((blocks[group].line, group_text))
            taken.add(group)
        above = lead_currency(blocks, run[0].index)
        drafts.extend(_run_drafts(run, looks_like_organisation, group_text, above))
        taken.update(r.index for r in run)
        k += len(run)
    remaining = [
        b if i not in taken else Block("blank", 0, "", b.line) for i, b in enumerate(blocks)
    ]
    return drafts, remaining, groups


def _run_at(
    blocks: list[Block],
    content: list[int],
    shapes: list[str | None],
    k: int,
    read: dict[int, _Row | None],
) -> list[_Row]:
    """Return the rows of the longest run of siblings of one shape starting at content[k]."""
    shape = shapes[k]
    rows: list[_Row] = []
    if shape is None or k + 1 >= len(content) or shapes[k + 1] != shape:
        return rows  # no sibling of the same shape follows: no run, and nothing to read
    previous = content[k] - 1
    for at in range(k, len(content)):  # no slice: a page of thousands of lines stays linear
        i = content[at]
        block = blocks[i]
        # Plain lines stand in a run only line after line; bullets and numbers may have a blank
        # line between them.
        gap = i - previous - 1
        if shapes[at] != shape or gap > (0 if shape == "line" else 1):
            break
        if i not in read:
            read[i] = _row(i, block)
        row = read[i]
        if row is None or (shape == "line" and row.amount is None):
            break  # plain lines are records only with an amount each
        rows.append(row)
        previous = i
    return rows


def _is_record_list(run: list[_Row], blocks: list[Block], content: list[int], k: int) -> bool:
    """Return whether a run reads as a list of project records: at least two rows, money in
    most of them (every row, for plain lines), and no lead that makes them one project's
    partners or contacts."""
    if len(run) < RUN:
        return False
    with_amount = sum(1 for r in run if r.amount is not None)
    if _shape(run[0].block) == "line":
        # Plain lines are a list only as a block of their own: every one with an amount, a
        # blank line (or the page's end) after them, and before them a blank line, a heading
        # or a line that leads in. Lines that go on from a field are that entry's.
        after = run[-1].index + 1
        if with_amount < len(run) or (after < len(blocks) and blocks[after].kind != "blank"):
            return False
        before = run[0].index - 1
        if before >= 0 and blocks[before].kind == "line" and not blocks[before].text.endswith(":"):
            if _group_line(blocks, content, k) is None:
                return False
    elif with_amount * 3 < len(run) * 2 and not (
        # "Följande projekt får stöd:" over numbered names: records of a title alone.
        _shape(run[0].block) == "numbered" and k > 0 and announces_list(blocks[content[k - 1]].text)
    ):
        return False
    lead_in = [blocks[content[j]].text for j in (k - 1, k - 2) if j >= 0]
    return not any(_not_lead().search(text) for text in lead_in)


@cache
def _cost_stems() -> tuple[str, ...]:
    return tuple(curated_load("page")["record_runs"]["cost_stems"])


def budget_lines(texts: list[str]) -> bool:
    """Return whether half the records or more name costs or financing ("Personalkostnader
    200 000 kr", "Egen insats 50 000 kr"): one project's budget, not projects."""
    stems = _cost_stems()
    costs = sum(
        1
        for text in texts
        if _PART_NUMBER.match(text) or any(stem in text.casefold() for stem in stems)
    )
    return costs * 2 >= len(texts)


def _prices(amounts: list[str | None]) -> bool:
    """Return whether most of a run's amounts are below what any grant is ("Vuxna 120 kr",
    "Barn 60 kr": a price list)."""
    values = [found[0].amount for a in amounts if a and (found := amounts_find(a))]
    return bool(values) and sum(1 for v in values if v < GRANT_MIN) * 2 > len(values)


def _names_bodies_only(run: list[_Row], looks_like_organisation: Callable[[str], bool]) -> bool:
    """Return whether every row is one cell and most name a body: "Strandby kommun 200 000 kr"
    line after line is one project's financiers or partners' budgets, not projects."""
    if _run_cells(run) is not None:
        return False
    bodies = sum(1 for r in run if _is_body_name(r.rest, looks_like_organisation))
    return bodies * 2 >= len(run)


def _is_body_name(text: str, looks_like_organisation: Callable[[str], bool]) -> bool:
    """Return whether a whole cell is a body's name: its first or last word says what kind of
    body it is ("Strandby kommun", "Stiftelsen Havsbad"), not a title that names a body."""
    words = text.split()
    if not words or len(words) > ORG_WORDS_MAX or not looks_like_organisation(text):
        return False
    if _flattened_pair(text, looks_like_organisation)[1] is not None:
        return False  # "Skidspår över fjället Fjällby IF": a title, then its body
    return any(key_types(name_key(w.rstrip("-,"))) for w in (words[0], words[-1]))


def _is_short_body_name(text: str, looks_like_organisation: Callable[[str], bool]) -> bool:
    """Return whether a cell of a few words is a body's name, its type word first or last
    ("Strandby næringssenter", "Stiftelsen Havsbad")."""
    words = text.split()
    return (
        len(words) <= OWN_NAME_WORDS
        and looks_like_organisation(text)
        and any(key_types(name_key(w.rstrip("-,"))) for w in (words[0], words[-1]))
    )


def _group_line(blocks: list[Block], content: list[int], k: int) -> int | None:
    """Return the index of the short line just above a run that names its group, if any."""
    if k == 0:
        return None
    i = content[k - 1]
    block = blocks[i]
    text = block.text.strip()
    if (
        block.kind in ("line", "heading")
        and len(text.split()) <= GROUP_WORDS_MAX
        and not text.endswith((".", "!", "?"))
        and not AMOUNT_AT_END.search(text)
        and label_split(text) is None
    ):
        return i
    return None


def _cells(text: str, separator: str) -> list[str]:
    """Return a row's cells at `separator`; "(" parts "Title (Body)" into its two cells."""
    if separator == "(":
        m = _PARENTHESISED.match(text)
        return [m.group(1).strip(), m.group(2).strip()] if m else [text]
    # A separator inside brackets parts no cells: "Title (Lead partner: Body)".
    masked = _BRACKETED.sub(lambda m: "_" * len(m.group(0)), text)
    cells, start = [], 0
    while (at := masked.find(separator, start)) >= 0:
        cells.append(text[start:at])
        start = at + len(separator)
    cells.append(text[start:])
    return [c.strip() for c in cells if c.strip()]


def _run_cells(run: list[_Row]) -> list[list[str]] | None:
    """Return each row's cells at the separator most rows of the run share (comma, dash,
    colon, a body in parentheses), or None when most rows have none: a flattened row."""
    parted = [r for r in run if len(r.block.cells) > 1]
    if len(parted) * 2 >= len(run):
        # The page parts the cells (tabs, an HTML row): its cells, without the amount's.
        return [
            [c for c in r.block.cells if c != r.amount and not _WHOLE_AMOUNT.match(c)] or [r.rest]
            for r in run
        ]
    best: tuple[int, str] | None = None
    for separator in SEPARATORS:
        count = sum(1 for r in run if len(_cells(r.rest, separator)) > 1)
        if count * 2 >= len(run) and (best is None or count > best[0]):
            best = (count, separator)
    if best is None:
        return None
    return [_cells(r.rest, best[1]) for r in run]


def _roles(
    split: list[list[str]], looks_like_organisation: Callable[[str], bool]
) -> list[tuple[str, str | None]]:
    """Return (title, body) of each row: the body column is the position whose cells read most
    as bodies' names across the run, the title the longest of the others; a further cell (a
    place, a district) is neither."""
    counts = Counter(len(c) for c in split if len(c) > 1)
    width = counts.most_common(1)[0][0]
    full = [c for c in split if len(c) == width]
    org_scores = [sum(org_score(c[p], looks_like_organisation) for c in full) for p in range(width)]
    # On a tie the first cell is the body: "Body, title" is the commoner order.
    org_at = max(range(width), key=lambda p: (org_scores[p], -p))
    others = [p for p in range(width) if p != org_at]
    title_at = max(others, key=lambda p: (sum(len(c[p].split()) for c in full), -p))
    pairs: list[tuple[str, str | None]] = []
    for cells in split:
        if len(cells) == 1:
            # "Strandby företagscenter kr 200 000" among "Body, title" rows: a body granted
            # money for its own work is the project's title and its lead.
            own = cells[0] if _is_short_body_name(cells[0], looks_like_organisation) else None
            pairs.append((cells[0], own))
        elif len(cells) == width and width > 2:
            pairs.append((cells[title_at], cells[org_at]))
        elif org_at == 0:
            pairs.append((", ".join(cells[1:]), cells[0]))
        else:
            pairs.append((", ".join(cells[:-1]), cells[-1]))
    return pairs


def org_score(cell: str, looks_like_organisation: Callable[[str], bool]) -> int:
    """Return how much a cell reads as a body's name: a known body or one with a type word
    counts twice, a short capitalised name without quotes once; a quoted or lower-case cell
    (a title's) counts against."""
    if _QUOTED.search(cell) or not cell[:1].isupper():
        return -1
    if len(cell.split()) > ORG_WORDS_MAX:
        return -1
    return 2 if looks_like_organisation(cell) else 1


def _run_drafts(
    run: list[_Row],
    looks_like_organisation: Callable[[str], bool],
    group: str | None,
    above: str | None,
) -> list[EntryDraft]:
    """Return one project per row, each cell position given its role across the whole run."""
    split = _run_cells(run)
    if split is None:
        pairs = [_flattened_pair(r.rest, looks_like_organisation) for r in run]
    else:
        pairs = _roles(split, looks_like_organisation)
    currency = records_currency([r.amount for r in run]) or above
    return [
        record_draft(title_cell, org, row.amount, row.block.line, row.block.line, currency, group)
        for row, (title_cell, org) in zip(run, pairs, strict=True)
    ]


def record_draft(
    title_cell: str,
    org: str | None,
    amount: str | None,
    line: int,
    last_line: int,
    currency: str | None,
    group: str | None,
) -> EntryDraft:
    """Return the project one record states, every guess in it reported."""
    quoted = _QUOTED.search(title_cell)
    title = (quoted.group("name") if quoted else title_cell).strip(' ,–-"”“«»')
    title = title[:1].upper() + title[1:]
    # A record is a name, a body and an amount: too few words to tell a language by, the
    # project keeps the page's (the record is in the import's lines all the same).
    draft = EntryDraft(title, None, line, last_line)
    if org:
        labelled = label_split(org)  # "(Lead partner: Strandby kommun)": the body, not its label
        if labelled is not None and labelled[0] == "lead" and labelled[1]:
            org = labelled[1]
        draft.named_participants.append((org.strip(" ,"), "lead", None))
    if amount is not None:
        stated = amount
        if currency and not _HAS_CURRENCY.search(amount):
            stated = f"{amount} {currency}"
            draft.guesses.append(
                (
                    "guessed-currency",
                    f"“{amount}” states no currency; {currency}, as the list or the text "
                    "above it states, was assumed. Check it.",
                )
            )
        draft_amount_add(draft, stated, line)
    how = f"The project “{title}” was read from a record of a list"
    how += f" under “{group}”" if group else ""
    draft.guesses.append(("guessed-from-prose", how + "; check its title and body."))
    return draft


def lead_currency(blocks: list[Block], first: int) -> str | None:
    """Return the currency the text above a list states ("... 2,1 millioner kroner ...": its
    group line, its lead, the page's heading), for records that state none."""
    seen = 0
    for block in reversed(blocks[:first]):
        if block.kind == "blank":
            continue
        if m := _HAS_CURRENCY.search(block.text):
            return m.group(0)
        seen += 1
        if seen >= LEAD_LINES:
            break
    return None


def records_currency(amounts: list[str | None]) -> str | None:
    """Return the currency word most of a run's records state, if any states one."""
    found = Counter(m.group(0) for a in amounts if a and (m := _HAS_CURRENCY.search(a)))
    return found.most_common(1)[0][0] if found else None


def _flattened_pair(
    text: str, looks_like_organisation: Callable[[str], bool]
) -> tuple[str, str | None]:
    """Return (title, body) of a flattened row "Title Body": the body is at the end, anchored
    on its last type word ("... Strandby kommun", "... Stiftelsen Havsbad i Strandby"), with
    the capitalised word before a trailing type word ("Strandby idrottsförbund")."""
    words = text.split()
    for t in range(len(words) - 1, 0, -1):
        if not key_types(name_key(words[t].rstrip("-"))):
            continue
        if words[t][:1].isupper() and t < len(words) - 1:
            start = t  # "Stiftelsen ...", "Föreningen ...": the body starts with its type
        elif words[t][:1].isupper():
            # "... Strandby Village Association": the capitalised words before a type word
            # that ends the row are the body's, a few at most.
            start = t
            while start > 1 and t - start < ORG_LEAD_WORDS and words[start - 1][:1].isupper():
                start -= 1
        elif words[t - 1][:1].isupper() and t - 1 >= 1:
            start = t - 1  # "... Strandby kommun": one name before a lower-case type word
        else:
            continue
        org = " ".join(words[start:])
        if looks_like_organisation(org) and len(org.split()) <= ORG_WORDS_MAX:
            return " ".join(words[:start]), org
    return text, None
