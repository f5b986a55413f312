"""Phone numbers in mapped tables are numbered by the row's country, not always Sweden's
(rows written by us, invented people and bodies)."""

import pytest

from projektkatalog.domain.readers.mapped import drafts_from_rows

MAPPING = {
    "project": {"title": "namn"},
    "participants": [
        {
            "organisation": "org",
            "role": {"column": "roll", "map": {"LP": "lead", "PP": "partner"}},
            "country": {"column": "land"},
        }
    ],
    "contacts": [{"name": "kontakt", "phone": "tel"}],
}


def _phones(rows, mapping=MAPPING):
    drafts, _ = drafts_from_rows(rows, mapping)
    return {d.title: [n for c in d.contacts for n, _ in c.phones] for d in drafts}


@pytest.mark.parametrize(
    ("land", "tel", "number"),
    [
        ("Norge", "918 22 333", "+4791822333"),
        ("Danmark", "33 12 34 56", "+4533123456"),
        ("Sverige", "070-123 45 67", "+46701234567"),
        ("", "070-123 45 67", "+46701234567"),  # no country: Sweden, as before
    ],
)
def test_a_rows_number_follows_its_lead_country(land, tel, number):
    row = {
        "namn": "Fjellbro",
        "org": "Fjellby",
        "roll": "LP",
        "land": land,
        "kontakt": "Kari Nordby",
        "tel": tel,
    }
    assert _phones([row]) == {"Fjellbro": [number]}


def test_the_contacts_own_country_column_wins():
    mapping = {**MAPPING, "contacts": [{"name": "kontakt", "phone": "tel", "country": "kland"}]}
    row = {
        "namn": "Fjellbro",
        "org": "Strandby kommun",
        "roll": "LP",
        "land": "Sverige",
        "kontakt": "Kari Nordby",
        "tel": "918 22 333",
        "kland": "Norge",
    }
    assert _phones([row], mapping) == {"Fjellbro": ["+4791822333"]}
