"""Find the closest known key to a new one without comparing it with every key.

The fuzzy step of organisation matching asks for the known key with the best `fuzz.ratio`
at or above a cut-off. Comparing a new name with all 50,000 known ones makes an import
quadratic. Two strings that close share most of their letter pairs (the q-gram lemma: an
edit destroys at most two pairs), so only keys sharing at least one of the query's rarest
pairs can reach the cut-off; those few are then scored exactly as before. The answer is the
same as a full scan's, in the same order of preference, because the pairs filter only drops
keys that could not reach the cut-off.
"""

from __future__ import annotations

from collections.abc import Iterable

from rapidfuzz import fuzz, process


def _pairs(key: str) -> list[tuple[str, int]]:
    """Return the letter pairs of `key`, numbered by occurrence so a multiset becomes a set."""
    seen: dict[str, int] = {}
    pairs = []
    for i in range(len(key) - 1):
        pair = key[i : i + 2]
        seen[pair] = seen.get(pair, 0) + 1
        pairs.append((pair, seen[pair]))
    return pairs


def _shared_minimum(length: int, cutoff: float) -> int:
    """Return the fewest pairs a key of `length` shares with any key scoring >= `cutoff`.

    `fuzz.ratio` >= cutoff means an insert/delete distance d <= (1 - cutoff/100)(la + lb);
    a key within distance d shares at least max(la, lb) - 1 - 2d pairs with it.
    """
    slack = 1 - cutoff / 100
    least = length
    for other in range(max(1, int(length * (1 - slack) / (1 + slack)) - 1), length * 2 + 2):
        most = int((length + other) * slack + 1e-6)
        if abs(length - other) > most:
            continue
        least = min(least, max(length, other) - 1 - 2 * most)
    return least


class NearbyKeys:
    """Keys in the order they were added, with an index of their letter pairs."""

    def __init__(self, keys: Iterable[str] = ()) -> None:
        self.keys: list[str] = []
        # Made when first asked for: an import of thousands of new names may never ask.
        self._postings: dict[tuple[str, int], list[int]] | None = None
        for key in keys:
            self.add(key)

    def add(self, key: str) -> None:
        self.keys.append(key)
        if self._postings is not None:
            self._post(len(self.keys) - 1)

    def _post(self, number: int) -> None:
        assert self._postings is not None
        for pair in _pairs(self.keys[number]):
            self._postings.setdefault(pair, []).append(number)

    def best(self, key: str, cutoff: float) -> tuple[str, float] | None:
        """Return the key with the best `fuzz.ratio` >= `cutoff` (the first of equals), or None."""
        candidates = self._candidates(key, cutoff)
        # Listing many candidates in Python costs more than scoring every key in C.
        if candidates is None or len(candidates) * 3 > len(self.keys):
            choices: list[str] = self.keys
        else:
            choices = [self.keys[i] for i in sorted(candidates)]
        match = process.extractOne(key, choices, scorer=fuzz.ratio, score_cutoff=cutoff)
        return None if match is None else (match[0], float(match[1]))

    def _candidates(self, key: str, cutoff: float) -> set[int] | None:
        """Return the numbers of the keys that may reach `cutoff`, or None for all of them."""
        pairs = _pairs(key)
        shared = _shared_minimum(len(key), cutoff)
        if shared <= 0 or not pairs:
            return None
        if self._postings is None:
            self._postings = {}
            for number in range(len(self.keys)):
                self._post(number)
        postings = self._postings
        # Any key sharing `shared` pairs shares one of any len(pairs) - shared + 1 of them:
        # look only at the rarest.
        pairs.sort(key=lambda p: len(postings.get(p, ())))
        return set().union(*(postings.get(p, ()) for p in pairs[: len(pairs) - shared + 1]))
