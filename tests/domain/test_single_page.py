"""A page read as one project must be about a project; a menu or a note about the weather is not,
however it is headed."""

from __future__ import annotations

import pytest

from projektkatalog.domain.build import page_read
from projektkatalog.domain.readers.blocks import text_blocks
from projektkatalog.domain.readers.single import coined_name


@pytest.mark.parametrize(
    "page",
    [
        "Startsida\nOm oss\nKontakta oss\nSök på webbplatsen\n",
        "Väder i dag\n\nDet regnar på förmiddagen och klarnar upp mot kvällen. Ta med paraply.\n",
        "Öppettider\n\nBiblioteket har öppet vardagar 10–18 och lördagar 11–15.\n",
    ],
)
def test_a_page_about_no_project_gives_no_project(page):
    assert page_read(page, source="p.txt").projects == []


@pytest.mark.parametrize(
    ("page", "title"),
    [
        (
            "Fiskevägar i Lillån\n\nKommunen har fått klartecken för ett restaureringsprojekt som "
            "öppnar ån för öring. Arbetet pågår under två somrar.\n",
            "Fiskevägar i Lillån",
        ),
        (
            "Grönt tak på skolan\n\nSkolan och föreningen Takodlarna bygger ett grönt tak "
            "tillsammans.\nBudget: 400 000 kronor\n",
            "Grönt tak på skolan",
        ),
    ],
)
def test_a_page_about_one_project_is_that_project(page, title):
    record = page_read(page, source="p.txt")
    assert [p.title for p in record.projects] == [title]
    if "Budget:" not in page:  # a heading over field lines is an entry, not a guess
        assert any(f.code == "guessed-title" for f in record.findings)


PROJECT_PLAN_FI = """Kirjaudu

Saaristolaivahanke 2019-2021

Hankesuunnitelma

Reitit

Saariston yhteysalukset kulkevat nykyään kolmella reitillä, ja matkustajia on kesäisin noin kaksituhatta viikossa. Talvella vuorovälit harvenevat ja osa laitureista jää jäiden vuoksi pois käytöstä, mikä vaikeuttaa saarilla asuvien arkea.

Laiturit

Laitureista kuusi on yli neljäkymmentä vuotta vanhoja, ja niiden kunnostus on tarpeen ennen kuin uusia aluksia voidaan ottaa käyttöön. Kunnostuksen arvioidaan vievän kaksi kesää ja vaativan useiden kuntien yhteistä suunnittelua.
"""

PROJECT_PAGE_SV = """Strandbyprojektet

Bakgrund

Strandby har länge saknat en gemensam plats för föreningslivet, och de lokaler som finns är trånga och svåra att nå utan bil. Flera föreningar har därför önskat en ny samlingslokal nära busshållplatsen i byns centrum.

Genomförande

Under det första året ritas lokalen tillsammans med föreningarna, och under det andra byggs den med hjälp av frivilliga. Kommunen står för marken och föreningarna för inredningen och driften.
"""


@pytest.mark.parametrize(
    ("page", "title"),
    [
        (PROJECT_PLAN_FI, "Saaristolaivahanke 2019-2021"),
        (PROJECT_PAGE_SV, "Strandbyprojektet"),
    ],
)
def test_a_heading_naming_one_project_makes_its_short_lines_sections(page, title):
    record = page_read(page, source="p.txt")
    assert [p.title for p in record.projects] == [title]
    project = record.projects[0]
    # A year range in the title is no period.
    assert (project.period_start, project.period_end) == (None, None)
    assert any(f.code == "guessed-title" for f in record.findings)


def test_a_heading_naming_projects_in_the_plural_keeps_its_list():
    page = PROJECT_PLAN_FI.replace("Saaristolaivahanke", "Saariston hankkeet")
    titles = [p.title for p in page_read(page, source="p.txt").projects]
    assert titles == ["Reitit", "Laiturit"]


NEWS_WITHOUT_NAME_IN_HEADLINE = """Project approved by the programme

The FjordLink’s application was approved in the second call of the North Coast Programme.

The second call gave 24 approved projects on innovation and transport. In all, EUR 40 million out of EUR 120 million from the regional fund now goes to these projects, and their partners will work together for three years.
"""


def test_a_headline_about_an_unnamed_project_takes_the_coined_name_below_it():
    record = page_read(NEWS_WITHOUT_NAME_IN_HEADLINE, source="p.txt")
    assert [p.title for p in record.projects] == ["FjordLink"]
    # The sums for these projects are the programme's, not this project's.
    assert record.projects[0].funding == []
    assert any(f.code == "guessed-title" and "FjordLink" in f.message for f in record.findings)


def test_a_headline_that_names_no_project_keeps_its_own_words():
    page = NEWS_WITHOUT_NAME_IN_HEADLINE.replace(
        "Project approved by the programme", "Good news for the coast"
    )
    assert [p.title for p in page_read(page, source="p.txt").projects] != ["FjordLink"]


@pytest.mark.parametrize(
    ("heading", "text", "name"),
    [
        (
            "Projektet fick klartecken",
            "Ansökan för SkogsData godkändes i går av styrelsen.",
            "SkogsData",
        ),
        ("Project approved", "Both SeaLink and BlueNet were approved in the same call.", None),
        ("Project SeaLink approved", "The SeaLink application was approved in the call.", None),
        ("Prosjektet fikk støtte", "Fjordlys-prosjektet fikk i går penger fra fylket.", "Fjordlys"),
        ("Project approved", "The Fjordlys project was approved in the last call.", "Fjordlys"),
        ("Hanke sai rahoitusta", "Saaristo-hanke sai eilen rahoitusta maakunnalta.", "Saaristo"),
        # A programme's name or a fund's abbreviation joined to the noun says where money is from.
        ("Project approved", "The Interreg project was approved in the last call.", None),
        ("Projektet fick klartecken", "Leader-projektet fick klartecken av styrelsen i går.", None),
        ("Project approved", "The EU project was approved in the last call.", None),
    ],
)
def test_coined_name(heading, text, name):
    blocks = text_blocks(f"{heading}\n\n{text} {'Mer om detta senare. ' * 3}\n")
    content = [b for b in blocks if b.kind != "blank"]
    assert coined_name(heading, content) == name


FINNISH_SECTIONS = """Saariston laivat

Tausta

Saariston yhteysalukset kulkevat nykyään kolmella reitillä, ja kesäisin matkustajia on noin kaksituhatta viikossa, mutta talvella vuorot harvenevat ja osa laitureista jää käyttämättä.

Tavoitteet

Hankkeen tavoitteena on suunnitella uudet reitit ja aikataulut yhdessä saarten asukkaiden ja kuntien kanssa niin, että ympärivuotinen liikenne on mahdollista kaikille saarille.
"""


def test_finnish_section_headings_are_no_projects():
    record = page_read(FINNISH_SECTIONS, source="p.txt")
    assert [p.title for p in record.projects] == ["Saariston laivat"]
    assert record.projects[0].language == "fi"
