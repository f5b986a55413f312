"""A page that lists its own projects and says once, above the list, that a body received money
for them all: that body leads each, reported as a guess. Pages in our own words."""

from __future__ import annotations

import pytest

from projektkatalog.domain.build import page_read
from tests.conftest import TODAY

SWEDISH = """Naturvård i Exempelby

LONA-projekt i Exempelby kommun

Exempelby kommun har fått LONA-pengar beviljade för flera projekt.

Pågående projekt

- Slåtteräng vid Storsjön
- Nya dammar för grodor och salamandrar

Avslutade projekt

- Fågeltorn vid Lillsjön
"""

NORWEGIAN = """Tilskudd til kulturminner

Prøvestad kommune fikk midler til tre prosjekter i år:

- Ny bro over Elva
- Restaurering av kvernhuset
- Skilting av gamle ferdselsveier
"""

GRANTER = """Tilskudd til kulturminner

Fylkeskommunen beviljar pengar till tre projekt i Prøvestad:

- Ny bro over Elva
- Restaurering av kvernhuset
- Skilting av gamle ferdselsveier
"""

OWN_LEADS = """Projekt i länet

Exempelby kommun har fått stöd för flera projekt.

• Våtmarker i väst
  Lead Partner: Västby kommun
• Ängar i öst
  Lead Partner: Östby kommun
"""


def _leads(text: str) -> dict[str, list[str]]:
    record = page_read(text, source="sida.txt", today=TODAY)
    return {
        p.title: [x.organisation for x in p.participants if x.role == "lead"]
        for p in record.projects
    }


@pytest.mark.parametrize(
    ("text", "body", "count"),
    [(SWEDISH, "Exempelby kommun", 3), (NORWEGIAN, "Prøvestad kommune", 3)],
)
def test_the_body_that_received_money_for_the_list_leads_each(text, body, count):
    leads = _leads(text)
    assert len(leads) == count and all(lead == [body] for lead in leads.values())
    record = page_read(text, source="sida.txt", today=TODAY)
    guessed = [f for f in record.findings if f.code == "guessed-from-prose"]
    assert len(guessed) >= count  # each lead is a guess the editor is shown


def test_the_programme_named_above_the_list_applies_to_each():
    record = page_read(SWEDISH, source="sida.txt", today=TODAY)
    assert all(p.programmes == ["Lokala naturvårdssatsningar"] for p in record.projects)


def test_a_body_that_grants_is_no_lead():
    assert all(lead == [] for lead in _leads(GRANTER).values())


def test_projects_with_their_own_leads_keep_them():
    assert _leads(OWN_LEADS) == {
        "Våtmarker i väst": ["Västby kommun"],
        "Ängar i öst": ["Östby kommun"],
    }
