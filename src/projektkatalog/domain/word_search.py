"""Whether a text holds any of a curated list of words, asked of every sentence of every
project an import builds.

`text.words_regex` is an alternation of the words, longest first: the regex engine tries every
word in turn at every position of the text, which for a list of some eighty trigger words was
a tenth of building a project. Asked only whether some word stands in the text (not which),
the same words factored on their common prefixes (`trie_pattern`) give the same answer, the
engine rejecting most positions after a letter or two.
"""

from __future__ import annotations

import re
from functools import cache

from projektkatalog.domain.text import trie_pattern, words_regex


@cache
def words_finder(words: tuple[str, ...]) -> re.Pattern[str]:
    """Return a regex that finds a whole word of `words` (case aside) wherever one stands.

    For asking whether: where two words start at the same place ("Lead" and "lead partner")
    the one it matches may differ from `words_regex`'s; whether it matches never does.
    """
    if "" in words:  # an empty word matches anywhere: left to the alternation
        return words_regex(words)
    return re.compile(rf"(?<!\w)(?:{trie_pattern(words)})(?!\w)", re.IGNORECASE)


def words_found(text: str, words: tuple[str, ...]) -> bool:
    """Return whether `text` holds any of `words` as a whole word, case aside."""
    return words_finder(words).search(text) is not None
