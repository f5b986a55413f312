"""Read projects that a news text names only in running prose.

"Projektet Grön hamn ska ..." names a project; "Ett samarbete om laxen får 5 miljoner kronor"
grants one without a name. Each becomes a draft from the paragraph (or sentence) about it, and
is reported as read from prose so the editor checks it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from projektkatalog.domain.curated import curated_load
from projektkatalog.domain.money import amounts_find
from projektkatalog.domain.readers.blocks import Block
from projektkatalog.domain.readers.entry import ContactDraft, EntryDraft, PartnerText
from projektkatalog.domain.readers.names import project_names
from projektkatalog.domain.text import words_alternation

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖÆØ\"”–-])")
_AMOUNT_WORDS = re.compile(
    r"(?:\b(?:sek|nok|dkk|eur|msek|mnkr|mkr)\b|€)?\s*\d[\d  .,]*\s*"
    r"(?:miljoner|millioner|million|milj\.?|mill\.?|mio\.?|tusen)?\s*"
    r"(?:svenska |norska |danske |norske )?(?:kronor|kroner|kr\.?|sek|nok|dkk|euro|eur|€)?",
    re.IGNORECASE,
)
TITLE_MAX = 120
SUBHEADING_MAX = 60
SUBJECT_WORDS = 6
_DIGIT = re.compile(r"\d")


@dataclass
class Paragraph:
    line: int
    text: str


def paragraphs(blocks: list[Block]) -> list[Paragraph]:
    """Return the page's text lines joined into paragraphs (headings and items stand alone)."""
    out: list[Paragraph] = []
    previous: Block | None = None
    for block in blocks:
        if block.kind == "blank":
            previous = None
            continue
        if (
            previous is not None
            and block.kind == "line"
            and previous.kind == "line"
            and block.line == previous.line + 1
        ):
            out[-1].text += " " + block.text
        else:
            out.append(Paragraph(block.line, block.text))
        previous = block
    return out


@cache
def _grants() -> tuple[re.Pattern[str], re.Pattern[str]]:
    data = curated_load("page")["grants"]
    verbs = re.compile(rf"(?<!\w)(?:{words_alternation(data['verbs'])})(?!\w)", re.IGNORECASE)
    totals = re.compile(rf"(?<!\w)(?:{words_alternation(data['totals'])})(?!\w)", re.IGNORECASE)
    return verbs, totals


_MONEY_WORDS = re.compile(
    r"\d[\d  .,]*\s*(?:miljoner|millioner|million|milj\.?|mill\.?|mio\.?|tusen)?\s*"
    r"(?:svenska |norska |danska |danske |norske )?(?:kronor|kroner|kr\b|sek|nok|dkk|euro|eur|€)"
    r"|(?:miljoner|millioner|million) (?:svenska |norska |danska |danske |norske )?(?:kronor|kroner|euro)",
    re.IGNORECASE,
)


def sentences_split(text: str) -> list[str]:
    """Return a paragraph's sentences."""
    return _SENTENCE_END.split(text)


def is_total(sentence: str) -> bool:
    """Return whether a sentence is about a whole sum ("totalt", "in total") or about several
    projects at once: its amounts are a programme's or a call's, never one project's."""
    _, totals = _grants()
    return bool(totals.search(sentence) or _several().search(sentence))


def counts_several_projects(sentence: str) -> bool:
    """Return whether a sentence speaks of several projects at once ("35 approved projects",
    "to these projects", "till fem projekt"): an amount in it is a programme's or a call's."""
    nouns, count = _count_before()
    if (noun := nouns.search(sentence)) is None:
        return False  # most sentences: no project noun, nothing to count
    # Amounts taken out first, the count may stand further from its noun ("6 af de nye
    # dansk-tyske projekter"); it stands before the noun, in the words just before it.
    while noun is not None:
        word_start = sentence.rfind(" ", 0, noun.start()) + 1  # "naturvårds|projekt"
        words = sentence[:word_start].split()[-(COUNT_GAP + SUM_WORDS) :]
        if count.search(" ".join(_SUMS.sub(" ", " ".join(words)).split()[-(COUNT_GAP + 1) :])):
            return True
        noun = nouns.search(sentence, noun.end())
    return False


