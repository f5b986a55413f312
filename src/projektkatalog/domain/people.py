"""Split a contact line into the person's name, their title and their organisation.

"Aleksander Giwercman Professor i andrologi, Överläkare" is a name followed by a title;
"Forskare, Kristianstad Högskola" a title and an organisation; "Maria Edgren, projektledare"
a name and a title. Titles are curated data (whole words and Scandinavian title endings).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from projektkatalog.domain.curated import curated_load
from projektkatalog.domain.text import text_clean

_NAME_TOKEN = re.compile(
    r"^[A-ZÅÄÖÆØÉÜ][a-zåäöæøéèüßáíóúñ'’.-]*(?:-[A-ZÅÄÖÆØÉÜ][a-zåäöæøéèüß'’-]*)*$"
)


@dataclass(frozen=True)
class Person:
    name: str
    title: str = ""
    organisation: str = ""


@cache
def _titles() -> tuple[frozenset[str], tuple[str, ...], frozenset[str]]:
    data = curated_load("titles")
    return frozenset(data["words"]), tuple(data["suffixes"]), frozenset(data["name_particles"])


@cache
def _genitive() -> tuple[tuple[str, ...], tuple[str, ...], frozenset[str]]:
    data = curated_load("names")["genitive"]
    own = frozenset(n.casefold() for n in data["surnames_with_s"])
    return tuple(data["surname_endings"]), tuple(data["keep"]), own


def person_name_normalise(name: str) -> str:
    """Return a person's name without a Swedish genitive s on the surname.

    "Emma Alfredssons" -> "Emma Alfredsson", "Klas Lindgrens" -> "Klas Lindgren"; "Anna
    Mattus", "Jonas Andersson" and a single name ("Lars") stay as they are. "Per Holm's" loses
    its English genitive too.
    """
    tokens = name.split()
    if len(tokens) < 2:
        return name
    last = tokens[-1]
    for mark in ("'s", "’s"):
        if last.endswith(mark) and len(last) > len(mark) + 1:
            return " ".join([*tokens[:-1], last[: -len(mark)]])
    endings, keep, own = _genitive()
    folded = last.casefold()
    if len(last) < 5 or not last.endswith("s") or folded.endswith(keep) or folded in own:
        return name
    stem = last[:-1]
    if stem.casefold().endswith(endings) and not stem.casefold().endswith(keep):
        return " ".join([*tokens[:-1], stem])
    return name


def is_title_word(word: str) -> bool:
    """Return whether `word` starts a job title ("Miljöstrateg", "Professor", "project")."""
    words, suffixes, _ = _titles()
    w = word.casefold().strip(",.")
    return w in words or (len(w) > 6 and w.endswith(suffixes))


def looks_like_name(text: str) -> bool:
    """Return whether `text` is plausibly a person's name: two to four capitalised words."""
    _, _, particles = _titles()
    tokens = text.split()
    if not 2 <= len(tokens) <= 4:
        return False
    if any(is_title_word(t) for t in tokens):
        return False
    return all(_NAME_TOKEN.match(t) or t in particles for t in tokens) and bool(
        _NAME_TOKEN.match(tokens[-1])
    )


def person_split(
    line: str, *, is_organisation: Callable[[str], bool] | None = None
) -> Person | None:
    """Return the person a contact line names, or None when it names nobody.

    `is_organisation` (text -> bool) tells a trailing organisation from a title.
    """
    text = text_clean(line).strip(" ,;")
    if not text:
        return None
    parts = [p.strip() for p in text.split(",") if p.strip()]
    head_tokens = parts[0].split()
    _, _, particles = _titles()
    name_tokens: list[str] = []
    for i, token in enumerate(head_tokens):
        if len(name_tokens) >= 2 and (
            is_title_word(token)
            or (
                i + 1 < len(head_tokens)
                and head_tokens[i + 1][:1].islower()
                and head_tokens[i + 1] not in particles
            )
        ):
            break
        if len(name_tokens) >= 4:
            break
        if _NAME_TOKEN.match(token) or (name_tokens and token in particles):
            if is_title_word(token) and len(name_tokens) >= 2:
                break
            name_tokens.append(token)
        else:
            break
    if len(name_tokens) < 2:
        return None
    name = person_name_normalise(" ".join(name_tokens))
    rest_of_head = " ".join(head_tokens[len(name_tokens) :])
    tail = ([rest_of_head] if rest_of_head else []) + parts[1:]
    title_parts: list[str] = []
    organisation = ""
    for part in tail:
        # "project leader Ideon Science Park": a title in lower case, then a capitalised name.
        m = re.match(
            r"^([a-zåäöæø][\w/ -]*?)\s+([A-ZÅÄÖÆØ][\w&.-]*(?:\s+[A-ZÅÄÖÆØ][\w&.-]*)+)$", part
        )
        if m and not organisation:
            title_parts.append(m.group(1))
            organisation = m.group(2)
        elif is_organisation and is_organisation(part) and not organisation:
            organisation = part
        elif part.casefold() in {"contact", "kontakt"}:
            continue
        else:
            title_parts.append(part)
    return Person(name, ", ".join(title_parts), organisation)
