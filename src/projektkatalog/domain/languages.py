"""Tell which language a project's text is written in, so pages can mark it with `lang`.

Counting frequent function words is enough for paragraphs of Swedish, English, Danish and
Norwegian; the word lists are curated data.
"""

from __future__ import annotations

import re
from functools import cache

from projektkatalog.domain.curated import curated_load

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


@cache
def _stopwords() -> dict[str, frozenset[str]]:
    return {lang: frozenset(words) for lang, words in curated_load("languages").items()}


def language_detect(text: str, *, default: str = "sv") -> str:
    """Return the BCP 47 code of the language `text` is most likely in, or `default`."""
    words = [w.casefold() for w in _WORD.findall(text)]
    if len(words) < 4:
        return default
    scores = {lang: sum(w in stop for w in words) for lang, stop in _stopwords().items()}
    # Letters that only one Scandinavian language uses settle close calls.
    letters = set(text.casefold())
    if letters & {"ä", "ö"}:
        scores["sv"] += 3
    if letters & {"æ", "ø"}:
        scores["da"] += 1
        scores["no"] += 1
    best = max(scores, key=lambda lang: (scores[lang], lang == default))
    return best if scores[best] >= 2 else default
