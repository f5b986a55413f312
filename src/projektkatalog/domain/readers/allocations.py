"""Read a news text that shares money out in its sentences, one allocation after another.

"... har fått 300 tusen kroner til nattbuss som ..." and "... går til skolehagar (120 tusen
kroner), ..." name what each amount is for by the shape of the sentence alone: an amount, a
preposition and the noun phrase after it (up to a relative word, a comma or the sentence's end),
or a noun phrase and its amount in brackets. The prepositions, relative words and the words that
make an allocation a total are curated per language (`data/page.toml`, [allocations]).

An amount for several projects at once ("til seks prosjekt", "for various projects") or in a
sentence about the whole sum ("totalt", "in total") is the programme's, never a project's. A
page is read this way only when it names at least two allocations: one alone is more likely a
sentence about the page's one project, which other readers handle.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from projektkatalog.domain.curated import curated_load
from projektkatalog.domain.readers.blocks import Block
from projektkatalog.domain.readers.entry import EntryDraft
from projektkatalog.domain.readers.lines import AMOUNT, draft_amount_add, has_currency
from projektkatalog.domain.readers.prose import is_total, paragraphs, sentences_split
from projektkatalog.domain.text import words_alternation

MIN_ALLOCATIONS = 2  # fewer is a sentence about one project
TITLE_MIN = 3
TITLE_WORDS_MAX = 12
SUBJECT_WORDS_MAX = 5


@dataclass
class Allocation:
    title: str
    amount: str
    sentence: str
    line: int
    lead: str | None = None


@cache
def _shapes() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Return the "amount preposition phrase" shape, the "phrase (amount)" shape and the
    pattern of a sentence's receiving verb."""
    data = curated_load("page")["allocations"]
    prepositions = words_alternation(data["prepositions"])
    ends = words_alternation(data["phrase_ends"])
    after = re.compile(
        # Up to two small words between: "40 000 kronor går till", "2 miljoner i stöd till".
        rf"{AMOUNT}\s+(?:[a-zåäöæø]+\s+){{0,2}}?(?:{prepositions})\s+"
        rf"(?P<title>[^,.;:()]+?)(?=\s+(?:{ends})(?!\w)|\s*[,.;:(]|\s*$)",
        re.IGNORECASE,
    )
    bracketed = re.compile(rf"\(\s*{AMOUNT}\s*\)")
    receives = curated_load("page")["grants"]["receives"] + data["receives"]
    verb = re.compile(rf"(?<!\w)(?:{words_alternation(receives)})(?!\w)", re.IGNORECASE)
    return after, bracketed, verb


@cache
def _separators() -> re.Pattern[str]:
    """Return where the phrase before a bracketed amount starts: after a comma, a preposition
    or a conjunction that joins list items."""
    data = curated_load("page")["allocations"]
    words = words_alternation([*data["prepositions"], *data["list_joins"]])
    # "frisklivs- og helsesenter" joins two words into one name, not two items.
    return re.compile(rf"(?:,\s+|(?<!-\s)(?<!\w)(?:{words})\s+)", re.IGNORECASE)


def allocations_find(
    blocks: list[Block], looks_like_organisation: Callable[[str], bool]
) -> list[Allocation]:
    """Return the allocations the page's sentences name, in order, totals left out."""
    found: list[Allocation] = []
    for paragraph in paragraphs([b for b in blocks if b.kind != "heading"]):
        for sentence in sentences_split(paragraph.text):
            if is_total(sentence):
                continue  # "Totalt ble 16 millioner fordelt til ulike prosjekt": the programme's
            found.extend(_sentence_allocations(sentence, paragraph.line, looks_like_organisation))
    return found


