"""Turn a page, text or HTML, into one flat list of blocks: headings, list items and lines.

Every later step works on blocks, so text and HTML pages are read by the same rules. A block's
`depth` orders the outline: headings sit above list items, and a block belongs to the entry
above it when it is deeper.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

from projektkatalog.domain.text import indent_width, text_clean

_BULLET = re.compile(r"^[ \t\u00a0\u202f]*([•·▪◦‣●○■*]|-(?=\s))[ \t\u00a0]+(.*)$")
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")


@dataclass(frozen=True)
class Block:
    kind: str  # heading | item | line | blank
    depth: int
    text: str
    line: int  # 1-based line in the source
    # An HTML table's row of three or more cells, or a text line's cells between tabs: the
    # cells as the page parts them (the text holds them joined by spaces, as a table copied
    # into text would).
    cells: tuple[str, ...] = ()


def text_blocks(text: str) -> list[Block]:
    """Return the blocks of a plain-text page: bullets by indentation, Markdown headings."""
    blocks: list[Block] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        clean = text_clean(raw)
        if not clean:
            blocks.append(Block("blank", 0, "", number))
            continue
        if m := _MD_HEADING.match(clean):
            blocks.append(Block("heading", len(m.group(1)) - 10, text_clean(m.group(2)), number))
        elif m := _BULLET.match(raw):
            blocks.append(Block("item", indent_width(raw), text_clean(m.group(2)), number))
        else:
            # A row copied from a spreadsheet or a table keeps its tabs: the cells it parts.
            cells = tuple(c for c in (text_clean(p) for p in raw.split("\t")) if c)
            blocks.append(
                Block("line", indent_width(raw), clean, number, cells if len(cells) > 1 else ())
            )
    return blocks


_BLOCK_TAGS = {
    "p",
    "div",
    "section",
    "article",
    "header",
    "footer",
    "tr",
    "dt",
    "dd",
    "br",
    "table",
    "blockquote",
    "address",
    "figure",
    "figcaption",
    "summary",
    "details",
}
_SKIP_TAGS = {"script", "style", "noscript", "template", "svg", "nav"}
_VOID = {"br", "img", "hr", "meta", "link", "input"}


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self.buffer: list[str] = []
        self.buffer_line = 1
        self.list_depth = 0
        self.li_stack: list[int] = []
        self.heading: int | None = None
        self.skip = 0
        self.href: str | None = None
        self.anchor_text: list[str] = []
        self.pending_item = False
        # The row being read: where each cell's text starts in the buffer, the cells read, and
        # whether all of them are header cells; None outside a row or once a block broke it.
        self.row: list[str] | None = None
        self.cell_start: int | None = None

    def _flush(self) -> None:
        if self.row is not None and self.cell_start is None and len(self.row) >= ROW_CELLS:
            # A row of three or more cells: cells parted by spaces, a header's without colons.
            cells = tuple(self.row)
            self.row = None
            self.buffer = []
            self.blocks.append(Block("line", 0, " ".join(cells), self.buffer_line, cells))
            return
        self.row = None  # a block inside a cell: the row is read as text
        text = text_clean("".join(self.buffer))
        self.buffer = []
        if not text:
            return
        if self.heading:
            self.blocks.append(Block("heading", self.heading - 10, text, self.buffer_line))
        elif self.pending_item:
            self.blocks.append(Block("item", self.list_depth * 2, text, self.buffer_line))
            self.pending_item = False
        else:
            depth = self.li_stack[-1] * 2 + 1 if self.li_stack else 0
            self.blocks.append(Block("line", depth, text, self.buffer_line))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:
            self.skip += 1
            return
        if self.skip:
            return
        if tag in {"ul", "ol"}:
            self._flush()
            self.pending_item = False
            self.list_depth += 1
        elif tag == "li":
            self._flush()
            self.li_stack.append(self.list_depth)
            self.pending_item = True
            self.buffer_line = self.getpos()[0]
        elif re.fullmatch(r"h[1-6]", tag):
            self._flush()
            self.pending_item = False
            self.heading = int(tag[1])
            self.buffer_line = self.getpos()[0]
        elif tag in _BLOCK_TAGS:
            self._flush()
            self.pending_item = False
            if tag == "tr":
                self.row, self.cell_start = [], None
            if tag == "p":
                self.blocks.append(Block("blank", 0, "", self.getpos()[0]))
            self.buffer_line = self.getpos()[0]
        elif tag in ("td", "th"):
            if self.row is not None:
                self.cell_start = len(self.buffer)
        elif tag == "a":
            self.href = dict(attrs).get("href")
            self.anchor_text = []
        elif tag == "img":
            alt = dict(attrs).get("alt")
            if alt:
                self._flush()
                self.buffer = [f"logo {alt}"]
                self._flush()
        if not self.buffer:
            self.buffer_line = self.getpos()[0]

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self.skip = max(0, self.skip - 1)
            return
        if self.skip:
            return
        if tag in {"ul", "ol"}:
            self._flush()
            self.list_depth = max(0, self.list_depth - 1)
        elif tag == "li":
            self._flush()
            if self.li_stack:
                self.li_stack.pop()
        elif re.fullmatch(r"h[1-6]", tag):
            self._flush()
            self.heading = None
        elif tag in ("td", "th", "dt"):
            if tag != "dt" and self.row is not None and self.cell_start is not None:
                self.row.append(text_clean("".join(self.buffer[self.cell_start :])))
                self.cell_start = None
            if tag == "td":
                return
            # A table header or term labels the value beside it: "Projektägare" -> "Projektägare:".
            if "".join(self.buffer).strip() and not "".join(self.buffer).rstrip().endswith(":"):
                self.buffer.append(": ")
            if tag == "dt":
                self._flush()
        elif tag in _BLOCK_TAGS:
            self._flush()
        elif tag == "a" and self.href is not None:
            text = text_clean("".join(self.anchor_text))
            href = self.href.strip()
            if href.startswith("mailto:"):
                address = href[7:].split("?")[0]
                if address not in text:
                    self.buffer.append(f" {address}")
            elif href.startswith("tel:"):
                pass
            elif href.startswith(("http://", "https://")) and href.rstrip("/") != text.rstrip("/"):
                self.buffer.append(f" <{href}>")
            self.href = None

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        if not self.buffer:
            self.buffer_line = self.getpos()[0]
        self.buffer.append(data)
        if self.href is not None:
            self.anchor_text.append(data)


ROW_CELLS = 3  # cells of a row read as a table's row; fewer are a label and its value


def html_blocks(html: str) -> list[Block]:
    """Return the blocks of an HTML page: h1-h6 headings, nested list items, paragraphs."""
    body = re.search(r"<body[^>]*>(.*)</body>", html, re.IGNORECASE | re.DOTALL)
    collector = _Collector()
    collector.feed(body.group(1) if body else html)
    collector.close()
    collector._flush()
    return collector.blocks


def looks_like_html(text: str) -> bool:
    """Return whether `text` is an HTML document or fragment rather than plain text."""
    head = text.lstrip()[:2000].lower()
    return head.startswith(("<!doctype html", "<html")) or bool(
        re.search(r"<(?:body|div|ul|li|p|h[1-6])[\s>]", head)
    )
