"""Hostile input: every reader, fuzzed with hypothesis for a bounded number of examples, ends in a
catalogue record or a `SourceError` (one clear line), never another exception. The files that
would hold a worker for minutes (deep nesting, a 50 MB line, a zip bomb disguised as XLSX, a CSV
with a million columns) are refused by the limits in catalogue/limits.py.

The long run is `bench/bench_fuzz.py` (the same strategies, many more examples).
"""

from __future__ import annotations

import csv
import io
import json
import os
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from projektkatalog.catalogue import limits
from projektkatalog.catalogue.sources import SourceError, source_read
from projektkatalog.mappings import mapping_load

# bench/bench_fuzz.py raises the count (and draws new examples each run) for the long run.
EXAMPLES = int(os.environ.get("PROJEKTKATALOG_FUZZ_EXAMPLES", "40"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=EXAMPLES <= 40,  # the suite's examples are the same every run: reproducible
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Pieces real pages are made of, so that the fuzzer reaches the parsers beyond "no projects".
FRAGMENTS = [
    "Projekt och samarbeten",
    "  • ",
    "   Lead Partner: ",
    "Övriga partners: ",
    "Projektperiod: 2019-01-01 – 2022-12-31",
    "Program: Interreg ÖKS",
    "ERDF-medel: EUR 1,5 miljoner",
    "Budget: 3 000 000 kr",
    "Kontakt",
    "Telefon 040-675 00 00",
    "Webb: example.se",
    "Region Skåne",
    "hösten 2020 till juni 2021",
    "\t",
    "\r\n",
    "\n",
    "<script>alert(1)</script>",
]
page_texts = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=40)), min_size=1, max_size=60
).map("".join)

TAGS = ["div", "ul", "ol", "li", "p", "h1", "h2", "h3", "table", "tr", "td", "a", "script", "b"]
html_trees = st.recursive(
    st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=30)),
    lambda inner: st.tuples(
        st.sampled_from(TAGS), st.text(max_size=10), st.lists(inner, max_size=5)
    ).map(lambda t: f'<{t[0]} class="{t[1]}">' + "".join(t[2]) + f"</{t[0]}>"),
    max_leaves=40,
)

cells = st.one_of(st.text(max_size=30), st.sampled_from(FRAGMENTS), st.integers().map(str))
tables = st.lists(st.lists(cells, min_size=1, max_size=8), min_size=1, max_size=15)
json_values = st.recursive(
    st.one_of(
        st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=20)
    ),
    lambda inner: st.one_of(
        st.lists(inner, max_size=5), st.dictionaries(st.text(max_size=10), inner, max_size=5)
    ),
    max_leaves=30,
)
MAPPING = {
    "project": {"title": "namn", "start": "start", "end": "slut", "description": "text"},
    "participants": [{"organisation": "ägare", "role": {"value": "lead"}}],
}


def _outcome(name: str, data: bytes, mapping=None) -> None:  # type: ignore[no-untyped-def]
    try:
        record = source_read(name, data, mapping=mapping)
    except SourceError as error:
        assert str(error).startswith(name)
        assert "\n" not in str(error).strip()
    else:
        assert record.projects


