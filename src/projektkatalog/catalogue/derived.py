"""What a project's own fields imply: period bounds and years, and the search text. The one
place for these rules: import, edit and restore all come here."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from projektkatalog.catalogue import models as m
from projektkatalog.domain.periods import edtf_bounds
from projektkatalog.domain.rich_text import rich_text_plain
from projektkatalog.domain.searching import search_document


def body_names(row: m.Organisation | m.Programme) -> str:
    """Return a body's name and every alias, so that any spelling finds its projects (aliases
    in name order, as an import writes them)."""
    return " ".join([row.name, *sorted(a.name for a in row.aliases.all())])


def project_derived(
    row: m.Project,
    *,
    categories: Iterable[str],
    organisations: Iterable[m.Organisation],
    programmes: Iterable[m.Programme],
) -> dict[str, Any]:
    """Return what a project's fields imply, with its bodies' and programmes' rows at hand."""
    return project_derived_named(
        row,
        categories=categories,
        names=[*(body_names(o) for o in organisations), *(body_names(p) for p in programmes)],
    )


def project_derived_named(
    row: m.Project, *, categories: Iterable[str], names: Iterable[str]
) -> dict[str, Any]:
    """Return what a project's fields imply, given the search text of its bodies and
    programmes (`body_names` of each, bodies first): an import has them all at hand."""
    start_lower, _ = edtf_bounds(row.period_start or None)
    _, end_upper = edtf_bounds(row.period_end or None)
    return {
        "start_date": start_lower,
        "end_date": end_upper,
        "start_year": start_lower.year if start_lower else None,
        "end_year": end_upper.year if end_upper else None,
        # From the description's words, never its markup.
        "search_text": search_document(
            row.title,
            row.short_name,
            rich_text_plain(row.description),
            " ".join(categories),
            *names,
        ),
    }
