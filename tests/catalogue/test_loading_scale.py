"""Loading at scale: what the loader does differently for large files, with the same result."""

from __future__ import annotations

import json

import pytest

from projektkatalog.catalogue import limits
from projektkatalog.catalogue.sources import SourceError, source_read

MAPPING = {
    "project": {"key": "id", "title": "title"},
    "participants": [{"organisation": "org"}],
}


@pytest.mark.django_db
def test_a_json_list_of_rows_is_not_held_to_the_limits_of_a_page():
    """A JSON list is read a row at a time, so one long line or a large file costs no more
    memory than a row; the same bytes read as a page are refused."""
    rows = [
        {"id": 1, "title": "Kustnära vindkraft", "org": "Lunds universitet", "notes": "a" * 600},
        {"id": 2, "title": "Rena hav", "org": "Region Skåne", "notes": "b" * 600},
    ] * 1000  # one line of some 1.3 million characters
    data = json.dumps(rows).encode()
    assert len(data) > limits.MAX_LINE_CHARS and b"\n" not in data
    record = source_read("rader.json", data, mapping=MAPPING)
    assert [p.title for p in record.projects] == ["Kustnära vindkraft", "Rena hav"]
    with pytest.raises(SourceError) as caught:
        source_read("rader.json", data)
    assert caught.value.code == "line-too-long"
    with pytest.raises(SourceError) as caught:  # a CSV through a mapping is read whole
        source_read("rader.csv", b"id,title,org,notes\n1,A,B," + b"c" * 1_100_000, mapping=MAPPING)
    assert caught.value.code == "line-too-long"


@pytest.mark.django_db
def test_an_import_leaves_the_connections_settings_as_they_were():
    from django.db import connection

    from projektkatalog.catalogue import imports

    def settings() -> int:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA cache_size")
            return int(cursor.fetchone()[0])

    if connection.vendor != "sqlite":
        pytest.skip("SQLite's page cache")
    before = settings()
    seen = []
    store = imports.catalogue_import_batches

    def spying(*args, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(settings())
        return store(*args, **kwargs)

    rows = [{"id": 1, "title": "Rena hav", "org": "Region Skåne"}]
    import unittest.mock

    with unittest.mock.patch.object(imports, "catalogue_import_batches", spying):
        imports.file_import("rader.json", json.dumps(rows).encode(), mapping=MAPPING, comment="t")
    assert seen == [-imports.LOAD_CACHE_KIB]
    assert settings() == before


@pytest.mark.django_db
@pytest.mark.parametrize("fails", [False, True])
def test_an_import_leaves_the_cycle_collectors_threshold_as_it_was(fails):
    import gc
    import unittest.mock

    from projektkatalog.catalogue import imports

    before = gc.get_threshold()
    seen = []
    store = imports.catalogue_import_batches

    def spying(*args, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(gc.get_threshold())
        if fails:
            raise RuntimeError("the disk is full")
        return store(*args, **kwargs)

    rows = [{"id": 1, "title": "Rena hav", "org": "Region Skåne"}]
    with unittest.mock.patch.object(imports, "catalogue_import_batches", spying):
        try:
            imports.file_import(
                "rader.json", json.dumps(rows).encode(), mapping=MAPPING, comment="t"
            )
        except RuntimeError:
            assert fails
    assert seen == [(imports.LOAD_GC_THRESHOLD, *before[1:])]
    assert gc.get_threshold() == before


@pytest.mark.django_db
def test_known_bodies_carry_their_reviewed_aliases_in_name_order():
    from projektkatalog.catalogue import models as m
    from projektkatalog.catalogue.selectors import organisations_known

    havet = m.Organisation.objects.create(name="Havets hus", slug="havets-hus", country="SE")
    fjall = m.Organisation.objects.create(name="Fjällstugan AB", slug="fjallstugan-ab")
    for name, reviewed in (
        ("Hav-huset", True),
        ("Havshuset", False),
        ("Havets Hus i Lysekil", True),
    ):
        m.OrganisationAlias.objects.create(organisation=havet, name=name, reviewed=reviewed)
    m.OrganisationAlias.objects.create(organisation=fjall, name="Fjällstugan", reviewed=False)
    known = [(o.name, o.country, o.aliases) for o in organisations_known()]
    assert known == [
        ("Fjällstugan AB", None, []),
        ("Havets hus", "SE", ["Hav-huset", "Havets Hus i Lysekil"]),
    ]
