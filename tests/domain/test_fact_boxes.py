"""Fact boxes on single-project pages: labels in capitals before their value on one line, and
labels standing alone with their value on the next line (invented projects, our own words)."""

from __future__ import annotations

from projektkatalog.domain.build import page_read

CAPITALS = """Havsnära skolgårdar

Havsnära skolgårdar är ett projekt där skolor vid kusten gör om sina gårdar till lärmiljöer.

Fakta

SVENSK PROJEKTÄGARE Strömstads kommun
NORSK PROSJEKTEIER Hvaler kommune
EU-STÖD 420 000 €
TOTALBUDGET 1 050 000 €
PROJEKTTID 1 mars 2024 – 28 februari 2027
"""

LABELS_OVER_VALUES = """Fjellstier uten grenser

Prosjektet merker stier som krysser grensen mellom to nasjonalparker.

Norsk prosjekteier

Saltdal kommune

Prosjektperiode

01.04.2023 - 31.03.2025

Budsjett

Total: 180000 €

Andre partnere

Arjeplogs kommun
"""


def test_capital_labels_before_their_values():
    (project,) = page_read(CAPITALS, source="p.txt").projects
    assert project.title == "Havsnära skolgårdar"
    assert {(p.organisation, p.role) for p in project.participants} >= {
        ("Strömstads kommun", "lead"),
        ("Hvaler kommune", "lead"),
    }
    assert (project.period_start, project.period_end) == ("2024-03-01", "2027-02-28")
    assert {(int(f.amount), f.currency, f.kind) for f in project.funding} == {
        (420000, "EUR", "eu-funding"),
        (1050000, "EUR", "total-budget"),
    }


def test_labels_standing_over_their_values():
    (project,) = page_read(LABELS_OVER_VALUES, source="p.txt").projects
    assert project.title == "Fjellstier uten grenser"
    roles = {(p.organisation, p.role) for p in project.participants}
    assert ("Saltdal kommune", "lead") in roles and ("Arjeplogs kommun", "partner") in roles
    assert (project.period_start, project.period_end) == ("2023-04-01", "2025-03-31")
    assert [int(f.amount) for f in project.funding] == [180000]


def test_a_label_over_a_list_is_left_to_the_list_reader():
    page = (
        "Projekt\n\n  • Kustlänken\n   Ett påhittat samarbete.\n\n   Aktörer:\n\n"
        "   Strandby kommun\n   Hamnbolaget i Strandby\n   Föreningen Kusten\n\n"
        "   Projektperiod: 2022-01-01 – 2023-12-31\n"
    )
    (project,) = page_read(page, source="p.txt").projects
    assert len(project.participants) == 3
