"""Find the names of projects in running text ("Projektet Grön hamn ska ...", "projekt ”Fiske”").

A name follows a cue word (curated per language in `data/page.toml`) and is either quoted or a
run of words starting with a capital that ends at a verb, a relative word, a digit or a mark.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from projektkatalog.domain.curated import curated_load
from projektkatalog.domain.matching.programmes import programmes_curated
from projektkatalog.domain.text import words_alternation

# A name in quotes, closed by the mark that closes its opening one ("'Kustvägen' och ..." is
# "Kustvägen", not the text up to the next double quote).
_QUOTED = re.compile(
    r"^\s*(?:[”“]([^”\"“«»]{2,120})[”“]|\"([^”\"“«»]{2,120})\"|«([^«»]{2,120})»"
    r"|»([^«»]{2,120})«|[‘’]([^‘’\"”“]{2,120})’|'([^'\"”“]{2,120})')"
)
QUOTED_MAX = 130  # characters a quoted name takes with its marks (the pattern allows 120 inside)
_QUOTES = "”\"“«»'‘’"
_TOKEN = re.compile(r"\S+")
_STARTERS = frozenset(
    {
        "det",
        "den",
        "de",
        "detta",
        "denna",
        "en",
        "ett",
        "i",
        "vi",
        "this",
        "it",
        "the",
        "a",
        "an",
        "som",
        "har",
        "är",
        "ska",
        "og",
        "och",
        "and",
        "er",
        "skal",
    }
)
MAX_WORDS = 8
GAP_MAX = 120  # characters of a clause between an ordinal and its copula
_VERSION = re.compile(r"\d{1,2}\.\d{1,2}")  # "Fiske 2.0": a version is part of the name
SEQUEL_DIGITS = 2  # "Fiske 2" names a sequel; "Fiske 2019" is a year after the name


@cache
def _vocabulary() -> tuple[re.Pattern[str], frozenset[str], frozenset[str]]:
    data = curated_load("page")["names"]
    cues = re.compile(rf"(?<![\w-])(?:{words_alternation(data['cues'])})(?![\w-])[:]?\s+", re.I)
    return cues, frozenset(data["stops"]), frozenset(data["joins"])


def project_names(text: str) -> list[str]:
    """Return the project names `text` states after a cue word, in an enumeration of projects
    or between commas after "projektet", in order, without repeats."""
    found: list[str] = []
    for name in [
        *_names_all(text),
        *_names_listed(text),
        *_names_enumerated(text),
        *_names_ordinal(text),
        *_names_quoted_suffixed(text),
        *names_suffixed(text),
    ]:
        if name.casefold() not in (f.casefold() for f in found):
            found.append(name)
    return found


@cache
def _lists() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    data = curated_load("page")["names"]
    intro = re.compile(
        rf"(?<![\w-])(?:{words_alternation(data['list_intros'])})"
        rf"(?:\s+(?:{words_alternation(data['list_fillers'])}))?:?\s+",
        re.IGNORECASE,
    )
    apposition = re.compile(
        rf"(?<![\w-])(?:{words_alternation(data['apposition_nouns'])})"
        rf"(?:\s+(?:{words_alternation(data['list_ends'])})\s[^,.;:!?]{{0,60}})?"
        rf",\s+(?P<name>[^,.;:!?()]{{2,80}}),\s",
        re.IGNORECASE,
    )
    ends = re.compile(
        rf"(?:[.;:!?](?:\s|$)|,?\s+(?:{words_alternation(data['list_ends'])})\s)", re.IGNORECASE
    )
    return intro, apposition, ends


_PARENTHESES = re.compile(r"\s*\([^)]*\)")


def _enumeration_at(text: str, at: int) -> str:
    """Return the enumeration that starts at `at`: the next 400 characters without what stands
    in brackets, up to the end of the sentence or a word that closes the list."""
    _, _, ends = _lists()
    rest = _PARENTHESES.sub("", text[at : at + 400])
    end = ends.search(rest)
    return rest[: end.start()] if end else rest


@cache
def _item_split() -> re.Pattern[str]:
    """Return the pattern between the items of an enumeration: a comma or a joining word."""
    joins = words_alternation(curated_load("page")["names"]["list_joins"])
    return re.compile(rf",\s*|\s+(?:{joins})\s+", re.IGNORECASE)


@cache
def _enumeration() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Return the patterns of what opens an enumeration of several projects (a plural project
    noun, or a "following projects" phrase and a colon) and of the words that end its last name."""
    data = curated_load("page")["names"]
    plural = words_alternation(data["plural_nouns"])
    verbs = words_alternation(data["plural_verbs"])
    following = words_alternation(data["following"])
    nouns = words_alternation(data["following_nouns"])
    opens = re.compile(
        rf"(?<![\w-])(?:(?i:{following})\s+(?:\w+\s+)?\w*(?i:{nouns})\w*[^.:!?]{{0,60}}:"
        rf"|(?i:{plural})(?:\s+(?i:{verbs}))?:?)\s+(?=[A-ZÅÄÖÆØ0-9{_QUOTES}])"
    )
    ends = words_alternation([*data["enumeration_ends"], *data["stops"]])
    return opens, re.compile(rf"\s(?:{ends})(?:\s|$)", re.IGNORECASE)


