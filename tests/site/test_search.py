"""Table-driven search over the sample data, on SQLite (FTS5) and PostgreSQL alike."""

import datetime as dt

import pytest

from projektkatalog.catalogue.listing import Filters, projects_filtered

CASES = [
    ("erosion", {"life-coast-adapt"}),  # inside "kusterosion"
    ("kusterosion", {"life-coast-adapt"}),
    ("cykel", {"sydkustleden"}),  # inside "cykelled"
    ("malmo", {"sydkustleden", "social-innovation-skane"}),  # without the diacritic
    ("Malmö", {"sydkustleden", "social-innovation-skane"}),
    ("fästingar", {"scand-tick-innovation"}),  # stem "fästing" of "fästingburna"
    ("vätgas", {"the-blue-move-for-green-economy"}),
    ("Östersjöprogrammet", {"scandria2act", "tentacle", "bsr-stars-s3", "smart-blue-regions"}),
    ("Interreg BSR", {"scandria2act", "tentacle", "bsr-stars-s3"}),
    ("Lund University", {"reprounion", "klimatvaxling-i-skane", "matchit"}),  # an alias
    ("European Social Fund", {"matchit"}),
    ("GREAT", {"great-green-region-with-alternative-fuels-for-transport"}),
    ("bredband", {"fiber-till-alla-i-blekinge-och-skane"}),
]


@pytest.mark.parametrize(("query", "expected"), CASES)
def test_search_finds(sample_catalogue, query, expected):
    found = {p.slug for p in projects_filtered(Filters(q=query), today=dt.date(2026, 11, 27))}
    assert expected <= found


@pytest.mark.parametrize("query", ["xyzzy", "kvantdator"])
def test_search_finds_nothing(sample_catalogue, query):
    assert not projects_filtered(Filters(q=query), today=dt.date(2026, 11, 27)).exists()


def test_search_covers_ended_projects(sample_catalogue):
    found = projects_filtered(Filters(q="TENTacle"), today=dt.date(2026, 11, 27))
    assert [p.status for p in found] == ["ended"]
