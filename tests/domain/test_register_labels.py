"""Finnish register and fact-box labels, and a research database's record, read as fields.
Pages written by us, projects invented."""

from decimal import Decimal

import pytest

from projektkatalog.domain.build import page_read
from projektkatalog.domain.money import amounts_find
from projektkatalog.domain.readers.labels import label_split
from tests.conftest import TODAY

FINNISH_REGISTER = """Hankkeet

Hankkeen nimi: Kylätalo kuntoon
Toteuttaja: Järvikylän kyläyhdistys ry
Osatoteuttajat: Koskelan kaupunki, Järvikylän koulu
Rahoittaja: Koskelan säätiö
Myönnetty tuki: 48 200 €
Toteutusaika: 1.3.2025–28.2.2027
Kokonaisbudjetti: 62 000 €
Yhteyshenkilö: Maija Virtanen
Puhelin: 040 123 4567
Sähköposti: maija.virtanen@example.fi
"""

FINNISH_FACT_BOX = """Kylätalo kuntoon

Hankkeessa kunnostetaan kylätalon katto ja keittiö, jotta talo palvelee kylää ympäri vuoden.

TOTEUTTAJA Järvikylän kyläyhdistys ry
TOTEUTUSAIKA 1.3.2025–28.2.2027
MYÖNNETTY TUKI 48 200 €
"""

RESEARCH_RECORD = """Cold Coast Sensors

Principal investigator
Anna Berg

Coordinating organisation
Strandby University

Funder
Nordic Sea Council

Project duration
2024-01-01 – 2026-12-31

Total costs
EUR 1 200 000

Participating organisations
Fjellby Institute
Norrvik University
"""


def _roles(project):
    return {(p.organisation, p.role) for p in project.participants}


def _amounts(project):
    return {(f.amount, f.currency, f.kind) for f in project.funding}


def test_a_finnish_register_entry_gives_every_fact():
    (project,) = page_read(FINNISH_REGISTER, source="f.txt", today=TODAY).projects
    assert project.title == "Kylätalo kuntoon"
    assert _roles(project) == {
        ("Järvikylän kyläyhdistys ry", "lead"),
        ("Koskelan kaupunki", "partner"),
        ("Järvikylän koulu", "partner"),
        ("Koskelan säätiö", "financier"),
    }
    assert (project.period_start, project.period_end) == ("2025-03-01", "2027-02-28")
    assert _amounts(project) == {
        (Decimal(48200), "EUR", "grant"),
        (Decimal(62000), "EUR", "total-budget"),
    }
    (contact,) = project.contacts
    assert (contact.name, contact.email) == ("Maija Virtanen", "maija.virtanen@example.fi")
    assert [p.number for p in contact.phones] == ["+358401234567"]
    assert project.language == "fi"


def test_a_finnish_fact_box_in_capitals():
    (project,) = page_read(FINNISH_FACT_BOX, source="f.txt", today=TODAY).projects
    assert _roles(project) == {("Järvikylän kyläyhdistys ry", "lead")}
    assert (project.period_start, project.period_end) == ("2025-03-01", "2027-02-28")
    assert _amounts(project) == {(Decimal(48200), "EUR", "grant")}


def test_a_research_record_with_labels_over_their_values():
    record = page_read(RESEARCH_RECORD, source="r.txt", today=TODAY)
    (project,) = record.projects
    assert project.title == "Cold Coast Sensors"
    assert _roles(project) == {
        ("Strandby University", "lead"),
        ("Nordic Sea Council", "financier"),
        ("Fjellby Institute", "partner"),  # a label over a list: one body a line
        ("Norrvik University", "partner"),
    }
    assert (project.period_start, project.period_end) == ("2024-01-01", "2026-12-31")
    assert _amounts(project) == {(Decimal(1200000), "EUR", "total-budget")}
    assert [c.name for c in project.contacts] == ["Anna Berg"]


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Toteuttaja: Koskelan kaupunki", "lead"),
        ("Hallinnoija: Koskelan kaupunki", "lead"),
        ("Toteutusaika: 2025–2027", "period"),
        ("Kokonaiskustannukset: 80 000 €", "budget"),
        ("EU-tuki: 40 000 €", "eu_funding"),
        ("Rahoitusohjelma: Interreg Aurora", "programme"),
        ("Projektipäällikkö: Maija Virtanen", "project_manager"),
        ("Principal investigator: Anna Berg", "project_manager"),
        ("Funder: Nordic Sea Council", "financier"),
        ("Host institution: Strandby University", "lead"),
        ("Förvaltande organisation: Strandby universitet", "lead"),
        ("Bevillingshaver: Strandby Universitet", "lead"),
        ("Consortium: Fjellby Institute, Norrvik University", "partners"),
    ],
)
def test_register_and_record_labels(line, kind):
    found = label_split(line)
    assert found is not None and found[0] == kind


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("Myönnetty tuki: 48 200 euroa", Decimal(48200)),
        ("Hankkeen budjetti on 1,2 miljoonaa euroa.", Decimal(1200000)),
        ("Tukea myönnettiin 120 tuhatta euroa.", Decimal(120000)),
    ],
)
def test_finnish_amounts_in_words(text, amount):
    found = amounts_find(text, language="fi")
    assert [(a.amount, a.currency) for a in found] == [(amount, "EUR")]
