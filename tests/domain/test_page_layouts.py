"""Pages in the layouts public bodies publish, written by us with invented projects.

One case per layout the reader knows (docs/import-format.md lists them). Each names the facts
an editor would read from it, by a fragment of the project's title.
"""

from decimal import Decimal

import pytest

from projektkatalog.domain.build import page_read
from tests.conftest import TODAY

SINGLE_WITH_FURNITURE = """Hoppa till innehållet
Meny
Sök

Ljusare vintervägar

Publicerad 3 mars 2024

Strandby kommun leder projektet tillsammans med trafikföreningen. Gatubelysningen i tre byar
byts mot styrd LED-belysning och boende får säga sitt om var ljuset behövs.

Läs mer
Dela
"""

SINGLE_NAMED_IN_PROSE = """Nu har ansökan skickats in

Under våren har vi skrivit färdigt ansökan. Projektansökan Blå Kustremsa samlar nio kommuner
längs kusten som vill återplantera sjögräs. Lead partner är Strandby kommun. Beslut väntas i
oktober.

Nyhetsarkiv
"""

GLUED_LABELS = """Etikett Data
ProjektnamnSnöbron
HuvudsökandeNordbyns högskola
Övriga medverkandeStrandby stad Fjällby kommun Älvby kommun
Tidsperiod2019-02-01 - 2021-12-31
Beviljade EU-medel412000
"""

CAPITAL_FACT_HEADINGS = """Bottenkartan

BESKRIVNING AV ARBETET

Arbetet kartlägger hur havsbottnen förändras i skärgården.

TIDTABELL

2020-2022

HUVUDKOORDINATOR OCH KONTAKT

Sara Holm / Havsverket Nord
"""

ORG_GETS_AMOUNT = """Sex miljoner till omsorgen

Pengarna kommer ur Europeiska socialfonden.

  • Strandby kommun får 2,5 miljoner kronor till projektet Trygg hemtjänst i glesbygd.
  • Fjällby kommun får 3,5 miljoner till projektet Språkstöd på jobbet.
"""

QUOTED_TITLE_ORG_AMOUNT = """Leaderstöd till två byar

Två projekt får stöd:
”Ny brygga i Norrvik”, Norrviks byalag. 12.500 euro.
”Sommarteater på logen”, som drivs av Logens vänner. 4.250 euro.
"""

TITLE_AMOUNT_LINES = """Nämnden har beviljat medel till dessa projekt.

Skogsbyggnad i trä 2 400 000 kr

Kustens besöksnäring – en förstudie 2018-2020

850 000 kr

Digital byskola 310 000 kr
"""

TITLE_THEN_FIELD_BULLETS = """Tre nye prosjekter får støtte

Programmet har besluttet å støtte tre nye prosjekter i perioden 2021 – 2023.

  • Fjellbeite for framtiden. Norsk prosjekteier: Fjellby kommune
  • Elvas stemmer. Norsk prosjekteier: Elvdal kommune
  • Grenseløs kulturskole. Norsk prosjekteier: Nordby kulturråd
"""

FIELD_GROUPS_UNDER_FUNDS = """Nya projekt beviljade

Regionalfonden

Projekt: Solkraft på gårdarna
Sökande: Strandby kommun
Ansökt belopp: 2 150 000

Socialfonden

Projekt: Väg till jobb
Sökande: Fjällby kommun
Ansökt belopp: 4 800 000
"""

ITEM_WITH_UNINDENTED_FIELDS = """EU-medel till två satsningar

Ur Regionalfonden prioriterades:
• Skogsklustret ”Trä i stadsbyggandet”
Sökande: Skogsklustret ek för
Kontaktperson: Olle Berg 054-123456
Sökt EU-belopp: 1 200 000 kr
Medfinansiering av Region Strandby: 800 000 kr
Totalt: 2 400 000 kr
"""

TITLE_LINES_OVER_PARAGRAPHS = """Fyra projekt fick ja till stöd i höstas.

Fjällbron
Projektet ska hjälpa unga att hitta praktikplatser på båda sidor om gränsen genom mässor, studiebesök och en gemensam digital anslagstavla. Projektägare är Fjällby kommune på norsk sida och Region Strandby på svensk sida.

Älvens röster
Kulturföreningar längs älven samlar berättelser och musik från byarna och gör dem tillgängliga för skolor och besökare under tre år. Projektet drivs gemensamt av Älvby kommun, Norrby kommun och Strandby museum.
"""

