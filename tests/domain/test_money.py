from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from projektkatalog.domain.money import amounts_find

CASES = [
    ("EUR 1,39 miljoner", "1390000", "EUR", False),
    ("EUR 1.87 M", "1870000", "EUR", False),
    ("cirka 250 000 Euro", "250000", "EUR", True),
    ("2,6 miljoner Euro", "2600000", "EUR", False),
    ("Projektet beviljas 1,5 miljoner euro", "1500000", "EUR", False),
    ("953 000 kr", "953000", "SEK", False),
    ("14,5 miljoner kronor", "14500000", "SEK", False),
    ("SEK 2 500 000", "2500000", "SEK", False),
    ("2,5 MSEK", "2500000", "SEK", False),
    ("1 200 tkr", "1200000", "SEK", False),
    ("€1.2 million", "1200000", "EUR", False),
    ("drygt 3 miljoner kronor", "3000000", "SEK", True),
    ("about EUR 400,000", "400000", "EUR", True),
    ("12.500.000 kr", "12500000", "SEK", False),
]


@pytest.mark.parametrize(("text", "amount", "currency", "approximate"), CASES)
def test_amounts_find(text, amount, currency, approximate):
    (found,) = amounts_find(text)
    assert found.amount == Decimal(amount)
    assert found.currency == currency
    assert found.approximate is approximate


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Projektet har en total budget på 2,6 miljoner Euro.", "total-budget"),
        ("en medfinansiering från Interreg motsvarande cirka 250 000 Euro", "eu-funding"),
        ("Projektet beviljas 1,5 miljoner euro", "grant"),
        ("Kommunens medfinansiering är 200 000 kr", "co-financing"),
    ],
)
def test_kind_from_words_before_the_amount(text, kind):
    assert amounts_find(text)[0].kind == kind


def test_numbers_without_currency_are_not_money():
    assert amounts_find("en 23 mil lång cykelled genom elva kommuner 2019") == []


def test_danish_kroner_follow_the_language():
    assert amounts_find("4 millioner kroner", language="da")[0].currency == "DKK"


@given(st.text(max_size=200))
def test_amounts_find_never_crashes(text):
    for found in amounts_find(text):
        assert found.amount >= 0
