"""The organisations' list a page at a time: every organisation on exactly one page, reached
from the first by its links, the search kept across pages, the cost the same on every page."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from projektkatalog.catalogue import models as m
from projektkatalog.site.views import entities
from tests.support.catalogue import projects_add

pytestmark = pytest.mark.django_db

LINK = re.compile(r'<li><a href="/(?:en/)?organisationer/([^/]+)/">')
NEXT = re.compile(r'<a href="\?([^"]*)" rel="next">')


def _pages(client, address: str) -> list[str]:  # type: ignore[no-untyped-def]
    """Return the pages from `address` on, following each page's link to the next."""
    pages = []
    while True:
        html = client.get(address).content.decode()
        pages.append(html)
        following = NEXT.search(html)
        if following is None:
            return pages
        address = address.split("?")[0] + "?" + following.group(1).replace("&amp;", "&")


@pytest.fixture
def small_pages(monkeypatch, demo_catalogue):  # type: ignore[no-untyped-def]
    projects_add(6)
    monkeypatch.setattr(entities, "ORGANISATIONS_PER_PAGE", 4)


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_every_organisation_is_on_one_page_reached_from_the_first(client, small_pages, prefix):  # type: ignore[no-untyped-def]
    shown = m.Organisation.objects.filter(participations__project__state="published").distinct()
    expected = list(shown.order_by("name", "pk").values_list("slug", flat=True))
    pages = _pages(client, f"{prefix}/organisationer/")
    assert len(pages) == -(-len(expected) // 4) > 2
    listed = [slug for html in pages for slug in LINK.findall(html)]
    assert listed == expected
    total = len(expected)
    for number, html in enumerate(pages, 1):
        assert f">{total} organisation" in html  # the whole count on every page
        assert html.count("<h1>") == 1
        assert ('rel="prev"' in html) == (number > 1)
    assert "– sida 2" in pages[1] or "– page 2" in pages[1]


def test_a_search_is_kept_from_page_to_page(client, small_pages):  # type: ignore[no-untyped-def]
    expected = [
        o.slug
        for o in m.Organisation.objects.filter(name__startswith="extra").order_by("name", "pk")
    ]
    pages = _pages(client, "/organisationer/?q=extra")
    assert len(pages) > 1
    assert [slug for html in pages for slug in LINK.findall(html)] == expected


def test_past_the_last_page_shows_the_last_and_nonsense_the_first(client, small_pages):  # type: ignore[no-untyped-def]
    pages = [LINK.findall(html) for html in _pages(client, "/organisationer/")]
    for asked, shown in (("999", pages[-1]), ("x", pages[0]), ("0", pages[0]), ("-2", pages[0])):
        html = client.get(f"/organisationer/?sida={asked}").content.decode()
        assert LINK.findall(html) == shown, asked


def test_drafts_partners_are_not_listed(client, small_pages):  # type: ignore[no-untyped-def]
    m.Project.objects.filter(slug="extra-projekt-5").update(state="draft")  # alone with org 6
    listed = [slug for html in _pages(client, "/organisationer/") for slug in LINK.findall(html)]
    assert "extra-org-6" not in listed and "extra-org-5" in listed


def test_each_page_costs_the_same_queries(client, small_pages):  # type: ignore[no-untyped-def]
    from django.core.cache import cache

    # The counts come from the listing index, which the first request of a catalogue version
    # builds (an import builds it at its end): not a page's own cost.
    assert client.get("/organisationer/?sida=1").status_code == 200
    counts = []
    for number in (1, 2, 3):
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            assert client.get(f"/organisationer/?sida={number}").status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1] == counts[2] <= 4, counts
