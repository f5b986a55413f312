"""Read transcripts of PDFs: slides and forms whose fields ran together onto one line.

A slide deck or an application form copied out of a PDF keeps none of its layout: every slide
(or page) is one line, its fields one after another ("Name (ACR) Period: 2020-2022 Owner: X
Spent: 90 000"), with the slide's number at its end or the page's "2 (7)" at its start. The
reader knows such a line by its shape (several field labels inside one line) and sets its fields
apart, one line each, so that the outline reads them as it reads any fact box. Which words are
labels is curated data (labels.toml): the field labels, and the labels of a form's own plumbing
(addresses, account numbers) that only end the value before them.
"""

from __future__ import annotations

import re
from functools import cache

from projektkatalog.domain.curated import curated_load
from projektkatalog.domain.readers.blocks import Block
from projektkatalog.domain.readers.labels import label_split, labels_known
from projektkatalog.domain.text import words_alternation

COLON_LABELS_MIN = 2  # "Label: value" pairs inside one line that make it a run-together slide
FORM_LABELS_MIN = 3  # labels without colons inside one long line that make it a form's page
FORM_LINE_MIN = 300  # characters of a line that holds a form's page rather than a sentence
FORM_LABEL_MIN = 12  # characters of a colonless label: shorter words occur in running text
COUNTER_RUN = 3  # lines in a row numbered 1, 2, 3 ... that make the numbers page numbers
TITLE_DEPTH = -4  # the head of a slide: deeper than HTML's h6, shallower than a title field


def transcripts_apart(blocks: list[Block]) -> list[Block]:
    """Return blocks where page numbers are dropped and each run-together line of fields is set
    out one field a line, its head (the words before the first label) over them."""
    blocks = _page_numbers_dropped(blocks)
    out: list[Block] = []
    for block in blocks:
        if block.kind != "line":
            out.append(block)
        elif cuts := _colon_labels(block.text):
            out.extend(_slide_apart(block, cuts))
        elif spans := _form_labels(block.text):
            out.extend(_form_apart(block, spans))
        else:
            out.append(block)
    return out


# -- page numbers ---------------------------------------------------------------------------

_TRAILING_NUMBER = re.compile(r"\s(\d{1,3})$")
_LEADING_PAGE = re.compile(r"^(\d{1,3}) \((\d{1,3})\)\s")  # "2 (7) ": page 2 of 7


def _page_numbers_dropped(blocks: list[Block]) -> list[Block]:
    """Return blocks without the numbers a PDF's pages or slides carry: a number that ends
    (or an "n (of)" that starts) each of several lines and counts up by one from line to line."""
    out = list(blocks)
    for pattern, at in ((_TRAILING_NUMBER, -1), (_LEADING_PAGE, 0)):
        numbered = [
            (i, m)
            for i, b in enumerate(out)
            if b.kind == "line" and b.text[at].isdigit() and (m := pattern.search(b.text))
        ]
        counting = _counting(numbered, out)
        for i, m in numbered:
            if i in counting:
                text = out[i].text
                out[i] = Block(out[i].kind, out[i].depth, _without(text, m) or text, out[i].line)
    return out


def _counting(numbered: list[tuple[int, re.Match[str]]], blocks: list[Block]) -> set[int]:
    """Return the blocks among `numbered` whose numbers count up by one in runs long enough to
    be page numbers. Page numbers stand beside different texts: "Etapp 1", "Etapp 2", "Etapp 3"
    number one name's parts and keep their numbers."""
    runs: list[list[tuple[int, re.Match[str]]]] = []
    for i, m in numbered:
        if runs and int(m.group(1)) == int(runs[-1][-1][1].group(1)) + 1:
            runs[-1].append((i, m))
        else:
            runs.append([(i, m)])
    return {
        i
        for run in runs
        if len(run) >= COUNTER_RUN
        and len({_without(blocks[j].text, m) for j, m in run}) == len(run)
        for i, _ in run
    }


def _without(text: str, m: re.Match[str]) -> str:
    return (text[: m.start()] + text[m.end() :]).strip()


# -- a slide: "Head Label: value Label: value" ----------------------------------------------


@cache
def _colon_label() -> re.Pattern[str]:
    labels = [label for label in labels_known() if len(label) >= 4]
    return re.compile(rf"(?<![\w-])(?:{words_alternation(labels)}):\s", re.IGNORECASE)


def _colon_labels(text: str) -> list[int]:
    """Return where the known "Label:" fields of a line start, when it holds enough of them
    inside it; else []."""
    if text.count(":") < COLON_LABELS_MIN:
        return []
    cuts = [m.start() for m in _colon_label().finditer(text)]
    facts = [c for c in cuts if (label_split(text[c:]) or ("",))[0] not in CONTACT_KINDS]
    if len(facts) < COLON_LABELS_MIN or cuts[0] == 0:
        return []  # a line that starts with its label is a fact line (furniture._fields_apart)
    return cuts