CONTACTS_IN_A_ROW = """Gränslösa vägar

Delområde: Inre Skandinavien

Projektet ska förbättra vinterväghållningen på vägarna över gränsen.

Kontaktpersoner är Anna Berg och Ola Nordmann.

E-post: anna.berg@strandby.seola.nordmann@fjellby.no

Telefon: +46 23 111 22 33, +47 61 22 33 44

Snöfri sommar

Delområde: Nordens Gröna Bälte

Projektet ska ta fram nya sätt att locka besökare till fjällen under sommaren.
"""

FLATTENED_TABLE = """Disse prosjektene får tilskudd:

Navn på prosjekt Leadpartner Norsk partner
Nordlys Guiding Strandby ammattikorkeakoulu Oy Fjellby reiseliv AS, Nordby universitet
Samisk matarv Älvby kommun Elvdal kommune
Grensebussen Norrby folkhögskola
"""

PROSE_NEWS = """Pengar till laxen

Ett samarbete där forskare ska hjälpa öringen förbi dammarna i Strandån får 4,2 miljoner kronor i EU-stöd.

Projektet Kustlabbet ska dessutom testa nya sätt att mäta vattenkvaliteten. Projektet Fiskevägar vill bygga två nya laxtrappor.
"""

ENGLISH_RECEIVED = """18 million for the north

A selection of the projects granted money:

Strandby University has received SEK 6.5 million to build a test bed for electric ferries.

Fjellby Science Park has received SEK 2.1 million to train engineers in battery recycling.
"""

DANISH_NEWS_PROSE = """Tilskud til tre projekter

Bestyrelsen har behandlet årets ansøgninger.

Minigolf Strandby er indstillet til et tilskud på 60.000 kroner til en ny bane ved stranden.

Penge til Nordhavn

På den maritime side kom der en ansøgning fra Nordhavn Havn. LAG Strandby har indstillet projektet til at modtage 250.000 kroner.
"""

DATABASE_RECORD = """Showing 12 project(s)

Cold Coast Monitoring (CCM 2041)

Programme funding: 41 200 Total budget: 58 900

Duration: 01.03.2021 - 28.02.2023

Project period:
2021-03-01 –
2023-02-28
"""

IMAGES_BETWEEN_ITEMS = """Projekt och nätverk

Några ord om hur vi arbetar tillsammans i länet, och var du hittar pengar till nya idéer.

En man i keps som står på en brygga och håller upp en nyfångad gädda i solnedgången

Fiskeleden

Projektet Fiskeleden drivs gemensamt av Strandby kommun, Älvby kommun och Sportfiskarna i länet och ska märka ut en led för fritidsfiske längs hela älven under tre år.

Två barn som sitter på en sten vid vattnet och tittar på en trollslända som landat

Vattenskolan

Projektet Vattenskolan ska låta skolklasser undersöka vattnet i sin närmaste bäck tillsammans med forskare. Projektägare är Strandby naturskola.
"""

NORWEGIAN_NEWS = """Forsiden › Nyheter

Publisert 12. mars 2023

Millioner til grenseprosjekt

Prosjektet Fjellbussen får 2,4 millioner kroner fra Interreg Sverige-Norge. Prosjektet skal teste en felles bussrute mellom Fjellby og Strandby i perioden 2023–2025.

Prosjekteier er Fjellby kommune, og partnere er Strandby kommun og Nordbuss AS.

Kontakt: Kari Nordmann, prosjektleder, tlf. 918 22 333
"""

