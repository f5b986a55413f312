"""Read projects listed one per line: "Strandby kommun får 2 miljoner kronor till projektet X",
"”X”, Strandby båtklubb. 6.340 euro.", "X 3 500 000 kr".

The shapes are curated patterns (`data/page.toml`, [lines]) with placeholders for a body, a
title and an amount. A line read this way is taken out of the page before the outline is read.
"""

from __future__ import annotations

import re
from functools import cache

from projektkatalog.domain.curated import curated_load
from projektkatalog.domain.money import amounts_find
from projektkatalog.domain.readers.blocks import Block
from projektkatalog.domain.readers.entry import EntryDraft, PartnerText
from projektkatalog.domain.readers.labels import label_split
from projektkatalog.domain.text import words_alternation

_CURRENCY = r"(?i:kronor|kroner|kr\.?|sek|nok|dkk|euro|eur|€|msek|mnkr|mkr|meur)"
_MULTIPLIER = r"(?i:miljoner|millioner|millionar|millions?|milj\.?|mill\.?|mio\.?|tusen)"
_AMOUNT = (
    rf"(?P<amount>(?:{_CURRENCY}\s*)?\d[\d  .,]*(?:\s*{_MULTIPLIER})?"
    rf"(?:\s*(?i:svenska |norska |danske |norske )?{_CURRENCY})?)"
)
AMOUNT = _AMOUNT  # for readers that find amounts inside sentences
_SLOTS = {
    "{org}": r"(?P<org>[A-ZÅÄÖÆØ][^.!?]{1,80}?)",
    "{title}": r"(?P<title>[^\"”“]{2,160}?)",
    # A name in quotes: the quotes are not part of it.
    "{quoted}": r"[\"”“«](?P<title>[^\"”“«»]{2,160})[\"”“»]",
    "{amount}": _AMOUNT,
    "{rest}": r"(?P<rest>.{3,200}?)",
    # The work a sentence grants money for: the rest of that one sentence, no caption after it.
    "{work}": r"(?P<rest>(?:(?![.!?]\s)[^\n]){3,200}?)",
}
# A list line's last comma cell when it is an amount with a currency: "..., 12 500 €".
AMOUNT_CELL = re.compile(rf",\s+{_AMOUNT}\.?$")
_AMOUNT_LINE = re.compile(rf"^{_AMOUNT}\.?$", re.IGNORECASE)
RUN = 2  # "title amount" lines count as a list only when at least this many follow one another


def slots_filled(pattern: str) -> str:
    """Return a curated shape with its placeholders ({org}, {title}, {amount} ...) as regex."""
    for slot, regex in _SLOTS.items():
        pattern = pattern.replace(slot, regex)
    return pattern


def _compiled(pattern: str, *, flags: int = re.IGNORECASE) -> re.Pattern[str]:
    return re.compile(rf"^(?:{slots_filled(pattern)})[.!]?$", flags)


@cache
def _patterns() -> tuple[list[re.Pattern[str]], re.Pattern[str]]:
    data = curated_load("page")["lines"]
    # Titles and bodies start with a capital: only the verbs are matched case-insensitively.
    listed = [_compiled(p, flags=0) for p in data["patterns"]]
    title_amount = data["title_amount"].replace(
        "{amount}", _AMOUNT.replace("[\\d  .,]*", "[\\d  ]*")
    )
    return listed, _compiled(title_amount, flags=re.IGNORECASE)


def has_currency(amount: str) -> bool:
    return bool(re.search(_CURRENCY, amount))


def _is_money(amount: str) -> bool:
    """Return whether an amount is money: it names a currency or counts in millions."""
    return has_currency(amount) or bool(re.search(_MULTIPLIER, amount))


def line_projects(blocks: list[Block]) -> tuple[list[EntryDraft], list[Block]]:
    """Return the projects listed one per line, and the blocks that remain for the outline."""
    listed, title_amount = _patterns()
    drafts: list[EntryDraft] = []
    taken: set[int] = set()
    for i, block in enumerate(blocks):
        if block.kind == "blank" or label_split(block.text) is not None:
            continue
        text = block.text.rstrip()
        for pattern in listed:
            m = pattern.match(text)
            if m and _is_money(m.group("amount")):
                drafts.extend(_drafts(m, block, text))
                taken.add(i)
                break
    remaining = [
        b if i not in taken else Block("blank", 0, "", b.line) for i, b in enumerate(blocks)
    ]
    return drafts, remaining


