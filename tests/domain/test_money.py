from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from projektkatalog.domain import money
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
    ("ca. 2 mio. kr.", "2000000", "SEK", True),
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


NORDIC_FORMS = [
    # (text, language, amount, currency)
    ("Föreningen får 4.815 euro för en ny brygga.", "sv", "4815", "EUR"),
    ("Totalt 2.462.118 kronor", "sv", "2462118", "SEK"),
    ("Budget 2,4 milj. €", "sv", "2400000", "EUR"),
    ("Kommunen får 7,3 mnkr", "sv", "7300000", "SEK"),
    ("Programmet satsar 12 MEUR", "en", "12000000", "EUR"),
    ("Rammen er på 3,2 mio. kr.", "da", "3200000", "DKK"),
    ("Skolen får 67.500 kr. til en legeplads", "da", "67500", "DKK"),
    ("Laget har fått 2,5 millioner kroner", "no", "2500000", "NOK"),
    ("Klubben får 420 000 kr", "no", "420000", "NOK"),
    ("Kommunen får fyra miljoner kronor", "sv", "4000000", "SEK"),
    ("Prosjektet får 6 mill. NOK", "no", "6000000", "NOK"),
    ("Total budget: EUR 2 004 310.00", "en", "2004310", "EUR"),
    ("Störst – 4, 6 miljoner kronor – får föreningen", "sv", "4600000", "SEK"),
    ("1.870 miljoner euro", "sv", "1870000", "EUR"),
    ("EUR 1,870 million", "en", "1870000000", "EUR"),
]


@pytest.mark.parametrize(("text", "language", "amount", "currency"), NORDIC_FORMS)
def test_nordic_and_european_forms(text, language, amount, currency):
    (found,) = amounts_find(text, language=language)
    assert (found.amount, found.currency) == (Decimal(amount), currency)


def test_swedish_and_norwegian_crowns_in_one_sentence():
    found = amounts_find(
        "Samarbetet får 4,4 miljoner svenska kronor i EU-stöd och 2,1 miljoner norska kronor."
    )
    assert [(f.amount, f.currency) for f in found] == [
        (Decimal(4400000), "SEK"),
        (Decimal(2100000), "NOK"),
    ]


@pytest.mark.parametrize(
    ("text", "context", "amount"),
    [
        ("The institute has received SEK 9.4 to test new sensors.", "", "9400000"),
        (
            "The lab got EUR 2.25 for its pilot.",
            "In all EUR 30 million went to 12 projects.",
            "2250000",
        ),
        ("Her hourly fee was SEK 2.25 more.", "", "2.25"),
    ],
)
def test_millions_implied_by_the_text_are_read_and_reported(text, context, amount):
    (found,) = amounts_find(text, language="en", context=context)
    assert found.amount == Decimal(amount)
    assert (money.INFERRED_MILLIONS in found.inferred) is (amount != "2.25")


@pytest.mark.parametrize(
    ("text", "kind", "amount"),
    [
        ("83 460", "total-budget", "83460"),
        ("58 420 ", "eu-funding", "58420"),
        ("22 miljoner till våtmarker i länet", None, "22000000"),
        ("Budget 4 miljoner", None, "4000000"),
    ],
)
def test_amount_without_currency_is_kept_with_empty_currency_and_reported(text, kind, amount):
    assert amounts_find(text, kind=kind) == []  # only callers that ask get bare amounts
    (found,) = amounts_find(text, kind=kind, bare=True)
    assert (found.amount, found.currency) == (Decimal(amount), "")
    assert money.INFERRED_NO_CURRENCY in found.inferred


@pytest.mark.parametrize(
    "text",
    [
        "Över 3 miljoner människor bor i regionen",
        "Projektet pågår 2019-2021",
        "Cirka 40 procent av budgeten",
        "Mötet hölls 14.3.2014 i Vasa",
    ],
)
def test_bare_numbers_that_are_not_money(text):
    assert amounts_find(text, bare=True) == []


