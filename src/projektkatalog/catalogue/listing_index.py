"""The catalogue's listing index: filters and facet counts in memory, without scanning tables.

Counting every facet with SQL joins the link tables once per facet for every new filter or
search word: at 100,000 projects a cold catalogue page took 1.4 s and a common search word 3 s.
The public listing only changes with the catalogue's version (or the day, for statuses), so
each process builds, once per version and day, arrays of the published projects in listing
order with their links (categories, programmes, organisations, countries, years); a filter is
then a mask over those arrays and each facet one `numpy.bincount`. Search words still go to the
database's search index (FTS5 or PostgreSQL), which returns the matching ids.

The answers are those of `listing.projects_filtered` and `listing.facets_count`, the SQL
definitions, which the tests compare them with.
"""

from __future__ import annotations

import datetime as dt
import itertools
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from django.db import router, transaction
from numpy.typing import NDArray

from projektkatalog.catalogue import models as m
from projektkatalog.search import project_search_ids

if TYPE_CHECKING:
    from projektkatalog.catalogue.listing import Filters  # which imports this module

Ints = NDArray[np.int64]
YEAR_SPAN_MAX = 60  # a facet counts at most 61 years of a project (an open-ended one in error)


def _pairs(rows: Iterable[tuple[int, int]]) -> tuple[Ints, Ints]:
    """Return two arrays from (a, b) pairs, read as a stream (millions of links at 1M)."""
    flat = np.fromiter(itertools.chain.from_iterable(rows), dtype=np.int64)
    pairs = flat.reshape(-1, 2)
    return pairs[:, 0].copy(), pairs[:, 1].copy()


def _id_array(ids: Iterable[int] | str) -> Ints:
    """Return ids (an iterable, or a comma-separated string) as an array."""
    if isinstance(ids, str):
        return np.array(ids.split(","), dtype=np.int64) if ids else np.zeros(0, dtype=np.int64)
    return np.fromiter(ids, dtype=np.int64)


@dataclass
class Values:
    """The values of one facet: what a URL names them by, how they are shown, how they sort."""

    slugs: list[str]
    labels: list[str]
    rank: Ints  # position in the facet's order among equal counts (name, or category position)

    def indices(self, slugs: list[str]) -> Ints:
        wanted = set(slugs)
        return np.array([i for i, s in enumerate(self.slugs) if s in wanted], dtype=np.int64)


@dataclass
class Links:
    """Which listing rows have which values of one facet (one pair per project and value)."""

    rows: Ints
    values: Ints
    size: int  # how many values there are

    def rows_having(self, chosen: Ints, n_rows: int) -> NDArray[np.bool_]:
        mask = np.zeros(n_rows, dtype=bool)
        mask[self.rows[np.isin(self.values, chosen)]] = True
        return mask

    def counts(self, mask: NDArray[np.bool_]) -> Ints:
        return np.bincount(self.values[mask[self.rows]], minlength=self.size)


def _positions(keys: Ints, wanted: Ints) -> Ints:
    """Return where each of `wanted` is in `keys` (-1 where it is not), by binary search."""
    if not len(keys):
        return np.full(len(wanted), -1, dtype=np.int64)
    order = np.argsort(keys, kind="stable")
    at = np.minimum(np.searchsorted(keys[order], wanted), len(keys) - 1)
    found = keys[order][at] == wanted
    return np.where(found, order[at], -1)


def _values_and_links(
    table: list[tuple[int, str, str]], links: tuple[Ints, Ints], ids: Ints
) -> tuple[Values, Links]:
    """Return the facet's values (`table`: id, slug, label in the facet's tie order) and its
    links from (project id, value id) pairs, keeping only the listed (published) projects."""
    projects, targets = links
    rows = _positions(ids, projects)
    values = _positions(np.array([pk for pk, _, _ in table], dtype=np.int64), targets)
    keep = (rows >= 0) & (values >= 0)
    facet = Values(
        [slug for _, slug, _ in table],
        [label for _, _, label in table],
        np.arange(len(table), dtype=np.int64),
    )
    return facet, Links(rows[keep], values[keep], len(table))


