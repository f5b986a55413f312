"""The listing index answers exactly as the SQL definitions (projects_filtered, facets_count)."""

import datetime as dt
import random

import pytest

from projektkatalog.catalogue import models as m
from projektkatalog.catalogue.listing import (
    STATUSES,
    Filters,
    facets_count,
    listing_page,
    projects_filtered,
    status_expression,
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
def test_listing_index_follows_the_catalogue_version():
    rng = random.Random(8)
    _catalogue(rng)
    before = listing_index(version=catalogue_version(), today=TODAY)
    assert listing_index(version=catalogue_version(), today=TODAY) is before
    m.Project.objects.filter(state="published").update(state="draft")
    assert listing_page(Filters(), page=1, page_size=50, today=TODAY).count == 0
    assert listing_index(version=catalogue_version(), today=TODAY) is not before
