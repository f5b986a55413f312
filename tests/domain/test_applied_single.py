"""A page about one project that has applied for money: its name introduced by a heading and
repeated, lists of aims and tasks, the lead and partners said in prose (written by us,
invented project and bodies)."""

import pytest

from projektkatalog.domain.build import page_read
from projektkatalog.domain.partners import roles_in_prose
from tests.conftest import TODAY

APPLIED = """Background to the HAVSLJUS

Every coastal town in the region has a plan for cleaner harbours.

HAVSLJUS is made to speed this up.
This includes:

  • Money to test solutions that are not yet on the market.
  • Better ways of sharing what already works.

HAVSLJUS will join towns, ports and companies in one partnership. The project has applied for a grant from the Interreg programme and is planned to last five years.

Behind the project are the three coastal regions, 14 towns and the Strandby Harbour Office (SHO).

The Strandby Region is the lead partner in the project.

The task of the regions in HAVSLJUS is to:

  • Bring the towns together
  • Share results with every port
"""


def test_the_name_a_heading_introduces_and_the_page_repeats_is_the_title():
    record = page_read(APPLIED, source="a.txt", today=TODAY)
    assert [p.title for p in record.projects] == ["HAVSLJUS"]
    assert any(f.code == "guessed-title" for f in record.findings)


def test_lists_of_aims_and_tasks_are_no_projects():
    record = page_read(APPLIED, source="a.txt", today=TODAY)
    assert len(record.projects) == 1
    assert "Bring the towns together" in record.projects[0].description


def test_an_application_is_reported_not_silently_granted():
    record = page_read(APPLIED, source="a.txt", today=TODAY)
    assert any(f.code == "application-pending" for f in record.findings)


def test_lead_and_partner_in_prose():
    [project] = page_read(APPLIED, source="a.txt", today=TODAY).projects
    roles = {(p.organisation, p.role) for p in project.participants}
    assert ("Strandby Region", "lead") in roles  # without "The" in front
    assert ("Strandby Harbour Office", "partner") in roles


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Bakom projektet står fyra kommuner och Fjällby universitet.",
            [("Fjällby universitet", "partner")],
        ),
        ("Bak prosjektet står Fjellby kommune.", [("Fjellby kommune", "partner")]),
    ],
)
def test_behind_the_project(sentence, expected):
    assert roles_in_prose(sentence) == expected


def test_a_list_of_projects_is_still_a_list():
    # An introduction that does not announce aims keeps its items as projects.
    page = """Nya projekt

Beviljade projekt:

• Havsljus
  Projektägare: Strandby kommun
• Fjällvatten
  Projektägare: Fjällby kommun
"""
    record = page_read(page, source="l.txt", today=TODAY)
    assert sorted(p.title for p in record.projects) == ["Fjällvatten", "Havsljus"]
