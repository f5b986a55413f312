"""The catalogue listing: filters, facets with counts, search and order, done in the database.

Status is derived from the period in SQL (the same rules as `domain.status.status_derive`, which
a test checks), so that filtering and counting by status scale to a whole country's projects.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any, NamedTuple

import numpy as np
from django.conf import settings
from django.core.cache import cache
from django.db.models import Case, CharField, Count, IntegerField, Q, QuerySet, Value, When

from projektkatalog.catalogue import models as m
from projektkatalog.catalogue.listing_index import listing_index
from projektkatalog.catalogue.selectors import catalogue_version, organisation_ids_matching
from projektkatalog.search import project_search

STATUSES = ["ongoing", "planned", "permanent", "ended", "unknown"]


def status_expression(today: dt.date, prefix: str = "") -> Case:
    """Return the SQL expression of a project's status on `today` (`prefix` reaches the project
    from a related model, e.g. "project__")."""

    def f(name: str, value: object) -> Q:
        return Q(**{prefix + name: value})

    return Case(
        When(f("start_date__gt", today), then=Value("planned")),
        When(f("end_date__lt", today), then=Value("ended")),
        When(f("period_end", ".."), then=Value("permanent")),
        When(f("kind", "collaboration") & f("period_end", ""), then=Value("permanent")),
        When(
            f("end_date__isnull", False)
            & (f("start_date__isnull", True) | f("start_date__lte", today)),
            then=Value("ongoing"),
        ),
        default=Value("unknown"),
        output_field=CharField(),
    )


def _status_rank() -> Case:
    return Case(
        *(When(status=s, then=Value(i)) for i, s in enumerate(STATUSES)),
        output_field=IntegerField(),
    )


@dataclass
class Filters:
    q: str = ""
    categories: list[str] = field(default_factory=list)  # slugs
    statuses: list[str] = field(default_factory=list)
    programmes: list[str] = field(default_factory=list)  # slugs
    organisations: list[str] = field(default_factory=list)  # slugs
    countries: list[str] = field(default_factory=list)
    years: list[int] = field(default_factory=list)

    def is_empty(self) -> bool:
        return not any(
            [
                self.q,
                self.categories,
                self.statuses,
                self.programmes,
                self.organisations,
                self.countries,
                self.years,
            ]
        )


@dataclass
class Facet:
    key: str  # the URL parameter
    values: list[tuple[str, str, int]]  # (value, label, count)


def projects_filtered(filters: Filters, *, today: dt.date) -> QuerySet:
    """Return the projects matching `filters`, annotated with `status`, ongoing first."""
    qs = m.Project.objects.public().annotate(status=status_expression(today))
    if filters.q:
        qs = project_search(qs, filters.q)
    if filters.categories:
        qs = qs.filter(categories__slug__in=filters.categories)
    if filters.statuses:
        qs = qs.filter(status__in=filters.statuses)
    if filters.programmes:
        qs = qs.filter(programmes__slug__in=filters.programmes)
    if filters.organisations:
        qs = qs.filter(participations__organisation__slug__in=filters.organisations)
    if filters.countries:
        qs = qs.filter(participations__organisation__country__in=filters.countries)
    if filters.years:
        year_q = Q()
        for year in filters.years:
            year_q |= Q(start_year__lte=year, end_year__gte=year)
        qs = qs.filter(year_q)
    if any([filters.categories, filters.programmes, filters.organisations, filters.countries]):
        qs = qs.distinct()
    return qs.annotate(status_rank=_status_rank()).order_by("status_rank", "position", "slug")


def facets_count(qs: QuerySet, *, top: int = 15, whole: bool = False) -> list[Facet]:
    """Return the facets of the projects in `qs`, each value with how many projects it has.

    `whole` says that `qs` is the whole catalogue, so the counts need no restriction to it.
    """
    ids = qs.order_by().values("id")
    # Drafts are in the tables but not in `qs`: counting without restriction would count them.
    whole = whole and not m.Project.objects.filter(state=m.Project.State.DRAFT).exists()
    # Links are unique per project and category/programme/organisation (constraints), so
    # plain counts need no DISTINCT.
    categories = (
        m.Category.objects.filter(Q() if whole else Q(projectcategory__project__in=ids))
        .annotate(n=Count("projectcategory"))
        .filter(n__gt=0)
        .order_by("position")
    )
    programmes = (
        m.Programme.objects.filter(Q() if whole else Q(projectprogramme__project__in=ids))
        .annotate(n=Count("projectprogramme"))
        .filter(n__gt=0)
        .order_by("-n", "name")[:top]
    )
    organisations = (
        m.Organisation.objects.filter(Q() if whole else Q(participations__project__in=ids))
        .annotate(n=Count("participations"))
        .filter(n__gt=0)
        .order_by("-n", "name")[:top]
    )
    countries = (
        m.Participation.objects.filter(Q() if whole else Q(project__in=ids))
        .exclude(organisation__country="")
        .values("organisation__country")
        .annotate(n=Count("project", distinct=True))
        .order_by("-n", "organisation__country")
    )
    statuses = Counter(dict(qs.order_by().values_list("status").annotate(n=Count("id"))))
    spans = (
        qs.order_by()
        .exclude(start_year__isnull=True)
        .exclude(end_year__isnull=True)
        .values_list("start_year", "end_year")
        .annotate(n=Count("id"))
    )
    years: Counter[int] = Counter()
    for first, last, n in spans:
        for year in range(first, min(last, first + 60) + 1):
            years[year] += n
    return [
        Facet("kategori", [(c.slug, c.name, c.n) for c in categories]),
        Facet("status", [(s, s, statuses[s]) for s in STATUSES if statuses[s]]),
        Facet("program", [(p.slug, p.short_name or p.name, p.n) for p in programmes]),
        Facet("organisation", [(o.slug, o.name, o.n) for o in organisations]),
        Facet(
            "land",
            [(c["organisation__country"], c["organisation__country"], c["n"]) for c in countries],
        ),
        Facet("ar", [(str(y), str(y), years[y]) for y in sorted(years, reverse=True)]),
    ]


@dataclass
class Listing:
    """One page of the catalogue: how many match, which are on the page, and the facets."""

    count: int
    ids: list[int]
    facets: list[Facet]


def _cache_key(kind: str, parts: list[object]) -> str:
    """Return the shared cache's key of an answer of `kind` made from `parts`."""
    return f"{kind}:" + hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()


