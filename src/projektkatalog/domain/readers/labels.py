"""Recognise field labels ("Projektperiod:", "Lead Partner:", "Telefon 0451-...")."""

from __future__ import annotations

import re
from functools import cache, lru_cache

from projektkatalog.domain.curated import curated_load

# "Medfinansiering av Region Värmland:": a label, then the body it is about.
_SOURCE = re.compile(r"^(?P<label>.+?)\s+(?:av|från|fra|from|by|frå)\s+(?P<body>.+)$")
_LABELLED = re.compile(r"^(?P<label>[^:]{1,48}?)\s*:\s*(?P<value>.*)$")


@cache
def _labels() -> tuple[dict[str, str], list[tuple[str, str]]]:
    data = curated_load("labels")
    fields = {label: kind for kind, labels in data["fields"].items() for label in labels}
    bare = sorted(
        ((label, kind) for kind, labels in data["bare"].items() for label in labels),
        key=lambda item: len(item[0]),
        reverse=True,
    )
    return fields, bare


CONTACT_HEADING_MAX = 60  # characters: the longest contact label is shorter


@lru_cache(maxsize=65536)  # asked of every line of every entry; pages repeat their lines
def is_contact_heading(line: str) -> bool:
    """Return whether `line` alone heads a contact block ("Kontakt", "Kontaktinformation",
    "Contact persons"): a contact label with no value."""
    if len(line) > CONTACT_HEADING_MAX:
        return False
    return _labels()[0].get(" ".join(line.casefold().strip(" :").split())) == "contact"


def labels_known() -> tuple[str, ...]:
    """Return every field label the reader knows, lower-case."""
    return tuple(_labels()[0])


@lru_cache(maxsize=65536)  # pages repeat their labels; every reader step asks again
def label_split(line: str) -> tuple[str, str] | None:
    """Return (field kind, value) when `line` is a field line, else None."""
    fields, bare = _labels()
    if m := _LABELLED.match(line):
        label = re.sub(r"\s+", " ", m.group("label").strip().casefold())
        if label in fields:
            return fields[label], m.group("value").strip()
        if (source := _SOURCE.match(label)) and source.group("label") in fields:
            return fields[source.group("label")], m.group("value").strip()
    lowered = line.casefold()
    for label, kind in bare:
        if lowered.startswith(label) and len(line) > len(label):
            rest = line[len(label) :]
            if rest[:1] in (" ", ".", ":") and re.search(r"[\d@]|contact|kontakt", rest, re.I):
                return kind, rest.strip(" .:")
    return None


def label_source(line: str) -> str:
    """Return the body a field line's label names ("Medfinansiering av Region X:"), or ""."""
    fields, _ = _labels()
    if (m := _LABELLED.match(line)) and (source := _SOURCE.match(m.group("label").strip())):
        if source.group("label").casefold() in fields:
            return source.group("body")
    return ""


@cache
def column_labels() -> dict[str, str]:
    """Return every word a table's header row may name a column by, lower-case, with the kind of
    its column: the field labels and the words that only ever head a column (`[columns]`)."""
    data = curated_load("labels")
    columns = {label: kind for kind, labels in data["columns"].items() for label in labels}
    return {**columns, **_labels()[0]}
