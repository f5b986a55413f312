"""Name a project read from a sentence by the name the page gives it elsewhere.

News items name a fund or project once, in quotes ("en ”Kystfond” og en ”Pulje til små
projekter”"), and then refer to it in the definite form as the subject of the sentence that
grants it money ("Kystfonden modtager 2 mio. euro", "Puljen modtager …"). A project titled by
such a word alone takes the quoted name whose first word the word is, in its definite form
(the endings are curated per language: `data/page.toml`, [anaphors]). Reported.
"""

from __future__ import annotations

import re
from functools import cache

from projektkatalog.domain.curated import curated_load
from projektkatalog.domain.readers.blocks import Block
from projektkatalog.domain.readers.entry import EntryDraft

_QUOTED = re.compile(r"[\"”“«]([^\"”“«»\n]{2,80})[\"”“»]")
STEM_MIN = 4  # letters a definite word keeps without its ending: "Fonden" -> "Fond"


@cache
def _endings() -> tuple[str, ...]:
    endings = curated_load("page")["anaphors"]["definite_endings"]
    return tuple(sorted(endings, key=len, reverse=True))


def quoted_names(blocks: list[Block]) -> list[str]:
    """Return the names the page's text sets in quotes, first seen first."""
    names: dict[str, None] = {}
    for block in blocks:
        for m in _QUOTED.finditer(block.text):
            name = m.group(1).strip()
            if name[:1].isupper():
                names.setdefault(name, None)
    return list(names)


def named_by_quote(word: str, names: list[str]) -> str | None:
    """Return the quoted name a one-word title in its definite form refers to, if exactly one
    name starts with the word's stem ("Puljen" -> "Pulje til små projekter")."""
    if " " in word.strip():
        return None
    folded = word.strip().casefold()
    for ending in _endings():
        stem = folded[: -len(ending)]
        if not folded.endswith(ending) or len(stem) < STEM_MIN:
            continue
        by_fold: dict[str, str] = {}  # the first spelling of each name, in page order
        for name in names:
            if name.split()[0].casefold() == stem:
                by_fold.setdefault(name.casefold(), name)
        if len(by_fold) == 1:
            return next(iter(by_fold.values()))
    return None


def anaphors_named(drafts: list[EntryDraft], blocks: list[Block]) -> None:
    """Retitle the projects read from sentences whose title is a definite word that refers to
    a name the page quotes; each retitling is reported."""
    names = quoted_names(blocks)
    if not names:
        return
    for draft in drafts:
        if not any(code == "guessed-from-prose" for code, _ in draft.guesses):
            continue
        name = named_by_quote(draft.title, names)
        if name is None or any(d.title.casefold() == name.casefold() for d in drafts):
            continue
        draft.guesses.append(
            (
                "guessed-title",
                f"“{draft.title}” was read as the “{name}” the page names in quotes; check it.",
            )
        )
        draft.title = name
