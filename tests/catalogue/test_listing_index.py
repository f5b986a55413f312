"""The listing index answers exactly as the SQL definitions (projects_filtered, facets_count)."""

import datetime as dt
import random
from collections import Counter
from pathlib import Path

import numpy as np
import pytest
from django.db import connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext, override_settings

from projektkatalog.catalogue import listing_index as listing_index_module
from projektkatalog.catalogue import models as m
from projektkatalog.catalogue.listing import (
    STATUSES,
    Filters,
    facets_count,
    listing_page,
    projects_filtered,
    projects_per_value,
    statistics_counted,
    status_expression,
    timeline_filtered,
    timeline_listed,
)
from projektkatalog.catalogue.listing_index import listing_index
from projektkatalog.catalogue.selectors import catalogue_version
from projektkatalog.domain.searching import search_document

TODAY = dt.date(2026, 11, 27)
WORDS = ["kust", "erosion", "vätgas", "cykelväg", "skog", "älv", "hamn", "Malmö"]


def _catalogue(rng: random.Random) -> None:
    """A small catalogue with every shape a listing meets: drafts, open and unknown periods,
    organisations with and without a country, projects with several values of a facet."""
    categories = [
        m.Category.objects.create(name=f"Kategori {i}", slug=f"kategori-{i}", position=3 - i)
        for i in range(4)
    ]
    programmes = [
        m.Programme.objects.create(
            name=f"Program {i}", slug=f"program-{i}", short_name="Kort" if i == 2 else ""
        )
        for i in range(18)
    ]
    organisations = [
        m.Organisation.objects.create(
            name=f"Organisation {i:02d}", slug=f"org-{i}", country=rng.choice(["SE", "DK", ""])
        )
        for i in range(25)
    ]
    for i in range(80):
        start = rng.choice([None, dt.date(2015, 3, 1), dt.date(2020, 1, 1), dt.date(2027, 5, 1)])
        end = rng.choice([None, dt.date(2019, 12, 31), dt.date(2030, 6, 30)])
        if start and end and end < start:
            end = None
        title = f"Projekt {i} om {rng.choice(WORDS)}"
        description = " ".join(rng.sample(WORDS, 3))
        project = m.Project.objects.create(
            slug=f"projekt-{i}",
            title=title,
            description=description,
            kind=rng.choice(["project", "project", "collaboration"]),
            position=rng.randrange(10),
            period_start=start.isoformat() if start else "",
            period_end=rng.choice([end.isoformat(), ".."]) if end else rng.choice(["", ".."]),
            start_date=start,
            end_date=end,
            start_year=start.year if start else None,
            end_year=end.year if end else (2100 if start and rng.random() < 0.2 else None),
            state=rng.choice(["published"] * 5 + ["draft"]),
            search_text=search_document(title, description),
        )
        for k, c in enumerate(rng.sample(categories, rng.randrange(3))):
            m.ProjectCategory.objects.create(project=project, category=c, position=k)
        for k, p in enumerate(rng.sample(programmes, rng.randrange(3))):
            m.ProjectProgramme.objects.create(project=project, programme=p, position=k)
        for k, o in enumerate(rng.sample(organisations, rng.randrange(5))):
            m.Participation.objects.create(project=project, organisation=o, position=k)


def _filters(rng: random.Random) -> Filters:
    def some(values: list, most: int = 2) -> list:  # type: ignore[type-arg]
        return rng.sample(values, rng.randrange(most + 1)) if rng.random() < 0.4 else []

    return Filters(
        q=rng.choice(["", "", "", "kust", "ERÖSION", "väg", "malmo", "zz", "hamn skog"]),
        categories=some([f"kategori-{i}" for i in range(4)] + ["finns-inte"]),
        statuses=some(STATUSES),
        programmes=some([f"program-{i}" for i in range(18)]),
        organisations=some([f"org-{i}" for i in range(25)], 3),
        countries=some(["SE", "DK", "NO"]),
        years=some(list(range(2014, 2032)), 3),
    )


@pytest.mark.django_db
def test_listing_index_answers_as_the_sql_definitions():
    rng = random.Random(5)
    _catalogue(rng)
    for _ in range(150):
        filters = _filters(rng)
        expected = projects_filtered(filters, today=TODAY)
        expected_ids = list(expected.values_list("id", flat=True))
        listing = listing_page(filters, page=1, page_size=500, today=TODAY)
        assert listing.ids == expected_ids, filters
        assert listing.count == len(expected_ids)
        # Each matching project once (the filtered query joins the links, so a project in two
        # chosen categories would count twice in its own status and years).
        once = m.Project.objects.filter(pk__in=expected_ids).annotate(
            status=status_expression(TODAY)
        )
        sql = [(f.key, f.values) for f in facets_count(once, whole=filters.is_empty())]
        assert [(f.key, f.values) for f in listing.facets] == sql, filters
        second = listing_page(filters, page=2, page_size=7, today=TODAY, facets=False)
        assert second.ids == expected_ids[7:14] and second.facets == []