class ListingIndex:
    """The published projects of one catalogue version on one day, in listing order."""

    def __init__(self, today: dt.date) -> None:
        from projektkatalog.catalogue.listing import STATUSES, Filters, projects_filtered

        listed = projects_filtered(Filters(), today=today).values_list(
            "id", "status", "start_year", "end_year"
        )
        ids, statuses, starts, ends = [], [], [], []
        code = {s: i for i, s in enumerate(STATUSES)}
        for pk, status, start, end in listed.iterator(chunk_size=20000):
            ids.append(pk)
            statuses.append(code[status])
            starts.append(-1 if start is None else start)
            ends.append(-1 if end is None else end)
        self.ids = np.array(ids, dtype=np.int64)
        self.status = np.array(statuses, dtype=np.int64)
        self.start_year = np.array(starts, dtype=np.int64)
        self.end_year = np.array(ends, dtype=np.int64)
        self.values: dict[str, Values] = {}
        self.links: dict[str, Links] = {}
        self._facets_load()
        self._years_load()

    def _facets_load(self) -> None:
        categories = [
            (c.pk, c.slug, c.name)
            for c in m.Category.objects.order_by("position").only("slug", "name")
        ]
        programmes = [
            (p.pk, p.slug, p.short_name or p.name)
            for p in m.Programme.objects.order_by("name").only("slug", "short_name", "name")
        ]
        organisations = list(
            m.Organisation.objects.order_by("name").values_list("id", "slug", "name")
        )
        sources = {
            "kategori": (
                categories,
                m.ProjectCategory.objects.values_list("project_id", "category_id"),
            ),
            "program": (
                programmes,
                m.ProjectProgramme.objects.values_list("project_id", "programme_id"),
            ),
            "organisation": (
                organisations,
                m.Participation.objects.values_list("project_id", "organisation_id"),
            ),
        }
        for key, (table, pairs) in sources.items():
            self.values[key], self.links[key] = _values_and_links(
                table, _pairs(pairs.iterator(chunk_size=50000)), self.ids
            )
        # Countries: one pair per project and country of any of its organisations.
        country_of = dict(m.Organisation.objects.exclude(country="").values_list("id", "country"))
        codes = sorted(set(country_of.values()))
        position = {c: i for i, c in enumerate(codes)}
        org_links = self.links["organisation"]
        org_country = np.array(
            [position.get(country_of.get(pk, ""), -1) for pk, _, _ in organisations] or [-1],
            dtype=np.int64,
        )
        countries = org_country[org_links.values]
        keep = countries >= 0
        country_pairs = np.stack([org_links.rows[keep], countries[keep]])
        if country_pairs.shape[1]:
            country_pairs = np.unique(country_pairs, axis=1)
        self.values["land"] = Values(codes, codes, np.arange(len(codes), dtype=np.int64))
        self.links["land"] = Links(country_pairs[0].copy(), country_pairs[1].copy(), len(codes))

    def _years_load(self) -> None:
        """One pair per project and year it ran (at most YEAR_SPAN_MAX + 1 of them)."""
        known = np.flatnonzero((self.start_year >= 0) & (self.end_year >= 0))
        first = self.start_year[known]
        last = np.minimum(self.end_year[known], first + YEAR_SPAN_MAX)
        lengths = np.maximum(last - first + 1, 0)
        rows = np.repeat(known, lengths)
        offsets = np.arange(lengths.sum()) - np.repeat(np.cumsum(lengths) - lengths, lengths)
        years = np.repeat(first, lengths) + offsets
        self.year_base = int(years.min()) if len(years) else 0
        self.year_links = Links(
            rows, years - self.year_base, int(np.ptp(years)) + 1 if len(years) else 0
        )

    def mask(self, filters: Filters) -> NDArray[np.bool_]:
        """Return which rows match `filters` (each facet: any chosen value; all facets: and)."""
        from projektkatalog.catalogue.listing import STATUSES

        n = len(self.ids)
        mask = np.ones(n, dtype=bool)
        if filters.q:
            found = project_search_ids(m.Project.objects.all(), filters.q)
            mask &= np.isin(self.ids, _id_array(found))
        for key, slugs in (
            ("kategori", filters.categories),
            ("program", filters.programmes),
            ("organisation", filters.organisations),
            ("land", filters.countries),
        ):
            if slugs:
                mask &= self.links[key].rows_having(self.values[key].indices(slugs), n)
        if filters.statuses:
            codes = [STATUSES.index(s) for s in filters.statuses if s in STATUSES]
            mask &= np.isin(self.status, codes)
        if filters.years:
            known = (self.start_year >= 0) & (self.end_year >= 0)
            within = np.zeros(n, dtype=bool)
            for year in filters.years:
                within |= (self.start_year <= year) & (self.end_year >= year)
            mask &= known & within
        return mask

    def facets(
        self, mask: NDArray[np.bool_], *, top: int = 15
    ) -> list[tuple[str, list[tuple[str, str, int]]]]:
        """Return each facet's values with their counts among the rows of `mask`, in the order
        and number `listing.facets_count` gives them."""
        from projektkatalog.catalogue.listing import STATUSES

        def ranked(key: str, limit: int | None) -> list[tuple[str, str, int]]:
            values, counts = self.values[key], self.links[key].counts(mask)
            present = np.flatnonzero(counts)
            if limit is None:  # categories: in their own order
                order = present[np.argsort(values.rank[present], kind="stable")]
            else:  # most projects first, then by name (countries: by code)
                order = present[np.lexsort((values.rank[present], -counts[present]))][:limit]
            return [(values.slugs[i], values.labels[i], int(counts[i])) for i in order]

        statuses = np.bincount(self.status[mask], minlength=len(STATUSES))
        years = self.year_links.counts(mask)
        return [
            ("kategori", ranked("kategori", None)),
            ("status", [(s, s, int(statuses[i])) for i, s in enumerate(STATUSES) if statuses[i]]),
            ("program", ranked("program", top)),
            ("organisation", ranked("organisation", top)),
            ("land", ranked("land", len(self.values["land"].slugs))),
            (
                "ar",
                [
                    (str(self.year_base + i), str(self.year_base + i), int(years[i]))
                    for i in reversed(np.flatnonzero(years))
                ],
            ),
        ]


_lock = threading.Lock()
_built: dict[tuple[str, str], ListingIndex] = {}


def listing_index(*, version: str, today: dt.date) -> ListingIndex:
    """Return the index of catalogue `version` on `today`, built once per process (the last
    one is kept: a new version replaces it)."""
    key = (version, today.isoformat())
    with _lock:
        if key not in _built:
            _built.clear()
            # One snapshot of the tables (SQLite), not one per query, where the request reads.
            with transaction.atomic(using=router.db_for_read(m.Project)):
                _built[key] = ListingIndex(today)
        return _built[key]
