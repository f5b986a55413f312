"""The history text an import writes for a part given as plain values is, character for
character, what django-reversion's own serialisation writes for the same object."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from projektkatalog.catalogue.revisions import (
    _STRING,
    values_head,
    values_version_data,
    version_data,
)

VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**63), max_value=2**63),
    st.text(),
    st.decimals(allow_nan=False, allow_infinity=False, places=2),
    st.dates(min_value=dt.date(1900, 1, 1)),
    st.floats(allow_nan=False, allow_infinity=False),
)


@given(
    st.integers(min_value=1, max_value=2**40),
    st.dictionaries(st.text(min_size=1), VALUES, max_size=8),
)
def test_a_part_written_from_its_values_is_the_encoders_text(pk, fields):
    names, values = tuple(fields), tuple(fields.values())
    expected = version_data({"model": "catalogue.funding", "pk": pk, "fields": fields})
    written = values_version_data(
        values_head("catalogue.funding"), pk, tuple(_STRING(n) for n in names), values
    )
    assert written == expected


def test_an_amount_and_a_date_are_written_as_the_encoder_writes_them():
    fields = {"amount": Decimal("1500.50"), "start": dt.date(2024, 3, 1), "note": 'ö\n"x"'}
    written = values_version_data(
        values_head("catalogue.funding"),
        7,
        tuple(_STRING(n) for n in fields),
        tuple(fields.values()),
    )
    assert written == (
        '[{"model": "catalogue.funding", "pk": 7, "fields": {"amount": "1500.50", '
        '"start": "2024-03-01", "note": "ö\\n\\"x\\""}}]\n'
    )
