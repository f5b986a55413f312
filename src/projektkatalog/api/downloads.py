"""Downloads from the website: the current filter in every format, the Atom feed, the data
dictionary and the DCAT-AP-SE description that dataportal.se harvests."""

from __future__ import annotations

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.feedgenerator import Atom1Feed

from projektkatalog.api import dcat, exports
from projektkatalog.catalogue import models as m
from projektkatalog.catalogue.listing import projects_filtered
from projektkatalog.catalogue.selectors import catalogue_export
from projektkatalog.site.common import filters_from_request, today

CONTENT_TYPES = {
    "json": "application/json; charset=utf-8",
    "jsonld": "application/ld+json; charset=utf-8",
    "csv": "application/zip",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
EXTENSIONS = {"json": "json", "jsonld": "jsonld", "csv": "zip", "xlsx": "xlsx"}


def download(request, fmt: str):  # type: ignore[no-untyped-def]
    """Return the projects the catalogue page shows for the same filters, in format `fmt`."""
    if fmt not in CONTENT_TYPES:
        raise Http404
    filters = filters_from_request(request)
    queryset = None if filters.is_empty() else projects_filtered(filters, today=today())
    document = catalogue_export(
        today=today(), contacts=settings.PROJEKTKATALOG_PUBLIC_CONTACTS, projects_queryset=queryset
    )
    base = request.build_absolute_uri("/").rstrip("/")
    if fmt == "json":
        body: bytes = exports.json_text(document).encode()
    elif fmt == "jsonld":
        body = exports.json_text(exports.jsonld_export(document, base)).encode()
    elif fmt == "csv":
        body = exports.csv_export(document, base)
    else:
        body = exports.xlsx_export(document, base)
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="projektkatalog.{EXTENSIONS[fmt]}"'
    return response


def data_dictionary(request):  # type: ignore[no-untyped-def]
    return render(request, "site/data_dictionary.html", {"tables": exports.columns()})


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
