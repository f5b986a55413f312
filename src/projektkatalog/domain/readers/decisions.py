"""Read decisions that grant a body an amount for a named project, one sentence each.

Minutes and decision news state each grant in one sentence inside a longer item ("... giver
tilsagn til X om N kr. af puljen til "Titel". Lokaludvalget støtter ikke ...", "Styrelsen
beslutar att bevilja Titel, Org, N kr för att ..."). The shapes are curated per language
(`data/page.toml`, [decisions]); refusals in the same minutes are no projects and are dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from projektkatalog.domain.curated import curated_load
from projektkatalog.domain.readers.blocks import Block
from projektkatalog.domain.readers.entry import EntryDraft
from projektkatalog.domain.readers.lines import draft_amount_add, slots_filled
from projektkatalog.domain.text import words_alternation

_END = r"(?=\s*[.,;:!?](?:\s|$)|\s*$)"
TITLE_WORDS_MAX = 12
LIST_MIN = 2  # decisions that make a page of decisions rather than a page about one project


@dataclass(frozen=True)
class Decision:
    title: str
    org: str
    amount: str
    block: Block
    sentence: str  # the granting sentence alone: the rest of the item may name other sums


@cache
def _patterns() -> tuple[list[re.Pattern[str]], re.Pattern[str], re.Pattern[str]]:
    data = curated_load("page")["decisions"]
    granted = [re.compile(slots_filled(p).replace("{end}", _END)) for p in data["granted"]]
    refused = re.compile(rf"(?<!\w)(?:{words_alternation(data['refused'])})(?!\w)", re.I)
    triggers = re.compile(rf"(?<!\w)(?:{words_alternation(data['triggers'])})(?!\w)", re.I)
    return granted, refused, triggers


def decisions_find(blocks: list[Block]) -> list[Decision]:
    """Return the grants the page's lines state, one per line, in order."""
    granted, _, triggers = _patterns()
    found: list[Decision] = []
    for block in blocks:
        if block.kind == "blank" or not triggers.search(block.text):
            continue
        for pattern in granted:
            m = pattern.search(block.text)
            if m and (title := _title(m.group("title"))):
                org = m.group("org").strip(" ,")
                sentence = _sentence_at(block.text, m.start(), m.end())
                found.append(Decision(title, org, m["amount"], block, sentence))
                break
    return found


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖÆØ])")


def _sentence_at(text: str, start: int, end: int) -> str:
    """Return the sentence of `text` that holds the match from `start` to `end`."""
    begin = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    after = _SENTENCE_END.search(text, end)
    return text[begin : after.start() if after else len(text)].strip()


def _title(text: str) -> str:
    title = text.strip(' .,”"“«»')
    return title if 0 < len(title.split()) <= TITLE_WORDS_MAX else ""


def decision_projects(blocks: list[Block]) -> tuple[list[EntryDraft], list[Block]]:
    """Return the projects of a page of decisions (at least two grants), and the blocks that
    remain: the granting lines and the refusals among them taken out."""
    decisions = decisions_find(blocks)
    if len(decisions) < LIST_MIN:
        return [], blocks
    _, refused, _ = _patterns()
    taken = {d.block.line for d in decisions}
    taken |= {b.line for b in blocks if b.kind != "blank" and refused.search(b.text)}
    remaining = [b if b.line not in taken else Block("blank", 0, "", b.line) for b in blocks]
    return [decision_draft(d) for d in decisions], remaining


def decision_draft(decision: Decision, draft: EntryDraft | None = None) -> EntryDraft:
    """Return the project a decision grants (or add its body and amount to `draft`)."""
    line = decision.block.line
    if draft is None:
        draft = EntryDraft(decision.title, None, line, line)
        draft.description_lines.append((line, decision.sentence))
    draft.named_participants.append((decision.org, "lead", None))  # never split at "og"
    draft_amount_add(draft, decision.amount, line)
    draft.guesses.append(
        (
            "guessed-from-prose",
            f"The project “{decision.title}” was read from a sentence; check it.",
        )
    )
    return draft