@cache
def _work_words() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Return the words a title from a sentence's work drops at its start, and the pattern of a
    second grant to the same recipient ("samt 15.720 euro för en slaktbod")."""
    data = curated_load("page")["lines"]
    lead = words_alternation(data["work_lead_words"])
    also = words_alternation(data["also_words"])
    second = re.compile(
        rf"\s+(?:{also})\s+{_AMOUNT}\s+(?:i stöd |i støtte )?(?:för|för att|til|for|to)\s+",
        re.IGNORECASE,
    )
    return re.compile(rf"^(?:(?:{lead})\s+)+", re.IGNORECASE), second


def _drafts(m: re.Match[str], block: Block, text: str) -> list[EntryDraft]:
    """Return the project a listed line names, and a second one it grants the same recipient."""
    groups = m.groupdict()
    rest = groups.get("rest")
    if not rest:
        return [_draft(groups, block, text, groups.get("title") or "", groups["amount"])]
    also = _work_words()[1].search(rest)
    if also is None:
        return [_draft(groups, block, text, _work_title(rest), groups["amount"])]
    cut = m.start("rest") + also.start()  # each project keeps its own part of the sentence
    return [
        _draft(groups, block, text[:cut], _work_title(rest[: also.start()]), groups["amount"]),
        _draft(groups, block, text[cut:].strip(), _work_title(rest[also.end() :]), also["amount"]),
    ]


def _work_title(rest: str) -> str:
    """Return the title a sentence's work gives: its words without a leading article or "att"."""
    lead, _ = _work_words()
    words = lead.sub("", rest.strip(' .,”"“')) or rest
    return words[:1].upper() + words[1:]


def _draft(groups: dict[str, str], block: Block, text: str, title: str, amount: str) -> EntryDraft:
    title = title.strip(' .,”"“')
    draft = EntryDraft(title, None, block.line, block.line)
    draft.description_lines.append((block.line, text))
    if groups.get("org"):
        draft.partners.append(PartnerText(groups["org"].strip(" ,"), "lead", block.line))
    draft_amount_add(draft, amount, block.line)
    if groups.get("rest"):
        draft.guesses.append(
            ("guessed-from-prose", f"The project “{title}” was read from a sentence; check it.")
        )
    return draft


def title_amount_projects(blocks: list[Block]) -> list[EntryDraft]:
    """Return the projects of runs of "title amount" lines, for pages with no other list."""
    return _title_amount_runs(blocks, _patterns()[1], set())


def _title_amount_runs(
    blocks: list[Block], pattern: re.Pattern[str], taken: set[int]
) -> list[EntryDraft]:
    """Return projects of runs of "title amount" lines (an amount may stand on its own line)."""
    found: list[tuple[int, EntryDraft]] = []
    content = [i for i, b in enumerate(blocks) if b.kind != "blank" and i not in taken]
    pending: tuple[int, Block] | None = None  # a title line whose amount is on the next line
    for i in content:
        block = blocks[i]
        text = block.text.rstrip()
        if label_split(text) is not None or text.endswith((".", "!", "?")) or len(text) > 160:
            pending = None
            continue
        if _AMOUNT_LINE.match(text) and pending is not None and has_currency(text):
            j, title_block = pending
            found.append((j, _titled(title_block.text, text, title_block.line)))
            found[-1][1].last_line = block.line
            taken.update((i, j))
            pending = None
            continue
        m = pattern.match(text)
        if m and has_currency(m.group("amount")) and not m.group("title").rstrip().endswith(":"):
            found.append((i, _titled(m.group("title"), m.group("amount"), block.line)))
            pending = None
            continue
        pending = (i, block)
    if pending is not None and found and content and pending[0] == content[-1]:
        # The page is cut off after a run: its last title lost its amount, not its project.
        at = content.index(pending[0])
        if at and content[at - 1] == found[-1][0]:
            found.append(
                (pending[0], EntryDraft(pending[1].text, None, pending[1].line, pending[1].line))
            )
    # Keep the lines that stand in a run: one such line alone is more likely a sentence.
    kept = [d for i, d in found if _neighbours(i, [j for j, _ in found], content) >= RUN - 1]
    for i, _ in found:
        taken.add(i)
    return kept


def _neighbours(i: int, found: list[int], content: list[int]) -> int:
    at = content.index(i) if i in content else -1
    near = {content[k] for k in (at - 2, at - 1, at + 1, at + 2) if 0 <= k < len(content)}
    return len(near & set(found))


def _titled(title: str, amount: str, line: int) -> EntryDraft:
    draft = EntryDraft(title.strip(" –-:"), None, line, line)
    draft_amount_add(draft, amount, line)
    return draft


def draft_amount_add(draft: EntryDraft, text: str, line: int) -> None:
    """Add the amount `text` states; one without a currency waits for the page's currency."""
    found = amounts_find(text, kind="grant")
    if found:
        draft.amounts.extend(found)
    else:
        draft.bare_amounts.append((text.strip(), "grant", line))
