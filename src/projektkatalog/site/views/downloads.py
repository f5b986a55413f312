"""Downloads from the website (the open data's formats live in `opendata/`): the current filter in
every format and table, the CSV on the Web metadata, the Atom feed, the data dictionary and the
DCAT-AP-SE description that dataportal.se harvests."""

from __future__ import annotations

import datetime as dt
import fcntl
import hashlib
import json
import tempfile
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import Max, Min, QuerySet
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    JsonResponse,
    StreamingHttpResponse,
)
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape

from projektkatalog.catalogue import models as m
from projektkatalog.catalogue.listing import projects_filtered
from projektkatalog.catalogue.selectors import catalogue_export_stream, catalogue_version
from projektkatalog.domain.rich_text import rich_text_plain
from projektkatalog.opendata import dcat, writers
from projektkatalog.opendata.addresses import base_url
from projektkatalog.opendata.formats import FORMATS, TABLES, Output
from projektkatalog.opendata.summaries import summary_sentences
from projektkatalog.site.common import filters_from_request, today

CSVW_MEDIA_TYPE = "application/csvm+json"


@cache
def _writers_fingerprint() -> str:
    """Return a hash of the open-data package's code and dictionary.

    Part of a cached file's key, so that a new version of a writer is never answered with a
    file an older one wrote.
    """
    folder = Path(writers.__file__).parent
    digest = hashlib.sha256()
    for f in sorted([*folder.glob("*.py"), *folder.glob("data/*.toml")]):
        digest.update(f.read_bytes())
    return digest.hexdigest()


def _request_base(request: HttpRequest) -> str:
    return base_url(request.build_absolute_uri("/"))


def _whole_catalogue_file(output: Output, name: str, base: str) -> Path:
    """Return the file of the whole catalogue in `output`, written once per catalogue version.

    At 100,000 projects the workbook takes over a minute to write; the whole catalogue is what
    most people download, and it only changes when the catalogue (or the day) does.
    """
    key = hashlib.sha256(
        json.dumps(
            [
                catalogue_version(),
                str(today()),
                settings.PROJEKTKATALOG_PUBLIC_CONTACTS,
                base,
                _writers_fingerprint(),
            ]
        ).encode()
    ).hexdigest()[:24]
    folder = Path(settings.VAR_DIR) / "downloads"
    path = folder / f"{name}-{key}.{output.extension}"
    if path.exists():
        return path
    folder.mkdir(parents=True, exist_ok=True)
    # One writer per file across every worker and process: under load, the requests that
    # arrive while it is written wait for it instead of each writing it again.
    with (folder / f"{name}.{output.extension}.lock").open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not path.exists():
            # What a writer killed mid-file (kill -9, a lost machine) left: under this lock
            # nobody else writes a file of this name, so any part of one is such a leftover.
            for leftover in folder.glob(f"{name}.{output.extension}.*.part"):
                leftover.unlink(missing_ok=True)
            with tempfile.NamedTemporaryFile(
                dir=folder, prefix=f"{name}.{output.extension}.", suffix=".part", delete=False
            ) as part:
                try:
                    _render(output, None, base, part)
                except BaseException:
                    Path(part.name).unlink(missing_ok=True)
                    raise
            for old in folder.glob(f"{name}-*.{output.extension}"):  # earlier versions
                old.unlink(missing_ok=True)  # (a reader that has one open keeps reading it)
            Path(part.name).chmod(0o644)  # as a file written plainly would be, not 0600
            Path(part.name).replace(path)  # atomic: a reader never sees half a file
    return path


def _serve(request: HttpRequest, output: Output, name: str) -> HttpResponseBase:
    """Return the projects the catalogue page shows for the same filters, written by `output`."""
    filters = filters_from_request(request)
    base = _request_base(request)
    # A spreadsheet program that guesses the encoding wants the byte-order mark; RFC 4180
    # readers and CSV on the Web do not, so it is only there when asked for.
    bom = output.csv and request.GET.get("bom") == "1"
    body: IO[bytes]  # streamed to the client from a file, never read into memory whole
    if filters.is_empty():
        body = _whole_catalogue_file(output, name, base).open("rb")
    else:  # written to a temporary file as it is read from the database
        body = tempfile.TemporaryFile()  # noqa: SIM115 - the response closes it when sent
        _render(output, projects_filtered(filters, today=today()), base, body)
        body.seek(0)
    response: HttpResponseBase
    if bom:
        response = StreamingHttpResponse(_with_bom(body), content_type=output.media_type)
    else:
        response = FileResponse(body, content_type=output.media_type)
    response["Content-Disposition"] = f'attachment; filename="{name}.{output.extension}"'
    return response