def listing_cached(
    filters: Filters, *, page: int, page_size: int, today: dt.date, facets: bool = True
) -> Listing:
    """Return `listing_page`, cached until the catalogue or the date changes.

    The cache is the one all worker processes share (settings CACHES), so a page one worker
    computed is there for the others.
    """
    version = catalogue_version()
    key = _cache_key("listing", [version, str(today), asdict(filters), page, page_size, facets])
    listing = cache.get(key)
    if listing is None:
        listing = listing_page(
            filters, page=page, page_size=page_size, today=today, facets=facets, version=version
        )
        cache.set(key, listing, timeout=24 * 3600)
    return listing


# Projects a page of the catalogue shows: the site's catalogue page and the API's default.
PAGE_SIZE = 50


def listing_warm(*, today: dt.date) -> None:
    """Have the listing index's files of today ready and put the whole catalogue's first page
    (with its facets for the site, without for the API) in the shared cache, so that the first
    visitor after an import does not wait for either.

    Called at the end of an import: the new version makes every cached listing miss at once,
    and the first page of the whole catalogue is what is asked for first; at 100,000 projects
    computing it (the listing index) took seconds, answering it from the cache milliseconds.
    The listing index is made first, whether or not the page was kept: its files are what every
    worker opens for any other filter. The whole catalogue's statistics are kept too: counting
    every facet and sum of a million projects took some 300 ms of a worker, even from the index.
    """
    listing_index(version=catalogue_version(), today=today)
    for facets in (True, False):
        listing_cached(Filters(), page=1, page_size=PAGE_SIZE, today=today, facets=facets)
    statistics_cached(Filters(), today=today, publisher=settings.PROJEKTKATALOG_PUBLISHER)


def listing_page(
    filters: Filters,
    *,
    page: int,
    page_size: int,
    today: dt.date,
    facets: bool = True,
    version: str | None = None,
) -> Listing:
    """Return page `page` (1-based) of the projects matching `filters`, with facet counts, from
    the listing index of the catalogue's version (the same answers as `projects_filtered` and
    `facets_count`, without a join per facet)."""
    index = listing_index(version=version or catalogue_version(), today=today)
    mask = index.mask(filters)
    matching = index.ids[mask]
    start = (page - 1) * page_size
    ids = [int(i) for i in matching[start : start + page_size]]
    counted = [Facet(key, values) for key, values in index.facets(mask)] if facets else []
    return Listing(len(matching), ids, counted)


@dataclass
class Statistics:
    """What the statistics page shows of the projects matching some filters."""

    count: int
    facets: list[Facet]
    funding: list[tuple[str, str, float]]  # (kind, currency, sum of the amounts)
    roles: dict[str, int]  # the publisher's participations, per role


