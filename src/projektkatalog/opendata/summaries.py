"""Short summaries of a project's description that end where a sentence ends."""

from __future__ import annotations

import re

# A sentence ends at . ! ? (optionally followed by a closing quote or bracket) before a space.
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]?(?=\s)")


def summary_sentences(text: str, limit: int = 600) -> str:
    """Return the whole sentences of `text` that fit in `limit` characters.

    A first sentence longer than the limit is cut at the last whole word and ends with an
    ellipsis, so that a summary never stops in the middle of a word.
    """
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    ends = [m.end() for m in _SENTENCE_END.finditer(text) if m.end() <= limit]
    if ends:
        return text[: ends[-1]]
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:–- ")
    return cut + "…"
