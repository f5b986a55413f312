"""Table-driven search over our demo catalogue, on SQLite (FTS5) and PostgreSQL alike."""

import datetime as dt

import pytest

from projektkatalog.catalogue.listing import Filters, projects_filtered

CASES = [
    ("erosion", {"life-coast-adapt"}),  # inside "kusterosion"
    ("kusterosion", {"life-coast-adapt"}),
    ("cykel", {"sydkustleden"}),  # inside "cykelled"
    ("malmo", {"sydkustleden"}),  # without the diacritic
    ("Malmö", {"sydkustleden"}),
    ("fästingar", {"scand-tick-innovation"}),  # stem "fästing" of "fästingburna"
    ("biogas", {"great-green-region-with-alternative-fuels-for-transport"}),  # in "flytande biogas"
    ("energisnål", {"lighting-metropolis-green-economy"}),
    (
        "Östersjöprogrammet",
        {
            "scandria2act",
            "tentacle",
            "bsr-stars-s3",
            "baltic-smart-city-areas-for-the-21st-century",
        },
    ),
    (  # the programme's other name: the alias reaches the project that says "Östersjöprogrammet"
        "Interreg BSR",
        {
            "scandria2act",
            "tentacle",
            "bsr-stars-s3",
            "baltic-smart-city-areas-for-the-21st-century",
        },
    ),
    (  # an alias of Lunds universitet
        "Lund University",
        {
            "reprounion",
            "klimatvaxling-i-skane",
            "life-coast-adapt",
            "lighting-metropolis-green-economy",
        },
    ),
    ("European Social Fund", {"matchit"}),
    ("GREAT", {"great-green-region-with-alternative-fuels-for-transport"}),
    ("belysning", {"lighting-metropolis-green-economy"}),
]


@pytest.mark.parametrize(("query", "expected"), CASES)
def test_search_finds(demo_catalogue, query, expected):
    found = {p.slug for p in projects_filtered(Filters(q=query), today=dt.date(2026, 11, 27))}
    assert found == expected


@pytest.mark.parametrize("query", ["xyzzy", "kvantdator"])
def test_search_finds_nothing(demo_catalogue, query):
    assert not projects_filtered(Filters(q=query), today=dt.date(2026, 11, 27)).exists()


def test_search_covers_ended_projects(demo_catalogue):
    found = projects_filtered(Filters(q="TENTacle"), today=dt.date(2026, 11, 27))
    assert [p.status for p in found] == ["ended"]
