"""Downloads from the website (the open data's formats live in `opendata/`): the current filter in every format, the Atom feed, the data
dictionary and the DCAT-AP-SE description that dataportal.se harvests."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import render
from django.utils.feedgenerator import Atom1Feed

from projektkatalog.catalogue import models as m
from projektkatalog.catalogue.listing import projects_filtered
from projektkatalog.catalogue.selectors import catalogue_export, catalogue_version
from projektkatalog.opendata import dcat, writers
from projektkatalog.opendata.formats import FORMATS
from projektkatalog.site.common import filters_from_request, today


def _whole_catalogue_file(fmt: str, base: str) -> Path:
    """Return the file of the whole catalogue in `fmt`, written once per catalogue version.

    At 100,000 projects the workbook takes over a minute to write; the whole catalogue is what
    most people download, and it only changes when the catalogue (or the day) does.
    """
    key = hashlib.sha256(
        json.dumps(
            [catalogue_version(), str(today()), settings.PROJEKTKATALOG_PUBLIC_CONTACTS, base]
        ).encode()
    ).hexdigest()[:24]
    folder = Path(settings.VAR_DIR) / "downloads"
    path = folder / f"{key}.{FORMATS[fmt].extension}"
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob(
            f"*.{FORMATS[fmt].extension}"
        ):  # earlier versions are not served again
            old.unlink(missing_ok=True)
        partial = path.with_suffix(".part")
        partial.write_bytes(_render(fmt, None, base))
        partial.replace(path)  # atomic: a reader never sees half a file
    return path


def download(request, fmt: str):  # type: ignore[no-untyped-def]
    """Return the projects the catalogue page shows for the same filters, in format `fmt`."""
    if fmt not in FORMATS:
        raise Http404
    filters = filters_from_request(request)
    base = request.build_absolute_uri("/").rstrip("/")
    if filters.is_empty():
        response = FileResponse(
            _whole_catalogue_file(fmt, base).open("rb"), content_type=FORMATS[fmt].media_type
        )
    else:
        queryset = projects_filtered(filters, today=today())
        response = HttpResponse(_render(fmt, queryset, base), content_type=FORMATS[fmt].media_type)
    response["Content-Disposition"] = (
        f'attachment; filename="projektkatalog.{FORMATS[fmt].extension}"'
    )
    return response


def _render(fmt: str, queryset, base: str) -> bytes:  # type: ignore[no-untyped-def]
    document = catalogue_export(
        today=today(), contacts=settings.PROJEKTKATALOG_PUBLIC_CONTACTS, projects_queryset=queryset
    )
    return FORMATS[fmt].write(document, base)


def data_dictionary(request):  # type: ignore[no-untyped-def]
    return render(request, "site/data_dictionary.html", {"tables": writers.columns()})


def dcat_catalogue(request):  # type: ignore[no-untyped-def]
    base = request.build_absolute_uri("/").rstrip("/")
    return HttpResponse(dcat.dcat_rdfxml(base), content_type="application/rdf+xml; charset=utf-8")


class ProjectFeed(Feed):
    """New and changed projects, newest first."""

    feed_type = Atom1Feed
    link = "/"

    def title(self) -> str:
        return f"{settings.PROJEKTKATALOG_PUBLISHER}: projekt och samarbeten"

    def subtitle(self) -> str:
        return "Nya och ändrade projekt i katalogen"

    def items(self):  # type: ignore[no-untyped-def]
        return m.Project.objects.public().order_by("-updated_at", "slug")[:50]

    def item_title(self, item) -> str:  # type: ignore[no-untyped-def]
        return item.title

    def item_description(self, item) -> str:  # type: ignore[no-untyped-def]
        return item.description[:1000]

    def item_link(self, item) -> str:  # type: ignore[no-untyped-def]
        return f"/projekt/{item.slug}/"

    def item_updateddate(self, item):  # type: ignore[no-untyped-def]
        return item.updated_at

    def item_pubdate(self, item):  # type: ignore[no-untyped-def]
        return item.created_at