# Labels of a person's line ("Anna Berg, e-post: ..., telefon: ..."), which the contact reader
# takes as it stands: they do not make a line a slide.
CONTACT_KINDS = frozenset({"contact", "email", "phone", "mobile", "website", "project_manager"})


# "VirtuK Shared sign-on for municipalities (VirtuK)": a name that opens and closes the head.
_NAME_TWICE = re.compile(r"^(?P<name>\S{2,30})\s+(?P<long>.+?)\s*\((?P=name)\)$")


def _slide_apart(block: Block, cuts: list[int]) -> list[Block]:
    """Return a slide's line as its head (a heading when it reads as a name) and one line per
    field."""
    text = block.text
    out: list[Block] = []
    head = text[: cuts[0]].strip()
    if head:
        if m := _NAME_TWICE.match(head):
            # The short name the head repeats in brackets leads the title: "VirtuK – ...".
            head = f"{m.group('name')} – {m.group('long')}"
        kind = "heading" if _reads_as_name(head) else "line"
        out.append(Block(kind, TITLE_DEPTH if kind == "heading" else 0, head, block.line))
    for start, end in zip(cuts, [*cuts[1:], len(text)], strict=True):
        out.append(Block("line", 0, text[start:end].strip(), block.line))
    return out


HEAD_WORDS_MAX = 24  # words of a slide's head that still name something


def _reads_as_name(text: str) -> bool:
    """Return whether a slide's head names something: no sentence, not too long."""
    return len(text.split()) <= HEAD_WORDS_MAX and not text.endswith((".", "!", "?", ":"))


# -- a form's page: "Label value Label value" without colons --------------------------------


@cache
def _form_label() -> tuple[re.Pattern[str], frozenset[str]]:
    """Return the pattern of the labels a form's page is cut at, and those of them that only
    end the value before them (curated `[form]`: addresses, account numbers). A form's value,
    or the next label, starts with a capital or a digit: "the lead partner is ..." in running
    text is no field."""
    plumbing = {
        label.casefold() for labels in curated_load("labels")["form"].values() for label in labels
    }
    fields = [label for label in labels_known() if len(label) >= FORM_LABEL_MIN or " " in label]
    pattern = re.compile(
        rf"(?<![\w-])(?i:{words_alternation([*fields, *plumbing])})(?=\s+[A-ZÅÄÖÆØ0-9])"
    )
    return pattern, frozenset(plumbing)


def _form_labels(text: str) -> list[tuple[int, int]]:
    """Return the (start, end) of the labels a long line holds, when it holds enough to be a
    form's page; else []."""
    if len(text) < FORM_LINE_MIN:
        return []
    found = [(m.start(), m.end()) for m in _form_label()[0].finditer(text)]
    return found if len(found) >= FORM_LABELS_MIN else []


def _form_apart(block: Block, spans: list[tuple[int, int]]) -> list[Block]:
    """Return a form's page as its head and one "Label: value" line per field it keeps.

    Labels side by side over their values ("Start End 1.9.2016 31.12.2018", a form's columns)
    take one word of the values each, in order. A form names its project wherever its layout
    puts the field: the title's line comes first, so that the fields read as the project's."""
    text = block.text
    plumbing = _form_label()[1]
    fields: list[tuple[str, str]] = []
    for (start, end), following in zip(spans, [*spans[1:], (len(text), len(text))], strict=True):
        fields.append((text[start:end], text[end : following[0]].strip()))
    fields = _columns_paired(fields)
    head = text[: spans[0][0]].strip()
    lines = [
        f"{label}: {value}" for label, value in fields if value and label.casefold() not in plumbing
    ]
    lines.sort(key=lambda line: (label_split(line) or ("",))[0] != "title")
    out = [Block("line", 0, head, block.line)] if head else []
    return out + [Block("line", 0, line, block.line) for line in lines]


def _columns_paired(fields: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Return fields where labels without a value, followed by a label with one word more than
    that, take a word each ("Start", "End 1.9.2016 31.12.2018" -> 1.9.2016, 31.12.2018)."""
    out: list[tuple[str, str]] = []
    empty: list[str] = []
    for label, value in fields:
        if not value:
            empty.append(label)
            continue
        words = value.split()
        if empty and len(words) == len(empty) + 1:
            out.extend(zip([*empty, label], words, strict=True))
        else:
            out.extend((e, "") for e in empty)
            out.append((label, value))
        empty = []
    out.extend((e, "") for e in empty)
    return out
