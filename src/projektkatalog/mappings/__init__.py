"""Mapping files: how the columns or keys of a structured dataset become a catalogue record.

Those shipped with Projektkatalog are named by their file name without `.toml`; the CLI also
takes a path. Loading is here, free of Django, for the CLI (before Django starts) and the
workspace alike.
"""

from __future__ import annotations

import tomllib
from importlib import resources
from pathlib import Path
from typing import Any


class MappingFileError(Exception):
    """A mapping file that is missing or not valid TOML, said in one line."""


def mappings_shipped() -> list[str]:
    """Return the names of the mapping files shipped with Projektkatalog."""
    folder = resources.files(__name__)
    return sorted(
        p.name.removesuffix(".toml") for p in folder.iterdir() if p.name.endswith(".toml")
    )


def mapping_load(name: str) -> dict[str, Any]:
    """Return the mapping file at path `name`, or the shipped mapping of that name."""
    path = Path(name)
    if not path.exists():
        stem = name.removesuffix(".toml")
        if stem not in mappings_shipped():
            known = ", ".join(mappings_shipped())
            raise MappingFileError(f"{name}: no such mapping file (shipped mappings: {known})")
        path = Path(str(resources.files(__name__).joinpath(f"{stem}.toml")))
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise MappingFileError(f"{path}: not a valid mapping file ({error})") from None