@pytest.mark.parametrize(
    ("label_value", "kind"),
    [("2019-2021", "total-budget"), ("12.5.2020", "grant"), ("2020", "total-budget")],
)
def test_years_and_dates_under_money_labels_are_not_amounts(label_value, kind):
    assert amounts_find(label_value, kind=kind, bare=True) == []


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Partner contribution: EUR 40 000", "co-financing"),
        ("Partner's own budget: EUR 120 000", "other"),
        ("Ur europeiska regionalfonden kommer högst 9 000 €", "eu-funding"),
        ("Foreningen får et tilskud på 45.000 kr.", "grant"),
        ("Samlet budget på 900.000 kr.", "total-budget"),
        ("Totalt: 640 000 kr", "total-budget"),
    ],
)
def test_kinds_in_more_languages(text, kind):
    assert amounts_find(text, language="da")[0].kind == kind


def test_danish_crowns_are_reported_as_read_from_the_language():
    (found,) = amounts_find("et tilskud på 45.000 kr.", language="da")
    assert found.currency == "DKK"
    assert money.INFERRED_CURRENCY_FROM_LANGUAGE in found.inferred


@given(st.integers(min_value=1000, max_value=10**9))
def test_grouped_numbers_read_back(n):
    for sep in (" ", ".", "\u00a0"):
        written = f"{n:,}".replace(",", sep)
        (found,) = amounts_find(f"{written} EUR")
        assert found.amount == n


@pytest.mark.parametrize(
    ("context", "currency", "inferred"),
    [
        (
            "Kommunen får 3 miljoner kronor. Regionen får 2 miljoner kronor.",
            "SEK",
            "currency-from-context",
        ),
        ("Skolan får 2 millioner kroner til en ny hal.", "NOK", "currency-from-context"),
        ("Laget får 1 miljon kronor och 2 miljoner euro.", "", "no-currency"),
        ("Ingen summa nämns här.", "", "no-currency"),
        ("", "", "no-currency"),
    ],
)
def test_a_bare_amount_takes_the_one_currency_of_its_context(context, currency, inferred):
    language = "no" if "kroner" in context else "sv"
    (found,) = amounts_find(
        "Föreningen får 4 miljoner till bygget.", context=context, bare=True, language=language
    )
    assert (found.amount, found.currency, found.inferred) == (
        Decimal(4000000),
        currency,
        (inferred,),
    )


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        (
            "Budgeten är 900 000 EUR, varav 400 000 EUR är EU-stöd och 150 000 EUR norska IR-medel.",
            ["total-budget", "eu-funding", "co-financing"],
        ),
        (
            "Totalt budget: 700 000 EUR – EU-medel: 300 000 EUR – IR-medel: 1 200 000 NOK",
            ["total-budget", "eu-funding", "co-financing"],
        ),
        ("Total omfattning: 250 000 SEK, varav:", ["total-budget"]),
        ("150 000 SEK beviljat projektstöd (EU-medel och statliga medel)", ["grant"]),
        ("60 000 SEK offentlig medfinansiering från kommunen", ["co-financing"]),
        ("Privat medfinansiering i form av ideellt arbete: 40 000 SEK", ["co-financing"]),
        ("Partner's own budget: EUR 80 000", ["other"]),
        ("Sökt Interregmedel: 500 000 kr", ["eu-funding"]),
    ],
)
def test_financing_breakdowns(text, kinds):
    assert [a.kind for a in amounts_find(text)] == kinds


@pytest.mark.parametrize(
    ("text", "approximate"),
    [
        ("ca. 2 mio. kr.", True),
        ("Arbetet pågår i över tre år. 2 miljoner kronor går till lönerna.", False),
        ("approx. EUR 300 000", True),
    ],
)
def test_hedges_are_read_up_to_the_sentence_before(text, approximate):
    assert amounts_find(text, language="da")[0].approximate is approximate


def test_currency_named_by_adjective_before_a_shared_noun():
    found = amounts_find("Fyra miljoner svenska och en miljon norska kronor går till leden.")
    assert [(a.amount, a.currency) for a in found] == [
        (Decimal(4000000), "SEK"),
        (Decimal(1000000), "NOK"),
    ]


@pytest.mark.parametrize(
    "text", ["Tre miljoner svenska och norska turister besöker fjällen.", "5 miljoner svenska"]
)
def test_a_currency_adjective_needs_a_crown_word_after_it(text):
    assert amounts_find(text) == []


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("2,4 milj.", "2400000"),
        ("Budgeten är 3 mio.", "3000000"),
        ("Det bor 3 miljoner människor här.", None),
    ],
)
def test_abbreviated_millions_are_money_on_their_own(text, amount):
    found = amounts_find(text, bare=True)
    assert [a.amount for a in found] == ([Decimal(amount)] if amount else [])
