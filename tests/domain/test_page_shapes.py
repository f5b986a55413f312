"""A single project's page by its shape: a heading with a category and a count around the name, a
title quoted in a sentence over a partner table, a list of the bodies behind the project, an
unknown programme of a known family. Pages written by us, projects invented."""

from decimal import Decimal

import pytest

from projektkatalog.domain.build import page_read
from projektkatalog.domain.matching.programmes import ProgrammeIndex
from projektkatalog.domain.readers.furniture import is_furniture
from projektkatalog.domain.readers.names import project_names
from projektkatalog.domain.readers.single import heading_title
from projektkatalog.domain.readers.titles import looks_like_title
from tests.conftest import TODAY

BUDGET_PAGE = """Strandia logo

Budget and financing

The project with the ID number SF-204, entitled "Reedbed - Restoring coastal reed beds for birds and fish", is supported by the Interreg V-A Strandia-Fjellmark programme. It runs until June 2027.

The following foundations support the project as well:

  • Coastal Birds Foundation

Strandby Wetland Trust € 120 000,00 € 12 000,00
Fjellby Nature School € 80 000,00 € 0,00
Total € 200 000,00 € 12 000,00

This website uses cookies to work well. By staying on it you accept them.
"""


def test_a_title_quoted_in_a_sentence_names_the_page_s_one_project():
    record = page_read(BUDGET_PAGE, source="budget.txt", today=TODAY)
    [project] = record.projects
    assert project.title == "Reedbed - Restoring coastal reed beds for birds and fish"
    assert project.short_name == "Reedbed"
    # A family's programme the list does not know, named by the places it joins.
    assert "Interreg Strandia-Fjellmark" in project.programmes
    assert project.period_end == "2027-06"
    assert "guessed-title" in {f.code for f in record.findings}


def test_a_one_project_page_s_budget_rows_give_its_partners_and_their_own_shares():
    record = page_read(BUDGET_PAGE, source="budget.txt", today=TODAY)
    [project] = record.projects
    assert {(p.organisation, p.role) for p in project.participants} == {
        ("Strandby Wetland Trust", "partner"),
        ("Fjellby Nature School", "partner"),
    }
    # A partner's own share is not the project's money; the total row's sums are.
    amounts = sorted(f.amount for f in project.funding)
    assert Decimal(120000) not in amounts and Decimal(80000) not in amounts
    assert Decimal(200000) in amounts


def test_one_row_with_sums_is_no_partner_table():
    page = """Strandby hamnpark

Projektet bygger en park vid hamnen med lekplats och bryggor för alla i kommunen.

Strandby kommun 400 000 kr
"""
    [project] = page_read(page, source="park.txt", today=TODAY).projects
    assert [f.amount for f in project.funding] == [Decimal(400000)]


def test_no_reference_after_a_cue_is_a_name():
    assert project_names("The project ID number SF-204 is new.") == []
    assert project_names('The study entitled "Reedbed" starts now.') == ["Reedbed"]


@pytest.mark.parametrize(
    ("heading", "title"),
    [
        ("NYTT: Strandby hamnpark (4)", "Strandby hamnpark"),
        ("Strandby hamnpark (4)", "Strandby hamnpark"),
        ("Strandby hamnpark", "Strandby hamnpark"),
        ("Fas 2: Strandby hamnpark", "Fas 2: Strandby hamnpark"),  # not a category in capitals
        ("EU: 4 (2)", "EU: 4 (2)"),  # nothing of a name would be left
    ],
)
def test_a_heading_s_name_without_its_category_and_count(heading, title):
    assert heading_title(heading) == title


def test_a_page_headed_by_category_name_and_count_is_titled_by_the_name():
    page = """AKTUELLT: Bygdens mötesplats (2)

Projektägare är Strandby bygdeförening.

Projektet bygger om den gamla skolan till en mötesplats för byns föreningar.
"""
    record = page_read(page, source="bygd.txt", today=TODAY)
    [project] = record.projects
    assert project.title == "Bygdens mötesplats"


@pytest.mark.parametrize(
    ("line", "furniture"),
    [
        ("Interreg logo", True),
        ("Strandia ornament", True),
        ("This website uses cookies in order to work, more information", True),
        ("Grön logo", True),
        ("Logo", False),  # one word: a name, for all the reader knows
        ("Strandby harbour gets a new logo", False),  # five words: a sentence
        ("Blå Flagg", False),  # a capital image word: a name (a project, an award)
        ("Nordic Icon", False),
    ],
)
def test_image_names_and_cookie_banners_are_furniture(line, furniture):
    assert is_furniture(line) is furniture


def test_a_row_of_sums_is_no_title():
    assert not looks_like_title("Total € 278 000 € 20 500")
    assert looks_like_title("Fiske 2030")


