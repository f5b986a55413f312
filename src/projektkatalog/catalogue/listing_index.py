"""The catalogue's listing index: filters and facet counts in memory, without scanning tables.

Counting every facet with SQL joins the link tables once per facet for every new filter or
search word: at 100,000 projects a cold catalogue page took 1.4 s and a common search word 3 s.
The public listing only changes with the catalogue's version (or the day, for statuses), so
the index holds, once per version and day, arrays of the published projects in listing order
with their links (categories, programmes, organisations with the role, countries, years) and
their funding; a filter is then a mask over those arrays and each facet or sum one
`numpy.bincount`. Search words still go to the database's search index (FTS5 or PostgreSQL),
which returns the matching ids.

Building it reads every link table: 15 s and 770 MiB at 1,000,000 projects. So it is built once
for all processes: the first to need a version and day (the import's end, `projektkatalog warm`,
or else the first request) writes it as files under `settings.LISTING_INDEX_DIR`, and every
worker maps those files (`numpy.load(mmap_mode="r")`): milliseconds to open, and one copy of the
arrays in memory, shared by all workers through the page cache.

The answers are those of `listing.projects_filtered` and `listing.facets_count`, the SQL
definitions, which the tests compare them with.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import hashlib
import itertools
import json
import logging
import os
import shutil
import tempfile
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from django.conf import settings
from django.db import router, transaction
from django.db.models import FloatField
from django.db.models.functions import Cast, Coalesce
from numpy.typing import NDArray

from projektkatalog.catalogue import models as m
from projektkatalog.search import project_search_ids

if TYPE_CHECKING:
    from projektkatalog.catalogue.listing import Filters  # which imports this module

logger = logging.getLogger(__name__)

Ints = NDArray[np.integer[Any]]
# A mask this sparse (one row in SPARSE or fewer) has its links found by binary search.
SPARSE = 64
# Rows and values fit 32 bits (a catalogue of two billion links is not this machine's); years
# and statuses fewer. Half the memory of int64, and half the pages each worker maps.
ROW = np.int32
YEAR_SPAN_MAX = 60  # a facet counts at most 61 years of a project (an open-ended one in error)
ROLES = [role.value for role in m.Participation.Role]  # a participation's role, by its position
# Index folders kept besides the newest one: a worker that read the previous version's name a
# moment ago still finds its files.
KEPT_OLDER = 1
# The arrays' layout, part of each folder's name: code that reads other arrays than the files
# hold (a release during the day) builds its own rather than open them.
LAYOUT = 3


def _columns(rows: Iterable[tuple[int, ...]], width: int) -> list[NDArray[np.int64]]:
    """Return the columns of integer rows, read as a stream (millions of links at 1M)."""
    flat = np.fromiter(itertools.chain.from_iterable(rows), dtype=np.int64)
    table = flat.reshape(-1, width)
    return [table[:, i].copy() for i in range(width)]


def _id_array(ids: Iterable[int] | str) -> NDArray[np.int64]:
    """Return ids (an array, an iterable, or a comma-separated string) as an array."""
    if isinstance(
        ids, np.ndarray
    ):  # the search's word index: a million ids read one by one took 0.16 s
        return ids.astype(np.int64, copy=False)
    if isinstance(ids, str):  # parsed in C: a million ids split into strings took 0.16 s
        return np.fromstring(ids, dtype=np.int64, sep=",")
    return np.fromiter(ids, dtype=np.int64)


@dataclass
class Values:
    """The values of one facet: what a URL names them by and how they are shown, in the facet's
    order among equal counts (name, or category position)."""

    slugs: list[str]
    labels: list[str]

    @cached_property
    def _position(self) -> dict[str, int]:
        return {slug: i for i, slug in enumerate(self.slugs)}

    def indices(self, slugs: list[str]) -> NDArray[np.int64]:
        found = {self._position[s] for s in slugs if s in self._position}
        return np.array(sorted(found), dtype=np.int64)


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

    def counts(self, mask: NDArray[np.bool_]) -> NDArray[np.int64]:
        if mask.all():  # the whole catalogue (its first page, statistics): no rows to pick
            return np.bincount(self.values, minlength=self.size)
        chosen = np.flatnonzero(mask)
        if len(chosen) * SPARSE < len(mask) and self._in_row_order:
            return np.bincount(self.values[self._links_of(chosen)], minlength=self.size)
        return np.bincount(self.values[mask[self.rows]], minlength=self.size)

    @cached_property
    def _in_row_order(self) -> bool:
        return bool(np.all(self.rows[1:] >= self.rows[:-1]))

    def _links_of(self, chosen: Ints) -> NDArray[np.int64]:
        """Return the positions of the links of the rows `chosen`: found by binary search in
        links kept in row order, so that a search matching a few projects of a million counts
        their links without reading the mask of every link (20-35 ms at 5.5 million links)."""
        first = np.searchsorted(self.rows, chosen, side="left")
        lengths = np.searchsorted(self.rows, chosen, side="right") - first
        total = int(lengths.sum())
        if not total:
            return np.zeros(0, dtype=np.int64)
        starts = np.repeat(first - (np.cumsum(lengths) - lengths), lengths)
        return np.arange(total, dtype=np.int64) + starts


def _row_of_id(ids: NDArray[np.int64]) -> Ints:
    """Return each project id's row (-1: not listed), indexed by id: as long as the largest
    listed id, and the one way the index finds a project's row."""
    row_of_id = np.full(int(np.max(ids)) + 1 if len(ids) else 0, -1, dtype=ROW)
    row_of_id[ids] = np.arange(len(ids), dtype=ROW)
    return row_of_id


