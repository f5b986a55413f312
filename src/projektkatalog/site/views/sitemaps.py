"""The sitemap search engines read: the address of every public page.

The sitemaps protocol allows at most 50,000 addresses in one file. A catalogue of municipal
size fits in one; one of a country's projects does not, so above that `/sitemap.xml` is an
index of numbered sections, each one slice of the same ordered list of addresses (the fixed
pages, then projects, organisations and programmes, each by slug). Both are kept whole per
catalogue version: at 1,000,000 projects a section's slice is read with an offset.
"""

from __future__ import annotations

from collections.abc import Iterator

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


def _slug_lists() -> list[tuple[str, QuerySet[m.Project, str] | list[str]]]:
    """Each kind of page with a slug, and the slugs of its public pages in a fixed order: the
    projects from the database, the organisations and programmes with published projects from
    the listing index (the join over every participation took seconds at 100,000 projects)."""
    day = today()
    return [
        (
            "site:project",
            m.Project.objects.public().order_by("slug").values_list("slug", flat=True),
        ),
        ("site:organisation", sorted(projects_per_value("organisation", today=day))),
        ("site:programme", sorted(projects_per_value("program", today=day))),
    ]


def _count(slugs: QuerySet[m.Project, str] | list[str]) -> int:
    return slugs.count() if isinstance(slugs, QuerySet) else len(slugs)


def _addresses(start: int, stop: int | None) -> Iterator[str]:
    """The paths at positions start..stop of the whole ordered list (stop None: to its end)."""
    fixed = [reverse(name) for name in FIXED_PAGES]
    yield from fixed[start:stop]
    position = len(fixed)
    for name, slugs in _slug_lists():
        if stop is not None and position >= stop:
            return
        count = _count(slugs)
        if start < position + count:
            begin = max(start - position, 0)
            end = count if stop is None else min(stop - position, count)
            yield from map(slug_urls(name), slugs[begin:end])
        position += count


def _address_count() -> int:
    return len(FIXED_PAGES) + sum(_count(slugs) for _, slugs in _slug_lists())


def _urlset(request: HttpRequest, paths: Iterator[str]) -> HttpResponse:
    return render(
        request,
        "site/sitemap.xml",
        {"urls": [request.build_absolute_uri(path) for path in paths]},
        content_type="application/xml",
    )


def sitemap(request: HttpRequest) -> HttpResponse:
    """Every address in one file, or an index of sections when there are more than SECTION."""
    total = _address_count()
    if total <= SECTION:
        return _urlset(request, _addresses(0, None))
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
    total = _address_count()
    if number < 1 or start >= total or total <= SECTION:
        raise Http404
    return _urlset(request, _addresses(start, start + SECTION))
