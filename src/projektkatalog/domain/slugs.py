"""URL slugs made from names, the same in every database."""

from __future__ import annotations

import re

from projektkatalog.domain.text import text_fold


def slugify(text: str) -> str:
    """Return a lower-case ASCII slug: "Miljö och klimat" -> "miljo-och-klimat"."""
    folded = text_fold(text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-")[:80].rstrip("-") or "x"