def _rows_at(row_of_id: Ints, ids: Ints) -> NDArray[np.int64]:
    """Return the row of each of the project `ids` (-1 where it is not listed)."""
    inside = (ids >= 0) & (ids < len(row_of_id))
    rows = np.full(len(ids), -1, dtype=np.int64)
    rows[inside] = row_of_id[ids[inside]]
    return rows


def _positions(keys: Ints, wanted: Ints) -> NDArray[np.int64]:
    """Return where each of `wanted` is in `keys` (-1 where it is not), by binary search."""
    if not len(keys):
        return np.full(len(wanted), -1, dtype=np.int64)
    order = np.argsort(keys, kind="stable")
    at = np.minimum(np.searchsorted(keys[order], wanted), len(keys) - 1)
    found = keys[order][at] == wanted
    return np.where(found, order[at], -1)


FACETS = ("kategori", "program", "organisation", "land")


class ListingIndex:
    """The published projects of one catalogue version on one day, in listing order.

    Made from named arrays and a small description of them (`meta`: each facet's values, the
    first year, the funding's kinds and currencies), as built from the database or read back
    from the index's files: the same object either way.
    """

    def __init__(self, arrays: dict[str, Any], meta: dict[str, Any]) -> None:
        self.ids: NDArray[np.int64] = arrays["ids"]
        self.status: Ints = arrays["status"]
        self.start_year: Ints = arrays["start_year"]
        self.end_year: Ints = arrays["end_year"]
        self.values = {key: Values(*meta["values"][key]) for key in FACETS}
        self.links = {
            key: Links(arrays[f"{key}_rows"], arrays[f"{key}_values"], len(self.values[key].slugs))
            for key in FACETS
        }
        # The role of each organisation link (a position in ROLES), beside links["organisation"].
        self.roles: Ints = arrays["organisation_roles"]
        self.year_base: int = meta["year_base"]
        self.year_links = Links(arrays["year_rows"], arrays["year_values"], meta["year_size"])
        self.funding_groups: list[tuple[str, str]] = [tuple(g) for g in meta["funding_groups"]]
        self.funding = Links(
            arrays["funding_rows"], arrays["funding_values"], len(self.funding_groups)
        )
        self.funding_amounts: NDArray[np.float64] = arrays["funding_amounts"]
        # Each row's place in the timeline's order (`listing.timeline_filtered`); -1 for a project without
        # both a start and an end date, which the timeline leaves out.
        self.timeline_rank: Ints = arrays["timeline_rank"]
        # The row of each project id (-1: not listed): as long as the largest listed id.
        self.row_of_id: Ints = arrays["row_of_id"]

    def mask(self, filters: Filters) -> NDArray[np.bool_]:
        """Return which rows match `filters` (each facet: any chosen value; all facets: and)."""
        from projektkatalog.catalogue.listing import STATUSES

        n = len(self.ids)
        mask = np.ones(n, dtype=bool)
        if filters.q:
            found = project_search_ids(m.Project.objects.all(), filters.q)
            mask &= self.rows_of(_id_array(found))
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
                order = present  # ascending: the values' own order
            else:  # most projects first, then by name (countries: by code)
                order = present[np.lexsort((present, -counts[present]))][:limit]
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

    def rows_of(self, ids: NDArray[np.int64]) -> NDArray[np.bool_]:
        """Return which rows are of projects among `ids` (others, drafts say, are not rows):
        a look-up in `row_of_id` for each id, where `numpy.isin` over a million rows sorted
        both sides for every new search (30-50 ms)."""
        marked = np.zeros(len(self.ids), dtype=bool)
        rows = _rows_at(self.row_of_id, ids)
        marked[rows[rows >= 0]] = True
        return marked

    def timeline_ids(self, mask: NDArray[np.bool_], limit: int) -> tuple[int, list[int]]:
        """Return how many rows of `mask` have both dates, and the ids of the first `limit` of
        them in the timeline's order."""
        dated = mask & (self.timeline_rank >= 0)
        total = int(np.count_nonzero(dated))
        rows = np.flatnonzero(dated)
        ranks = self.timeline_rank[rows]
        if len(rows) > limit:
            first = np.argpartition(ranks, limit - 1)[:limit]
            rows, ranks = rows[first], ranks[first]
        return total, [int(i) for i in self.ids[rows[np.argsort(ranks, kind="stable")]]]

    def funding_totals(self, mask: NDArray[np.bool_]) -> list[tuple[str, str, float]]:
        """Return the sum of the funding amounts of the rows of `mask` per kind and currency
        (kind, currency, total), for the kinds and currencies they have."""
        chosen = mask[self.funding.rows]
        totals = np.bincount(
            self.funding.values[chosen],
            weights=self.funding_amounts[chosen],
            minlength=self.funding.size,
        )
        counts = self.funding.counts(mask)
        return [
            (kind, currency, float(totals[i]))
            for i, (kind, currency) in enumerate(self.funding_groups)
            if counts[i]
        ]

    def roles_of(self, organisation: str, mask: NDArray[np.bool_]) -> dict[str, int]:
        """Return how many of the rows of `mask` the organisation (a slug) takes part in, per
        role."""
        links = self.links["organisation"]
        chosen = self.values["organisation"].indices([organisation])
        if not len(chosen):
            return {}
        own = (links.values == chosen[0]) & mask[links.rows]
        counts = np.bincount(self.roles[own], minlength=len(ROLES))
        return {role: int(counts[i]) for i, role in enumerate(ROLES) if counts[i]}