def _csv(rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode()


@FUZZ
@given(text=page_texts)
def test_page_text_never_crashes(db, text):
    _outcome("sida.txt", text.encode())


@FUZZ
@given(data=st.binary(max_size=2000))
def test_any_bytes_as_a_page_never_crash(db, data):
    _outcome("sida.txt", data)


@FUZZ
@given(body=st.lists(html_trees, min_size=1, max_size=4).map("".join))
def test_html_never_crashes(db, body):
    _outcome("sida.html", f"<html><body>{body}</body></html>".encode())


@FUZZ
@given(rows=tables)
def test_csv_through_a_mapping_never_crashes(db, rows):
    _outcome("rader.csv", _csv([["namn", "ägare", "start", "slut", "text"], *rows]), MAPPING)


@FUZZ
@given(rows=tables)
def test_csv_as_our_export_layout_never_crashes(db, rows):
    _outcome("projekt.csv", _csv(rows))


@FUZZ
@given(document=json_values)
def test_json_through_a_mapping_never_crashes(db, document):
    _outcome("rader.json", json.dumps(document).encode(), MAPPING)


@FUZZ
@given(rows=st.lists(st.dictionaries(st.sampled_from(["namn", "ägare", "start", "slut"]), cells)))
def test_json_rows_through_the_shipped_mappings_never_crash(db, rows):
    for name in ("projektbanken-eruf-2014-2020", "interreg-svenska-partners-2021-2027"):
        _outcome("rader.json", json.dumps(rows).encode(), mapping_load(name))


@FUZZ
@given(
    mapping=st.dictionaries(
        st.sampled_from(["project", "participants", "funding", "source", "x"]), json_values
    )
)
def test_any_mapping_never_crashes(db, mapping):
    rows = [{"namn": "Ett projekt", "ägare": "Region Skåne", "start": "2020-01-01"}]
    _outcome("rader.json", json.dumps(rows).encode(), mapping)


def _workbook(rows: list[list[str]]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    book = Workbook()
    for row in rows:
        book.active.append([ILLEGAL_CHARACTERS_RE.sub("", cell) for cell in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@FUZZ
@given(
    rows=tables, flips=st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), max_size=6)
)
def test_damaged_workbooks_never_crash(db, rows, flips):
    data = bytearray(_workbook([["namn", "ägare", "start", "slut", "text"], *rows]))
    for position, value in flips:
        data[position % len(data)] = value
    _outcome("rader.xlsx", bytes(data), MAPPING)
    _outcome("projekt.xlsx", bytes(data))


def _refused(name: str, data: bytes, code: str, mapping=None) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SourceError) as caught:
        source_read(name, data, mapping=mapping)
    assert caught.value.code == code, str(caught.value)


def test_a_line_of_50_mb_is_refused(db):
    _refused("sida.txt", b"Projekt\n" + b"a b " * (50 * 2**20 // 4 - 4), "line-too-long")


def test_a_file_over_the_size_limit_is_refused(db):
    _refused("sida.txt", b"ab\n" * (limits.MAX_FILE_BYTES // 3 + 1), "too-large")


def test_a_csv_with_a_million_columns_is_refused(db):
    header = ",".join(f"k{i}" for i in range(1_000_000)).encode()
    _refused("rader.csv", header + b"\n1,2\n", "line-too-long", MAPPING)
    narrow = ",".join(["k"] * 5000).encode()  # under the line limit, over the column limit
    _refused("rader.csv", narrow + b"\n1,2\n", "too-many-columns", MAPPING)


def test_a_zip_bomb_disguised_as_a_workbook_is_refused(db):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        row = b'<row><c t="inlineStr"><is><t>' + b"A" * 1000 + b"</t></is></c></row>"
        z.writestr(
            "xl/worksheets/sheet1.xml",
            b"<worksheet><sheetData>" + row * 300_000 + b"</sheetData></worksheet>",
        )
    assert len(out.getvalue()) < 2 * 2**20  # small on the wire, 300 MB unpacked
    _refused("rader.xlsx", out.getvalue(), "archive-too-large", MAPPING)
    _refused("projekt.xlsx", out.getvalue(), "archive-too-large")


def test_deeply_nested_html_is_read_without_crashing(db):
    page = "<html><body>" + "<div><ul><li>" * 30_000 + "Projekt" + "</li></ul></div>" * 30_000
    _outcome("djup.html", (page + "</body></html>").encode())


def test_a_real_workbook_is_still_read(db):
    rows = [
        ["namn", "ägare", "start", "slut"],
        ["Havets skafferi", "Region Skåne", "2020-01-01", "2022-12-31"],
    ]
    record = source_read("rader.xlsx", _workbook(rows), mapping=MAPPING)
    assert [p.title for p in record.projects] == ["Havets skafferi"]
