"""Programme names as pages really spell them: with a space where the name has a hyphen
("Interreg Sverige Norge"), a dash spaced out ("Sverige – Norge"), or run into a Swedish
compound ("Leaderprojekt", "Arktisprogrammet").

The programme index matches its spellings letter for letter. Rather than list every spacing of
every name as one more alias, a run of words is compared through the index's comparison key,
which already treats hyphens, dashes, slashes and spaces alike; a run found that way is written
back under the programme's own name before the index reads the text.
"""

from __future__ import annotations

import re
from functools import cache
from weakref import WeakKeyDictionary

from projektkatalog.domain.curated import curated_load
from projektkatalog.domain.matching.names import name_key
from projektkatalog.domain.matching.programmes import Programme, ProgrammeIndex

_WORD = re.compile(r"\w+")
# Between two words of one name: spaces, hyphens, dashes or a slash, nothing else.
_JOIN = re.compile(r"[\s\-‐‑–—/]+")
_LONGEST = 6  # words in the longest programme name worth a window
_STEM_MIN = 6  # letters a one-word stem must keep ("leader"), so "lifeprojekt" stays prose

_firsts_of: WeakKeyDictionary[ProgrammeIndex, tuple[int, frozenset[str]]] = WeakKeyDictionary()


@cache
def _compound_endings() -> tuple[str, ...]:
    words = curated_load("programmes")["compound_endings"]
    return tuple(sorted((w.casefold() for w in words), key=len, reverse=True))


def _first_words(progs: ProgrammeIndex) -> frozenset[str]:
    """Return the first word of every key the index knows, so most windows are skipped at once."""
    size = sum(1 + len(p.aliases) for p in progs.programmes)
    cached = _firsts_of.get(progs)
    if cached is not None and cached[0] == size:
        return cached[1]
    firsts = frozenset(
        key.split()[0]
        for p in progs.programmes
        for spelling in (p.name, p.short, *p.aliases)
        if spelling and (key := name_key(spelling))
    )
    _firsts_of[progs] = (size, firsts)
    return firsts


def _stem(word: str) -> str | None:
    """Return a compound's first part when it ends in a curated ending ("leaderprojekt")."""
    folded = word.casefold()
    for ending in _compound_endings():
        if folded.endswith(ending) and len(folded) - len(ending) >= _STEM_MIN - 2:
            return word[: len(word) - len(ending)].rstrip("-")
    return None


def _programme_at(
    text: str, words: list[re.Match[str]], i: int, progs: ProgrammeIndex
) -> tuple[int, Programme] | None:
    """Return the last word index and the programme of the longest name starting at word i."""
    last = i
    while last + 1 < len(words) and last - i + 1 < _LONGEST:
        if not _JOIN.fullmatch(text[words[last].end() : words[last + 1].start()]):
            break
        last += 1
    for j in range(last, i - 1, -1):
        head = [w.group() for w in words[i:j]]
        tail = words[j].group()
        candidates = [tail] if j > i else []
        if (stem := _stem(tail)) and (j > i or len(stem) >= _STEM_MIN):
            candidates.append(stem)
        for end in candidates:
            prog = progs.find(" ".join([*head, end]))
            if prog is not None and not prog.umbrella:
                return j, prog
    return None


def programmes_spelled(text: str, progs: ProgrammeIndex) -> str:
    """Return `text` with every programme name written other than its index spellings replaced
    by the programme's own name, so that the index's mentions find it."""
    words = list(_WORD.finditer(text))
    firsts = _first_words(progs)
    out: list[str] = []
    done = 0
    i = 0
    while i < len(words):
        found = None
        if name_key(words[i].group()) in firsts or _stem(words[i].group()):
            found = _programme_at(text, words, i, progs)
        if found is None:
            i += 1
            continue
        j, prog = found
        out += [text[done : words[i].start()], prog.name]
        done = words[j].end()
        i = j + 1
    out.append(text[done:])
    return "".join(out)


def programmes_mentioned(text: str, progs: ProgrammeIndex) -> list[Programme]:
    """Return the programmes running text names, however it spaces or compounds their names."""
    return progs.mentions(programmes_spelled(text, progs))
