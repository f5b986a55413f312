"""Comparison keys for organisation names.

A key folds case and diacritics, punctuation and hyphens, and leading articles, so that
"Schleswig Holstein" and "Schleswig-Holstein", or "Sor-Trondelag" and "Sør-Trøndelag", compare
equal. Keys are for lookup only; the names shown keep their spelling.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from projektkatalog.domain.curated import curated_load
from projektkatalog.domain.text import text_clean, text_fold

_PUNCT = re.compile(r"[.,:;!?'\"()\[\]{}«»]")
_DASHES = re.compile(r"[-‐‑–—/]+")


@cache
def _terms() -> dict[str, list[str]]:
    return curated_load("org_terms")


# The one word whose key drops words after it ("i", "län"): a name's key is otherwise its words
# folded, which a scan may rely on word by word (programme_spelling).
COUNTY_BOARD = "lansstyrelsen"


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """Return the comparison key of an organisation's name."""
    key = text_fold(text_clean(name))
    key = key.replace("&", " och ")
    key = _DASHES.sub(" ", _PUNCT.sub(" ", key.replace("a/s", "as")))
    tokens = key.split()
    if tokens and tokens[0] in _terms()["articles"] and len(tokens) > 1:
        tokens = tokens[1:]
    key = " ".join(tokens)
    # "Länsstyrelsen i Skåne län" and "Länsstyrelsen Skåne" name one authority.
    key = re.sub(rf"^{COUNTY_BOARD} (?:i )?(.+?)(?:s? lans?)?$", rf"{COUNTY_BOARD} \1", key)
    return key


@cache
def _legal_forms() -> tuple[str, ...]:
    forms = {name_key(f) for f in _terms()["legal_forms"]}
    return tuple(sorted((f for f in forms if f), key=len, reverse=True))


@lru_cache(maxsize=65536)
def name_key_bare(name: str) -> str:
    """Return the key without a company's legal form: "NetPort Science Park AB" -> "netport science park"."""
    key = name_key(name)
    for form in _legal_forms():
        if key.endswith(" " + form):
            return key[: -len(form) - 1]
    return key


@cache
def type_words() -> frozenset[str]:
    """Return the folded words that say what kind of body a name is."""
    return frozenset(name_key(w) for w in _terms()["type_words"])


def key_types(key: str) -> frozenset[str]:
    """Return the type words in a key ("lunds kommun" -> {"kommun"})."""
    found: frozenset[str] = frozenset()
    for token in key.split():
        found |= _token_types(token)
    return found


@lru_cache(maxsize=65536)
def _token_types(token: str) -> frozenset[str]:
    """Return the type words one word is or ends in ("folkhogskola" -> {"hogskola"})."""
    return frozenset(
        word for word in type_words() if token == word or (len(word) > 4 and token.endswith(word))
    )
