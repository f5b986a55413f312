"""Text clean-up shared by every reader and normaliser."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2019": "'", "\u2018": "'"})
# Letters that Unicode does not decompose into a base letter and a mark.
_FOLD_EXTRA = str.maketrans(
    {"ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "ß": "ss", "đ": "d", "ł": "l", "Ł": "L", "ı": "i"}
)


def text_clean(text: str) -> str:
    """Return `text` on one line: spaces of every width folded, typographic quotes made plain."""
    return _SPACES.sub(" ", text.translate(_QUOTES)).strip()


def text_fold(text: str) -> str:
    """Return `text` case- and diacritic-folded, for comparing names ("Malmö" ~ "malmo")."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLD_EXTRA))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


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