def _names_enumerated(text: str) -> list[str]:
    """Return the names a sentence lists after a plural project noun or a "following projects"
    phrase: only where it lists at least two, each starting with a capital or a quote."""
    opens, last_end = _enumeration()
    found: list[str] = []
    for m in opens.finditer(text):
        items = _items_rejoined(_enumeration_at(text, m.end()))
        if len(items) < 2:
            continue
        if cut := last_end.search(items[-1]):
            items[-1] = items[-1][: cut.start()]  # "... och Open Valley at its meeting"
        names = [_item_name(item, whole=True) for item in items]
        if all(names):
            found.extend(names)
    return found


def _items_rejoined(text: str) -> list[str]:
    """Return an enumeration's items, a joining word inside a name kept in it: "Skog och
    vatten, Kustvägen och Grön hamn" lists "Skog och vatten", since a name does not start in
    lower case."""
    items: list[str] = []
    pos, joined = 0, ""  # where the next item starts, and the words that joined it
    for sep in [*_item_split().finditer(text), None]:
        item = text[pos : sep.start() if sep else len(text)]
        words = item.split()
        if (
            items
            and item[:1].islower()
            and joined
            and not joined.startswith(",")
            and words[0].casefold() not in _STARTERS  # "och en förstudie om X": no name's part
        ):
            items[-1] += joined + item
        else:
            items.append(item)
        if sep is not None:
            joined, pos = sep.group(0), sep.end()
    return items


@cache
def _quoted_suffixed() -> re.Pattern[str]:
    joined = words_alternation(curated_load("page")["names"]["suffix_nouns"])
    return re.compile(rf"[«”“\"']([^«»”“\"']{{2,80}})[»”“\"']-(?i:{joined})(?![\w-])")


def _names_quoted_suffixed(text: str) -> list[str]:
    """Return the quoted names joined by a hyphen to a project noun ("«Kystlys»-prosjektet")."""
    return [m.group(1).strip() for m in _quoted_suffixed().finditer(text)]


def _names_listed(text: str) -> list[str]:
    """Return the names an enumeration of projects or an apposition states."""
    intro, apposition, _ = _lists()
    found: list[str] = []
    for m in intro.finditer(text):
        items = _item_split().split(_enumeration_at(text, m.end()))
        found.extend(n for n in (_item_name(item) for item in items) if n)
    for m in apposition.finditer(text):
        found.extend(n for n in [_item_name(m.group("name"), whole=True)] if n)
    return found


@cache
def _ordinal() -> re.Pattern[str]:
    data = curated_load("page")["names"]
    return re.compile(
        rf"(?<![\w-])(?:{words_alternation(data['ordinals'])})(?![\w-])"
        rf"(?:[^.!?:;]{{0,{GAP_MAX}}}?)\s(?:{words_alternation(data['copulas'])})\s+",
        re.IGNORECASE,
    )


def _names_ordinal(text: str) -> list[str]:
    """Return the names a text gives in turn: "Det ena är A som ...", "Det tredje projektet,
    med en budget på två miljoner, är B.", "The second is C"; and after a project noun's
    relative clause: "projekt som fått stöd är D"."""
    found: list[str] = []
    for m in _ordinal().finditer(text):
        if m.group(0)[:1].isupper() and (name := _name_at(text, m.end())):
            found.append(name)  # a sentence's start: "det andra" inside a clause is no turn
    for m in _relative().finditer(text):
        # What follows is an enumeration: each item that starts with a capital is a name.
        items = _item_split().split(_enumeration_at(text, m.end()))
        found.extend(n for n in (_item_name(item, whole=True) for item in items) if n)
    return found


@cache
def _relative() -> re.Pattern[str]:
    """Return the pattern of a project noun, its relative clause and a copula ("projekt som
    finansierats via fonden är ")."""
    data = curated_load("page")["names"]
    return re.compile(
        rf"(?<![\w-])(?i:{words_alternation(data['relative_nouns'])})\w*\s+"
        rf"(?i:{words_alternation(data['relatives'])})\s"
        rf"[^.!?:;,]{{0,{GAP_MAX}}}?\s(?i:{words_alternation(data['list_copulas'])})\s+"
    )


@cache
def _suffixed() -> re.Pattern[str]:
    """Return the pattern of a name joined to the project noun after it: "Fjordlys-prosjektet",
    "Saaristo-hanke", "the FjordLink project" (the nouns curated in `page.toml` [names])."""
    data = curated_load("page")["names"]
    joined = words_alternation(data["suffix_nouns"])
    after = words_alternation(data["after_nouns"])
    word = r"[A-ZÅÄÖÆØ][\w&+]*"
    return re.compile(
        rf"(?<![\w-])(?P<joined>{word}(?:[ -]{word}){{0,3}})-(?:{joined})(?![\w-])"
        rf"|(?<!\w)(?i:the)\s+(?P<after>{word}(?:\s{word}){{0,3}})\s+(?:{after})(?![\w-])"
    )


