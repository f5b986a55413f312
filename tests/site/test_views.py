"""Every public page with the sample data, through the Django test client."""

import gzip
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

PAGES = [
    "/",
    "/?q=erosion",
    "/?q=xyzzy",
    "/?status=ended&kategori=miljo-och-klimat",
    "/?sida=2",
    "/projekt/matchit/",
    "/projekt/great-green-region-with-alternative-fuels-for-transport/",
    "/organisationer/",
    "/organisationer/?q=lund",
    "/organisationer/region-skane/",
    "/program/",
    "/program/interreg-ostersjoregionen/",
    "/tidslinje/",
    "/tidslinje/?status=ended",
    "/statistik/",
    "/tillganglighet/",
]


@pytest.mark.parametrize("path", PAGES + ["/en" + p for p in PAGES])
def test_page_renders_with_one_h1(client, demo_catalogue, path):
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    assert len(re.findall(r"<h1[\s>]", html)) == 1
    assert 'href="#main"' in html
    assert "Tillgänglighetsredogörelse" in html or "Accessibility statement" in html


def _queries(client, path):  # type: ignore[no-untyped-def]
    from django.core.cache import cache

    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


@pytest.mark.parametrize("path", ["/", "/?q=projekt", "/?status=ended"])
def test_catalogue_query_count_is_bounded(client, demo_catalogue, path):
    """The number of queries does not grow with the number of projects (no N+1)."""
    from tests.conftest import catalogue_load, invented_page

    _queries(client, path)  # the process's first search reads the search's word list once
    before = _queries(client, path)
    # A fixed handful: version, page, facets, relations; a search also reads the state of the
    # word list and its log of written projects in a transaction of its own (search/sqlite_words).
    assert before <= 26
    catalogue_load(invented_page(5), "fler.txt")  # more projects, organisations and categories
    _queries(client, path)
    assert _queries(client, path) == before


def test_catalogue_lists_every_project_grouped(client, demo_catalogue):
    html = client.get("/").content.decode()
    assert '<p role="status" class="count">16 projekt</p>' in html
    for heading in ("Hälsa och vård", "Infrastruktur", "Miljö och klimat", "Samarbeten"):
        assert heading in html
    assert html.count('href="/projekt/sydkustleden/"') == 1


def test_a_project_in_two_categories_is_listed_under_both(client, demo_catalogue):
    from tests.conftest import TWO_CATEGORIES_PAGE, catalogue_load

    catalogue_load(TWO_CATEGORIES_PAGE, "teman.txt")
    html = client.get("/").content.decode()
    assert html.count('href="/projekt/solceller-pa-skoltak/"') == 2
    assert html.count('href="/projekt/sydkustleden/"') == 1  # the demo's projects are as they were


def test_filters_are_shown_and_removable(client, demo_catalogue):
    html = client.get("/?status=ended&kategori=miljo-och-klimat").content.decode()
    assert "Status: Avslutat" in html
    assert 'href="?kategori=miljo-och-klimat"' in html  # removing the status filter keeps the other


def test_no_results(client, demo_catalogue):
    assert "Inga projekt hittades" in client.get("/?q=xyzzy").content.decode()
    assert "No projects found" in client.get("/en/?q=xyzzy").content.decode()


def test_project_page(client, demo_catalogue):
    html = client.get("/projekt/scand-tick-innovation/").content.decode()
    assert "Medfinansieras av Europeiska unionen" in html
    assert "<details" in html and "Visa kontaktuppgifter" in html
    assert 'href="tel:+46401234 56"'.replace(" ", "") in html and "040-12 34 56" in html
    assert '"@type": "Project"' in html
    bsr = client.get("/projekt/bsr-stars-s3/").content.decode()
    assert "1 maj 2016 – 30 april 2019" in bsr
    tillvaxt = client.get("/projekt/tillvaxtskapande-stadskvaliteter-i-skane/").content.decode()
    assert "2018 – sommaren 2019" in tillvaxt


def test_a_web_address_that_is_only_a_name_is_not_a_link(client, demo_catalogue):
    """A "Webb:" line naming a site without its address is shown as text, never as a link to a
    relative URL that would lead nowhere."""
    from tests.conftest import catalogue_load

    catalogue_load(
        "Leder\n\nProjekt\n\n • Friluftsliv\n  • Kustleden i väst\n"
        "   En påhittad vandringsled längs kusten.\n   Webb: Kustleden\n",
        "leder.txt",
    )
    html = client.get("/projekt/kustleden-i-vast/").content.decode()
    assert "Kustleden <span" in html and 'href="Kustleden"' not in html


def test_english_project_text_is_marked(client, demo_catalogue):
    html = client.get("/projekt/matchit/").content.decode()
    assert '<h1 lang="en">MatchIT</h1>' in html
    assert '<div lang="en">' in html


def test_english_interface(client, demo_catalogue):
    html = client.get("/en/projekt/bsr-stars-s3/").content.decode()
    assert '<html lang="en">' in html
    assert "May 1, 2016 – April 30, 2019" in html
    assert (
        "Show contact details" in client.get("/en/projekt/scand-tick-innovation/").content.decode()
    )


def test_organisation_page(client, demo_catalogue):
    html = client.get("/organisationer/region-skane/").content.decode()
    assert "Vanligaste samarbetspartner" in html
    assert "Lunds universitet" in html


def test_not_found_in_site_design(client, demo_catalogue):
    response = client.get("/projekt/finns-inte/")
    assert response.status_code == 404
    assert "Sidan finns inte" in response.content.decode()


def test_sitemap_and_robots(client, demo_catalogue):
    sitemap = client.get("/sitemap.xml")
    assert sitemap["Content-Type"].startswith("application/xml")
    assert "/projekt/matchit/" in sitemap.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in client.get("/robots.txt").content.decode()


def test_http_caching_and_gzip(client, demo_catalogue):
    first = client.get("/", HTTP_ACCEPT_ENCODING="gzip")
    assert first["Content-Encoding"] == "gzip"
    assert gzip.decompress(first.content).startswith(b"<!doctype html>")
    assert first.has_header("Last-Modified") and first.has_header("ETag")
    again = client.get("/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert again.status_code == 304


def test_timeline_has_svg_and_table(client, demo_catalogue):
    html = client.get("/tidslinje/").content.decode()
    assert "<svg" in html and 'role="img"' in html and "<table>" in html


def test_statistics_has_charts_and_tables(client, demo_catalogue):
    html = client.get("/statistik/").content.decode()
    assert html.count("<svg") >= 3 and html.count("<table>") >= 4
    assert "Huvudpartner" in html


def test_server_error_page_in_site_design(rf):
    from projektkatalog.site.views.errors import server_error

    response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "<h1>Ett fel uppstod</h1>" in response.content.decode()


def test_the_site_has_an_icon(client, demo_catalogue):
    page = client.get("/").content.decode()
    icon = re.search(r'<link rel="icon" href="([^"]+)" type="image/svg\+xml">', page)
    assert icon, "no icon link"
    moved = client.get("/favicon.ico")
    assert moved.status_code == 301 and moved["Location"] == icon.group(1)
    served = client.get(icon.group(1))
    assert served.status_code == 200 and served["Content-Type"].startswith("image/svg+xml")
