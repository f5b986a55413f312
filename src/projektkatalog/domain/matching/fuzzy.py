"""The fuzzy step of organisation matching: the guard on every merge, and the index that finds
the keys the guard may accept without comparing a new name with every known one.

`_compatible` says when two keys may name one body: as many words, the same digits, and each
word the same, its genitive, a slip of one letter in a long word, or a near spelling of a type
word. So a key it accepts has, at every position, a word near the new key's word there; an
index of each position's words finds those few keys through a handful of dictionary lookups,
where comparing letter pairs looked at thousands of keys sharing common words ("kommun",
"AB") for every new name. The answer is that of the full scan: the closest key of all, merged
only when the guard accepts it.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache, lru_cache

from rapidfuzz import fuzz
from rapidfuzz.distance import OSA, Indel

from projektkatalog.domain.curated import curated_load
from projektkatalog.domain.matching.names import key_types, name_key, type_words
from projektkatalog.domain.matching.nearby import NearbyKeys

FUZZY_CUTOFF = 90.0

SLIP_LENGTH = 8  # the shortest words in which `_compatible` forgives a slipped letter
TYPE_WORD_LENGTH = 6  # the shortest words it compares with a type word by edit distance


class FuzzyKeys:
    """Keys searched for the closest one that `_compatible` may accept."""

    def __init__(self, keys: Iterable[str] = ()) -> None:
        self._all = NearbyKeys()
        # Per shape (words, digits): for each word position, word -> numbers of the keys.
        self._shapes: dict[tuple[int, str], list[dict[str, set[int]]]] = {}
        # Every word seen, under each form `_near` looks it up by.
        self._spellings: dict[tuple[str, str], set[str]] = {}
        self._words: set[str] = set()
        for key in keys:
            self.add(key)

    def add(self, key: str) -> None:
        number = len(self._all.keys)
        self._all.add(key)
        words = key.split()
        positions = self._shapes.setdefault(_shape(key), [{} for _ in words])
        for at, word in zip(positions, words, strict=True):
            at.setdefault(word, set()).add(number)
            if word not in self._words:
                self._words.add(word)
                for form in _forms(word):
                    self._spellings.setdefault(form, set()).add(word)

    def closest(self, key: str) -> tuple[str, float] | None:
        """Return the key closest to `key` (at least FUZZY_CUTOFF), or None when it could not
        pass `_compatible`; the caller checks a key returned, as with a full scan.

        The closest key of all is what counts (a closer key of another kind of body vetoes a
        merge). When no key the guard accepts scores FUZZY_CUTOFF, the closest of all cannot
        pass and the answer is None; when one does, all keys are searched again from its score
        up, which few keys reach.
        """
        score = 0.0
        for number in self._accepted(key):
            other = self._all.keys[number]
            score = max(score, fuzz.ratio(key, other, score_cutoff=FUZZY_CUTOFF))
        # Just under the score: rapidfuzz may miss a key scoring exactly the cut-off (it turns
        # the cut-off into a distance, rounding), and scores of different keys are at least
        # 0.1 apart for any name shorter than 500 letters.
        return self._all.best(key, score - 0.001) if score else None

    def _accepted(self, key: str) -> list[int]:
        """Return the numbers of the keys `_compatible` accepts beside `key`, in order."""
        positions = self._shapes.get(_shape(key))
        if not positions:
            return []
        found: list[set[int]] = []
        for at, word in zip(positions, key.split(), strict=True):
            numbers = [at[near] for near in self._near(word) if near in at]
            if not numbers:
                return []
            found.append(numbers[0] if len(numbers) == 1 else set().union(*numbers))
        found.sort(key=len)
        keys = self._all.keys
        return [n for n in sorted(found[0].intersection(*found[1:])) if _compatible(key, keys[n])]

    def _near(self, word: str) -> set[str]:
        """Return the known words `_compatible` may pair with `word` (and a few it will not)."""
        near: set[str] = set()
        for form in _forms(word, query=True):
            near.update(self._spellings.get(form, ()))
        near.update(t for t in _type_neighbours(word) if t in self._words)
        return near


@lru_cache(maxsize=1 << 16)
def _forms(word: str, *, query: bool = False) -> tuple[tuple[str, str], ...]:
    """Return the forms under which `word` is indexed (or, for a `query`, looked up).

    Two words `_compatible` pairs share one: the same word without its genitive s ("s"); the
    same long word with at most one letter dropped from each ("d": a letter added, dropped or
    two swapped); or, beside a type word within two edits, that type word ("t"). Remembered:
    words recur in many names ("kommun", "universitet").
    """
    forms = [("s", word.rstrip("s"))]
    if len(word) >= SLIP_LENGTH:
        forms.append(("d", word))
        forms.extend(("d", word[:i] + word[i + 1 :]) for i in range(len(word)))
    if query:
        if word in type_words():
            forms.append(("t", word))
    else:
        forms.extend(("t", t) for t in _type_neighbours(word))
    return tuple(forms)


@lru_cache(maxsize=65536)
def _type_neighbours(word: str) -> tuple[str, ...]:
    """Return the type words within two edits of `word`, as `_compatible` compares them."""
    if len(word) < TYPE_WORD_LENGTH:
        return ()
    return tuple(
        t
        for t in sorted(type_words())
        if len(t) >= TYPE_WORD_LENGTH and OSA.distance(word, t, score_cutoff=2) <= 2
    )


def _shape(key: str) -> tuple[int, str]:
    """Return what two keys must share to pass `_compatible`: their number of words, digits."""
    return len(key.split()), _digits(key)


@lru_cache(maxsize=1 << 17)
def _digits(key: str) -> str:
    """Return the digits of a key, in order: a known key is compared with many new ones."""
    return "".join(c for c in key if c.isdigit())


def _compatible(a: str, b: str) -> bool:
    """Return whether keys `a` and `b` may name one body (the guard on every fuzzy merge)."""
    if key_types(a) != key_types(b):
        # A misspelt type word ("Univeristy") is a typo, not another kind of body.
        if not _types_fuzzy_equal(a, b):
            return False
    ta, tb = a.split(), b.split()
    if len(ta) != len(tb) or _digits(a) != _digits(b):
        return False
    words = type_words()
    for x, y in zip(ta, tb, strict=True):
        if x == y or x.rstrip("s") == y.rstrip("s"):  # Swedish genitive: "Hav-"/"Havs-"
            continue
        if x in words and y in words:
            return False  # kommun vs kommune, university vs college
        if min(len(x), len(y)) >= SLIP_LENGTH and _slip(x, y) and not _two_places(x, y):
            continue  # a letter dropped, added or swapped in a long word; never a changed one
        if (
            (x in words or y in words)
            and OSA.distance(x, y) <= 2
            and min(len(x), len(y)) >= TYPE_WORD_LENGTH
        ):
            continue
        return False
    return True


def _slip(x: str, y: str) -> bool:
    """Return whether `x` and `y` differ by one dropped or added letter, or two swapped ones.

    A changed letter is not a slip here: "Lidköping" and "Linköping" are two towns.
    """
    return Indel.distance(x, y) <= 1 or (
        OSA.distance(x, y) == 1 and len(x) == len(y) and sorted(x) == sorted(y)
    )


@cache
def _places() -> frozenset[str]:
    data = curated_load("municipalities")
    return frozenset(name_key(p) for table in data.values() for p in table["names"])


def _two_places(x: str, y: str) -> bool:
    """Return whether two words are two different known places (genitive s aside)."""
    places = _places()
    return (
        x.rstrip("s") != y.rstrip("s")
        and (x in places or x.rstrip("s") in places)
        and (y in places or y.rstrip("s") in places)
    )


def _types_fuzzy_equal(a: str, b: str) -> bool:
    words = type_words()
    ta = [t for t in a.split() if t in words]
    tb = [t for t in b.split() if t in words]
    return len(ta) != len(tb) and abs(len(ta) - len(tb)) == 1 and len(a.split()) == len(b.split())
