"""Find e-mail addresses, including two addresses a page ran together.

Pages that lost the line break between two addresses print "lars@kommun.seIngrid@fylke.no";
the first address ends where a known top-level domain ends, preferably where the letters turn
from lower to upper case.
"""

from __future__ import annotations

import re
from functools import cache

from projektkatalog.domain.curated import curated_load

_RUN = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+(?:@[\w-]+(?:\.[\w-]+)+)*")


@cache
def _top_level_domains() -> tuple[str, ...]:
    tlds = curated_load("contacts")["email"]["top_level_domains"]
    return tuple(sorted(tlds, key=len, reverse=True))


def _cut(domain_and_next: str) -> int | None:
    """Return where the first address's domain ends in "kommun.seIngrid.berg", or None."""
    tlds = _top_level_domains()
    cuts: list[tuple[int, int]] = []  # (preference, position)
    for dot in (m.start() for m in re.finditer(r"\.", domain_and_next)):
        rest = domain_and_next[dot + 1 :]
        for tld in tlds:
            if rest[: len(tld)].lower() == tld and len(rest) > len(tld):
                end = dot + 1 + len(tld)
                following = domain_and_next[end]
                if following in ".-":
                    continue  # "example.com.au", "se-bank": the domain goes on
                case_turns = rest[: len(tld)].islower() and following.isupper()
                cuts.append((0 if case_turns else 1, end))
                break
    return min(cuts)[1] if cuts else None


def emails_find(text: str) -> list[str]:
    """Return the e-mail addresses in `text`, splitting addresses written without a break."""
    found: list[str] = []
    for m in _RUN.finditer(text):
        found.extend(email_split(m.group(0).rstrip(".")))
    return found


def emails_removed(text: str) -> str:
    """Return `text` without its e-mail addresses (to read what else a contact line says)."""
    return _RUN.sub("", text)


def email_split(run: str) -> list[str]:
    """Return the addresses in `run`: one, or several when their text runs together."""
    parts = run.split("@")
    if len(parts) <= 2:
        return [run]
    addresses: list[str] = []
    local = parts[0]
    for middle in parts[1:-1]:
        cut = _cut(middle)
        if cut is None:
            return [run]  # no safe place to cut: keep the text as the source wrote it
        addresses.append(f"{local}@{middle[:cut]}")
        local = middle[cut:]
    addresses.append(f"{local}@{parts[-1]}")
    return addresses