@pytest.mark.django_db
def test_the_timeline_from_the_index_is_the_sql_definitions():
    rng = random.Random(11)
    _catalogue(rng)
    # Two projects with the same start and title: the id decides, in both.
    twin = m.Project.objects.filter(
        state="published", start_date__isnull=False, end_date__isnull=False
    ).first()
    assert twin is not None
    twin.pk, twin.slug = None, "tvilling"
    twin.save()
    for _ in range(100):
        filters = _filters(rng)
        expected = timeline_filtered(filters, today=TODAY)
        limit = rng.choice([1, 5, 30, 500])
        total, projects = timeline_listed(filters, today=TODAY, limit=limit)
        assert total == expected.count(), filters
        assert [(p.pk, p.status) for p in projects] == [
            (p.pk, p.status) for p in expected[:limit]
        ], filters


@pytest.mark.django_db
def test_listing_index_follows_the_catalogue_version():
    rng = random.Random(8)
    _catalogue(rng)
    before = listing_index(version=catalogue_version(), today=TODAY)
    assert listing_index(version=catalogue_version(), today=TODAY) is before
    m.Project.objects.filter(state="published").update(state="draft")
    assert listing_page(Filters(), page=1, page_size=50, today=TODAY).count == 0
    assert listing_index(version=catalogue_version(), today=TODAY) is not before


def _funding_and_roles(rng: random.Random) -> None:
    """Funding in two currencies and roles on the participations, drafts' included."""
    for project in m.Project.objects.all():
        for k in range(rng.randrange(3)):
            m.Funding.objects.create(
                project=project,
                amount=rng.choice(["1000.50", "250000", "0.25", "99999.99"]),
                currency=rng.choice(["SEK", "EUR"]),
                kind=rng.choice(["total", "eu"]),
                position=k,
            )
    for participation in m.Participation.objects.all():
        participation.role = rng.choice(m.Participation.Role.values)
        participation.save(update_fields=["role"])


@pytest.mark.django_db
def test_statistics_answer_as_the_sql_definitions():
    rng = random.Random(11)
    _catalogue(rng)
    _funding_and_roles(rng)
    publisher = "Organisation 03"
    for _ in range(60):
        filters = _filters(rng)
        ids = set(projects_filtered(filters, today=TODAY).values_list("id", flat=True))
        counted = statistics_counted(filters, today=TODAY, publisher=publisher)
        assert counted.count == len(ids), filters
        once = m.Project.objects.filter(pk__in=ids).annotate(status=status_expression(TODAY))
        sql = [(f.key, f.values) for f in facets_count(once, whole=filters.is_empty())]
        assert [(f.key, f.values) for f in counted.facets] == sql, filters
        sums: dict[tuple[str, str], float] = {}
        for kind, currency, amount in m.Funding.objects.filter(project__in=ids).values_list(
            "kind", "currency", "amount"
        ):
            sums[(kind, currency)] = sums.get((kind, currency), 0.0) + float(amount)
        assert {(k, c): pytest.approx(v) for k, c, v in counted.funding} == sums, filters
        roles = Counter(
            m.Participation.objects.filter(
                organisation__name=publisher, project__in=ids
            ).values_list("role", flat=True)
        )
        assert counted.roles == dict(roles), filters
    unknown = statistics_counted(Filters(), today=TODAY, publisher="Ingen sådan")
    assert unknown.roles == {} and unknown.count == m.Project.objects.public().count()


@pytest.fixture
def index_dir(tmp_path):  # type: ignore[no-untyped-def]
    """An index folder of the test's own, and no index opened yet in this process."""
    folder = tmp_path / "listing-index"
    listing_index_module._built.clear()
    with override_settings(LISTING_INDEX_DIR=folder):
        yield folder
    listing_index_module._built.clear()


def _kept(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if p.is_dir()] if folder.exists() else []


