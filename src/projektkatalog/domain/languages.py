"""Tell which language a project's text is written in, so pages can mark it with `lang`.

Counting frequent function words (languages.toml) and words that mark one language against its
neighbours (language_marks.toml) is enough for paragraphs of Swedish, English, Danish, Norwegian
and Finnish; Finland-Swedish and Åland text is Swedish. Norwegian is "no", as the catalogue
stores it.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from projektkatalog.domain.curated import curated_load

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_MARK_WEIGHT = 3
_SAMPLE = 4000  # characters read: a page's first paragraphs settle its language


@cache
def _weights() -> dict[str, tuple[tuple[str, int], ...]]:
    """Return folded word -> the languages it counts for, with its weight in each."""
    weights: dict[str, Counter[str]] = {}
    for lang, words in curated_load("languages").items():
        for word in words:
            weights.setdefault(word.casefold(), Counter())[lang] = 1
    for lang, words in curated_load("language_marks").items():
        for word in words:
            weights.setdefault(word.casefold(), Counter())[lang] = _MARK_WEIGHT
    return {w: tuple(c.items()) for w, c in weights.items()}


@cache
def languages_known() -> tuple[str, ...]:
    """Return the codes `language_detect` can answer."""
    return tuple(sorted(set(curated_load("languages")) | set(curated_load("language_marks"))))


def language_scores(text: str) -> dict[str, int]:
    """Return each language's score for `text`: its function words and marks, weighted."""
    sample = text[:_SAMPLE].casefold()
    scores = dict.fromkeys(languages_known(), 0)
    weights = _weights()
    for word, count in Counter(_WORD.findall(sample)).items():
        for lang, weight in weights.get(word, ()):
            scores[lang] += weight * count
    # Letters that only some of the languages use settle close calls.
    if "ä" in sample or "ö" in sample:
        scores["sv"] += 3
        scores["fi"] += 3
    if "æ" in sample or "ø" in sample:
        scores["da"] += 2
        scores["no"] += 2
        scores["sv"] = max(scores["sv"] - 3, 0)
    return scores


def language_detect(text: str, *, default: str = "sv") -> str:
    """Return the BCP 47 code of the language `text` is most likely in, or `default`.

    A text too short to tell (fewer than four words, or no clear lead) keeps `default`, so a
    one-line entry takes the language of its page.
    """
    if len(_WORD.findall(text[:200])) < 4:
        return default
    scores = language_scores(text)
    best = max(scores, key=lambda lang: (scores[lang], lang == default))
    runner_up = max((s for lang, s in scores.items() if lang != best), default=0)
    if scores[best] < 2 or (scores[best] == runner_up and best != default):
        return default
    if _neighbours(best, default) and scores[best] - scores[default] < _MARK_WEIGHT:
        return default  # "Partnere i: Sverige og Finland" on a Norwegian page is Norwegian
    return best


@cache
def _neighbour_groups() -> tuple[frozenset[str], ...]:
    return tuple(frozenset(g) for g in curated_load("language_neighbours")["groups"])


def _neighbours(one: str, other: str) -> bool:
    """Return whether two different languages are close neighbours (language_neighbours.toml)."""
    return one != other and any({one, other} <= g for g in _neighbour_groups())
