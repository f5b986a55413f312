"""Timeline, statistics and the accessibility statement."""

from __future__ import annotations

from collections import Counter, defaultdict

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import condition

from projektkatalog.catalogue.listing import statistics_cached, timeline_listed
from projektkatalog.domain.period_text import period_text
from projektkatalog.site.charts import Bar, Span, bar_chart_svg, timeline_svg
from projektkatalog.site.common import (
    FUNDING_LABELS,
    STATUS_LABELS,
    catalogue_last_modified,
    filters_from_request,
    today,
)
from projektkatalog.site.views.cached import whole_page_cached

TIMELINE_LIMIT = 300


@condition(last_modified_func=catalogue_last_modified)
@whole_page_cached
def timeline(request: HttpRequest) -> HttpResponse:
    total, projects = timeline_listed(
        filters_from_request(request), today=today(), limit=TIMELINE_LIMIT
    )
    spans = [Span(p.title, p.start_date, p.end_date, p.status == "ongoing") for p in projects]
    for p in projects:
        p.period_words = period_text(
            p.period_start or None, p.period_end or None, request.LANGUAGE_CODE
        )
        p.status_label = STATUS_LABELS[p.status]
    svg = timeline_svg(spans, title=_("Projektens perioder över åren"), today=today())
    return render(
        request,
        "site/timeline.html",
        {
            "svg": mark_safe(svg),
            "projects": projects,
            "total": total,
            "shown": len(projects),  # noqa: S308 - built by us, escaped
            "query": request.GET.urlencode(),
        },
    )


@condition(last_modified_func=catalogue_last_modified)
@whole_page_cached
def statistics(request: HttpRequest) -> HttpResponse:
    counted = statistics_cached(
        filters_from_request(request), today=today(), publisher=settings.PROJEKTKATALOG_PUBLISHER
    )
    facets = {f.key: f for f in counted.facets}
    charts = []
    for key, title in (
        ("program", _("Projekt per program")),
        ("kategori", _("Projekt per kategori")),
        ("status", _("Projekt per status")),
        ("ar", _("Aktiva projekt per år")),
    ):
        rows = [
            (STATUS_LABELS.get(v, label) if key == "status" else label, n)
            for v, label, n in facets[key].values
        ]
        if key == "ar":
            rows = sorted(rows)
        charts.append(
            {
                "title": title,
                "rows": rows,
                "svg": mark_safe(
                    bar_chart_svg([Bar(str(label), n) for label, n in rows], title=title)
                ),
            }
        )  # noqa: S308
    totals: dict[tuple[str, str], float] = defaultdict(float)
    for kind, currency, amount in counted.funding:
        totals[(str(FUNDING_LABELS.get(kind, kind)), currency)] += amount
    roles = Counter(counted.roles)
    return render(
        request,
        "site/statistics.html",
        {
            "charts": charts,
            "count": counted.count,
            "totals": sorted((k, c, round(v)) for (k, c), v in totals.items()),
            "publisher": settings.PROJEKTKATALOG_PUBLISHER,
            "roles": [
                (_("Huvudpartner"), roles.get("lead", 0)),
                (_("Partner eller annan roll"), sum(n for r, n in roles.items() if r != "lead")),
            ],
        },
    )


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "site/accessibility.html",
        {
            "publisher": settings.PROJEKTKATALOG_PUBLISHER,
            "contact_email": settings.PROJEKTKATALOG_CONTACT_EMAIL,
            "assessed": settings.PROJEKTKATALOG_ACCESSIBILITY_ASSESSED,
        },
    )
