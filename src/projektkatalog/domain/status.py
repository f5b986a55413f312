"""Derive a project's status from its period and today's date.

Status is never stored as the source wrote it: a page that says "pågående" about work that
ended years ago is exactly what this catalogue exists to correct.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from projektkatalog.domain.periods import OPEN, edtf_bounds


class Status(StrEnum):
    PLANNED = "planned"
    ONGOING = "ongoing"
    ENDED = "ended"
    PERMANENT = "permanent"
    UNKNOWN = "unknown"


class Kind(StrEnum):
    PROJECT = "project"
    COLLABORATION = "collaboration"


def status_derive(start: str | None, end: str | None, *, kind: str, today: dt.date) -> Status:
    """Return the status on `today` of work running from `start` to `end` (EDTF or None)."""
    first, _ = edtf_bounds(start)
    _, last = edtf_bounds(end)
    if first and first > today:
        return Status.PLANNED
    if last and last < today:
        return Status.ENDED
    if end == OPEN or (kind == Kind.COLLABORATION and end is None):
        return Status.PERMANENT
    if last and (first is None or first <= today):
        return Status.ONGOING
    return Status.UNKNOWN
