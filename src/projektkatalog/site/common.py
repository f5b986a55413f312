"""Helpers shared by the public pages: labels, the catalogue's last change, filters from the URL."""

from __future__ import annotations

import datetime as dt

from django.db.models import Max
from django.http import HttpRequest

from projektkatalog.catalogue import models as m
from projektkatalog.catalogue.labels import (  # noqa: E402,F401 - shared with the other packages
    FUNDING_LABELS,
    ROLE_LABELS,
    STATUS_LABELS,
    today,
)
from projektkatalog.catalogue.listing import STATUSES, Filters


def catalogue_last_modified(
    request: HttpRequest, *args: object, **kwargs: object
) -> dt.datetime | None:
    """Return when the catalogue last changed (for Last-Modified and conditional GETs)."""
    moments = [
        m.Project.objects.aggregate(last=Max("updated_at"))["last"],
        m.CatalogueState.objects.values_list("changed_at", flat=True).first(),
    ]
    return max((t for t in moments if t is not None), default=None)


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
