"""Read a page that describes one project as that project, titled from what the page offers."""

from __future__ import annotations

from projektkatalog.domain.readers.blocks import Block
from projektkatalog.domain.readers.labels import label_split
from projektkatalog.domain.readers.names import repeated_name
from projektkatalog.domain.readers.outline import Entry

TITLE_MAX = 120


def single_entry(blocks: list[Block], named: str | None = None) -> tuple[Entry, str] | None:
    """Return the page as one entry and how its title was chosen; None for an empty page.

    `named` is the title of the one project the prose names or grants money to, if any.
    """
    content = [b for b in blocks if b.kind != "blank"]
    if not content:
        return None
    heading = _main_heading(content)
    name = repeated_name("\n".join(b.text for b in content)) or named
    if name is not None and (heading is None or name.casefold() not in heading.text.casefold()):
        line = next((b.line for b in content if name in b.text), content[0].line)
        if heading is not None and heading.line < line:
            line = heading.line
        body = [b for b in blocks if b is not heading]
        how = f"The title “{name}” is the project name the text states; check it."
        return Entry(name, None, line, -99, body=body), how
    if heading is None:
        return None
    body = [b for b in blocks if b is not heading]
    how = f"The title “{heading.text}” is the page's main heading; check it."
    return Entry(heading.text, None, heading.line, -99, body=body), how


def _main_heading(content: list[Block]) -> Block | None:
    """Return the page's first heading, else its first short line that reads as a title."""
    for block in content:
        if block.kind == "heading":
            return block
    for block in content:
        text = block.text
        if (
            len(text) <= TITLE_MAX
            and not text.endswith((".", ":", ",", ";"))
            and label_split(text) is None
            and any(c.isalpha() for c in text)
        ):
            return block
    return None