def _values_and_links(
    table: list[tuple[int, str, str]], projects: Ints, targets: Ints, row_of_id: Ints
) -> tuple[list[list[str]], NDArray[np.int64], Ints, Ints]:
    """Return the facet's values (`table`: id, slug, label in the facet's tie order) and its
    links from (project id, value id) pairs: which pairs are kept (a listed, published project
    and a known value) in the order of their rows, and their rows and value positions.

    In the order of the rows, so that picking the links of a mask's rows reads the mask
    forwards (a third less time than in the link tables' own order, at 1,000,000 projects)."""
    rows = _rows_at(row_of_id, projects)
    values = _positions(np.array([pk for pk, _, _ in table], dtype=np.int64), targets)
    kept = np.flatnonzero((rows >= 0) & (values >= 0))
    kept = kept[np.argsort(rows[kept], kind="stable")]
    described = [[slug for _, slug, _ in table], [label for _, _, label in table]]
    return described, kept, rows[kept].astype(ROW), values[kept].astype(ROW)


def _index_read(today: dt.date) -> tuple[dict[str, NDArray[Any]], dict[str, Any]]:
    """Return the index's arrays and their description, read from the database."""
    from projektkatalog.catalogue.listing import Filters, projects_filtered

    arrays: dict[str, NDArray[Any]] = {}
    meta: dict[str, Any] = {"values": {}}
    # Every column a number (the status as its position in STATUSES, as `status_rank`; -1 for
    # an unknown year), read straight into arrays rather than through a Python list a column
    # (a million rows: the builder's peak is what a worker building the index reaches).
    listed = (
        projects_filtered(Filters(), today=today)
        .annotate(first=Coalesce("start_year", -1), last=Coalesce("end_year", -1))
        .values_list("id", "status_rank", "first", "last")
    )
    rows = np.fromiter(
        listed.iterator(chunk_size=20000),
        dtype=[("id", np.int64), ("status", np.int8), ("start", np.int16), ("end", np.int16)],
    )
    arrays["ids"] = ids_array = rows["id"].copy()
    arrays["row_of_id"] = row_of_id = _row_of_id(ids_array)
    arrays["status"] = rows["status"].copy()
    arrays["start_year"] = rows["start"].copy()
    arrays["end_year"] = rows["end"].copy()
    del rows

    categories = [
        (c.pk, c.slug, c.name) for c in m.Category.objects.order_by("position").only("slug", "name")
    ]
    programmes = [
        (p.pk, p.slug, p.short_name or p.name)
        for p in m.Programme.objects.order_by("name").only("slug", "short_name", "name")
    ]
    organisations = list(m.Organisation.objects.order_by("name").values_list("id", "slug", "name"))
    sources = {
        "kategori": (
            categories,
            m.ProjectCategory.objects.values_list("project_id", "category_id"),
        ),
        "program": (
            programmes,
            m.ProjectProgramme.objects.values_list("project_id", "programme_id"),
        ),
    }
    for key, (table, pairs) in sources.items():
        project, value = _columns(pairs.iterator(chunk_size=50000), 2)
        meta["values"][key], _, arrays[f"{key}_rows"], arrays[f"{key}_values"] = _values_and_links(
            table, project, value, row_of_id
        )
    # Participations with the role's position in ROLES (-1: none of them), coded here: a CASE
    # in SQL made Django convert each of millions of values on the way out.
    role_code = {role: i for i, role in enumerate(ROLES)}
    participations = m.Participation.objects.values_list("project_id", "organisation_id", "role")
    read = np.fromiter(
        (
            (project, organisation, role_code.get(role, -1))
            for project, organisation, role in participations.iterator(chunk_size=50000)
        ),
        dtype=[("project", np.int64), ("organisation", np.int64), ("role", np.int8)],
    )
    (
        meta["values"]["organisation"],
        kept,
        arrays["organisation_rows"],
        arrays["organisation_values"],
    ) = _values_and_links(organisations, read["project"], read["organisation"], row_of_id)
    arrays["organisation_roles"] = read["role"][kept]
    del read, kept

    # Countries: one pair per project and country of any of its organisations.
    country_of = dict(m.Organisation.objects.exclude(country="").values_list("id", "country"))
    codes = sorted(set(country_of.values()))
    position = {c: i for i, c in enumerate(codes)}
    org_country = np.array(
        [position.get(country_of.get(pk, ""), -1) for pk, _, _ in organisations] or [-1],
        dtype=np.int64,
    )
    countries = org_country[arrays["organisation_values"]]
    keep = countries >= 0
    # Each (row, country) once: as one number a pair, sorted by row, then country.
    row_country = np.sort(
        arrays["organisation_rows"][keep].astype(np.int64) * len(codes) + countries[keep]
    )
    row_country = row_country[np.r_[True, row_country[1:] != row_country[:-1]][: len(row_country)]]
    meta["values"]["land"] = [codes, codes]
    arrays["land_rows"] = (row_country // max(len(codes), 1)).astype(ROW)
    arrays["land_values"] = (row_country % max(len(codes), 1)).astype(ROW)
    del countries, keep, row_country

    _years_read(arrays, meta)
    _funding_read(arrays, meta, row_of_id)
    arrays["timeline_rank"] = _timeline_ranks(row_of_id, len(ids_array), today)
    return arrays, meta


def _timeline_ranks(row_of_id: Ints, listed: int, today: dt.date) -> NDArray[np.int32]:
    """Return each listed project's place in the timeline's order, -1 where it lacks a date:
    the order of `listing.timeline_filtered` (titles in the database's collation), read once
    per index rather than sorting every dated project for each visit (seconds at 1,000,000)."""
    from projektkatalog.catalogue.listing import Filters, timeline_filtered

    dated = timeline_filtered(Filters(), today=today).values_list("id", flat=True)
    rows = _rows_at(row_of_id, np.fromiter(dated.iterator(chunk_size=50000), dtype=np.int64))
    ranks = np.full(listed, -1, dtype=np.int32)
    known = rows >= 0  # every one, as both are read in one snapshot
    ranks[rows[known]] = np.flatnonzero(known)
    return ranks


def _years_read(arrays: dict[str, NDArray[Any]], meta: dict[str, Any]) -> None:
    """One pair per project and year it ran (at most YEAR_SPAN_MAX + 1 of them)."""
    start, end = arrays["start_year"].astype(np.int64), arrays["end_year"].astype(np.int64)
    known = np.flatnonzero((start >= 0) & (end >= 0))
    first = start[known]
    last = np.minimum(end[known], first + YEAR_SPAN_MAX)
    lengths = np.maximum(last - first + 1, 0)
    rows = np.repeat(known, lengths)
    offsets = np.arange(lengths.sum()) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    years = np.repeat(first, lengths) + offsets
    meta["year_base"] = int(years.min()) if len(years) else 0
    meta["year_size"] = int(np.ptp(years)) + 1 if len(years) else 0
    arrays["year_rows"] = rows.astype(ROW)
    arrays["year_values"] = (years - meta["year_base"]).astype(ROW)


def _funding_read(arrays: dict[str, NDArray[Any]], meta: dict[str, Any], row_of_id: Ints) -> None:
    """The funding of the listed projects: each amount's row, kind and currency."""
    group: dict[tuple[str, str], int] = {}
    # The amount as a float by the database: the same value as float() of the decimal, without
    # making a Decimal of each of a million amounts.
    rows = m.Funding.objects.values_list(
        "project_id", "kind", "currency", Cast("amount", FloatField())
    )
    read = np.fromiter(
        (
            (project, group.setdefault((kind, currency), len(group)), amount)
            for project, kind, currency, amount in rows.iterator(chunk_size=50000)
        ),
        dtype=[("project", np.int64), ("group", ROW), ("amount", np.float64)],
    )
    at = _rows_at(row_of_id, read["project"])
    keep = at >= 0
    meta["funding_groups"] = [list(g) for g in group]
    arrays["funding_rows"] = at[keep].astype(ROW)
    arrays["funding_values"] = read["group"][keep]
    arrays["funding_amounts"] = read["amount"][keep]


def _folder(version: str, today: dt.date) -> Path:
    """Return where the index of `version` on `today` is kept (a name that says nothing of the
    catalogue's counts)."""
    key = hashlib.sha256(f"{LAYOUT}|{version}|{today.isoformat()}".encode()).hexdigest()[:32]
    return Path(settings.LISTING_INDEX_DIR) / key


def _index_open(folder: Path) -> ListingIndex | None:
    """Return the index kept in `folder`, its arrays mapped (not read), or None if there is
    none (or it went away while opened: a newer version's writer removed it)."""
    try:
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        arrays = {
            name: np.load(folder / f"{name}.npy", mmap_mode="r", allow_pickle=False)
            for name in meta["arrays"]
        }
    except (OSError, ValueError, KeyError):
        return None
    return ListingIndex(arrays, meta)


def _index_write(folder: Path, arrays: dict[str, NDArray[Any]], meta: dict[str, Any]) -> None:
    """Write the index into `folder` whole or not at all (written aside, then renamed), and
    remove all but the newest of the older versions' folders."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    aside = Path(tempfile.mkdtemp(dir=folder.parent, prefix=".writing-"))
    try:
        for name, array in arrays.items():
            np.save(aside / f"{name}.npy", np.ascontiguousarray(array), allow_pickle=False)
        described = {**meta, "arrays": sorted(arrays)}
        (aside / "meta.json").write_text(json.dumps(described), encoding="utf-8")
        os.chmod(aside, 0o755)  # noqa: S103 - mkdtemp's 0700 would hide it from other users
        aside.rename(folder)
    finally:
        shutil.rmtree(aside, ignore_errors=True)
    older = sorted(
        (p for p in folder.parent.iterdir() if p.is_dir() and p != folder and p.name[0] != "."),
        key=lambda p: p.stat().st_mtime,
        reverse=True,
    )
    for stale in older[KEPT_OLDER:]:
        shutil.rmtree(stale, ignore_errors=True)


@contextmanager
def _building(directory: Path) -> Iterator[None]:
    """Hold the index directory's lock between processes: one builds an index, the others wait
    for its files rather than build the same arrays beside it."""
    directory.mkdir(parents=True, exist_ok=True)
    with open(directory / ".building.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _index_snapshot(today: dt.date) -> tuple[dict[str, NDArray[Any]], dict[str, Any], str]:
    """Return the index's arrays and description with the catalogue version they are of: one
    snapshot of the tables (SQLite), not one per query, where the request reads."""
    from projektkatalog.catalogue.selectors import catalogue_version

    with transaction.atomic(using=router.db_for_read(m.Project)):
        version = catalogue_version()
        arrays, meta = _index_read(today)
    return arrays, meta, version


def _index_build(*, version: str, today: dt.date) -> ListingIndex:
    """Return the index of `version` on `today`: its files if a process has written them, or
    else built from the database here and written for the others (only if the catalogue is
    still at `version`: a write meanwhile makes it another version's index)."""
    folder = _folder(version, today)
    kept = _index_open(folder)
    if kept is not None:
        return kept
    built: tuple[dict[str, NDArray[Any]], dict[str, Any], str] | None = None
    try:
        with _building(folder.parent):
            kept = _index_open(folder)  # written by another process while this one waited
            if kept is not None:
                return kept
            built = _index_snapshot(today)
            if built[2] == version:
                _index_write(folder, built[0], built[1])
                kept = _index_open(folder)
                if kept is not None:
                    return kept  # the mapped files; the arrays built here are let go
    except OSError:
        logger.warning("the listing index cannot be kept under %s", folder.parent, exc_info=True)
    arrays, meta, _ = built or _index_snapshot(today)
    return ListingIndex(arrays, meta)


_lock = threading.Lock()
_built: dict[tuple[str, str], ListingIndex] = {}


def listing_index(*, version: str, today: dt.date) -> ListingIndex:
    """Return the index of catalogue `version` on `today`, opened once per process (the last
    one is kept: a new version replaces it) from the files the first process built."""
    key = (version, today.isoformat())
    with _lock:
        if key not in _built:
            _built.clear()
            _built[key] = _index_build(version=version, today=today)
        return _built[key]
