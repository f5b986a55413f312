"""Read projects listed as "Title, Organisation" lines under a lead that announces them.

Press releases list what a call granted as short lines under one sentence ending in ":"
("Dessa förstudier får stöd:", "These projects were chosen:"): each line pairs a project's name
with the body that runs it, as "Title, Organisation", "Title – Organisation" or
"Organisation: Title". A line may end in one more comma cell, the amount applied for or
granted ("Title, Organisation, 12 500 €"): the amount is the project's, the cell before it the
body. The lead's words and the separators are curated (`data/page.toml`, [pairs]). A run of at
least two such lines is a list; the lines are taken out of the page.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from projektkatalog.domain.curated import curated_load
from projektkatalog.domain.readers.blocks import Block
from projektkatalog.domain.readers.entry import EntryDraft
from projektkatalog.domain.readers.labels import label_split
from projektkatalog.domain.readers.lines import AMOUNT_CELL, draft_amount_add, has_currency
from projektkatalog.domain.text import words_alternation, words_regex

RUN = 2  # lines under the lead that make a list
LINE_MAX = 200
ORG_WORDS_MAX = 8
LEAD_WORDS_MIN = 3  # "Projekt:" alone is a label, not a lead
# An amount: such lines belong to other readers. Four digits at least, so "2.0, " is none.
_DIGIT_RUN = re.compile(r"\d(?:[  .,]?\d){3,}")

Pair = tuple[str, str]  # (title, organisation)
Cells = tuple[Pair, bool, str | None]  # a pair, whether its body is known, its amount cell


def amount_cell_split(text: str) -> tuple[str, str | None]:
    """Return a list line without its last comma cell when that cell is an amount with a
    currency ("..., Strandby kommun, 12 500 €"), and the amount; else the line and None."""
    m = AMOUNT_CELL.search(text.strip())
    if m is None or not has_currency(m.group("amount")):
        return text, None
    return text.strip()[: m.start()].rstrip(" ,"), m.group("amount")


@cache
def _vocabulary() -> tuple[re.Pattern[str], tuple[str, ...], tuple[str, ...]]:
    data = curated_load("page")["pairs"]
    lead = re.compile(rf"(?<!\w)(?:{words_alternation(data['lead_stems'])})", re.IGNORECASE)
    return lead, tuple(data["after"]), tuple(data["before"])


@cache
def _not_lead() -> re.Pattern[str]:
    return words_regex(tuple(curated_load("page")["pairs"]["not_lead_words"]))


def announces_list(text: str) -> bool:
    """Return whether `text` is a lead announcing a list of projects: a sentence of a few words
    ending in ":" that speaks of projects, studies or applications."""
    lead, _, _ = _vocabulary()
    return (
        text.rstrip().endswith(":")
        and len(text.split()) >= LEAD_WORDS_MIN
        and label_split(text) is None
        and lead.search(text) is not None
        and _not_lead().search(text) is None
    )


def pair_split(text: str, looks_like_organisation: Callable[[str], bool]) -> Pair | None:
    """Return the (title, organisation) a list line pairs, or None when it pairs none."""
    found = _pair(text, looks_like_organisation)
    return found[0] if found else None


def _pair(text: str, looks_like_organisation: Callable[[str], bool]) -> tuple[Pair, bool] | None:
    """Return the pair a list line states and whether its body reads as a body's name.

    After a comma or dash the organisation is the rightmost part that reads as a body's name
    ("..., Strandby Science Park AB, Svb" keeps the unit), else (after a comma) the part after
    the last one; before ": " it is the line's first part, unless the line is a field label."""
    text = text.strip()
    if len(text) > LINE_MAX or text.endswith((".", "!", "?", ":")) or _DIGIT_RUN.search(text):
        return None
    _, after, before = _vocabulary()
    cells = text.split(", ")
    for k in range(1, len(cells) - 1):
        # "Title, Body, Other body": the first of the bodies the line ends in leads.
        title = ", ".join(cells[:k])
        if _title_like(title) and all(looks_like_organisation(c) for c in cells[k:]):
            return (title, cells[k]), True
    for sep in after:
        cuts = [m.start() for m in re.finditer(re.escape(sep), text)]
        parts = [(text[:c].strip(), text[c + len(sep) :].strip()) for c in reversed(cuts)]
        parts = [(t, o) for t, o in parts if _title_like(t) and _org_like(o)]
        if known := [(t, o) for t, o in parts if looks_like_organisation(o)]:
            return known[-1], True
        if parts and sep == ", ":
            return parts[0], False
    for sep in before:
        org, found, title = text.partition(sep)
        title = title.strip()
        if (
            found
            and _org_like(org)
            and ". " not in org  # "Title. Owner: Body" is a title and a field
            and _title_like(title)
            and label_split(text) is None
            and not looks_like_organisation(title)
        ):
            return (title, org.strip()), looks_like_organisation(org)
    return None


def _org_like(text: str) -> bool:
    return bool(text) and text[0].isupper() and len(text.split()) <= ORG_WORDS_MAX


def _title_like(text: str) -> bool:
    return len(text) >= 2 and (text[0].isupper() or text[0].isdigit())


def pair_projects(
    blocks: list[Block], looks_like_organisation: Callable[[str], bool]
) -> tuple[list[EntryDraft], list[Block]]:
    """Return the projects listed as pairs under a lead, and the blocks that remain."""
    content = [i for i, b in enumerate(blocks) if b.kind != "blank"]
    drafts: list[EntryDraft] = []
    taken: set[int] = set()
    for k, i in enumerate(content):
        if i in taken or blocks[i].kind == "heading" or not announces_list(blocks[i].text):
            continue
        run: list[tuple[int, Cells]] = []
        for j in content[k + 1 :]:
            line, amount = amount_cell_split(blocks[j].text)
            found = _pair(line, looks_like_organisation)
            if blocks[j].kind == "heading" or found is None:
                break
            run.append((j, (*found, amount)))
        # At least one line's body must read as a body's name: "Anna Berg, Per Holm" is no list.
        if len(run) < RUN or not any(known for _, (_, known, _) in run):
            continue
        for j, ((title, org), _, amount) in run:
            drafts.append(_draft(blocks[j], title, org, amount))
            taken.add(j)
    remaining = [
        b if i not in taken else Block("blank", 0, "", b.line) for i, b in enumerate(blocks)
    ]
    return drafts, remaining


def _draft(block: Block, title: str, org: str, amount: str | None) -> EntryDraft:
    """Return the project a pair names, its body the lead, with the amount its line ends in."""
    # The line is a name and a body, no description: too few words to tell a language by, the
    # project keeps the page's.
    draft = EntryDraft(title, None, block.line, block.line)
    draft.named_participants.append((org, "lead", None))
    if amount is not None:
        draft_amount_add(draft, amount, block.line)
    draft.guesses.append(
        ("guessed-from-prose", f"The project “{title}” was read from running text; check it.")
    )
    return draft