def download(request: HttpRequest, fmt: str) -> HttpResponseBase:
    """Return the projects the catalogue page shows for the same filters, in format `fmt`."""
    if fmt not in FORMATS:
        raise Http404
    return _serve(request, FORMATS[fmt], "projekt")


def table_download(request: HttpRequest, table: str) -> HttpResponseBase:
    """Return one table beyond the projects (participations, funding, ...) as CSV."""
    if table not in TABLES:
        raise Http404
    return _serve(request, TABLES[table], table)


def csv_metadata(request: HttpRequest) -> JsonResponse:
    """Return the CSV on the Web description of the CSV tables (found next to projekt.csv)."""
    return JsonResponse(
        writers.csvw_metadata(),
        content_type=CSVW_MEDIA_TYPE,
        json_dumps_params={"ensure_ascii": False, "indent": 2},
    )


def _with_bom(body: IO[bytes]) -> Iterator[bytes]:
    with body:
        yield writers.BOM.encode()
        while chunk := body.read(1 << 16):
            yield chunk


def _render(
    output: Output, queryset: QuerySet[m.Project] | None, base: str, out: IO[bytes]
) -> None:
    """Write the projects of `queryset` (the whole catalogue when None) to `out` in `output`,
    read from the database as they are written."""
    document = catalogue_export_stream(
        today=today(), contacts=settings.PROJEKTKATALOG_PUBLIC_CONTACTS, projects_queryset=queryset
    )
    output.stream(document, base, out)


def data_dictionary(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "site/data_dictionary.html",
        {
            "tables": writers.columns(),
            "formats": FORMATS.values(),
            "csv_tables": TABLES.values(),
            "separator": writers.SEPARATOR,
        },
    )


def dcat_catalogue(request: HttpRequest) -> HttpResponse:
    dates = m.Project.objects.public().aggregate(
        issued=Min("created_at"), modified=Max("updated_at")
    )
    return HttpResponse(
        dcat.dcat_rdfxml(
            _request_base(request),
            issued=(dates["issued"] or timezone.now()).date(),
            modified=(dates["modified"] or timezone.now()).date(),
        ),
        content_type="application/rdf+xml; charset=utf-8",
    )


class ProjectFeed(Feed):
    """New and changed projects, newest first; the publisher is the author of every entry."""

    feed_type = Atom1Feed
    link = "/"
    # How long a summary may be: long enough for a few sentences, short enough for a reader.
    summary_length = 600

    def title(self) -> str:
        return f"{settings.PROJEKTKATALOG_PUBLISHER}: projekt och samarbeten"

    def subtitle(self) -> str:
        return "Nya och ändrade projekt i katalogen"

    def author_name(self) -> str:
        return settings.PROJEKTKATALOG_PUBLISHER

    def get_object(self, request: HttpRequest, *args: Any, **kwargs: Any) -> str:
        """Return the site's address: the feed object is shared, so no request state on it."""
        return _request_base(request)

    def author_link(self, base: str) -> str:
        return base + "/"

    def items(self) -> QuerySet[m.Project]:
        return m.Project.objects.public().order_by("-updated_at", "slug")[:50]

    def item_title(self, item: m.Project) -> str:
        return item.title

    def item_description(self, item: m.Project) -> str:
        # Atom says the summary is HTML (type="html"): plain words that look like markup must
        # reach the feed reader escaped, or it would render them (found by the XSS corpus).
        return escape(summary_sentences(rich_text_plain(item.description), self.summary_length))

    def item_link(self, item: m.Project) -> str:
        with translation.override(settings.LANGUAGE_CODE):  # the feed names the Swedish pages
            return str(item.get_absolute_url())

    def item_author_name(self, item: m.Project) -> str:
        return settings.PROJEKTKATALOG_PUBLISHER

    def item_updateddate(self, item: m.Project) -> dt.datetime:
        return item.updated_at

    def item_pubdate(self, item: m.Project) -> dt.datetime:
        return item.created_at
