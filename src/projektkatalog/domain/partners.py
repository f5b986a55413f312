"""Split a partner list into the organisations it names, with their roles and countries.

Lists come as "A, B och C", "A; B; C", "A (Tyskland), B (NLD)", "A (ledande partner)",
"regionerna X (Tyskland), Y (Polen)", "4 avdelningar inom Lunds universitet" and with phrases
that describe groups rather than name bodies ("näringsliv i länderna runt Östersjön"), which are
returned apart so the editor sees them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cache

from projektkatalog.domain.curated import curated_load
from projektkatalog.domain.text import text_clean, words_alternation
from projektkatalog.domain.word_search import words_finder

_CODE_THEN_NAME = re.compile(r"(\([A-Z]{2,3}\))\s+(?=[A-ZÅÄÖÆØ])")


@dataclass(frozen=True)
class Mention:
    name: str
    role: str
    country: str | None = None


@dataclass
class PartnerList:
    mentions: list[Mention] = field(default_factory=list)
    unnamed: list[str] = field(default_factory=list)  # group descriptions, not bodies


@cache
def _countries() -> dict[str, str]:
    data = curated_load("countries")
    table = {code.casefold(): code for code in data["codes"]}
    table["uk"] = "GB"
    table["el"] = "GR"
    for code, names in data["codes"].items():
        for name in names:
            table[name.casefold()] = code
    return table


def country_code(text: str) -> str | None:
    """Return the ISO 3166 alpha-2 code for a country name or code ("Tyskland", "NLD", "NL")."""
    return _countries().get(text.casefold().strip(" .()"))


def country_of_heading(heading: str) -> str | None:
    """Return the country a list heading names ("Danska partners" -> "DK")."""
    words = set(heading.casefold().split())
    for code, adjectives in curated_load("countries")["adjectives"].items():
        if words & set(adjectives):
            return code
    return None


@cache
def _markers() -> dict[str, str]:
    return {m: role for role, words in curated_load("roles")["markers"].items() for m in words}


@cache
def _terms() -> dict[str, list[str]]:
    return curated_load("org_terms")


@cache
def _conjunction_regex() -> re.Pattern[str]:
    return re.compile(rf"(?<!-)\s+(?:{words_alternation(_terms()['conjunctions'])})\s+")


@cache
def _inside_regex() -> re.Pattern[str]:
    return re.compile(rf"\s(?:{words_alternation(_terms()['inside_words'])})\s+([A-ZÅÄÖÆØ].*)$")


_PAREN_TAIL = re.compile(r"\s*\(([^()]*)\)\s*$")


def _tail_notes(item: str) -> tuple[str, str | None, str | None]:
    """Strip trailing "(Country)" and "(role)" notes; return (name, country, role)."""
    country = role = None
    while m := _PAREN_TAIL.search(item):
        note = m.group(1).strip()
        if (code := country_code(note)) and country is None:
            country = code
        elif note.casefold() in _markers() and role is None:
            role = _markers()[note.casefold()]
        else:
            break
        item = item[: m.start()].rstrip(" ,")
    return item, country, role


def _split_conjunction(piece: str, known: Callable[[str], bool]) -> list[str]:
    if known(piece) or piece[:1].islower():
        return [piece]
    parts = [p.strip() for p in _conjunction_regex().split(piece) if p.strip()]
    return parts if len(parts) > 1 else [piece]


def _name_from_description(item: str) -> str | None:
    """Return the body an item names, dropping a leading group word; None for a description."""
    words = item.split()
    if not words:
        return None
    generic = set(_terms()["generic_words"])
    if words[0].casefold() in generic or words[0][0].islower() or words[0][0].isdigit():
        # "4 avdelningar inom Lunds universitet", "tre avdelningar inom Rigshospitalet"
        if m := _inside_regex().search(item):
            head = item[: m.start()].split()
            if head and (head[0][0].isdigit() or head[0].casefold() in generic):
                return m.group(1)
        # "regionerna Schleswig-Holstein": a group word before a name
        rest = words[1:]
        if rest and words[0].casefold() in generic and rest[0][0].isupper():
            return " ".join(rest)
        if words[0][0].islower() and words[0].casefold() not in generic:
            return item if _looks_like_brand(item) else None
        return None
    return item


def _looks_like_brand(item: str) -> bool:
    """A name that starts in lower case on purpose: "ecoplus – The Business Agency ...", or a
    coined word whose capital comes after a letter or two ("i-Rail Promotion", "eHealth Nord")."""
    return bool(re.match(r"^[a-z][\w.-]*\s+[–-]\s+[A-Z]|^[a-z]{1,2}-?[A-ZÅÄÖÆØ]", item))


def _distribute_heads(items: list[str], joined_from: int) -> list[str]:
    """ "Bispebjerg, Hvidovre och Holbaek Sjukhus": the last item's head word serves them all."""
    if len(items) < 2:
        return items
    last = items[-1].split()
    if not last:
        return items
    heads = set(_terms()["shared_heads"])
    if len(last) != 2 or last[1].casefold() not in heads:
        return items
    head = last[1]
    out = list(items)
    i = len(items) - 2
    while i >= joined_from and len(items[i].split()) == 1 and items[i][0].isupper():
        out[i] = f"{items[i]} {head}"
        i -= 1
    return out