@cache
def _count_before() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Return the pattern of a project noun, and of a count among the words before one."""
    data = curated_load("page")["grants"]
    nouns = re.compile(words_alternation(data["several_nouns"]), re.IGNORECASE)
    count = re.compile(
        rf"(?<!\w)(?:{words_alternation(data['several_counts'])}|\d{{1,2}})(?:\s|$)",
        re.IGNORECASE,
    )
    return nouns, count


COUNT_GAP = 4
SUM_WORDS = 4  # words a sum before the noun may take ("9,5 mio. euro"), taken out first

# An amount in words, whose number is no count of projects ("18 miljoner till naturvårdsprojekt").
_SUMS = re.compile(
    r"\d[\d  .,]*\s*(?:miljoner|millioner|millionar|millions?|milj\.?|mill\.?|mio\.?|tusen|"
    r"miljoonaa|miljoona|tuhatta|"
    r"thousand|kronor|kroner|kr\b|sek|nok|dkk|euro|eur|€)",
    re.IGNORECASE,
)


def _is_grant(sentence: str) -> bool:
    verbs, totals = _grants()
    money = amounts_find(sentence) or _MONEY_WORDS.search(sentence)
    return bool(
        verbs.search(sentence)
        and money
        and not totals.search(sentence)
        and not _several().search(sentence)
    )


@cache
def _several(gap: int = 2) -> re.Pattern[str]:
    """Return the pattern of a count, up to `gap` words, then a project noun."""
    data = curated_load("page")["grants"]
    return re.compile(
        rf"(?<!\w)(?:{words_alternation(data['several_counts'])}|\d{{1,2}})\s+"
        rf"(?:[\w-]+\s+){{0,{gap}}}\w*(?:{words_alternation(data['several_nouns'])})",
        re.IGNORECASE,
    )


def umbrella_recipient(blocks: list[Block], *, receiving: bool = False) -> str | None:
    """Return the body a grant for several projects goes to ("Strandby högskola har beviljats 20
    miljoner kronor för fyra samverkansprojekt"), the lead of the projects the page names; or
    None when the page states no such grant.

    With `receiving`, only a verb of receiving counts ("har fått", "fikk", "has received": not
    "beviljar", whose subject is the granter), and money named without an amount does too
    ("Strandby kommun har fått LONA-pengar för flera projekt"): what a page that lists its own
    projects says once above the list."""
    verbs = _receives() if receiving else _grants()[0]
    for paragraph in paragraphs([b for b in blocks if b.kind != "heading"]):
        for sentence in _SENTENCE_END.split(paragraph.text):
            verb = verbs.search(sentence)
            if verb is None or not _several().search(sentence):
                continue
            money = amounts_find(sentence) or _MONEY_WORDS.search(sentence)
            if not money and not (receiving and _money_nouns().search(sentence)):
                continue
            subject = sentence[: verb.start()].strip(" ,–-")
            if (
                subject[:1].isupper()
                and 0 < len(subject.split()) <= SUBJECT_WORDS
                and not _DIGIT.search(subject)
            ):
                return subject
    return None


@cache
def _money_nouns() -> re.Pattern[str]:
    words = curated_load("page")["grants"]["money_nouns"]
    return re.compile(rf"(?<![^\W-])(?:{words_alternation(words)})(?!\w)", re.IGNORECASE)


@cache
def _receives() -> re.Pattern[str]:
    words = curated_load("page")["grants"]["receives"]
    return re.compile(rf"(?<!\w)(?:{words_alternation(words)})(?!\w)", re.IGNORECASE)


@cache
def _work() -> re.Pattern[str]:
    work = curated_load("page")["grants"]["work"]
    return re.compile(rf"(?<!\w)(?:{words_alternation(work)})(?!\w)", re.IGNORECASE)


def _sentence_title(sentence: str) -> str:
    """Return a title made of a sentence's words without its amounts and granting verb: from
    the work it describes ("ett projekt i ... som ska ...") when it names one."""
    verbs, _ = _grants()
    if work := _work().search(sentence):
        rest = sentence[work.start() :]
        verb = verbs.search(rest, 1)
        clause = rest[: verb.start()] if verb else rest
        clause = clause.strip(" .,–-")
        if len(clause) <= TITLE_MAX:
            return clause[:1].upper() + clause[1:]
    verb = _receives().search(sentence)
    subject = sentence[: verb.start()].strip() if verb else ""
    if (
        subject[:1].isupper()
        and len(subject.split()) <= SUBJECT_WORDS
        and not _DIGIT.search(subject)
    ):
        return subject  # "Discgolf Strandby er indstillet til ...": the subject is the name
    words = _AMOUNT_WORDS.sub(" ", sentence)
    words = re.sub(r"\s+", " ", verbs.sub(" ", words, count=1)).strip(" .,–-")
    if len(words) <= TITLE_MAX:
        return words
    return words[:TITLE_MAX].rsplit(" ", 1)[0]


def prose_projects(blocks: list[Block], *, grants: bool = True) -> list[EntryDraft]:
    """Return the projects the page's prose names, and (with `grants`) those it grants money
    to without a name."""
    drafts: list[EntryDraft] = []
    seen: set[str] = set()
    subheading = ""  # a short line over the paragraph, below the page's own title
    for n, paragraph in enumerate(paragraphs([b for b in blocks if b.kind != "heading"])):
        short = len(paragraph.text) <= SUBHEADING_MAX
        if n and short and not paragraph.text.endswith((".", "!", "?", ":")):
            if not project_names(paragraph.text):
                subheading = paragraph.text
                continue
        names = [n for n in project_names(paragraph.text) if n.casefold() not in seen]
        sentences = _SENTENCE_END.split(paragraph.text)
        if names:
            for name in names:
                seen.add(name.casefold())
                text = (
                    paragraph.text if len(names) == 1 else _sentences_about(name, names, sentences)
                )
                draft = _draft(name, text, paragraph.line)
                if (body := _body_in_brackets(name, paragraph.text)) is not None:
                    draft.partners.append(PartnerText(body, "lead", paragraph.line))
                drafts.append(draft)
            continue
        if not grants:
            continue
        grants_here = [s for s in sentences if _is_grant(s)]
        for sentence in grants_here:
            # Under its own subheading ("Penge til Strandby havn"), the one grant is titled by it.
            title = (
                subheading if subheading and len(grants_here) == 1 else _sentence_title(sentence)
            )
            drafts.append(
                _draft(title, paragraph.text if title == subheading else sentence, paragraph.line)
            )
        subheading = ""
    return drafts


def _sentences_about(name: str, names: list[str], sentences: list[str]) -> str:
    """Return what the sentences say about one of several projects a paragraph names: a
    sentence that names others too gives only its part from this name to the next one ("A (Strandby
    kommun, 450 000 kr), B (...)"), so that no project takes another's amount or body."""
    parts = []
    for sentence in sentences:
        start = sentence.find(name)
        if start < 0:
            continue
        after = start + len(name)
        others = [i for other in names if other != name and (i := sentence.find(other, after)) >= 0]
        own = sentence[start : min(others)] if others else sentence[start:]
        first = min(i for other in names if (i := sentence.find(other)) >= 0)
        if not amounts_find(lead_in := sentence[:first]):
            own = f"{lead_in}{own}"  # "Inom Interreg Aurora beviljas A och B": theirs alike
        parts.append(own)
    return " ".join(p.strip(" ,;") for p in parts)


_BRACKETS = re.compile(r"\s*\(([^()]{2,120})\)")


def _body_in_brackets(name: str, text: str) -> str | None:
    """Return the body named in brackets right after a project's name ("Grön hamn (Strandby
    kommun, 450 000 kr)"): the first part that starts with a capital and holds no digit."""
    start = text.find(name)
    if start < 0 or (m := _BRACKETS.match(text, start + len(name))) is None:
        return None
    for part in m.group(1).split(","):
        part = part.strip()
        if part[:1].isupper() and not _DIGIT.search(part) and len(part.split()) <= SUBJECT_WORDS:
            return part
    return None


def _draft(title: str, text: str, line: int) -> EntryDraft:
    draft = EntryDraft(title, None, line, line)
    draft.description_lines.append((line, text))
    draft.guesses.append(
        ("guessed-from-prose", f"The project “{title}” was read from running text; check it.")
    )
    return draft


@cache
def _continuations() -> re.Pattern[str]:
    starts = curated_load("page")["names"]["continuation_starts"]
    return re.compile(rf"^(?:[–—-]\s|[”\"]|(?:{words_alternation(starts)})(?!\w))", re.IGNORECASE)


def paragraphs_attached(drafts: list[EntryDraft], blocks: list[Block]) -> None:
    """Add to each project read from prose the later paragraphs about it: those that name it
    alone ("Bothnia Coast är ett turismprojekt ..."), and the quotes and "Projektet ..."
    paragraphs that follow them, until a paragraph names another project."""
    current: EntryDraft | None = None
    for paragraph in paragraphs([b for b in blocks if b.kind != "heading"]):
        if any(paragraph.line == d.first_line for d in drafts):
            current = None  # the paragraph that named the projects: already theirs
            continue
        named = [d for d in drafts if d.title in paragraph.text]
        if len(named) == 1:
            current = named[0]
        elif named or not _continuations().search(paragraph.text):
            current = None
        if current is not None:
            current.description_lines.append((paragraph.line, paragraph.text))
            current.last_line = max(current.last_line, paragraph.line)


@cache
def _speaker() -> re.Pattern[str]:
    data = curated_load("page")["contacts"]
    return re.compile(
        rf"(?<!\w)(?i:{words_alternation(data['speech_verbs'])})\s+"
        rf"(?P<title>(?i:{words_alternation(data['project_roles'])}))\s+"
        r"(?P<name>[A-ZÅÄÖÆØ][\w'’-]+(?:\s+[A-ZÅÄÖÆØ][\w'’-]+){1,2})"
    )  # the verb and title in any case, the name capitalised


def quoted_speakers(text: str) -> list[ContactDraft]:
    """Return the people quoted in `text` with a title on the project ("säger projektchef Anna
    Berg"): the project's contacts, in order, without repeats."""
    found: list[ContactDraft] = []
    for m in _speaker().finditer(text):
        name = m.group("name")
        if all(c.name != name for c in found):
            found.append(ContactDraft(name, m.group("title").casefold()))
    return found
