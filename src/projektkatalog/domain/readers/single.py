"""Read a page that describes one project as that project, titled from what the page offers."""

from __future__ import annotations

import re
from functools import cache

from projektkatalog.domain.curated import curated_load
from projektkatalog.domain.money import amounts_find
from projektkatalog.domain.readers.blocks import Block
from projektkatalog.domain.readers.entry import EntryDraft
from projektkatalog.domain.readers.labels import label_split
from projektkatalog.domain.readers.names import names_suffixed, repeated_name
from projektkatalog.domain.readers.outline import Entry
from projektkatalog.domain.readers.titles import has_project_word, is_section_heading
from projektkatalog.domain.text import words_alternation

TITLE_MAX = 120
MIN_LINES = 2  # a title and something about it
TOP_MAX = 200  # characters of a line that is a paragraph rather than part of the page's top


def single_entry(blocks: list[Block], named: str | None = None) -> tuple[Entry, str] | None:
    """Return the page as one entry and how its title was chosen; None for an empty page.

    `named` is the title of the one project the prose names or grants money to, if any.
    """
    content = [b for b in blocks if b.kind != "blank"]
    if len(content) < MIN_LINES:
        return None  # a line of text alone describes nothing
    heading = project_heading(content) or _main_heading(content)
    name = repeated_name("\n".join(b.text for b in content)) or named
    if name is None and heading is not None:
        name = coined_name(heading.text, content)
    if name is None and (introduced := _heading_name(content)) is not None:
        name, heading_block = introduced
        body = [b for b in blocks if b is not heading_block]
        how = f"The title “{name}” is the project name the text states; check it."
        return Entry(name, None, heading_block.line, -99, body=body), how
    if name is not None and (heading is None or name.casefold() not in heading.text.casefold()):
        line = next((b.line for b in content if name in b.text), content[0].line)
        if heading is not None and heading.line < line:
            line = heading.line
        body = [b for b in blocks if b is not heading]
        how = f"The title “{name}” is the project name the text states; check it."
        return Entry(name, None, line, -99, body=body), how
    if heading is None:
        purpose = _purpose_title(content)
        if purpose is None:
            # A news item's body whose name is only in its address: the project is the page's,
            # titled by its opening words until an editor names it.
            title = _opening_words(content[0].text)
            how = (
                f"The page has no heading and names no project; the title “{title}” is its "
                "opening words. Name the project."
            )
            return Entry(title, None, content[0].line, -99, body=list(blocks)), how
        title, line = purpose
        how = f"The page has no heading; the title “{title}” is the aim it states. Check it."
        return Entry(title, None, line, -99, body=list(blocks)), how
    # A value under its label ("ANSØGER:" over the applicant) titles a page that has no heading,
    # and stays the label's value too.
    body = [b for b in blocks if b is not heading or _under_label(heading, blocks)]
    title = heading_title(heading.text)
    how = f"The title “{title}” is the page's main heading; check it."
    return Entry(title, None, heading.line, -99, body=body), how


OPENING_WORDS = 8  # words of a page's first sentence that title it when nothing else can


def _opening_words(text: str) -> str:
    """Return the first words of a text's first sentence."""
    sentence = re.split(r"[.!?:;]\s", text + " ", maxsplit=1)[0]
    words = sentence.split()
    return " ".join(words[:OPENING_WORDS]).strip(" ,.–-") if words else text[:TITLE_MAX]


_FIRST_DIGIT = re.compile(r"\d")
_PLACE_AFTER = re.compile(r"\s*/\s*[A-ZÅÄÖÆØ][\w-]*$")  # "/Strandby": the partner's town
_WORD_IN_SUMS = re.compile(r"[^\W\d_]{4,}")  # sums hold currency marks and codes, no words
SHARE_ROWS_MIN = 2


@cache
def _total_rows() -> frozenset[str]:
    return frozenset(curated_load("page")["single"]["total_rows"])


