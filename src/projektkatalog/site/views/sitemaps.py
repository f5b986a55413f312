"""The sitemap search engines read: the address of every public page.

The sitemaps protocol allows at most 50,000 addresses in one file. A catalogue of municipal
size fits in one; one of a country's projects does not, so above that `/sitemap.xml` is an
index of numbered sections, each one slice of the same ordered list of addresses (the fixed
pages, then projects, organisations and programmes, each by slug). Both are kept whole per
catalogue version: at 1,000,000 projects a section's slice is read with an offset.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from projektkatalog.catalogue import models as m
from projektkatalog.catalogue.listing import projects_per_value
from projektkatalog.site.common import slug_urls, today

SECTION = 50_000  # the protocol's limit of addresses per file
FIXED_PAGES = (
    "site:catalogue",
    "site:organisations",
    "site:programmes",
    "site:timeline",
    "site:statistics",
    "site:accessibility",
)


@dataclass(frozen=True)
class _Kind:
    """One kind of page with a slug: its URL name, its public pages' slugs in a fixed order
    (a query or a list) and how many there are."""

    name: str
    slugs: QuerySet[m.Project, str] | list[str]
    count: int


def _kinds() -> list[_Kind]:
    """The projects from the database, the organisations and programmes with published
    projects from the listing index (the join over every participation took seconds at 100,000
    projects), each counted once."""
    day = today()
    projects = m.Project.objects.public().order_by("slug").values_list("slug", flat=True)
    organisations = sorted(projects_per_value("organisation", today=day))
    programmes = sorted(projects_per_value("program", today=day))
    return [
        _Kind("site:project", projects, projects.count()),
        _Kind("site:organisation", organisations, len(organisations)),
        _Kind("site:programme", programmes, len(programmes)),
    ]


def _address_count(kinds: list[_Kind]) -> int:
    return len(FIXED_PAGES) + sum(kind.count for kind in kinds)


def _addresses(kinds: list[_Kind], start: int, stop: int | None) -> Iterator[str]:
    """The paths at positions start..stop of the whole ordered list (stop None: to its end)."""
    yield from [reverse(name) for name in FIXED_PAGES][start:stop]
    position = len(FIXED_PAGES)
    for kind in kinds:
        if stop is not None and position >= stop:
            return
        if start < position + kind.count:
            begin = max(start - position, 0)
            end = kind.count if stop is None else min(stop - position, kind.count)
            yield from map(slug_urls(kind.name), kind.slugs[begin:end])
        position += kind.count


def _urlset(request: HttpRequest, paths: Iterator[str]) -> HttpResponse:
    return render(
        request,
        "site/sitemap.xml",
        {"urls": [request.build_absolute_uri(path) for path in paths]},
        content_type="application/xml",
    )


def sitemap(request: HttpRequest) -> HttpResponse:
    """Every address in one file, or an index of sections when there are more than SECTION."""
    kinds = _kinds()
    total = _address_count(kinds)
    if total <= SECTION:
        return _urlset(request, _addresses(kinds, 0, None))
    sections = [
        request.build_absolute_uri(reverse("sitemap_section", args=[number]))
        for number in range(1, (total + SECTION - 1) // SECTION + 1)
    ]
    return render(
        request, "site/sitemap_index.xml", {"sections": sections}, content_type="application/xml"
    )


def sitemap_section(request: HttpRequest, number: int) -> HttpResponse:
    """Section `number` (from 1) of the index: addresses SECTION * (number - 1) onwards."""
    start = SECTION * (number - 1)
    kinds = _kinds()
    total = _address_count(kinds)
    if number < 1 or start >= total or total <= SECTION:
        raise Http404
    return _urlset(request, _addresses(kinds, start, start + SECTION))