@pytest.mark.django_db
def test_another_process_opens_the_index_from_its_files(index_dir):
    rng = random.Random(3)
    _catalogue(rng)
    filters = [_filters(rng) for _ in range(40)]
    built = [listing_page(f, page=1, page_size=500, today=TODAY) for f in filters]
    assert len(_kept(index_dir)) == 1
    listing_index_module._built.clear()  # as a worker that has not opened it yet
    version = catalogue_version()
    with CaptureQueriesContext(connection) as queries:
        index = listing_index(version=version, today=TODAY)
    assert len(queries) == 0  # opened, not read from the tables
    assert isinstance(index.links["organisation"].rows, np.memmap)
    opened = [listing_page(f, page=1, page_size=500, today=TODAY) for f in filters]
    assert opened == built


@pytest.mark.django_db
def test_an_index_of_a_version_that_moved_is_not_kept(index_dir):
    _catalogue(random.Random(4))
    index = listing_index(version="a version the catalogue has left", today=TODAY)
    assert _kept(index_dir) == []
    # ... yet it answered, from the arrays built in this process.
    assert len(index.ids) == m.Project.objects.public().count() > 0
    listing_index(version=catalogue_version(), today=TODAY)
    assert len(_kept(index_dir)) == 1


@pytest.mark.django_db
def test_older_versions_files_are_removed(index_dir):
    _catalogue(random.Random(6))
    version = catalogue_version()
    for day in range(1, 6):
        listing_index(version=version, today=TODAY + dt.timedelta(days=day))
        assert len(_kept(index_dir)) == min(day, 2)  # the newest and the one before it


@pytest.mark.django_db
def test_the_index_answers_where_its_files_cannot_be_written(index_dir):
    _catalogue(random.Random(9))
    index_dir.parent.joinpath("a-file").write_text("not a folder")
    with override_settings(LISTING_INDEX_DIR=index_dir.parent / "a-file" / "listing-index"):
        listing = listing_page(Filters(), page=1, page_size=500, today=TODAY)
    expected = list(projects_filtered(Filters(), today=TODAY).values_list("id", flat=True))
    assert listing.ids == expected


@pytest.mark.django_db
def test_projects_per_value_are_the_lists_counts():
    _catalogue(random.Random(12))
    draft = m.Project.objects.filter(state="draft").first()
    only_draft = m.Programme.objects.create(name="Bara utkast", slug="bara-utkast")
    m.ProjectProgramme.objects.create(project=draft, programme=only_draft, position=9)
    unseen = m.Organisation.objects.create(name="Bara utkast AB", slug="bara-utkast-ab")
    m.Participation.objects.create(project=draft, organisation=unseen, position=9)
    public = m.public_projects("participations__project")
    organisations = m.Organisation.objects.annotate(
        n=Count("participations__project", distinct=True, filter=public)
    ).filter(n__gt=0)
    assert projects_per_value("organisation", today=TODAY) == {o.slug: o.n for o in organisations}
    programmes = m.Programme.objects.annotate(
        n=Count("projects", distinct=True, filter=m.public_projects("projects"))
    ).filter(n__gt=0)
    assert projects_per_value("program", today=TODAY) == {p.slug: p.n for p in programmes}
    # Drafts are not counted: a value with none but drafts is not in the lists.
    assert not {"bara-utkast", "bara-utkast-ab"} & set(projects_per_value("program", today=TODAY))
    assert "bara-utkast-ab" not in projects_per_value("organisation", today=TODAY)


@pytest.mark.parametrize("share", [0.0, 0.0005, 0.005, 0.02, 0.5, 1.0])
def test_facet_counts_of_a_sparse_mask_equal_the_counts_over_every_link(share):
    # A search matching a few projects counts their links by binary search; the answer must be
    # the same as picking every link through the mask, in row order or not.
    rng = np.random.default_rng(7)
    for _ in range(40):
        n, size = int(rng.integers(1, 3000)), int(rng.integers(1, 50))
        n_links = int(rng.integers(0, 8000))
        rows = rng.integers(0, n, n_links).astype(np.int32)
        values = rng.integers(0, size, n_links).astype(np.int32)
        mask = rng.random(n) < share
        expected = np.bincount(values[mask[rows]], minlength=size)
        for ordered in (np.sort(rows), rows):
            links = listing_index_module.Links(ordered, values, size)
            want = np.bincount(values[mask[ordered]], minlength=size)
            assert (links.counts(mask) == want).all()
        assert expected.sum() == np.count_nonzero(mask[rows])


def test_ids_from_a_comma_separated_string():
    """The trigram index and PostgreSQL give a search's ids as one string."""
    as_array = listing_index_module._id_array
    assert as_array("").tolist() == []
    assert as_array("7").tolist() == [7]
    assert as_array("30,1,2000000001").tolist() == [30, 1, 2000000001]
    many = ",".join(str(i) for i in range(0, 300000, 3))
    assert np.array_equal(as_array(many), np.arange(0, 300000, 3))
