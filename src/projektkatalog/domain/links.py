"""Read links: full URLs, bare domains ("Great-region.org"), and labels whose address was lost."""

from __future__ import annotations

import re
from dataclasses import dataclass

_URL = re.compile(r"https?://[^\s<>\"')]+", re.IGNORECASE)
# A bare domain with an optional path: "Baltic.org/project/bsr-stars-s3", "Skane.coompanion.se/".
_DOMAIN = re.compile(
    r"^(?:www\.)?(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,24})(?:/[^\s]*)?$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Link:
    label: str
    url: str | None


LinkRecordLike = Link


def url_from_text(text: str) -> str | None:
    """Return the URL that `text` is or holds, making a bare domain into an https URL."""
    text = text.strip().rstrip(".,;")
    found = _URL.search(text)
    if found:
        return found.group(0).rstrip(".,;")
    if _DOMAIN.match(text) and not re.fullmatch(r"[\d.]+", text):
        host, _, path = text.partition("/")
        return f"https://{host.lower()}/{path}" if path else f"https://{host.lower()}"
    return None


def link_parse(text: str) -> Link | None:
    """Return the link a line stands for: a URL with its label, or a label with no address."""
    text = text.strip()
    if not text:
        return None
    url = url_from_text(text)
    if url and _URL.search(text):
        label = _URL.sub("", text).strip(" :–-()<>") or url
        return Link(label, url)
    return Link(text, url)
