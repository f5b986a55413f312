"""The catalogue page: search, facets, chosen filters, pagination."""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import condition

from projektkatalog.catalogue import models as m
from projektkatalog.catalogue.listing import (
    PAGE_SIZE,
    Filters,
    Listing,
    listing_cached,
    status_expression,
)
from projektkatalog.catalogue.selectors import with_listing_relations
from projektkatalog.domain.period_text import period_text
from projektkatalog.domain.rich_text import rich_text_plain
from projektkatalog.domain.searching import highlight_spans, search_terms, snippet
from projektkatalog.site.common import (
    STATUS_LABELS,
    catalogue_last_modified,
    filters_from_request,
    page_number,
    slug_urls,
    today,
)
from projektkatalog.site.views.cached import page_cached

FACET_TITLES = {
    "kategori": gettext_lazy("Kategori"),
    "status": gettext_lazy("Status"),
    "program": gettext_lazy("Program"),
    "organisation": gettext_lazy("Organisation"),
    "land": gettext_lazy("Land"),
    "ar": gettext_lazy("År"),
}


def _query_without(params: list[tuple[str, str]], key: str, value: str) -> str:
    rest = [(k, v) for k, v in params if not (k == key and v == value) and k != "sida"]
    return "?" + urlencode(rest) if rest else "?"


def _query_with(params: list[tuple[str, str]], key: str, value: str) -> str:
    rest = [(k, v) for k, v in params if k != "sida"]
    return "?" + urlencode([*rest, (key, value)])


def _listing(filters: Filters, page: int, day: dt.date) -> Listing:
    return listing_cached(filters, page=page, page_size=PAGE_SIZE, today=day)


@condition(last_modified_func=catalogue_last_modified)
def catalogue(request: HttpRequest) -> HttpResponse:
    return page_cached(request, lambda: _catalogue(request))


def _catalogue(request: HttpRequest) -> HttpResponse:
    filters = filters_from_request(request)
    language = request.LANGUAGE_CODE
    day = today()
    number = page_number(request)
    listing = _listing(filters, number, day)
    page = Paginator(range(listing.count), PAGE_SIZE).get_page(number)
    if page.number != number:  # past the last page: show the last one
        listing = _listing(filters, page.number, day)
    # Rows the loop below dresses with display attributes for the template, beyond the model's.
    by_id: dict[int, Any] = {
        p.pk: p
        for p in with_listing_relations(
            m.Project.objects.filter(pk__in=listing.ids).annotate(status=status_expression(day))
        )
    }
    projects = [by_id[i] for i in listing.ids if i in by_id]
    terms = search_terms(filters.q) if filters.q else []
    project_url = slug_urls("site:project")
    for p in projects:
        p.url = project_url(p.slug)
        p.programme_names = ", ".join(prog.short_name or prog.name for prog in p.programmes.all())
        p.status_label = STATUS_LABELS[p.status]
        p.period_words = period_text(p.period_start or None, p.period_end or None, language)
        p.title_spans = highlight_spans(p.title, terms)
        p.snippet_spans = (
            highlight_spans(snippet(rich_text_plain(p.description), terms), terms) if terms else []
        )
    params = [(k, v) for k, values in request.GET.lists() for v in values if v and k != "sida"]
    facets = []
    chosen = []
    for facet in listing.facets:
        selected = set(request.GET.getlist(facet.key))
        values = []
        for value, label, count in facet.values:
            shown = STATUS_LABELS.get(value, label) if facet.key == "status" else label
            values.append(
                {
                    "value": value,
                    "label": shown,
                    "count": count,
                    "selected": value in selected,
                    "toggle": (_query_without if value in selected else _query_with)(
                        params, facet.key, value
                    ),
                }
            )
            if value in selected:
                chosen.append(
                    {
                        "label": f"{FACET_TITLES[facet.key]}: {shown}",
                        "remove": _query_without(params, facet.key, value),
                    }
                )
        facets.append({"key": facet.key, "title": FACET_TITLES[facet.key], "values": values})
    if filters.q:
        chosen.insert(
            0,
            {
                "label": f"{_('Sökord')}: {filters.q}",
                "remove": _query_without(params, "q", filters.q),
            },
        )
    grouped = not (filters.q or chosen) and listing.count <= PAGE_SIZE
    page_query = urlencode(params)
    return render(
        request,
        "site/catalogue.html",
        {
            "filters": filters,
            "page": page,
            "projects": projects,
            "facets": facets,
            "chosen": chosen,
            "count": listing.count,
            "grouped": grouped,
            "page_query": page_query,
            "ongoing_link": _query_with(
                [(k, v) for k, v in params if k != "status"], "status", "ongoing"
            ),
            "groups": _groups(projects) if grouped else [],
        },
    )


def _groups(projects: list[m.Project]) -> list[dict[str, Any]]:
    """Group a short, unfiltered listing by category in page order; a project may be in two."""
    groups: dict[str, dict[str, Any]] = {}
    for p in projects:
        for category in p.categories.all() or [None]:
            key = category.slug if category else ""
            group = groups.setdefault(
                key,
                {
                    "category": category,
                    "position": category.position if category else 10**6,
                    "projects": [],
                },
            )
            group["projects"].append(p)
    return sorted(groups.values(), key=lambda g: g["position"])