CASES = {
    "single page with furniture": (
        SINGLE_WITH_FURNITURE,
        {"Ljusare vintervägar": {"lead": "Strandby kommun"}},
        {"guessed-title"},
    ),
    "single page named in prose": (
        SINGLE_NAMED_IN_PROSE,
        {"Blå Kustremsa": {"lead": "Strandby kommun"}},
        {"guessed-title"},
    ),
    "labels glued to their values": (
        GLUED_LABELS,
        {
            "Snöbron": {
                "lead": "Nordbyns högskola",
                "partners": {"Strandby stad", "Fjällby kommun", "Älvby kommun"},
                "period": ("2019-02-01", "2021-12-31"),
                "amounts": {(Decimal(412000), "SEK")},
            }
        },
        {"guessed-currency"},
    ),
    "fact headings in capitals": (
        CAPITAL_FACT_HEADINGS,
        {
            "Bottenkartan": {
                "lead": "Havsverket Nord",
                "period": ("2020", "2022"),
                "contacts": {"Sara Holm"},
            }
        },
        set(),
    ),
    "body gets amount for the project": (
        ORG_GETS_AMOUNT,
        {
            "Trygg hemtjänst": {
                "lead": "Strandby kommun",
                "amounts": {(Decimal(2500000), "SEK")},
                "programme": "socialfonden",
            },
            "Språkstöd på jobbet": {
                "lead": "Fjällby kommun",
                "amounts": {(Decimal(3500000), "SEK")},
            },
        },
        {"guessed-currency"},
    ),
    "quoted title, body, amount": (
        QUOTED_TITLE_ORG_AMOUNT,
        {
            "Ny brygga i Norrvik": {"lead": "Norrviks byalag"},
            "Sommarteater på logen": {"lead": "Logens vänner"},
        },
        set(),
    ),
    "title and amount lines": (
        TITLE_AMOUNT_LINES,
        {
            "Skogsbyggnad i trä": {"amounts": {(Decimal(2400000), "SEK")}, "period": (None, None)},
            "Kustens besöksnäring": {"amounts": {(Decimal(850000), "SEK")}, "period": (None, None)},
            "Digital byskola": {"amounts": {(Decimal(310000), "SEK")}},
        },
        set(),
    ),
    "title then a field on one line": (
        TITLE_THEN_FIELD_BULLETS,
        {
            "Fjellbeite for framtiden": {"lead": "Fjellby kommune", "period": ("2021", "2023")},
            "Elvas stemmer": {"lead": "Elvdal kommune"},
            "Grenseløs kulturskole": {"lead": "Nordby kulturråd"},
        },
        {"guessed-period"},
    ),
    "field groups under fund headings": (
        FIELD_GROUPS_UNDER_FUNDS,
        {
            "Solkraft på gårdarna": {
                "lead": "Strandby kommun",
                "amounts": {(Decimal(2150000), "SEK")},
                "programme": "regional",
            },
            "Väg till jobb": {"lead": "Fjällby kommun", "programme": "social"},
        },
        {"guessed-currency"},
    ),
    "bullet with unindented fields": (
        ITEM_WITH_UNINDENTED_FIELDS,
        {
            "Trä i stadsbyggandet": {
                "lead": "Skogsklustret",
                "partners": {"Region Strandby"},
                "amounts": {
                    (Decimal(1200000), "SEK"),
                    (Decimal(800000), "SEK"),
                    (Decimal(2400000), "SEK"),
                },
                "contacts": {"Olle Berg"},
            }
        },
        set(),
    ),
    "title lines over paragraphs": (
        TITLE_LINES_OVER_PARAGRAPHS,
        {
            "Fjällbron": {"lead": "Fjällby kommune", "partners": {"Region Strandby"}},
            "Älvens röster": {"partners": {"Älvby kommun", "Norrby kommun", "Strandby museum"}},
        },
        set(),
    ),
    "contacts named in a row": (
        CONTACTS_IN_A_ROW,
        {"Gränslösa vägar": {"contacts": {"Anna Berg", "Ola Nordmann"}}, "Snöfri sommar": {}},
        set(),
    ),
    "flattened table": (
        FLATTENED_TABLE,
        {
            "Nordlys Guiding": {
                "lead": "Strandby ammattikorkeakoulu Oy",
                "partners": {"Fjellby reiseliv AS", "Nordby universitet"},
            },
            "Samisk matarv": {"lead": "Älvby kommun", "partners": {"Elvdal kommune"}},
            "Grensebussen": {"lead": "Norrby folkhögskola"},
        },
        set(),
    ),
    "projects in news prose": (
        PROSE_NEWS,
        {"Strandån": {"amounts": {(Decimal(4200000), "SEK")}}, "Kustlabbet": {}, "Fiskevägar": {}},
        {"guessed-from-prose"},
    ),
    "grants in Danish prose, one under its subheading": (
        DANISH_NEWS_PROSE,
        {
            "Minigolf Strandby": {"amounts": {(Decimal(60000), "DKK")}},
            "Nordhavn": {"lead": "Nordhavn Havn", "amounts": {(Decimal(250000), "DKK")}},
        },
        {"guessed-from-prose"},
    ),
    "database record with two fields on a line": (
        DATABASE_RECORD,
        {
            "Cold Coast Monitoring": {
                "amounts": {(Decimal(41200), ""), (Decimal(58900), "")},
                "period": ("2021-03-01", "2023-02-28"),
            }
        },
        {"amount-without-currency"},
    ),
    "image descriptions between listed projects": (
        IMAGES_BETWEEN_ITEMS,
        {
            "Fiskeleden": {"partners": {"Strandby kommun", "Älvby kommun", "Sportfiskarna"}},
            "Vattenskolan": {"lead": "Strandby naturskola"},
        },
        set(),
    ),
    "Norwegian news about one project": (
        NORWEGIAN_NEWS,
        {
            "Fjellbussen": {
                "lead": "Fjellby kommune",
                "partners": {"Strandby kommun", "Nordbuss AS"},
                "period": ("2023", "2025"),
                "amounts": {(Decimal(2400000), "NOK")},
                "programme": "sverige-norge",
                "contacts": {"Kari Nordmann"},
            }
        },
        {"guessed-title"},
    ),
    "body has received an amount (English)": (
        ENGLISH_RECEIVED,
        {
            "electric ferries": {
                "lead": "Strandby University",
                "amounts": {(Decimal(6500000), "SEK")},
            },
            "battery recycling": {"lead": "Fjellby Science Park"},
        },
        {"guessed-from-prose"},
    ),
}


