"""Search terms and highlighting, the same for every database backend.

Documents and queries are folded (case and diacritics: "malmo" finds "Malmö") and query words
are cut to their Swedish stem ("projekten" -> "projek"). Matching is by substring, so a word
finds the compounds that contain it ("erosion" finds "kusterosion", "cykel" finds "cykelled").
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

import snowballstemmer

from projektkatalog.domain.text import text_fold

MIN_TERM = 3  # substring indexes (trigrams) need three characters
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


@cache
def _stemmer() -> Any:  # snowballstemmer has no type hints
    return snowballstemmer.stemmer("swedish")


@cache
def _fold_char(char: str) -> str:
    return text_fold(char)


def search_document(*parts: str) -> str:
    """Return the folded text a project is searched by."""
    return " ".join(text_fold(p) for p in parts if p)


def search_terms(query: str) -> list[str]:
    """Return the folded, stemmed terms of a query; words shorter than three letters are dropped."""
    terms: list[str] = []
    for word in _WORD.findall(query):
        folded = text_fold(word)
        stem = _stemmer().stemWord(word.casefold())
        stem = text_fold(stem) if len(stem) >= MIN_TERM else folded
        term = stem if folded.startswith(stem) else folded
        if len(term) >= MIN_TERM and term not in terms:
            terms.append(term)
    return terms


def highlight_spans(text: str, terms: list[str]) -> list[tuple[str, bool]]:
    """Split `text` into (segment, matched) pairs marking where the folded terms occur."""
    if not terms or not text:
        return [(text, False)]
    # Fold character by character, remembering which original character each folded one came from.
    folded_chars: list[str] = []
    origin: list[int] = []
    for i, char in enumerate(text):
        for f in _fold_char(char):
            folded_chars.append(f)
            origin.append(i)
    folded = "".join(folded_chars)
    marked = [False] * len(text)
    for term in terms:
        for m in re.finditer(re.escape(term), folded):
            for k in range(m.start(), m.end()):
                marked[origin[k]] = True
    spans: list[tuple[str, bool]] = []
    for char, flag in zip(text, marked, strict=True):
        if spans and spans[-1][1] == flag:
            spans[-1] = (spans[-1][0] + char, flag)
        else:
            spans.append((char, flag))
    return spans


def snippet(text: str, terms: list[str], *, width: int = 160) -> str:
    """Return the part of `text` around the first term that occurs in it ("" when none does)."""
    folded = text_fold(text)
    positions = [folded.find(t) for t in terms if t in folded]
    if not positions or len(folded) != len(text):
        return ""
    first = min(positions)
    start = max(0, first - width // 3)
    end = min(len(text), start + width)
    return ("…" if start else "") + text[start:end].strip() + ("…" if end < len(text) else "")
