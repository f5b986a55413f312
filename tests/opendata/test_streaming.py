"""Streamed exports (read from the database while they are written, a batch of projects at a
time) say exactly what the export document written whole says, byte for byte, in every format
and table, for the whole catalogue and for a filter."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.db.models import QuerySet
from hypothesis import given
from hypothesis import strategies as st

from projektkatalog.catalogue import export_rows
from projektkatalog.catalogue import models as m
from projektkatalog.catalogue.listing import Filters, projects_filtered
from projektkatalog.catalogue.selectors import catalogue_export, catalogue_export_stream
from projektkatalog.opendata import writers
from projektkatalog.opendata.formats import FORMATS, TABLES
from tests.conftest import TODAY

pytestmark = pytest.mark.django_db

BASE = "https://projekt.example.se"
OUTPUTS = {**FORMATS, **TABLES}


def _sheets(data: bytes) -> dict[str, list[tuple[object, ...]]]:
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in book.worksheets}


def _streamed(name: str, **kwargs) -> bytes:  # type: ignore[no-untyped-def]
    out = io.BytesIO()
    OUTPUTS[name].stream(catalogue_export_stream(today=TODAY, **kwargs), BASE, out)
    return out.getvalue()


@pytest.fixture
def small_batches(monkeypatch):  # type: ignore[no-untyped-def]
    """Rows fetched three at a time and projects read in batches of three, so that the streams
    are read in several steps."""
    real = QuerySet.iterator

    def iterator(self, chunk_size=None):  # type: ignore[no-untyped-def]
        return real(self, chunk_size=3)

    monkeypatch.setattr(QuerySet, "iterator", iterator)
    monkeypatch.setattr(export_rows, "BATCH", 3)


@pytest.mark.parametrize("name", sorted(OUTPUTS))
@pytest.mark.parametrize("contacts", [False, True])
def test_the_whole_catalogue_streamed_is_the_document_written(
    demo_catalogue, small_batches, name, contacts
):  # type: ignore[no-untyped-def]
    draft = m.Project.objects.order_by("slug").first()
    draft.state = m.Project.State.DRAFT  # a draft is in neither
    draft.save()
    gone = m.Contact.objects.filter(phones__isnull=False).order_by("id").first()
    gone.left_on = TODAY  # has left: neither shows the person nor their phones
    gone.save()
    whole = catalogue_export(today=TODAY, contacts=contacts)
    people = [c for p in whole["projects"] for c in p.get("contacts", [])]
    assert not contacts or any(c["phones"] for c in people)
    assert len(whole["projects"]) > 6 and whole["quality"]
    expected = OUTPUTS[name].write(whole, BASE)
    streamed = _streamed(name, contacts=contacts)
    if name == "xlsx":  # a workbook's zip carries the time it was written
        assert _sheets(streamed) == _sheets(expected)
        assert ("contacts" in _sheets(streamed)) == contacts
    else:
        assert streamed == expected
    assert draft.slug.encode() not in streamed


@pytest.mark.parametrize("name", sorted(OUTPUTS))
def test_a_filtered_export_streamed_is_the_document_written(demo_catalogue, small_batches, name):  # type: ignore[no-untyped-def]
    queryset = projects_filtered(Filters(statuses=["ended"]), today=TODAY)
    chosen = catalogue_export(today=TODAY, contacts=False, projects_queryset=queryset)
    assert 0 < len(chosen["projects"]) < m.Project.objects.count()
    expected = OUTPUTS[name].write(chosen, BASE)
    streamed = _streamed(name, contacts=False, projects_queryset=queryset)
    if name == "xlsx":
        assert _sheets(streamed) == _sheets(expected)
    else:
        assert streamed == expected


def test_an_empty_catalogue_streamed(db):  # type: ignore[no-untyped-def]
    for name in OUTPUTS:
        expected = OUTPUTS[name].write(catalogue_export(today=TODAY, contacts=False), BASE)
        streamed = _streamed(name, contacts=False)
        if name != "xlsx":
            assert streamed == expected, name


def test_json_written_as_a_stream_is_json_text():  # type: ignore[no-untyped-def]
    """Streams at any depth, empty ones, and text that needs escaping."""
    data = {
        "a": [],
        "b": iter([]),
        "c": [{"d": iter([1, {"e": 'ö\n"x"'}]), "f": {}}],
        "g": (x for x in [[1, 2], {"h": None}]),
    }
    as_lists = {
        "a": [],
        "b": [],
        "c": [{"d": [1, {"e": 'ö\n"x"'}], "f": {}}],
        "g": [[1, 2], {"h": None}],
    }
    out = io.BytesIO()
    writers.json_stream(data, out)
    assert out.getvalue().decode() == writers.json_text(as_lists)


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_the_operators_backup_streamed_is_the_document_written(demo_catalogue, small_batches, name):  # type: ignore[no-untyped-def]
    """What `projektkatalog export` writes: drafts, contacts and every finding included."""
    draft = m.Project.objects.order_by("slug").first()
    draft.state = m.Project.State.DRAFT
    draft.save()
    whole = catalogue_export(today=TODAY, contacts=True, drafts=True)
    assert draft.slug in {p["id"] for p in whole["projects"]}
    expected = FORMATS[name].write(whole, BASE)
    streamed = _streamed(name, contacts=True, drafts=True)
    if name == "xlsx":
        assert _sheets(streamed) == _sheets(expected)
    else:
        assert streamed == expected
        assert draft.slug.encode() in streamed


@pytest.mark.django_db(transaction=True)
def test_an_export_reads_the_catalogue_as_of_one_moment(demo_catalogue):  # type: ignore[no-untyped-def]
    """On PostgreSQL an edit committed while an export is being written is not half in it."""
    import threading

    from django.db import connection, connections

    from projektkatalog.catalogue.export_rows import read_snapshot

    if connection.vendor != "postgresql":
        pytest.skip("SQLite reads each table as it comes (see read_snapshot); PostgreSQL only")
    before = m.Project.objects.count()

    def add_elsewhere() -> None:  # another connection, as a workspace save would be
        m.Project.objects.create(slug="tillagd-under-tiden", title="Tillagd under tiden")
        connections.close_all()

    with read_snapshot():
        assert m.Project.objects.count() == before
        writer = threading.Thread(target=add_elsewhere)
        writer.start()
        writer.join()
        assert m.Project.objects.count() == before
        assert not m.Project.objects.filter(slug="tillagd-under-tiden").exists()
    assert m.Project.objects.count() == before + 1


# Any JSON value: text of every kind (escapes, non-ASCII, lone control characters), integers
# past 64 bits, floats of every size (orjson writes tiny ones its own way), nesting.
_JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(st.characters(exclude_categories=["Cs"])),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4)
    ),
    max_leaves=20,
)


def _as_streams(value: object) -> object:
    """Return `value` with every list inside a dict made a stream (a generator)."""
    if isinstance(value, dict):
        return {k: (iter(v) if isinstance(v, list) else _as_streams(v)) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_streams(v) for v in value]
    return value


@given(_JSON_VALUES)
def test_json_stream_writes_what_json_dumps_writes(value):  # type: ignore[no-untyped-def]
    cases = [
        (value, value),
        (_as_streams(value), value),
        ({"projects": iter([value, value])}, {"projects": [value, value]}),
    ]
    for written, expected in cases:
        out = io.BytesIO()
        writers.json_stream(written, out)
        assert out.getvalue() == writers.json_text(expected).encode()


def test_json_stream_tiny_and_huge_numbers():  # type: ignore[no-untyped-def]
    """The floats orjson writes differently from json, and integers orjson cannot write."""
    data = {"projects": iter([{"amount": 1.5e-05}, {"amount": 1e-07}, {"n": 2**64}, 1e16])}
    out = io.BytesIO()
    writers.json_stream(data, out)
    assert b"1.5e-05" in out.getvalue() and b"1e-07" in out.getvalue()
    assert out.getvalue().decode() == writers.json_text(
        {"projects": [{"amount": 1.5e-05}, {"amount": 1e-07}, {"n": 2**64}, 1e16]}
    )
