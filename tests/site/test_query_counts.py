"""The list pages ask the database a fixed number of questions, however large the catalogue."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from projektkatalog.catalogue import listing_index
from tests.support.catalogue import projects_add

PAGES = [
    "/",
    "/?q=kust",
    "/?program=extra-program&status=ongoing",
    "/organisationer/",
    "/organisationer/?q=extra",
    "/api/v1/projects",
    "/api/v1/projects?q=kust&page=2&page_size=5",
    "/api/v1/organisations",
    "/api/v1/organisations?q=organisation&page=2&page_size=5",
]


def _queries(client, path: str) -> int:  # type: ignore[no-untyped-def]
    """Return how many queries a first request (nothing cached) takes."""
    cache.clear()
    listing_index._built.clear()
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


@pytest.mark.django_db
def test_list_pages_take_as_many_queries_at_any_size(client, demo_catalogue):
    projects_add(5)
    small = {path: _queries(client, path) for path in PAGES}
    projects_add(60, prefix="more")
    large = {path: _queries(client, path) for path in PAGES}
    assert large == small
    assert max(small.values()) <= 25, small


@pytest.mark.django_db
def test_organisation_list_search_ignores_case_and_diacritics(client, demo_catalogue):
    projects_add(3)
    html = client.get("/organisationer/?q=EXTRA ORGANISATION 2").content.decode()
    assert "extra organisation 2" in html and "extra organisation 1<" not in html
    assert "extra organisation 3" not in html
