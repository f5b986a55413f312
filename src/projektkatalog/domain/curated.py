"""Load the curated data files under `domain/data/`.

Vocabulary lives in TOML files, not in code, so that an editor can add a label, a month name or
an organisation's alias without touching the parser.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Any


@cache
def curated_load(name: str) -> dict[str, Any]:
    """Return the parsed data file `name` (without `.toml`)."""
    text = resources.files("projektkatalog.domain.data").joinpath(f"{name}.toml").read_text("utf-8")
    return tomllib.loads(text)


def curated_names() -> list[str]:
    """Return the names of every curated data file."""
    folder = resources.files("projektkatalog.domain.data")
    return sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".toml"))
