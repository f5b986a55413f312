"""Descriptions as rich text: the little HTML an editor may use, and nothing that can run.

Editors write headings, paragraphs, lists, emphasis and links; nh3 (the Rust ammonia sanitiser)
keeps exactly those and drops scripts, styles, event handlers and `javascript:` links. Imported
descriptions are plain text and stay so; `rich_text_is_html` tells the two apart.
"""

from __future__ import annotations

import html
import re

import nh3

TAGS = {"h2", "h3", "h4", "p", "br", "ul", "ol", "li", "a", "strong", "em", "blockquote"}
ATTRIBUTES = {"a": {"href", "hreflang"}}
URL_SCHEMES = {"http", "https", "mailto"}

_TAG = re.compile(r"<[^>]+>")
_BLOCK_END = re.compile(r"</(?:p|h2|h3|h4|li|blockquote)>|<br\s*/?>", re.IGNORECASE)
_HTML_START = re.compile(r"^\s*<(?:h[2-4]|p|ul|ol|blockquote|strong|em|a)\b", re.IGNORECASE)


def rich_text_clean(text: str) -> str:
    """Return `text` with only the allowed tags and attributes; links get rel=noopener."""
    return nh3.clean(
        text,
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    ).strip()


def rich_text_is_html(text: str) -> bool:
    """Whether a description is rich text (starts with an allowed block or inline tag)."""
    return bool(_HTML_START.match(text))


def rich_text_plain(text: str) -> str:
    """Return the words of a description without markup, for search and snippets."""
    if not rich_text_is_html(text):
        return text
    spaced = _BLOCK_END.sub("\n", text)
    return html.unescape(_TAG.sub("", spaced)).strip()