def _project(record, fragment):
    hits = [p for p in record.projects if fragment.casefold() in p.title.casefold()]
    assert len(hits) == 1, (fragment, [p.title for p in record.projects])
    return hits[0]


@pytest.mark.parametrize("name", list(CASES))
def test_layout(name):
    page, expected, codes = CASES[name]
    record = page_read(page, source=f"{name}.txt", today=TODAY)
    assert len(record.projects) == len(expected), [p.title for p in record.projects]
    for fragment, facts in expected.items():
        project = _project(record, fragment)
        roles = {(p.organisation, p.role) for p in project.participants}
        if "lead" in facts:
            assert any(facts["lead"] in o and r == "lead" for o, r in roles), roles
        for partner in facts.get("partners", ()):
            assert any(partner in o for o, _ in roles), (partner, roles)
        if "period" in facts:
            assert (project.period_start, project.period_end) == facts["period"]
        if "amounts" in facts:
            assert facts["amounts"] <= {(f.amount, f.currency) for f in project.funding}
        if "contacts" in facts:
            assert facts["contacts"] <= {c.name for c in project.contacts}
        if "programme" in facts:
            assert any(facts["programme"] in p.casefold() for p in project.programmes), (
                project.programmes
            )
    found = {f.code for f in record.findings}
    assert codes <= found, found


def test_contacts_in_a_row_pair_addresses_and_numbers_in_order():
    record = page_read(CONTACTS_IN_A_ROW, source="c.txt", today=TODAY)
    contacts = {c.name: c for c in _project(record, "Gränslösa vägar").contacts}
    assert contacts["Anna Berg"].email == "anna.berg@strandby.se"
    assert contacts["Ola Nordmann"].email == "ola.nordmann@fjellby.no"
    assert [n for n, _ in [(p.number, p.kind) for p in contacts["Anna Berg"].phones]] == [
        "+46231112233"
    ]
    assert [p.number for p in contacts["Ola Nordmann"].phones] == ["+4761223344"]


def test_guesses_name_the_project_and_line():
    record = page_read(PROSE_NEWS, source="p.txt", today=TODAY)
    guesses = [f for f in record.findings if f.code.startswith("guessed-")]
    assert guesses and all(f.project and f.line and f.severity == "info" for f in guesses)


def test_a_year_range_in_a_title_is_not_a_period():
    record = page_read(TITLE_AMOUNT_LINES, source="t.txt", today=TODAY)
    project = _project(record, "Kustens besöksnäring")
    assert (project.period_start, project.period_end) == (None, None)


def test_a_publish_date_is_not_a_period():
    record = page_read(SINGLE_WITH_FURNITURE, source="s.txt", today=TODAY)
    project = _project(record, "Ljusare vintervägar")
    assert (project.period_start, project.period_end) == (None, None)
    assert "Läs mer" not in project.description and "Meny" not in project.description


def test_an_application_is_reported_not_silently_granted():
    record = page_read(SINGLE_NAMED_IN_PROSE, source="a.txt", today=TODAY)
    assert [f.code for f in record.findings if f.code == "application-pending"] == [
        "application-pending"
    ]
    granted = page_read(ORG_GETS_AMOUNT, source="g.txt", today=TODAY)
    assert not [f for f in granted.findings if f.code == "application-pending"]


def test_an_image_description_is_not_part_of_a_project():
    record = page_read(IMAGES_BETWEEN_ITEMS, source="i.txt", today=TODAY)
    assert all("trollslända" not in p.description for p in record.projects)
    assert all("gädda" not in p.description for p in record.projects)


def test_a_single_line_of_text_is_no_project():
    assert page_read("nothing but one line here\n", source="x.txt", today=TODAY).projects == []


def test_a_number_without_country_code_takes_the_page_language_s_numbering():
    record = page_read(NORWEGIAN_NEWS, source="n.txt", today=TODAY)
    (contact,) = _project(record, "Fjellbussen").contacts
    assert [p.number for p in contact.phones] == ["+4791822333"]
    assert _project(record, "Fjellbussen").language == "no"
