"""SQLite's word index answers a search exactly as a substring match of the folded text would,
whether the projects were written before the word list was taken, after it, or deleted since;
and falls back (None) where it cannot answer."""

from __future__ import annotations

import random

import pytest
from django.db import connection

from projektkatalog.catalogue import models as m
from projektkatalog.domain.searching import search_document, search_terms
from projektkatalog.search import project_search_ids, sqlite_words

# Invented words: compounds whose parts are words too, digits, and words under a diacritic.
WORDS = [
    "strandäng",
    "ängsmark",
    "markvård",
    "vårdkedja",
    "kedjebrev",
    "solel",
    "elnät",
    "nätverk",
    "verkstad",
    "stadsodling",
    "odlingslott",
    "lotsbåt",
    "båtvarv",
    "varvsö",
    "ö",
    "Gävle",
    "Umeå",
    "3d",
    "x200",
    "ab12cd",
    "tång",
    "tångodling",
    "fyrtorn",
    "tornsvala",
]
QUERIES = [
    "äng",
    "ang",
    "mark",
    "vard",
    "kedja",
    "solel",
    "elnat",
    "natverk",
    "stad",
    "odling",
    "lott",
    "bat",
    "varv",
    "gavle",
    "GÄVLE",
    "umea",
    "x200",
    "b12c",
    "tang",
    "torn",
    "svala",
    "odling tang",
    "mark vard",
    "zzz",
    "fyrtornsvala",
    "ab12cd",
]


@pytest.fixture(autouse=True)
def _sqlite_only() -> None:
    if connection.vendor != "sqlite":
        pytest.skip("the word index is SQLite's")


def _project(rng: random.Random, i: int) -> m.Project:
    title = f"Projekt {i} " + " ".join(rng.sample(WORDS, 2))
    description = " ".join(rng.choice(WORDS) for _ in range(rng.randrange(1, 6)))
    return m.Project.objects.create(
        slug=f"projekt-{i}",
        title=title,
        description=description,
        state=rng.choice(["published", "published", "draft"]),
        search_text=search_document(title, description),
    )


def _expected(query: str) -> list[int]:
    """The definition: every project whose folded text holds every term."""
    terms = search_terms(query)
    return sorted(
        pk
        for pk, text in m.Project.objects.values_list("pk", "search_text")
        if all(t in text for t in terms)
    )


def _answers_as_defined() -> None:
    for query in QUERIES:
        found = sqlite_words.ids(search_terms(query))
        assert found is not None, query
        assert [int(i) for i in found] == _expected(query), query


@pytest.mark.django_db
def test_word_index_answers_as_substrings_before_and_after_the_list(monkeypatch):
    # Stored ids in a small catalogue: some words as bitmaps, some as arrays.
    monkeypatch.setattr(sqlite_words, "FREQUENT_MIN", 3)
    monkeypatch.setattr(sqlite_words, "BITMAP_SPARSEST", 4)
    rng = random.Random(13)
    projects = [_project(rng, i) for i in range(60)]
    _answers_as_defined()  # all written since the migration's (empty) list
    sqlite_words.words_take()
    with connection.cursor() as cursor:
        cursor.execute("SELECT bitmap, count(*) FROM catalogue_search_ids GROUP BY bitmap")
        assert dict(cursor.fetchall()).keys() == {0, 1}  # bitmaps and arrays both
        cursor.execute("SELECT count(*) FROM catalogue_search_written")
        assert cursor.fetchone()[0] == 0
    _answers_as_defined()  # all from the list
    # Written since: a changed text (a word the list lacks), a deleted project, a new one.
    projects[0].search_text = search_document("kvarnhjul", "strandäng")
    projects[0].save(update_fields=["search_text"])
    projects[1].delete()
    m.Project.objects.create(
        slug="ny", title="Ny", state="published", search_text=search_document("Kvarnhjulet")
    )
    QUERIES.append("kvarn")
    try:
        _answers_as_defined()
        sqlite_words.words_take()
        _answers_as_defined()
    finally:
        QUERIES.remove("kvarn")


@pytest.mark.django_db
def test_taking_the_list_leaves_the_projects_as_they_were():
    rng = random.Random(3)
    for i in range(20):
        _project(rng, i)
    before = list(m.Project.objects.order_by("pk").values())
    sqlite_words.words_take()
    assert list(m.Project.objects.order_by("pk").values()) == before


@pytest.mark.django_db
def test_falls_back_where_the_word_index_cannot_answer(monkeypatch):
    rng = random.Random(4)
    for i in range(10):
        _project(rng, i)
    sqlite_words.words_take()
    # A term outside ASCII (the word index's tokenizer need not cut other scripts as we do).
    assert sqlite_words.ids(["москва"]) is None
    # More projects written since the list than a process keeps.
    monkeypatch.setattr(sqlite_words, "WRITTEN_MAX", 3)
    for i in range(10, 15):
        _project(rng, i)
    assert sqlite_words.ids(["mark"]) is None
    # The search still answers, from the trigram index.
    found = project_search_ids(m.Project.objects.all(), "mark")
    assert isinstance(found, str)
    assert sorted(int(i) for i in found.split(",") if i) == _expected("mark")


@pytest.mark.django_db
def test_an_import_takes_the_word_list():
    import json

    from projektkatalog.catalogue.imports import file_import

    rows = [
        {"titel": "Tångodling vid Nordkusten", "org": "Strandby kommun"},
        {"titel": "Fyrtornens framtid", "org": "Hamnby kommun"},
    ]
    mapping = {"project": {"title": "titel"}, "participants": [{"organisation": "org"}]}
    file_import("rader.json", json.dumps(rows).encode(), mapping=mapping, comment="test")
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM catalogue_search_written")
        assert cursor.fetchone()[0] == 0  # the import's projects are in the list, not the log
        cursor.execute("SELECT words FROM catalogue_search_wordlist")
        words = cursor.fetchone()[0].split()
    assert "tangodling" in words and "fyrtornens" in words
    assert [int(i) for i in sqlite_words.ids(["torn"]) or []] == _expected("torn") != []


@pytest.mark.django_db
def test_a_log_written_again_after_a_rollback_is_read_again():
    # A rolled-back write (or a restored copy) can leave the log with rows of the same numbers
    # naming the same project ids with other text: a process that read the first log must not
    # answer from it.
    from django.db import transaction

    rng = random.Random(21)
    for i in range(5):
        _project(rng, i)
    sqlite_words.words_take()

    class Undone(Exception):
        pass

    with pytest.raises(Undone), transaction.atomic():
        m.Project.objects.create(
            slug="kvarn", title="Kvarn", state="published", search_text=search_document("kvarnhjul")
        )
        found = sqlite_words.ids(["kvarn"])
        assert found is not None and [int(i) for i in found] == _expected("kvarn") != []
        raise Undone
    m.Project.objects.create(
        slug="kvarn", title="Kvarn", state="published", search_text=search_document("vattenhjul")
    )
    found = sqlite_words.ids(["kvarn"])
    assert found is not None and [int(i) for i in found] == _expected("kvarn") == []
    found = sqlite_words.ids(["vatten"])
    assert found is not None and [int(i) for i in found] == _expected("vatten") != []
