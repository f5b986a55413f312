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
from functools import cache, lru_cache
from weakref import WeakKeyDictionary

from projektkatalog.domain.curated import curated_load
from projektkatalog.domain.matching.names import COUNTY_BOARD, name_key
from projektkatalog.domain.matching.programmes import Programme, ProgrammeIndex
from projektkatalog.domain.text import text_fold, trie_pattern

_WORD = re.compile(r"\w+")
# Between two words of one name: spaces, hyphens, dashes or a slash, nothing else.
_JOIN = re.compile(r"[\s\-‐‑–—/]+")
_LONGEST = 6  # words in the longest programme name worth a window
_STEM_MIN = 6  # letters a one-word stem must keep ("leader"), so "lifeprojekt" stays prose
_WORDS_KEPT = 1 << 16  # distinct words whose answer a scan remembers


class _Spellings:
    """What one state of a programme index offers the scan: the regex for the words a name
    can start at, and the last word of every comparison key with the words seen to end one.

    A run of words names a programme only if its key is one of the index's, so its last word
    must end one of them: most runs (a description's "Det övergripande målet ...") are turned
    down by a set lookup, without a key made of the run. Kept per index until it learns a
    spelling (its size, the number of spellings it knows, grows)."""

    def __init__(self, progs: ProgrammeIndex, size: int) -> None:
        self.size = size
        spellings = [s for p in progs.programmes for s in (p.name, p.short, *p.aliases) if s]
        firsts = {first.group().casefold() for s in spellings if (first := _WORD.search(s))}
        endings = trie_pattern(_compound_endings())
        self.starts = re.compile(
            rf"(?<!\w)(?:(?:{trie_pattern(firsts)})|\w{{{_STEM_MIN - 2},}}?{endings})(?!\w)",
            re.IGNORECASE,
        )
        keys = [name_key(s) for s in spellings]
        self.first_words = {key.partition(" ")[0] for key in keys}
        self.last_words = {key.rpartition(" ")[2] for key in keys}
        self._ends: dict[str, bool] = {}
        self._begins: dict[str, bool] = {}
        self._starts: dict[str, bool] = {}

    def starts_at(self, word: str) -> bool:
        """Return whether `starts` matches the whole word `word` (a run of word characters):
        asked once per distinct word rather than by running the pattern over every text."""
        found = self._starts.get(word)
        if found is None:
            if len(self._starts) >= _WORDS_KEPT:
                self._starts.clear()  # memory stays bounded on a file of endless vocabulary
            found = self._starts[word] = self.starts.fullmatch(word) is not None
        return found

    def may_begin(self, word: str) -> bool:
        """Return whether a run of words beginning with `word` may name a programme: False only
        when its key's first word is certainly `word` folded and no key begins with that."""
        found = self._begins.get(word)
        if found is None:
            key = _plain_key(word)
            # An article ("Det europeiska ...") is dropped from the key: the next word leads.
            found = self._begins[word] = (
                key is None
                or name_key(f"{word} {word}") != f"{key} {key}"
                or key in self.first_words
            )
        return found

    def may_end(self, word: str) -> bool:
        """Return whether a run of words ending in `word` may name a programme: False only when
        its key's last word is certainly `word` folded and no key ends in that."""
        found = self._ends.get(word)
        if found is None:
            key = _plain_key(word)
            found = self._ends[word] = key is None or key in self.last_words
        return found


def _plain_key(word: str) -> str | None:
    """Return a word's key when it is simply the word folded, one word long, as it then stands
    in the key of any run of words it is part of; None for any other word (punctuation, a
    leading article, "Länsstyrelsen" and its county), left to the index's own lookup."""
    key = name_key(word)
    if key != text_fold(word) or " " in key or COUNTY_BOARD in key:
        return None
    return key


_spellings_of: WeakKeyDictionary[ProgrammeIndex, _Spellings] = WeakKeyDictionary()


@cache
def _compound_endings() -> tuple[str, ...]:
    words = curated_load("programmes")["compound_endings"]
    return tuple(sorted((w.casefold() for w in words), key=len, reverse=True))


def _spellings(progs: ProgrammeIndex) -> _Spellings:
    """Return what the scan needs of `progs` as it now stands."""
    size = sum(1 + len(p.aliases) for p in progs.programmes)
    found = _spellings_of.get(progs)
    if found is None or found.size != size:
        found = _spellings_of[progs] = _Spellings(progs, size)
    return found


@lru_cache(maxsize=1 << 16)
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


def _programme_at(
    text: str, at: int, progs: ProgrammeIndex, spellings: _Spellings
) -> tuple[int, Programme] | None:
    """Return where the longest programme name starting at `at` ends, and its programme."""
    first = _WORD.match(text, at)
    if first is not None and not spellings.may_begin(first.group()):
        # No key begins with this word: only its own stem, alone, may name one.
        stem = _stem(first.group())
        if stem and len(stem) >= _STEM_MIN and (prog := progs.find(stem)) and not prog.umbrella:
            return first.end(), prog
        return None
    words = _words_from(text, at)
    # "Länsstyrelsen i X län" (after an article, perhaps): its key drops words at its end.
    # Asked only of a run whose end word no key ends in (most runs are turned down so).
    pruned: bool | None = None
    for j in range(len(words) - 1, -1, -1):
        head = [w.group() for w in words[:j]]
        tail = words[j].group()
        candidates = [tail] if j > 0 else []
        if (stem := _stem(tail)) and (j > 0 or len(stem) >= _STEM_MIN):
            candidates.append(stem)
        for end in candidates:
            if not spellings.may_end(end):
                if pruned is None:
                    pruned = not any(COUNTY_BOARD in text_fold(w.group()) for w in words[:3])
                if pruned:
                    continue
            prog = progs.find(" ".join([*head, end]))
            if prog is not None and not prog.umbrella:
                return words[j].end(), prog
    return None


def programmes_spelled(text: str, progs: ProgrammeIndex) -> str:
    """Return `text` with every programme name written other than its index spellings replaced
    by the programme's own name, so that the index's mentions find it."""
    out: list[str] = []
    done = 0
    spellings = _spellings(progs)
    # Every match of `starts` is one whole word (both its branches are words bounded on both
    # sides): each word is asked of it once, however many texts it stands in.
    for start in _WORD.finditer(text):
        if start.start() < done or not spellings.starts_at(start.group()):
            continue
        found = _programme_at(text, start.start(), progs, spellings)
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
