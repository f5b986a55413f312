"""After an import the whole catalogue's first page is already in the shared cache, so the
first visitor does not wait for the listing index; a dry run leaves the cache alone."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from projektkatalog.catalogue import listing
from projektkatalog.catalogue import models as m
from projektkatalog.catalogue.imports import file_import
from projektkatalog.catalogue.labels import today
from projektkatalog.catalogue.listing import PAGE_SIZE, Filters, listing_cached

pytestmark = pytest.mark.django_db

PAGE = "Projekt\n\n • Solceller på skoltak\n   Ett påhittat projekt.\n • Vindkraft i byn\n   Ett till.\n"


def _first_page(monkeypatch: pytest.MonkeyPatch, *, facets: bool) -> listing.Listing:
    def not_computed(*args: object, **kwargs: object) -> listing.Listing:
        raise AssertionError("computed, not taken from the cache")

    with monkeypatch.context() as patched:
        patched.setattr(listing, "listing_page", not_computed)
        return listing_cached(Filters(), page=1, page_size=PAGE_SIZE, today=today(), facets=facets)


def test_an_import_leaves_the_first_page_ready(monkeypatch):
    cache.clear()
    file_import("sida.txt", PAGE.encode(), comment="test")
    for facets in (True, False):
        ready = _first_page(monkeypatch, facets=facets)
        assert ready.count == m.Project.objects.public().count() == 2
        assert sorted(ready.ids) == sorted(m.Project.objects.values_list("id", flat=True))
        assert bool(ready.facets) is facets


def test_a_dry_run_leaves_the_cache_alone(monkeypatch):
    cache.clear()
    file_import("sida.txt", PAGE.encode(), comment="test", dry_run=True)
    assert m.Project.objects.count() == 0
    with pytest.raises(AssertionError, match="computed"):
        _first_page(monkeypatch, facets=True)


def test_an_import_leaves_the_whole_catalogues_statistics_ready(monkeypatch, settings):
    cache.clear()
    file_import("sida.txt", PAGE.encode(), comment="test")

    def not_counted(*args: object, **kwargs: object) -> listing.Statistics:
        raise AssertionError("counted, not taken from the cache")

    monkeypatch.setattr(listing, "statistics_counted", not_counted)
    publisher = settings.PROJEKTKATALOG_PUBLISHER
    ready = listing.statistics_cached(Filters(), today=today(), publisher=publisher)
    assert ready.count == 2 and ready.facets
    with pytest.raises(AssertionError, match="counted"):  # a filter no one asked for yet
        listing.statistics_cached(Filters(statuses=["ended"]), today=today(), publisher=publisher)
