"""Find the names of projects in running text ("Projektet Grön hamn ska ...", "projekt ”Fiske”").

A name follows a cue word (curated per language in `data/page.toml`) and is either quoted or a
run of words starting with a capital that ends at a verb, a relative word, a digit or a mark.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from projektkatalog.domain.curated import curated_load
from projektkatalog.domain.text import words_alternation

_QUOTED = re.compile(r'^\s*[”"“«»\'‘’]([^”"“«»]{2,120})[”"“«»\'’]')
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


@cache
def _vocabulary() -> tuple[re.Pattern[str], frozenset[str], frozenset[str]]:
    data = curated_load("page")["names"]
    cues = re.compile(rf"(?<![\w-])(?:{words_alternation(data['cues'])})(?![\w-])[:]?\s+", re.I)
    return cues, frozenset(data["stops"]), frozenset(data["joins"])


def project_names(text: str) -> list[str]:
    """Return the project names `text` states after a cue word, in order, without repeats."""
    found: list[str] = []
    for name in _names_all(text):
        if name.casefold() not in (f.casefold() for f in found):
            found.append(name)
    return found


def _names_all(text: str) -> list[str]:
    cues, _, _ = _vocabulary()
    # A cue in capitals ("BESLUT PROJEKT DIARIENUMMER") is a letterhead, not running text.
    names = (_name_at(text, m.end()) for m in cues.finditer(text) if not m.group(0).isupper())
    return [n for n in names if n]


def _name_at(text: str, start: int) -> str:
    """Return the name that starts at `start`, or "" when none does."""
    _, stops, joins = _vocabulary()
    rest = text[start : start + 200]
    if quoted := _QUOTED.match(rest):
        return quoted.group(1).strip(" ,.")
    tokens = _TOKEN.findall(rest.split("\n")[0])
    if not tokens or not tokens[0][0].isupper():
        return ""
    if tokens[0].casefold().strip(",.:") in _STARTERS:
        return ""
    words: list[str] = []
    for i, token in enumerate(tokens[:MAX_WORDS]):
        bare = token.strip(",.;:!?()*")
        lowered = bare.casefold()
        if i and (lowered in stops or any(c.isdigit() for c in bare)):
            break
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