def names_suffixed(text: str) -> list[str]:
    """Return the names a text joins to the project noun after them; a programme's or fund's
    name so joined ("Leader-projektet", "the Interreg project") or a short abbreviation ("the EU
    project") says where the money comes from, not what the project is called."""
    found = (m.group("joined") or m.group("after") for m in _suffixed().finditer(text))
    return [
        n
        for n in found
        if n.casefold() not in _programme_names()
        and not (n.isupper() and len(n) <= ABBREVIATION_MAX)
    ]


ABBREVIATION_MAX = 3  # "EU", "ESF": a fund or a body, never a project's own name


@cache
def _programme_names() -> frozenset[str]:
    names: set[str] = set()
    for prog in programmes_curated():
        names.update(n.casefold() for n in (prog.name, prog.short, prog.fund, *prog.aliases) if n)
        names.update(n.split()[0].casefold() for n in (prog.name, *prog.aliases) if n)
    return frozenset(names)


def _item_name(item: str, *, whole: bool = False) -> str:
    """Return the name an enumerated item states: the item itself when it starts with a
    capital, else the capitalised words after its lower-case lead ("en förstudie om Älvdata")."""
    tokens = item.split()
    if not tokens:
        return ""
    if quoted := _QUOTED.match(item):  # "”Lyd over havnen”": the quoted name, whole
        return next(g for g in quoted.groups() if g).strip(" ,.")
    start = next((i for i, t in enumerate(tokens) if t[:1].isupper()), None)
    if start is None or (whole and start):
        return ""
    words = tokens[start:]
    if len(words) > MAX_WORDS or words[0].casefold() in _STARTERS:
        return ""
    return " ".join(words).strip(f" ,.-–{_QUOTES}")


def _names_all(text: str) -> list[str]:
    cues, _, _ = _vocabulary()
    # A cue in capitals ("BESLUT PROJEKT DIARIENUMMER") is a letterhead, not running text.
    names = (
        _name_at(text, m.end(), labelled=m.group(0).rstrip().endswith(":"))
        for m in cues.finditer(text)
        if not m.group(0).isupper()
    )
    found = [n for n in names if n]
    for m in _quoted_cues().finditer(text):
        if not m.group(0).isupper() and (
            quoted := _QUOTED.match(text[m.end() : m.end() + QUOTED_MAX])
        ):
            found.append(next(g for g in quoted.groups() if g).strip(" ,."))
    return found


@cache
def _quoted_cues() -> re.Pattern[str]:
    cues = words_alternation(curated_load("page")["names"]["quoted_cues"])
    return re.compile(rf"(?<![\w-])(?:{cues})(?![\w-]):?\s*(?=[{_QUOTES}])", re.IGNORECASE)


@cache
def _reference_words() -> frozenset[str]:
    return frozenset(curated_load("page")["names"]["reference_words"])


def _name_at(text: str, start: int, *, labelled: bool = False) -> str:
    """Return the name that starts at `start`, or "" when none does. After a label
    ("Projekt: Den gröna hamnen") a name may start with an article."""
    _, stops, joins = _vocabulary()
    rest = text[start : start + 200]
    if quoted := _QUOTED.match(rest):
        return next(g for g in quoted.groups() if g).strip(" ,.")
    tokens = _TOKEN.findall(rest.split("\n")[0])
    if not tokens or not tokens[0][0].isupper():
        return ""
    if not labelled and tokens[0].casefold().strip(",.:") in _STARTERS:
        return ""
    if tokens[0].casefold().strip(",.:") in _reference_words():
        return ""  # "the project ID number X-12": a reference, no name
    words: list[str] = []
    for i, token in enumerate(tokens[:MAX_WORDS]):
        bare = token.strip(",.;:!?()*")
        lowered = bare.casefold()
        if i and (bare.isdigit() and len(bare) <= SEQUEL_DIGITS or _VERSION.fullmatch(bare)):
            words.append(bare)  # "projektet Fiske 2": a sequel's number ends its name
            break
        if i and (lowered in stops or any(c.isdigit() for c in bare)):
            break  # a year or a count is no part of the name
        if i and lowered in joins:
            following = tokens[i + 1] if i + 1 < len(tokens) else ""
            if not following[:1].isupper():
                break
        if not bare:
            break
        words.append(bare)
        if token != bare and not token.endswith("*") and not token.endswith(("-",)):
            break  # a comma or full stop ends the name
    return " ".join(words).strip(" -–")


def repeated_name(text: str) -> str | None:
    """Return the one project name `text` states, or the one it names most often; else None."""
    names = _names_all(text)
    if not names:
        return None
    if len({n.casefold() for n in names}) == 1:
        return names[0]
    counts = Counter(n.casefold() for n in names)
    best, count = counts.most_common(1)[0]
    if count > 1 and list(counts.values()).count(count) == 1:
        return next(n for n in names if n.casefold() == best)
    return None
