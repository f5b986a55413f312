"""Read runs of small blocks of one shape, each block one project's record.

Some news items set each granted project apart as a short paragraph: its title, its body and
its amount on lines of their own, a blank line, the next ("Cykelled längs ån / Åby kommun /
300 000 kr"). Paragraphs of two to four plain lines with an amount alone on the same line,
one after another, are such records: the line positions take their roles across the run as the
cells of a list's rows do (`record_runs.py`). A field's label, a sentence, a contact or a sum
in a paragraph makes it no record, and a run whose records name costs is one project's budget.
"""

from __future__ import annotations

from collections.abc import Callable

from projektkatalog.domain.readers.blocks import Block
from projektkatalog.domain.readers.entry import EntryDraft
from projektkatalog.domain.readers.labels import label_split
from projektkatalog.domain.readers.record_runs import (
    AMOUNT_AT_END,
    CONTACTISH,
    RUN,
    TITLE_WORDS_MAX,
    budget_lines,
    is_field_name,
    lead_currency,
    org_score,
    record_draft,
    records_currency,
    sum_start,
)

BLOCK_LINES = (2, 4)  # lines of a small block that is one record


def record_block_projects(
    blocks: list[Block], looks_like_organisation: Callable[[str], bool]
) -> tuple[list[EntryDraft], list[Block]]:
    """Return the projects of runs of small blocks of one shape, and the blocks that remain."""
    drafts: list[EntryDraft] = []
    taken: set[int] = set()
    for records in _block_runs(blocks):
        if budget_lines([" ".join(blocks[i].text for i in r) for r in records]):
            continue
        lead = lead_currency(blocks, records[0][0])
        drafts.extend(_block_drafts(blocks, records, looks_like_organisation, lead))
        taken.update(i for record in records for i in record)
    remaining = [
        b if i not in taken else Block("blank", 0, "", b.line) for i, b in enumerate(blocks)
    ]
    return drafts, remaining


def _block_runs(blocks: list[Block]) -> list[list[list[int]]]:
    """Return runs of small blocks of one shape: at least two paragraphs of two to four plain
    lines each, one after another, all with an amount alone on the same line and no sentence,
    label or contact in them ("Title / Body / 300 000 kr", a blank line, the next)."""
    paragraphs: list[list[int]] = [[]]
    for i, block in enumerate(blocks):
        if block.kind == "blank":
            if paragraphs[-1]:
                paragraphs.append([])
            continue
        paragraphs[-1].append(i)
    paragraphs = [p for p in paragraphs if p]
    runs: list[list[list[int]]] = []
    current: list[list[int]] = []
    shape: tuple[int, int] | None = None
    for paragraph in paragraphs:
        here = _block_shape(blocks, paragraph)
        follows = bool(current) and _only_blanks_between(blocks, current[-1][-1], paragraph[0])
        if here is not None and here == shape and follows:
            current.append(paragraph)
            continue
        if len(current) >= RUN:
            runs.append(current)
        current, shape = ([paragraph], here) if here is not None else ([], None)
    if len(current) >= RUN:
        runs.append(current)
    return runs


def _only_blanks_between(blocks: list[Block], end: int, start: int) -> bool:
    return all(b.kind == "blank" for b in blocks[end + 1 : start])


def _block_shape(blocks: list[Block], paragraph: list[int]) -> tuple[int, int] | None:
    """Return (lines, line of the amount) of a paragraph that reads as one record, or None."""
    if not BLOCK_LINES[0] <= len(paragraph) <= BLOCK_LINES[1]:
        return None
    amount_at = None
    for at, i in enumerate(paragraph):
        block = blocks[i]
        text = block.text.strip()
        if block.kind != "line" or label_split(text) is not None or CONTACTISH.search(text):
            return None
        m = AMOUNT_AT_END.search(text)
        if m is not None and m.start() == 0:
            if amount_at is not None:
                return None
            amount_at = at
        elif (
            text.endswith((".", "!", "?", ":"))
            or len(text.split()) > TITLE_WORDS_MAX
            or is_field_name(text)
            or sum_start().match(text)
        ):
            return None  # a sentence, or a fact box's field above its value
    return None if amount_at is None else (len(paragraph), amount_at)


def _block_drafts(
    blocks: list[Block],
    records: list[list[int]],
    looks_like_organisation: Callable[[str], bool],
    lead: str | None,
) -> list[EntryDraft]:
    """Return one project per small block: the amount line's, the body line (the position
    whose lines read most as bodies' names across the run, when there are two others), the
    title line the first of the rest."""
    width = len(records[0])
    amount_at = next(
        at
        for at, i in enumerate(records[0])
        if (m := AMOUNT_AT_END.search(blocks[i].text)) and not m.start()
    )
    others = [at for at in range(width) if at != amount_at]
    org_at = None
    if len(others) > 1:
        scores = {
            at: sum(org_score(blocks[r[at]].text, looks_like_organisation) for r in records)
            for at in others
        }
        best = max(others, key=lambda at: (scores[at], at))
        org_at = best if scores[best] > 0 else None
    title_at = next(at for at in others if at != org_at)
    amounts = [blocks[r[amount_at]].text.strip() for r in records]
    currency = records_currency(list(amounts)) or lead
    return [
        record_draft(
            blocks[r[title_at]].text.strip(),
            blocks[r[org_at]].text.strip() if org_at is not None else None,
            amount,
            blocks[r[0]].line,
            blocks[r[-1]].line,
            currency,
            None,
        )
        for r, amount in zip(records, amounts, strict=True)
    ]