def partner_shares_as_fields(body: list[Block]) -> list[Block]:
    """Return a one-project page's body where the rows of its budget table that give each
    partner's share ("Strandby Wetland Trust € 120 000 € 12 000", two or more in a row, above a
    "Total" row or not) read as "Partner:" lines: the sums are the partners' own, not the
    project's; the "Total" row stays, its sums the project's."""
    out = list(body)

    def close() -> None:
        if len(run) >= SHARE_ROWS_MIN:
            for i, name in run:
                out[i] = Block("line", max(out[i].depth, 0), f"Partner: {name}", out[i].line)
        run.clear()

    run: list[tuple[int, str]] = []
    for i, block in enumerate(body):
        name = _share_row_name(block.text) if block.kind in ("line", "item") else None
        if name is None or name.casefold() in _total_rows():
            close()
            continue
        run.append((i, _PLACE_AFTER.sub("", name)))
    close()
    return out


def _share_row_name(text: str) -> str | None:
    """Return the name a row of a budget table starts with, when sums in a currency and nothing
    else follow it ("Strandby Wetland Trust € 120 000 € 12 000"); else None."""
    digit = _FIRST_DIGIT.search(text)
    if digit is None or ":" in text[: digit.start()]:
        return None
    head, sums = text[: digit.start()].rstrip(), text[digit.start() :]
    mark = head.rsplit(None, 1)[-1] if head else ""
    if mark and not any(c.islower() for c in mark) and len(mark) <= CURRENCY_MARK_MAX:
        head, sums = head[: -len(mark)], f"{mark} {sums}"  # "€", "EUR" before the first sum
    name = " ".join(head.split())
    amounts = amounts_find(sums)
    if (
        len(name) < SHARE_NAME_MIN
        or not amounts
        or not all(a.currency for a in amounts)
        or _WORD_IN_SUMS.search(sums)
    ):
        return None
    return name


CURRENCY_MARK_MAX = 3  # characters of a currency's sign or code before a sum ("€", "EUR")
SHARE_NAME_MIN = 3


def _under_label(block: Block, blocks: list[Block]) -> bool:
    """Return whether a block stands right under a label that awaits its value ("Sökande:")."""
    at = blocks.index(block)
    above = next((b for b in reversed(blocks[:at]) if b.kind != "blank"), None)
    return above is not None and (found := label_split(above.text)) is not None and not found[1]


# "NYTT: Strandby hamnpark (4)": a category in capitals before the name, a count after it.
_CATEGORY_PREFIX = re.compile(r"^[A-ZÅÄÖÆØ]{2,}(?:[ -][A-ZÅÄÖÆØ]{2,})?:\s+(?=[A-ZÅÄÖÆØ0-9])")
_COUNT_SUFFIX = re.compile(r"\s+\(\d{1,4}\)$")


def heading_title(text: str) -> str:
    """Return a page heading's name without the category a site prints before it in capitals
    and the count (of comments, of pictures) it prints after it."""
    name = _COUNT_SUFFIX.sub("", _CATEGORY_PREFIX.sub("", text.strip()))
    return name if len(name) >= 3 else text


NAME_REPEATS = 3  # times a heading's name must occur on the page to title it


@cache
def _heading_prefixes() -> re.Pattern[str]:
    prefixes = curated_load("page")["single"]["heading_name_prefixes"]
    return re.compile(rf"^(?:{words_alternation(prefixes)})\s+(?P<name>\S.*)$", re.IGNORECASE)


def _heading_name(content: list[Block]) -> tuple[str, Block] | None:
    """Return the name a heading introduces ("Background to the Havsljus") and that heading,
    when the page repeats the name; else None."""
    text = "\n".join(b.text for b in content)
    for block in content:
        if len(block.text) > TOP_MAX:
            break  # the page's own heading stands above its first paragraph
        if (m := _heading_prefixes().match(block.text.strip())) is None:
            continue
        name = m.group("name").strip(" .:")
        if name[:1].isupper() and text.count(name) >= NAME_REPEATS:
            return name, block
    return None


@cache
def _project_word_alone() -> re.Pattern[str]:
    words = curated_load("page")["single"]["project_nouns"]
    return re.compile(rf"(?<![\w-])(?:{words_alternation(words)})(?![\w-])", re.IGNORECASE)


