"""Decisions that grant a body an amount for a named project, one sentence each, in minutes and
decision news (written by us, invented bodies and projects)."""

from decimal import Decimal

import pytest

from projektkatalog.domain.build import page_read
from projektkatalog.domain.readers.blocks import text_blocks
from projektkatalog.domain.readers.decisions import decisions_find
from tests.conftest import TODAY

DANISH_MINUTES = """Mødedato: 3.4.2024, kl. 17:00

Ansøgninger til puljen, april

Udvalget skal behandle fem ansøgninger.

Formanden indstiller,
  1. at udvalget giver tilsagn til Strandby Musikforening om 12.500 kr. af puljen til koncerten "Lyd over havnen". Udvalget støtter ikke med det ansøgte beløb, 18.000 kr., da honorarer ikke dækkes.
  2. at udvalget giver tilsagn til Fjellby Skakklub om 3.000 kr. af puljen til "Skak i parken".
  3. at udvalget giver afslag på ansøgningen om 40.000 kr. til filmprojektet "Bag facaden". Afslaget begrundes med, at projektet ikke er lokalt forankret.
  4. at udvalget giver tilsagn til Norrvik Teater om 25.000 kr. til projektet Sommerscenen. Tilsagnet gælder kun for 2024.
"""

SWEDISH_DECISION_PAGE = """Nytt centrum för hållbara hamnar

Partnerskapet för Strandby län beslutar att bevilja Hamnlabbet, Strandby universitet, 2 350 000 kr för att bygga upp ett centrum för hållbara hamnar.

Centrumet ska ligga i Strandby hamn och vara öppet för små företag i hela länet.
"""


def _by_title(record):
    return {p.title: p for p in record.projects}


def test_each_granting_sentence_is_one_project_with_its_lead_and_amount():
    record = page_read(DANISH_MINUTES, source="m.txt", today=TODAY)
    projects = _by_title(record)
    assert sorted(projects) == ["Lyd over havnen", "Skak i parken", "Sommerscenen"]
    lyd = projects["Lyd over havnen"]
    assert [(p.organisation, p.role) for p in lyd.participants] == [
        ("Strandby Musikforening", "lead")
    ]
    # Only the granted sum: the applied-for sum in the next sentence is not the grant.
    assert {(f.amount, f.currency) for f in lyd.funding} == {(Decimal(12500), "DKK")}
    assert projects["Sommerscenen"].language == "da"
    guessed = [f for f in record.findings if f.code == "guessed-from-prose"]
    assert len(guessed) == 3


def test_a_refusal_is_no_project():
    record = page_read(DANISH_MINUTES, source="m.txt", today=TODAY)
    assert not any("facaden" in p.title for p in record.projects)
    assert not any("Mødedato" in p.title for p in record.projects)


def test_one_decision_titles_the_page_about_it():
    record = page_read(SWEDISH_DECISION_PAGE, source="d.txt", today=TODAY)
    [project] = record.projects
    assert project.title == "Hamnlabbet"
    assert ("Strandby universitet", "lead") in [
        (p.organisation, p.role) for p in project.participants
    ]
    assert (Decimal(2350000), "SEK") in {(f.amount, f.currency) for f in project.funding}
    assert "hamn" in project.description  # the whole page is its body


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "Styret innvilger Fjellby Vel 150 000 kroner til prosjektet Bygdelys.",
            ("Bygdelys", "Fjellby Vel"),
        ),
        (
            "Kommunen bevilger 40.000 kr. til Strandby Roklub til projektet Kajak for alle.",
            ("Kajak for alle", "Strandby Roklub"),
        ),
        (
            "Styrelsen beviljar Norrviks byalag 80 000 kronor till projektet ”Bystugan”.",
            ("Bystugan", "Norrviks byalag"),
        ),
        (
            "The board granted Strandby Council EUR 40,000 for the project “Blue Harbour”.",
            ("Blue Harbour", "Strandby Council"),
        ),
        ("Udvalget giver afslag til Strandby Kor på ansøgningen om 9.000 kr.", None),
        ("Styret innvilger søknaden.", None),
    ],
)
def test_decision_shapes(line, expected):
    found = decisions_find(text_blocks(line))
    assert [(d.title, d.org) for d in found] == ([expected] if expected else [])