def _sentence_allocations(
    sentence: str, line: int, looks_like_organisation: Callable[[str], bool]
) -> list[Allocation]:
    """Return a sentence's allocations, each with the part of the sentence that is its own
    (from the end of the one before to the start of the next), so it holds one amount."""
    after, bracketed, _ = _shapes()
    lead = _receiver(sentence, looks_like_organisation)
    spans: list[tuple[int, int, str, str]] = []  # start, end, title, amount
    for m in after.finditer(sentence):
        title = m.group("title").strip()
        if has_currency(m.group("amount")) and _title_ok(title, looks_like_organisation):
            spans.append((m.start(), m.end(), title, m.group("amount")))
    start = 0
    for m in bracketed.finditer(sentence):
        before = sentence[start : m.start()]
        cuts = list(_separators().finditer(before))
        title = before[cuts[-1].end() :].strip() if cuts else ""
        if has_currency(m.group("amount")) and _title_ok(title, looks_like_organisation):
            spans.append((start + cuts[-1].end(), m.end(), title, m.group("amount")))
        start = m.end()
    spans.sort()
    out = []
    for i, (_, _, title, amount) in enumerate(spans):
        begin = spans[i - 1][1] if i else 0
        end = spans[i + 1][0] if i + 1 < len(spans) else len(sentence)
        own = sentence[begin:end].strip(" ,;")
        out.append(Allocation(title[:1].upper() + title[1:], amount, own, line, lead))
    return out


def _title_ok(title: str, looks_like_organisation: Callable[[str], bool]) -> bool:
    """Return whether a phrase names work: a few words, no body's name, no count of projects."""
    return (
        len(title) >= TITLE_MIN
        and len(title.split()) <= TITLE_WORDS_MAX
        and not any(c.isdigit() for c in title)
        and not looks_like_organisation(title)
        and not _several_projects().search(title)
    )


@cache
def _several_projects() -> re.Pattern[str]:
    """Return the pattern of a phrase that counts several projects ("seks prosjekt", "ulike
    prosjekter", "various projects"): a count or quantifier, then a project word."""
    grants = curated_load("page")["grants"]
    data = curated_load("page")["allocations"]
    counts = words_alternation([*grants["several_counts"], *data["quantifiers"]])
    nouns = words_alternation(grants["several_nouns"])
    return re.compile(
        rf"(?<!\w)(?:{counts}|\d+)\s+(?:[\w-]+\s+){{0,3}}[\w-]*(?:{nouns})", re.IGNORECASE
    )


def _receiver(sentence: str, looks_like_organisation: Callable[[str], bool]) -> str | None:
    """Return the body a sentence says receives its money ("Strandby kommune har fått ..."):
    its capitalised first words (with a type word such as "kommune"), when they name a body."""
    _, _, verb = _shapes()
    m = verb.search(sentence)
    if m is None:
        return None
    words: list[str] = []
    for word in sentence[: m.start()].split()[:SUBJECT_WORDS_MAX]:
        # A word in lower case belongs to the name only as its type word ("Strandvik kommune").
        if words and not word[:1].isupper() and not looks_like_organisation(words[0] + " " + word):
            break
        words.append(word)
    subject = " ".join(words).strip(" ,")
    if subject[:1].isupper() and looks_like_organisation(subject):
        return subject
    return None


def allocation_projects(
    blocks: list[Block], looks_like_organisation: Callable[[str], bool]
) -> list[EntryDraft]:
    """Return a project for each allocation the page names, when it names at least two."""
    found = allocations_find(blocks, looks_like_organisation)
    titles = {a.title.casefold() for a in found}
    if len(titles) < MIN_ALLOCATIONS:
        return []
    drafts: list[EntryDraft] = []
    for allocation in found:
        draft = EntryDraft(allocation.title, None, allocation.line, allocation.line)
        draft.description_lines.append((allocation.line, allocation.sentence))
        draft_amount_add(draft, allocation.amount, allocation.line)
        if allocation.lead is not None:
            draft.named_participants.append((allocation.lead, "lead", None))
        draft.guesses.append(
            (
                "guessed-from-prose",
                # One of the messages the findings list says in Swedish too (findings.toml).
                f"The project “{allocation.title}” was read from a sentence; check it.",
            )
        )
        drafts.append(draft)
    return drafts
