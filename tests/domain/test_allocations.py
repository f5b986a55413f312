"""News texts that share money out in their sentences, one allocation after another (written by
us, invented bodies and purposes): each allocation is a project titled by what the amount is
for, and the sums for several projects or in total stay with the programme."""

from decimal import Decimal

import pytest

from projektkatalog.domain.build import page_read
from projektkatalog.domain.readers.allocations import allocation_projects, allocations_find
from projektkatalog.domain.readers.blocks import text_blocks
from projektkatalog.domain.readers.prose import counts_several_projects
from tests.conftest import TODAY

NYNORSK = """Fire millionar til kommunane på kysten

Statsforvaltaren har fordelt 4 millionar kroner til fem utviklingsprosjekt i dei tre kommunane.

Strandvik kommune har i tillegg fått 420 tusen kroner til nattbuss som skal gå kvar helg.

Det er løyvd 1,5 millionar kroner til felles tiltak innan skulehelse. Vidare er det løyvd 600 tusen kroner til opplæring av frivillige.

Resten går til skulehagar i regionen (230 tusen kroner), turstiar langs fjorden (180 tusen kroner) og 90 tusen kroner til lesing og skriving for vaksne som biblioteka skal stå for.

Totalt vart det fordelt 20 millionar kroner til ulike prosjekt i fylket.
"""

SWEDISH = """Nya pengar till byarna

Strandby kommun har fått 250 000 kronor till en ny badbrygga som byggs i vår.
Föreningen har också fått 80 000 kronor till kurser i simning, medan 40 000 kronor går till en skylt vid stranden.
Sammanlagt delades 2 miljoner kronor ut till olika projekt i länet.
"""

ONE_ONLY = """Ny brygga

Strandby kommun har fått 250 000 kronor till en ny badbrygga som byggs i vår.
"""


def _funding(record):
    return {p.title: [(f.amount, f.currency) for f in p.funding] for p in record.projects}


def test_each_allocation_in_a_sentence_is_a_project_with_its_own_amount():
    record = page_read(NYNORSK, source="n.txt", today=TODAY)
    assert _funding(record) == {
        "Nattbuss": [(Decimal(420000), "NOK")],
        "Felles tiltak innan skulehelse": [(Decimal(1500000), "NOK")],
        "Opplæring av frivillige": [(Decimal(600000), "NOK")],
        "Skulehagar i regionen": [(Decimal(230000), "NOK")],
        "Turstiar langs fjorden": [(Decimal(180000), "NOK")],
        "Lesing og skriving for vaksne": [(Decimal(90000), "NOK")],
    }
    leads = {
        p.title: [x.organisation for x in p.participants if x.role == "lead"]
        for p in record.projects
    }
    # The body the sentence says received the money leads; the others name none.
    assert leads["Nattbuss"] == ["Strandvik kommune"]
    assert leads["Opplæring av frivillige"] == []
    guessed = {f.project for f in record.findings if f.code == "guessed-from-prose"}
    assert len(guessed) == 6
    assert {p.language for p in record.projects} == {"no"}


def test_sums_for_several_projects_or_in_total_are_no_project():
    record = page_read(NYNORSK, source="n.txt", today=TODAY)
    amounts = {a for p in record.projects for a, _ in _funding(record)[p.title]}
    assert Decimal(4000000) not in amounts
    assert Decimal(20000000) not in amounts


def test_swedish_allocations_and_their_receiver():
    record = page_read(SWEDISH, source="s.txt", today=TODAY)
    assert _funding(record) == {
        "En ny badbrygga": [(Decimal(250000), "SEK")],
        "Kurser i simning": [(Decimal(80000), "SEK")],
        "En skylt vid stranden": [(Decimal(40000), "SEK")],
    }


def test_one_allocation_alone_is_left_to_the_other_readers():
    blocks = text_blocks(ONE_ONLY)
    found = allocations_find(blocks, lambda text: False)
    assert [a.title for a in found] == ["En ny badbrygga"]
    assert allocation_projects(blocks, lambda text: False) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Kommunen har fått 3 miljoner kronor till sex projekt i länet.",
        "In total, EUR 4 million went to various projects across the region.",
        "Det ble fordelt 5 millioner kroner til Strandvik kommune.",  # a body, not a purpose
        "Prosjektet har søkt om 2024 kroner til 12 stoler.",  # a count is no title
    ],
)
def test_what_is_no_allocation(sentence):
    blocks = text_blocks(f"Overskrift\n\n{sentence}\n")
    looks = lambda text: text.endswith(("kommune", "kommun"))  # noqa: E731
    assert allocations_find(blocks, looks) == []


@pytest.mark.parametrize(
    ("sentence", "several"),
    [
        ("5 af de nye grønne projekter har fået et samlet beløb på 9,5 mio. euro.", True),
        ("Altogether, EUR 30 million now goes to these projects.", True),
        ("Kuusi hanketta sai yhteensä 2 miljoonaa euroa.", True),
        ("Projektet får 18 miljoner kronor till sitt arbete med ålgräs.", False),
        ("18 miljoner till naturvårdsprojekt i sjön.", False),  # a sum, not a count
        ("Strandby kommun får 400 000 kronor till projektet Brygga.", False),
    ],
)
def test_a_sentence_that_counts_projects(sentence, several):
    assert counts_several_projects(sentence) is several
