"""A public page costs a fixed number of queries, however large the catalogue: the list pages and
a project page are counted as they are first rendered (nothing in the cache), then again once the
catalogue holds more projects, partners and links. Counts, not timings."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from projektkatalog.catalogue import models as m

pytestmark = pytest.mark.django_db

PAGES = ["/", "/?status=ended", "/organisationer/", "/program/", "/statistik/", "/tidslinje/"]


def _queries(client, path: str) -> int:  # type: ignore[no-untyped-def]
    cache.clear()  # rendered afresh, as after an import
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(captured)


def _grow() -> None:
    """Add projects, each with partners, a programme, a category and a link."""
    programme = m.Programme.objects.first()
    category = m.Category.objects.first()
    organisations = list(m.Organisation.objects.all()[:3])
    for n in range(40):
        project = m.Project.objects.create(
            slug=f"tillagt-{n}", title=f"Tillagt projekt {n}", position=500 + n
        )
        project.projectprogramme_set.create(programme=programme, position=0)
        project.projectcategory_set.create(category=category, position=0)
        for i, organisation in enumerate(organisations):
            project.participations.create(
                organisation=organisation, role="lead" if i == 0 else "partner", position=i
            )
        project.links.create(label="Webbplats", url="https://example.org/", position=0)


def test_list_pages_cost_the_same_queries_for_a_larger_catalogue(client, demo_catalogue):  # type: ignore[no-untyped-def]
    for path in PAGES:
        _queries(client, path)  # the first request of all also reads the content types
    before = {path: _queries(client, path) for path in PAGES}
    _grow()
    for path in PAGES:
        _queries(client, path)  # the first after a change also builds the listing index
    after = {path: _queries(client, path) for path in PAGES}
    assert after == before
    assert before["/"] <= 5, before  # the version, the listing and its page of projects


def test_a_project_page_costs_the_same_queries_however_many_partners(client, demo_catalogue):  # type: ignore[no-untyped-def]
    project = m.Project.objects.public().order_by("slug").first()
    path = project.get_absolute_url()
    _queries(client, path)
    before = _queries(client, path)
    for n, organisation in enumerate(m.Organisation.objects.all()[:8]):
        project.participations.get_or_create(
            organisation=organisation, defaults={"role": "partner", "position": 50 + n}
        )
    project.links.create(label="Mer", url="https://example.org/mer", position=9)
    contact = project.contacts.create(name="Ny Kontakt", position=9)
    contact.phones.create(number="+46 40 123 45", kind="work", position=0)
    assert _queries(client, path) == before
    # The version, then the project with every kind of its parts in one statement.
    assert before == 2, before


def test_a_kept_project_page_costs_one_query(client, demo_catalogue):  # type: ignore[no-untyped-def]
    path = m.Project.objects.public().order_by("slug").first().get_absolute_url()
    _queries(client, path)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    assert len(captured) == 1  # the version (its write token, outside the tests' transaction)
