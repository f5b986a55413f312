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
from projektkatalog.domain.matching.programmes import Programme, ProgrammeIndex, trie_pattern

_WORD = re.compile(r"\w+")
# Between two words of one name: spaces, hyphens, dashes or a slash, nothing else.
_JOIN = re.compile(r"[\s\-‐‑–—/]+")
_LONGEST = 6  # words in the longest programme name worth a window
_STEM_MIN = 6  # letters a one-word stem must keep ("leader"), so "lifeprojekt" stays prose

_starts_of: WeakKeyDictionary[ProgrammeIndex, tuple[int, re.Pattern[str]]] = WeakKeyDictionary()


@cache
def _compound_endings() -> tuple[str, ...]:
    words = curated_load("programmes")["compound_endings"]
    return tuple(sorted((w.casefold() for w in words), key=len, reverse=True))


def _starts(progs: ProgrammeIndex) -> re.Pattern[str]:
    """Return a regex for the words a name can start at: the first word of any spelling the
    index knows, or a word ending in a compound ending. Everything else is skipped in C."""
    size = sum(1 + len(p.aliases) for p in progs.programmes)
    cached = _starts_of.get(progs)
    if cached is not None and cached[0] == size:
        return cached[1]
    firsts = {
        first.group().casefold()
        for p in progs.programmes
        for spelling in (p.name, p.short, *p.aliases)
        if (first := _WORD.search(spelling)) is not None
    }
    endings = trie_pattern(_compound_endings())
    pattern = re.compile(
        rf"(?<!\w)(?:(?:{trie_pattern(firsts)})|\w{{{_STEM_MIN - 2},}}?{endings})(?!\w)",
        re.IGNORECASE,
    )
    _starts_of[progs] = (size, pattern)
    return pattern


def _stem(word: str) -> str | None:
    """Return a compound's first part when it ends in a curated ending ("leaderprojekt")."""
    folded = word.casefold()
    for ending in _compound_endings():
        if folded.endswith(ending) and len(folded) - len(ending) >= _STEM_MIN - 2:
            return word[: len(word) - len(ending)].rstrip("-")
    return None


def _words_from(text: str, at: int) -> list[re.Match[str]]:
    """Return up to _LONGEST words from `at`, joined only by spaces, hyphens, dashes or slashes."""
    words: list[re.Match[str]] = []
    word = _WORD.match(text, at)
    while word is not None and len(words) < _LONGEST:
        words.append(word)
        gap = _JOIN.match(text, word.end())
        word = _WORD.match(text, gap.end()) if gap is not None else None
    return words


def _programme_at(text: str, at: int, progs: ProgrammeIndex) -> tuple[int, Programme] | None:
    """Return where the longest programme name starting at `at` ends, and its programme."""
    words = _words_from(text, at)
    for j in range(len(words) - 1, -1, -1):
        head = [w.group() for w in words[:j]]
        tail = words[j].group()
        candidates = [tail] if j > 0 else []
        if (stem := _stem(tail)) and (j > 0 or len(stem) >= _STEM_MIN):
            candidates.append(stem)
        for end in candidates:
            prog = progs.find(" ".join([*head, end]))
            if prog is not None and not prog.umbrella:
                return words[j].end(), prog
    return None


def programmes_spelled(text: str, progs: ProgrammeIndex) -> str:
    """Return `text` with every programme name written other than its index spellings replaced
    by the programme's own name, so that the index's mentions find it."""
    out: list[str] = []
    done = 0
    for start in _starts(progs).finditer(text):
        if start.start() < done:
            continue
        found = _programme_at(text, start.start(), progs)
        if found is None:
            continue
        end, prog = found
        out += [text[done : start.start()], prog.name]
        done = end
    out.append(text[done:])
    return "".join(out)


def programmes_mentioned(text: str, progs: ProgrammeIndex) -> list[Programme]:
    """Return the programmes running text names, however it spaces or compounds their names."""
    return progs.mentions(programmes_spelled(text, progs))