def statistics_counted(
    filters: Filters, *, today: dt.date, publisher: str, top: int = 15, version: str | None = None
) -> Statistics:
    """Return the statistics of the projects matching `filters` from the listing index: the
    same answers as `projects_filtered`, `facets_count` and sums over their funding and the
    publisher's participations, without reading a million funding rows per page (29 s at
    1,000,000 projects in SQL, milliseconds from the index's arrays). `version`, when given,
    is the catalogue version the caller keys what it keeps on (as `listing_page`)."""
    index = listing_index(version=version or catalogue_version(), today=today)
    mask = index.mask(filters)
    # The publisher as the site names it: the first organisation of that name.
    organisation = m.Organisation.objects.filter(name=publisher).values_list("slug", flat=True)
    slug = organisation.first()
    return Statistics(
        count=int(mask.sum()),
        facets=[Facet(key, values) for key, values in index.facets(mask, top=top)],
        funding=index.funding_totals(mask),
        roles=index.roles_of(slug, mask) if slug is not None else {},
    )


def projects_per_value(key: str, *, today: dt.date) -> dict[str, int]:
    """Return how many published projects each value of facet `key` ("organisation",
    "program", "kategori", "land") has, by slug, for the values that have any: the counts of
    the organisation and programme lists, from the listing index's arrays (a COUNT DISTINCT
    per organisation took 9 s at 100,000 projects, the index a bincount)."""
    index = listing_index(version=catalogue_version(), today=today)
    counts = index.links[key].counts(np.ones(len(index.ids), dtype=bool))
    slugs = index.values[key].slugs
    return {slugs[i]: int(counts[i]) for i in np.flatnonzero(counts)}


def timeline_listed(filters: Filters, *, today: dt.date, limit: int) -> tuple[int, list[Any]]:
    """Return how many projects matching `filters` have both a start and an end date, and the
    first `limit` of them by start date, title and id, each annotated with `status`: the
    timeline's rows, from the listing index (counting and sorting the dated projects in SQL took
    3-5 s a filter at 1,000,000 projects). The same rows as `timeline_filtered`, the SQL
    definition the tests compare it with."""
    index = listing_index(version=catalogue_version(), today=today)
    total, ids = index.timeline_ids(index.mask(filters), limit)
    found = m.Project.objects.filter(pk__in=ids).annotate(status=status_expression(today))
    by_id = {project.pk: project for project in found}
    return total, [by_id[pk] for pk in ids if pk in by_id]


def timeline_filtered(filters: Filters, *, today: dt.date) -> QuerySet:
    """Return the projects matching `filters` that have both dates, in the timeline's order: by
    start date, title and id (the listing index keeps each project's place in it)."""
    return (
        projects_filtered(filters, today=today)
        .exclude(start_date__isnull=True)
        .exclude(end_date__isnull=True)
        .order_by("start_date", "title", "id")
    )


class OrganisationListed(NamedTuple):
    """One row of the organisations list."""

    slug: str
    name: str
    country: str
    n: int


def organisations_listed(*, today: dt.date, q: str = "") -> list[OrganisationListed]:
    """Return every organisation with published projects (those whose name or alias holds `q`,
    if given), by name, each with its number of projects as `n`: the organisations list's
    rows, counted from the listing index (a COUNT DISTINCT over every participation cost each
    page of the list 27 s at 100,000 projects, minutes at a million). Plain rows, not model
    objects: the list's pages are slices of all of them, and making 50,000 objects for each
    page took most of a second."""
    counts = projects_per_value("organisation", today=today)
    organisations = m.Organisation.objects.all()
    if q:
        organisations = organisations.filter(pk__in=organisation_ids_matching(q))
    rows = organisations.order_by("name", "pk").values_list("slug", "name", "country")
    return [
        OrganisationListed(slug, name, country, n)
        for slug, name, country in rows.iterator(chunk_size=5000)
        if (n := counts.get(slug))
    ]


def programmes_listed(*, today: dt.date) -> list[m.Programme]:
    """Return every programme with published projects, by name, each with its number of
    projects as `n`, counted from the listing index (as `organisations_listed`)."""
    counts = projects_per_value("program", today=today)
    listed = []
    for programme in m.Programme.objects.order_by("name", "pk"):
        if n := counts.get(programme.slug):
            programme.n = n  # type: ignore[attr-defined]
            listed.append(programme)
    return listed


def statistics_cached(filters: Filters, *, today: dt.date, publisher: str) -> Statistics:
    """Return `statistics_counted`, kept in the shared cache until the catalogue or the date
    changes (as `listing_cached`)."""
    version = catalogue_version()
    key = _cache_key("statistics", [version, str(today), asdict(filters), publisher])
    statistics = cache.get(key)
    if statistics is None:
        # Counted from the version the key names: one read after it could be a newer one.
        statistics = statistics_counted(filters, today=today, publisher=publisher, version=version)
        cache.set(key, statistics, timeout=24 * 3600)
    return statistics
