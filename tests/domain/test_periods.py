import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from projektkatalog.domain.periods import OPEN, edtf_valid, period_from_prose, period_parse
from projektkatalog.domain.status import status_derive

CASES = [
    ("2015-09-01-2018-08-31", "2015-09-01", "2018-08-31"),
    ("2015-09-01--2018-08-31", "2015-09-01", "2018-08-31"),
    ("2016-05-01 – 2019-04-31", "2016-05-01", "2019-04"),
    ("2015-2019", "2015", "2019"),
    ("2017 - 2020", "2017", "2020"),
    ("1 mars 2016 – 1 mars 2019", "2016-03-01", "2019-03-01"),
    ("April 2016 – Mars 2020", "2016-04", "2020-03"),
    ("1 februari 2019 - 31 januari 2022", "2019-02-01", "2022-01-31"),
    ("Projektet pågår till den 30 september 2020", None, "2020-09-30"),
    ("Projektet beräknas pågå till sommaren 2019.", None, "2019-22"),
    ("2018", "2018", "2018"),
    ("från 2019 och tills vidare", "2019", OPEN),
    ("1.3.2016 - 28.2.2019", "2016-03-01", "2019-02-28"),
    ("March 1, 2016 to February 28, 2019", "2016-03-01", "2019-02-28"),
    ("hösten 2019 – våren 2021", "2019-23", "2021-21"),
    ("2020-01 – 2022-12", "2020-01", "2022-12"),
    ("1. marts 2020 til 31. december 2022", "2020-03-01", "2022-12-31"),
]


@pytest.mark.parametrize(("text", "start", "end"), CASES)
def test_period_parse(text, start, end):
    period = period_parse(text)
    assert period is not None
    assert (period.start, period.end) == (start, end)
    for value in (period.start, period.end):
        assert value is None or edtf_valid(value)


def test_impossible_date_keeps_what_is_certain_and_reports_it():
    period = period_parse("2016-05-01 – 2019-04-31")
    assert period.end == "2019-04"
    assert period.problems and "2019-04-31" in period.problems[0]


def test_no_date_is_none():
    assert period_parse("Projektet pågår") is None


def test_period_from_prose_needs_cue_words():
    period = period_from_prose("genomföras med start 2018 och slut sommaren 2019.")
    assert (period.start, period.end) == ("2018", "2019-22")
    assert period_from_prose("Sedan 1990-talet har regionen ... år 2015 var viktigt") is None


@pytest.mark.parametrize(
    ("start", "end", "kind", "status"),
    [
        ("2015", "2019", "project", "ended"),
        ("2025-01", "2027-12-31", "project", "ongoing"),
        ("2027", "2029", "project", "planned"),
        ("2019", OPEN, "collaboration", "permanent"),
        (None, None, "collaboration", "permanent"),
        (None, None, "project", "unknown"),
        (None, "2026-22", "project", "ended"),
        ("2026-11-27", "2026-11-27", "project", "ongoing"),
    ],
)
def test_status_derive(start, end, kind, status):
    assert status_derive(start, end, kind=kind, today=dt.date(2026, 11, 27)) == status


@given(st.text(max_size=200))
def test_period_parse_never_crashes(text):
    period = period_parse(text)
    if period is not None:
        for value in (period.start, period.end):
            assert value is None or edtf_valid(value)


@given(
    st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2099, 12, 31)),
    st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2099, 12, 31)),
)
def test_iso_ranges_round_trip(a, b):
    period = period_parse(f"{a.isoformat()} – {b.isoformat()}")
    assert (period.start, period.end) == (a.isoformat(), b.isoformat())


@given(
    st.one_of(
        st.integers(1900, 2100).map(str),
        st.tuples(st.integers(1900, 2100), st.integers(1, 12)).map(lambda t: f"{t[0]}-{t[1]:02d}"),
        st.tuples(st.integers(1900, 2100), st.integers(21, 24)).map(lambda t: f"{t[0]}-{t[1]}"),
        st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31)).map(lambda d: d.isoformat()),
    )
)
def test_fast_bounds_agree_with_the_edtf_library(edtf):
    from edtf import parse_edtf, struct_time_to_date

    from projektkatalog.domain.periods import edtf_bounds

    parsed = parse_edtf(edtf)
    assert edtf_bounds(edtf) == (
        struct_time_to_date(parsed.lower_strict()),
        struct_time_to_date(parsed.upper_strict()),
    )
