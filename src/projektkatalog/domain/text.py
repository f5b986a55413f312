"""Text clean-up shared by every reader and normaliser."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import cache
from typing import Any

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_ODD_SPACE = re.compile(r"[\t\u00a0\u2000-\u200b\u202f\u205f\u3000]|  ")
_HAS_QUOTE = re.compile("[\u201c\u201d\u201e\u2019\u2018]")
_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2019": "'", "\u2018": "'"})
# Letters that Unicode does not decompose into a base letter and a mark.
_FOLD_EXTRA = str.maketrans(
    {"ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "ß": "ss", "đ": "d", "ł": "l", "Ł": "L", "ı": "i"}
)


def text_clean(text: str) -> str:
    """Return `text` on one line: spaces of every width folded, typographic quotes made plain."""
    if _HAS_QUOTE.search(text):
        text = text.translate(_QUOTES)
    if _ODD_SPACE.search(text):  # most lines need no folding; searching is cheaper than rewriting
        text = _SPACES.sub(" ", text)
    return text.strip()


class _Folded(dict[int, str]):
    """Each character folded on its own, remembered: decomposing, dropping marks and casefolding
    act on one character at a time, so a whole text is folded by one `str.translate`."""

    def __missing__(self, code: int) -> str:
        decomposed = unicodedata.normalize("NFKD", chr(code).translate(_FOLD_EXTRA))
        folded = self[code] = "".join(
            c for c in decomposed if not unicodedata.combining(c)
        ).casefold()
        return folded


_FOLDED = _Folded()


def text_fold(text: str) -> str:
    """Return `text` case- and diacritic-folded, for comparing names ("Malmö" ~ "malmo")."""
    return text.translate(_FOLDED)


def indent_width(line: str) -> int:
    """Return how far `line` is indented, counting non-breaking and other spaces as one column."""
    width = 0
    for char in line:
        if char in " \u00a0\u202f" or unicodedata.category(char) == "Zs":
            width += 1
        elif char == "\t":
            width += 4
        else:
            break
    return width


def words_alternation(words: Iterable[str]) -> str:
    """Return a regex alternation of `words`, longest first so that longer phrases win."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def trie_pattern(words: Iterable[str]) -> str:
    """Return a regex alternation of `words` factored on common prefixes.

    The engine then rejects a position after a character or two instead of trying every word
    in turn, which keeps prose matching fast with hundreds of aliases. Longer words still win:
    at each node a longer continuation is tried before the word ending there.
    """
    trie: dict[str, Any] = {}
    for word in set(words):
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_regex(trie) or "(?!)"


def _trie_regex(node: dict[str, Any]) -> str:
    ends = "" in node
    branches = [
        re.escape(char) + _trie_regex(child) for char, child in sorted(node.items()) if char
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends:
        return f"(?:{body})?"
    return body


@cache
def words_regex(words: tuple[str, ...], *, ignore_case: bool = True) -> re.Pattern[str]:
    """Return a compiled regex matching any of `words` as whole words."""
    flags = re.IGNORECASE if ignore_case else 0
    return re.compile(rf"(?<!\w)(?:{words_alternation(words)})(?!\w)", flags)