def test_a_family_s_programme_needs_places_and_a_programme_noun():
    index = ProgrammeIndex()
    assert [p.name for p in index.mentions("the Interreg Strandia-Fjellmark programme")] == [
        "Interreg Strandia-Fjellmark"
    ]
    # A known programme stays itself; the family alone stays the family.
    assert [p.name for p in index.mentions("the Interreg Sverige-Norge programme")] == [
        "Interreg Sverige-Norge"
    ]
    assert [p.name for p in index.mentions("an Interreg project in Strandia")] == ["Interreg"]


def test_a_value_under_its_label_titles_a_page_without_heading_and_stays_its_value():
    page = """SØKER:
Strandby Roklub
TILSKUD:
40.000 kr.
Klubben bygger en ny bådebro, så flere kan ro fra havnen hele sommeren.
"""
    record = page_read(page, source="tilskud.txt", today=TODAY)
    [project] = record.projects
    assert project.title == "Strandby Roklub"
    assert [(p.organisation, p.role) for p in project.participants] == [("Strandby Roklub", "lead")]
    assert "guessed-title" in {f.code for f in record.findings}


def test_a_news_body_without_heading_names_the_bodies_a_cooperation_is_between():
    page = """Prosjektet er et felles samarbeidsprosjekt med kommunene, Strandvik, Fjellbu og Nordnes. Hver kommune har satt av 40.000 kroner.

Prosjektet inngår i det nasjonale Kystbyprogrammet.
"""
    record = page_read(page, source="kystby.txt", today=TODAY)
    [project] = record.projects
    assert {p.organisation for p in project.participants} == {"Strandvik", "Fjellbu", "Nordnes"}
    assert project.programmes == ["Kystbyprogrammet"]
    unknown = [f for f in record.findings if f.code == "unknown-programme"]
    assert [f.project for f in unknown] == [project.slug]


@pytest.mark.parametrize(
    ("text", "programmes"),
    [
        ("Projektet ingår i det nationella Kuststadsprogrammet.", ["Kuststadsprogrammet"]),
        ("Projektet ingår i Leaderprogrammet.", ["Leader"]),  # a known one by its compound
        ("The project is part of the Interreg Europe programme.", ["Interreg Europe"]),
        ("Projektet ingår i en större satsning på kusten.", []),
        ("Utbildningsprogrammet startar i höst.", []),  # no word of belonging
    ],
)
def test_a_programme_the_project_belongs_to_is_read_known_or_not(text, programmes):
    index = ProgrammeIndex()
    assert [p.name for p in index.mentions(text)] == programmes
    assert index.inferred == ({programmes[0]} if programmes and "Kust" in programmes[0] else set())


@pytest.mark.parametrize(
    ("sentence", "lead"),
    [
        ("Projektet ledes af Strandby Kommune.", "Strandby Kommune"),
        ("Projektet koordineres af Strandby Kommune og Fjellby Museum.", "Strandby Kommune"),
        (
            "The project is coordinated by Strandby University together with Fjellby.",
            "Strandby University",
        ),
        ("Hanketta hallinnoi Strandbyn kaupunki.", "Strandbyn kaupunki"),
        (
            "Strandbyn kaupunki toteuttaa hanketta yhdessä Fjellbyn kunnan kanssa.",
            "Strandbyn kaupunki",
        ),
    ],
)
def test_the_lead_a_sentence_names_in_danish_english_and_finnish(sentence, lead):
    page = f"Grøn havn\n\nProjektet bygger en ny havn for alle i byen og omegnen. {sentence}\n"
    [project] = page_read(page, source="lead.txt", today=TODAY).projects
    assert (lead, "lead") in {(p.organisation, p.role) for p in project.participants}


def test_money_granted_to_an_unnamed_new_project_goes_to_the_one_project_the_text_names():
    page = """Strandvik kommune får 2,4 millioner kroner til nytt kystprosjekt

Kystlaget i Strandvik har fått tilskudd til prosjektet «Levende havn». Prosjektet ledes av Strandvik kommune.
"""
    record = page_read(page, source="kyst.txt", today=TODAY)
    [project] = record.projects
    assert project.title == "Levende havn"
    assert [(f.amount, f.currency) for f in project.funding] == [(Decimal(2400000), "NOK")]
    assert "guessed-title" in {f.code for f in record.findings if f.project == project.slug}


def test_a_named_project_in_a_list_keeps_its_own_name_beside_one_named_in_passing():
    page = """Strandvik kommune får 2,4 millioner kroner til Havnebadet

Kystlaget i Strandvik har også søkt om penger til prosjektet «Levende havn».
"""
    titles = sorted(p.title for p in page_read(page, source="kyst.txt", today=TODAY).projects)
    assert titles == ["Havnebadet", "Levende havn"]
