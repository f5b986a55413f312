"""On PostgreSQL the listing's search ids are asked as two disjoint halves (substring; full
text without it) or, for a common word, as one OR: both give exactly the projects the search
finds, and the rare word's halves are each answered from their own index."""

from __future__ import annotations

import pytest
from django.db import connection

from projektkatalog.catalogue import models as m
from projektkatalog.domain.searching import search_terms
from projektkatalog.search import postgres, project_search

# Words of the demo catalogue (an inflected form found only by the full text: "kommunen"), a
# word in every project, two terms, a word in none.
QUERIES = ["biogas", "energi", "projekt", "lund univ", "kommunen", "klimat", "zzzz"]


@pytest.fixture
def on_postgresql(demo_catalogue):  # type: ignore[no-untyped-def]
    if connection.vendor != "postgresql":
        pytest.skip("the PostgreSQL search backend")


@pytest.mark.parametrize("common", [0.0, 1.0])
@pytest.mark.parametrize("query", QUERIES)
def test_the_ids_are_the_projects_the_search_finds(on_postgresql, monkeypatch, query, common):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(postgres, "COMMON", common)  # 0.0: always one OR; 1.0: always halves
    found = project_search(m.Project.objects.all(), query)
    expected = sorted(found.values_list("id", flat=True))
    text = postgres.ids(m.Project.objects.all(), search_terms(query))
    assert sorted(int(i) for i in text.split(",") if i) == expected
    assert bool(expected) == (query != "zzzz")


def test_a_rare_word_is_asked_as_two_halves_each_from_its_index(on_postgresql):  # type: ignore[no-untyped-def]
    asked: list[str] = []

    def keep(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        asked.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(keep):
        postgres.ids(m.Project.objects.all(), search_terms("biogas"))
    final = asked[-1]
    assert "UNION ALL" in final and " OR " not in final.split("UNION ALL")[0]