def partner_list_parse(
    text: str,
    *,
    role: str,
    known: Callable[[str], bool] = lambda _: False,
    country: str | None = None,
) -> PartnerList:
    """Return the organisations named in a partner list.

    `known` says whether a string is a known organisation: known names are never split at
    "och", and a comma list is only cut inside a "(Country)" chunk where the cut-off names are
    known.
    """
    # "NIBIO (NO) SEGES Innovation (DK)": a country code ends a name even without a comma.
    text = _CODE_THEN_NAME.sub(r"\1, ", text)
    result = PartnerList()
    clean = text_clean(text).strip(" .;,")
    if not clean:
        return result
    if known(clean):
        name, found_country, found_role = _tail_notes(clean)
        result.mentions.append(Mention(name, found_role or role, found_country or country))
        return result
    # Sentences after the list ("... Östersjön. Berlin-Brandenburg är huvudansvarig") are prose.
    clean = _list_part(clean)
    groups = [g.strip() for g in re.split(r";\s*", clean) if g.strip()]
    items: list[str] = []
    for group in groups:
        group_items = _group_items(group, known)
        items.extend(group_items)
    for raw in items:
        if result.mentions and not result.mentions[-1].country and (code := country_code(raw)):
            # "Lead partner: Strandby Institute, Norway": the country of the body before it.
            result.mentions[-1] = replace(result.mentions[-1], country=code)
            continue
        name, found_country, found_role = _tail_notes(raw.strip(" .,"))
        name = name.strip(" .,")
        if not name:
            continue
        named = _name_from_description(name)
        if named is None:
            result.unnamed.append(name)
            continue
        result.mentions.append(
            Mention(named.strip(" .,"), found_role or role, found_country or country)
        )
    return result


def _list_part(text: str) -> str:
    """Return the list without sentences that follow it ("... Östersjön. X är huvudansvarig");
    a full stop inside a name ("St. Petersburg") does not end the list."""
    stopwords = {w for words in curated_load("languages").values() for w in words}
    for m in re.finditer(r"(?<=[a-zåäöæø)])\.\s+(?=[A-ZÅÄÖÆØ])", text):
        tail = text[m.end() :].split()
        if any(w.casefold() in stopwords and w.islower() for w in tail[1:6]):
            return text[: m.start()]
    return text


def _units_attached(pieces: list[str]) -> list[str]:
    """A piece in lower case after a name is that body's unit: "Lunds universitet,
    molekylärmedicinsk reproduktionsforskning"."""
    generic = set(_terms()["generic_words"])
    out: list[str] = []
    for piece in pieces:
        first = piece.split()[0] if piece.split() else ""
        if (
            out
            and first[:1].islower()
            and first.casefold() not in generic
            and " " not in out[-1][-1:]
        ):
            out[-1] = f"{out[-1]}, {piece}"
        else:
            out.append(piece)
    return out


def _group_items(group: str, known: Callable[[str], bool]) -> list[str]:
    country_marks = [
        m
        for m in re.finditer(r"\(([^()]*)\)\s*(?=,|$|\s+(?:och|and|samt|og)\s)", group)
        if country_code(m.group(1))
    ]
    if len(country_marks) >= 2 or (
        len(country_marks) == 1 and group.rstrip().endswith(")") and _is_single_chunk(group)
    ):
        return _country_chunks(group, known)
    pieces = _units_attached([p.strip() for p in re.split(r",\s*", group) if p.strip()])
    out: list[str] = []
    for i, piece in enumerate(pieces):
        for part in re.split(r"\s+samt\s+", piece):
            split = (
                _split_conjunction(part, known)
                if i == len(pieces) - 1 or " samt " in piece
                else [part]
            )
            if len(split) > 1:
                joined = out + split
                out = _distribute_heads(joined, 0)
            else:
                out.extend(split)
    return out


def _is_single_chunk(group: str) -> bool:
    return group.count(",") == 0 or bool(re.search(r"\(\w+\)\s*$", group))