# A coined name: a capital, small letters, then a capital inside the word ("GreenPE", "SeaLink").
_COINED = re.compile(r"(?<![\w-])([A-ZÅÄÖÆØ][a-zåäöæø]+[A-ZÅÄÖÆØ][\w-]*?)(?:['’]s)?(?![\w-])")


def coined_name(heading: str, content: list[Block]) -> str | None:
    """Return the coined name a news page gives its project when its headline speaks of the
    project without naming it ("Project approved", "Projektet fick klartecken"): the one word
    with a capital inside it ("SeaLink"), or the one name joined to a project noun
    ("Fjordlys-prosjektet", "the Fjordlys project"), in the first paragraph under the
    headline; else None.

    The shape, not a phrase, tells the name: a headline's common noun and a word that is no
    word of any language."""
    if _project_word_alone().search(heading) is None or _COINED.search(heading):
        return None
    below = False
    for block in content:
        if block.text == heading:
            below = True
            continue
        if not below or not block.text.rstrip().endswith((".", "!", "?")):
            continue  # the first paragraph: sentences, not a caption or a date line
        names = {m.group(1) for m in _COINED.finditer(block.text)}
        names.update(names_suffixed(block.text))  # "Fjordlys-prosjektet", "the Fjordlys project"
        return names.pop() if len(names) == 1 else None
    return None


@cache
def _one_project_endings() -> re.Pattern[str]:
    endings = curated_load("page")["single"]["one_project_endings"]
    return re.compile(rf"\w(?:{words_alternation(endings)})(?!\w)", re.IGNORECASE)


def project_heading(blocks: list[Block]) -> Block | None:
    """Return the line at the page's top that names one project by its shape: a compound
    ending in a singular project noun ("Kustvägsprojektet 2019-2021", "Saaristohanke"); None
    when the page's top has no such line.

    Such a page is about that one project, and the short lines over its paragraphs are its
    sections ("Odling", "Marknaden"), not projects of their own."""
    for block in blocks:
        text = block.text
        if block.kind == "blank":
            continue
        if len(text) > TOP_MAX:
            return None  # a page's title stands above its first paragraph
        if (
            len(text) <= TITLE_MAX
            and not text.endswith((".", ":", ",", ";", "?", "!"))
            and label_split(text) is None
            and _one_project_endings().search(text)
        ):
            return block
    return None


def _main_heading(content: list[Block]) -> Block | None:
    """Return the page's first heading, else its first short line that reads as a title."""
    for block in content:
        if block.kind == "heading":
            return block
    for block in content:
        text = block.text
        if len(text) > TOP_MAX:
            break  # a page's title stands above its first paragraph
        if (
            len(text) <= TITLE_MAX
            and not text.endswith((".", ":", ",", ";"))
            and label_split(text) is None
            and any(c.isalpha() for c in text)
            and not is_section_heading(text)
            and "@" not in text
            and "://" not in text
        ):
            return block
    return None


@cache
def _purpose_cues() -> re.Pattern[str]:
    cues = curated_load("page")["purpose"]["cues"]
    return re.compile(
        rf"(?<!\w)(?:{'|'.join(re.escape(c) for c in cues)})\s+(?P<aim>[^.!?]+)", re.I
    )


def _purpose_title(content: list[Block]) -> tuple[str, int] | None:
    """Return the aim a page states, as a title, and its line; None when it states none."""
    pattern = _purpose_cues()
    for block in content:
        if m := pattern.search(block.text):
            aim = m.group("aim").strip()
            if len(aim) > TITLE_MAX:
                aim = aim[:TITLE_MAX].rsplit(" ", 1)[0]
            return aim[:1].upper() + aim[1:], block.line
    return None


def about_a_project(draft: EntryDraft, blocks: list[Block]) -> bool:
    """Return whether a page read as one entry is about a project: it states a project fact, or
    says it is a project. A menu or a weather report is not one, however it is headed."""
    if (
        draft.period
        or draft.amounts
        or draft.partners
        or draft.named_participants
        or draft.programmes
        or draft.contacts
    ):
        return True
    return any(has_project_word(b.text) for b in blocks)
