"""Helpers shared by the public pages: labels, the catalogue's last change, filters from the URL."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.http import HttpRequest
from django.urls import reverse

from projektkatalog.catalogue.labels import (  # noqa: E402,F401 - shared with the other packages
    FUNDING_LABELS,
    ROLE_LABELS,
    STATUS_LABELS,
    today,
)
from projektkatalog.catalogue.listing import STATUSES, Filters
from projektkatalog.catalogue.selectors import CatalogueStamp, catalogue_stamp


def catalogue_stamp_of(request: HttpRequest) -> CatalogueStamp:
    """Return the catalogue's version and last change, read once per request: Last-Modified
    and the page cache's key ask for them in the same request."""
    stamp: CatalogueStamp | None = getattr(request, "_catalogue_stamp", None)
    if stamp is None:
        stamp = catalogue_stamp()
        request._catalogue_stamp = stamp  # type: ignore[attr-defined]
    return stamp


def catalogue_last_modified(
    request: HttpRequest, *args: object, **kwargs: object
) -> dt.datetime | None:
    """Return when the catalogue last changed (for Last-Modified and conditional GETs)."""
    return catalogue_stamp_of(request).changed


def filters_from_request(request: HttpRequest) -> Filters:
    """Return the filters a catalogue URL asks for; unknown values are ignored."""
    get = {k: [v.replace("\x00", "") for v in values] for k, values in request.GET.lists()}
    years = [int(y) for y in get.get("ar", []) if y.isdigit() and 1900 <= int(y) <= 2100]
    return Filters(
        q=(get.get("q") or [""])[-1].strip()[:200],
        categories=get.get("kategori", []),
        statuses=[s for s in get.get("status", []) if s in STATUSES],
        programmes=get.get("program", []),
        organisations=get.get("organisation", []),
        countries=[c.upper() for c in get.get("land", []) if len(c) == 2],
        years=years,
    )


def page_number(request: HttpRequest) -> int:
    """Return the page of results asked for (`sida`): 1 unless a whole number above 0."""
    requested = request.GET.get("sida", "1")
    return int(requested) if requested.isdigit() and int(requested) > 0 else 1


# A slug no page has: where a reversed address takes the slug it is given.
SLUG_MARK = "-slug-mark-"


def slug_urls(name: str) -> Callable[[str], str]:
    """Return a function giving the address of the page `name` for a slug, in the language
    active now: reversed once, not once per slug (a reverse costs tens of microseconds, and a
    page may link dozens of projects or organisations). Slugs hold nothing to quote."""
    head, tail = reverse(name, args=[SLUG_MARK]).split(SLUG_MARK)
    return lambda slug: f"{head}{slug}{tail}"