def _country_chunks(group: str, known: Callable[[str], bool]) -> list[str]:
    """Cut after each "(Country)": commas inside a chunk belong to the name unless the names
    they would cut off are known bodies."""
    chunks: list[str] = []
    start = 0
    for m in re.finditer(r"\(([^()]*)\)\s*(?:,|$|\s+(?:och|and|samt|og)\s+)", group):
        if country_code(m.group(1)):
            chunks.append(group[start : m.end()].strip(" ,"))
            start = m.end()
    if group[start:].strip(" ,."):
        chunks.append(group[start:].strip(" ,."))
    out: list[str] = []
    for chunk in chunks:
        chunk = re.sub(r"\s+(?:och|and|samt|og)$", "", chunk).strip()
        chunk = re.sub(r"^(?:och|and|samt|og)\s+", "", chunk).strip()
        head, _, last = chunk.rpartition(" samt ")
        if head and "," not in head:  # "Sydväst-Finland samt Ida-Viru (Estland)"
            out.extend([head.strip(), last.strip()])
            continue
        pieces = [p.strip() for p in chunk.split(",")]
        if len(pieces) > 1 and all(known(p) or p[:1].islower() for p in pieces[:-1]):
            out.extend(p for p in pieces if p)
        else:
            out.append(chunk)
    return out


_TRAILING = re.compile(r"(?:\s+(?:i|för|for|of|de|la|der|du))+$")


@cache
def _prose_lists() -> list[tuple[re.Pattern[str], str, re.Pattern[str] | None]]:
    """Return each pattern with its role and the trigger words its text holds (None: always
    run), so that a sentence meets only the patterns whose words it has."""
    data = curated_load("roles")
    triggers = data["prose_lists"]["triggers"]
    endings = words_alternation(data["prose_lists"]["name_endings"])
    word = rf"(?:[A-ZÅÄÖÆØ0-9][\w&!/.'’-]*|[a-zåäöæø]*(?:{endings})[./]?|i|för|for|of|de|la|der|du)"
    # "Undervisnings- och kulturministeriet": a first part cut at a hyphen and joined by "och".
    first = r"[A-ZÅÄÖÆØ][\w&!/.'’]*-\s+(?:och|og|and)\s+[a-zåäöæø][\w-]*|[A-ZÅÄÖÆØ][\w&!/.'’-]*"
    org = rf"(?:{first})(?:\s+{word}){{0,6}}"
    sides = words_alternation(data["prose_lists"]["sides"])
    one = rf"{org}(?:\s+(?:{sides}))?"
    orgs = rf"(?P<orgs>{one}(?:(?:,\s*|\s+(?:och|samt|og|and)\s+){one})*)(?=\s*[.;:,()]|\s*$|\s+[a-zåäöæø])"
    patterns = []
    for role, ps in (
        ("lead_first", data["prose_lists"]["lead_first"]),
        ("partner", data["prose_lists"]["partners"]),
        ("financier", data["prose_lists"]["financiers"]),
    ):
        for p in ps:
            plain = re.sub(r"\[(\w)(\w)\]", r"\2", p).casefold()  # "[Pp]rojektet": projektet
            own = tuple(t for t in triggers if t.casefold() in plain)
            patterns.append(
                (
                    re.compile(p.replace("{orgs}", orgs).replace("{org}", rf"(?P<org>{org})")),
                    role,
                    words_finder(own) if own else None,
                )
            )
    return patterns


@cache
def _sides() -> re.Pattern[str]:
    sides = words_alternation(curated_load("roles")["prose_lists"]["sides"])
    return re.compile(rf"\s+(?:{sides})\s*$")


def roles_in_prose(text: str) -> list[tuple[str, str]]:
    """Return (body, role) for the bodies sentences name together ("Projektägare är A och B")."""
    found: list[tuple[str, str]] = []
    triggers = words_finder(tuple(curated_load("roles")["prose_lists"]["triggers"]))
    if not triggers.search(text):
        return found  # no sentence can match: skip the costly patterns
    for sentence in re.split(r"(?<=[.!?])\s+|\n", text):
        if not triggers.search(sentence):
            continue
        for pattern, role, own in _prose_lists():
            if own is not None and not own.search(sentence):
                continue
            m = pattern.search(sentence)
            if m is None:
                continue
            # "Undervisnings- och kulturministeriet" is one name: no split after a hyphen.
            names = [
                n for n in re.split(r",\s*|(?<!-)\s+(?:och|samt|og|and)\s+", m.group("orgs")) if n
            ]
            names = [_TRAILING.sub("", _sides().sub("", n)).strip(" .") for n in names]
            if "org" in m.groupdict() and m.group("org"):
                found.append((_TRAILING.sub("", m.group("org").strip()), "lead"))
                found.extend((n, "partner") for n in names)
            elif role == "lead_first":
                found.append((names[0], "lead"))
                found.extend((n, "partner") for n in names[1:])
            else:
                found.extend((n, role) for n in names)
    return [(n, r) for n, r in found if len(n) > 1]
