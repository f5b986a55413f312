"""Read the projects a body takes part in, listed under a lead-in that says so.

A regional council's or a university's page about its international work often ends in "At the
moment, the Strandby Regional Council is participating in the following projects as a partner:"
and then the projects' names, one a line. The lead-in names the body and its part; each line
under it is a project with that body as a partner (or as lead, where the lead-in says "lead
partner"). The cue words are curated per language (`data/page.toml`, [participations]); the
lead-in must also speak of projects, as a list's lead does (`[pairs]` `lead_stems`). Every
project read this way is reported.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from projektkatalog.domain.curated import curated_load
from projektkatalog.domain.readers.blocks import Block
from projektkatalog.domain.readers.entry import EntryDraft
from projektkatalog.domain.readers.labels import label_split
from projektkatalog.domain.text import words_alternation

TITLE_WORDS_MAX = 16  # a line of more words is text, not a project's name
# A run of capitalised words, with the small words a body's name holds between them
# ("Regional Council of Strandby", "Universitetet i Fjellby").
_NAME = re.compile(
    r"[A-ZÅÄÖÆØÜ][\w&.-]*(?:\s+(?:(?:of|for|för|i|og|och|and|de|af|for|the)\s+)?"
    r"[A-ZÅÄÖÆØÜ][\w&.-]*)*"
)


@cache
def _cues() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    data = curated_load("page")
    taking_part = re.compile(
        rf"(?<!\w)(?:{words_alternation(data['participations']['cues'])})(?!\w)", re.IGNORECASE
    )
    leading = re.compile(
        rf"(?<!\w)(?:{words_alternation(data['participations']['lead_cues'])})(?!\w)",
        re.IGNORECASE,
    )
    projects = re.compile(
        rf"(?<!\w)(?:{words_alternation(data['pairs']['lead_stems'])})", re.IGNORECASE
    )
    return taking_part, leading, projects


def lead_in_body(text: str, looks_like_organisation: Callable[[str], bool]) -> str | None:
    """Return the body a lead-in says takes part in the projects listed under it, or None when
    the line is no such lead-in."""
    text = text.strip()
    if not text.endswith(":") or label_split(text) is not None:
        return None
    taking_part, _, projects = _cues()
    cue = taking_part.search(text)
    if cue is None or projects.search(text) is None:
        return None
    before = text[: cue.start()]
    bodies: list[str] = []
    for m in _NAME.finditer(before):
        # "Fjällby kommun": a body's name may end in its type word in lower case.
        after = before[m.end() :].split(maxsplit=1)
        names = [f"{m.group(0)} {after[0]}"] if after else []
        names.append(m.group(0))
        bodies.extend(n for n in names if looks_like_organisation(n))
    return max(bodies, key=lambda n: (before.rfind(n.split()[0]), len(n))) if bodies else None


def participation_projects(
    blocks: list[Block], looks_like_organisation: Callable[[str], bool]
) -> tuple[list[EntryDraft], list[Block]]:
    """Return the projects listed under lead-ins of a body's participation, and the blocks that
    remain."""
    drafts: list[EntryDraft] = []
    taken: set[int] = set()
    for i, block in enumerate(blocks):
        if block.kind == "blank" or block.kind == "heading":
            continue
        body = lead_in_body(block.text, looks_like_organisation)
        if body is None:
            continue
        role = "lead" if _cues()[1].search(block.text) else "partner"
        listed = _listed_under(blocks, i)
        if sum(looks_like_organisation(blocks[j].text) for j in listed) * 2 > len(listed):
            continue  # "... deltar i projektet tillsammans med:" and bodies' names: partners
        for j in listed:
            drafts.append(_draft(blocks[j], body, role))
            taken.add(j)
    remaining = [
        b if i not in taken else Block("blank", 0, "", b.line) for i, b in enumerate(blocks)
    ]
    return drafts, remaining


def _listed_under(blocks: list[Block], i: int) -> list[int]:
    """Return the indexes of the name lines under a lead-in: short lines, no sentence or field,
    up to a heading or the first line that is none (one blank line may stand between)."""
    found: list[int] = []
    blanks = 0
    for j in range(i + 1, len(blocks)):
        block = blocks[j]
        if block.kind == "blank":
            blanks += 1
            if blanks > 1:
                break
            continue
        blanks = 0
        text = block.text.strip()
        if (
            block.kind == "heading"
            or len(text.split()) > TITLE_WORDS_MAX
            or text.endswith((".", ":", "!", "?"))
            or label_split(text) is not None
        ):
            break
        found.append(j)
    return found


def _draft(block: Block, body: str, role: str) -> EntryDraft:
    title = block.text.strip(" •-–")
    draft = EntryDraft(title, None, block.line, block.line)
    draft.named_participants.append((body, role, None))
    draft.guesses.append(
        (
            "guessed-from-prose",
            f"The project “{title}” was read from a list under a sentence saying {body} takes "
            "part in it; check it.",
        )
    )
    return draft
