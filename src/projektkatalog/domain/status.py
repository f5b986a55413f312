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
    return status_from_bounds(
        edtf_bounds(start)[0], edtf_bounds(end)[1], end=end, kind=kind, today=today
    )


def status_from_bounds(
    first: dt.date | None, last: dt.date | None, *, end: str | None, kind: str, today: dt.date
) -> Status:
    """Return the status from the first and last possible day (as stored beside the EDTF)."""
    if first and first > today:
        return Status.PLANNED
    if last and last < today:
        return Status.ENDED
    if end == OPEN or (kind == Kind.COLLABORATION and end is None):
        return Status.PERMANENT
    if last and (first is None or first <= today):
        return Status.ONGOING
    return Status.UNKNOWN
