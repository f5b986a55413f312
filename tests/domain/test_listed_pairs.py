"""Press releases that list granted projects as "Title, Organisation" lines under a lead that
announces them (written by us, invented projects and bodies)."""

import pytest

from projektkatalog.domain.build import page_read
from projektkatalog.domain.readers.pairs import amount_cell_split, announces_list, pair_split
from tests.conftest import TODAY

SWEDISH = """Nyhet

Fjorton idéer får pröva sina vingar

Myndigheten har valt ut vilka förstudier som får pengar i årets omgång.

Dessa förstudier har fått stöd:

Grön logistik i norr, Strandby Science Park AB

Fiskevård och turism, Fjällby kommun

Snabbare laddning - en förstudie, Norrviks Energi AB

Testbädd för is och snö, Polarforskning Norr AB, Svb

Nästa ansökningsomgång

Omgången öppnar i vår och är öppen för alla som vill söka.
"""

NORWEGIAN_DASH = """Følgende prosjekter får midler fra fondet i år:

Kystlys – Strandby kommune
Fjellvann – Fjellby kommune
Havbruk for alle – Norrvik Havn AS
"""

DANISH_COLON = """Disse projekter har fået tilskud:

Strandby Kommune: Ny havnefront
Fjellby Erhvervsråd: Turisme hele året
"""

ENGLISH = """These projects were chosen by the committee:

Blue Harbours, Strandby Port Authority
Snow Lab, University of Fjellby
"""


def _titles(record):
    return sorted(p.title for p in record.projects)


def _lead(record, title):
    project = next(p for p in record.projects if p.title == title)
    return [x.organisation for x in project.participants if x.role == "lead"]


def test_pairs_under_a_lead_are_projects_with_their_lead():
    record = page_read(SWEDISH, source="s.txt", today=TODAY)
    assert _titles(record) == [
        "Fiskevård och turism",
        "Grön logistik i norr",
        "Snabbare laddning - en förstudie",
        "Testbädd för is och snö",
    ]
    assert _lead(record, "Grön logistik i norr") == ["Strandby Science Park AB"]
    # The body is the part that reads as one, a unit after it kept with it.
    assert _lead(record, "Testbädd för is och snö") == ["Polarforskning Norr AB, Svb"]
    assert {p.language for p in record.projects} == {"sv"}
    guessed = {f.project for f in record.findings if f.code == "guessed-from-prose"}
    assert len(guessed) == 4


def test_the_next_call_is_no_project():
    record = page_read(SWEDISH, source="s.txt", today=TODAY)
    assert not any("omgång" in t for t in _titles(record))


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        (NORWEGIAN_DASH, {"Kystlys": "Strandby kommune", "Havbruk for alle": "Norrvik Havn AS"}),
        (DANISH_COLON, {"Ny havnefront": "Strandby Kommune"}),
        (
            ENGLISH,
            {"Blue Harbours": "Strandby Port Authority", "Snow Lab": "University of Fjellby"},
        ),
    ],
)
def test_pairs_in_other_languages_and_separators(page, expected):
    record = page_read(page, source="p.txt", today=TODAY)
    for title, lead in expected.items():
        assert _lead(record, title) == [lead]


def test_without_a_lead_the_lines_are_no_list():
    # The same lines with no lead announcing projects: a contact block, not a list of projects.
    page = "Kontakt\n\nAnna Berg, Strandby kommun\nPer Holm, Fjällby kommun\n"
    record = page_read(page, source="c.txt", today=TODAY)
    assert "Anna Berg" not in _titles(record)


@pytest.mark.parametrize(
    ("text", "announces"),
    [
        ("Här är de sex projekt som beviljats:", True),
        ("Følgende forprosjekter fikk støtte:", True),
        ("The approved projects are listed below:", True),
        ("Projekt:", False),  # a label
        ("Kontakta oss gärna:", False),  # no projects
        ("Vi har beviljat stöd till projekt.", False),  # no colon
    ],
)
def test_lead_that_announces_a_list(text, announces):
    assert announces_list(text) is announces


@pytest.mark.parametrize(
    ("line", "pair"),
    [
        ("Grön hamn, Strandby kommun", ("Grön hamn", "Strandby kommun")),
        ("Grön hamn – Strandby kommun", ("Grön hamn", "Strandby kommun")),
        ("Strandby kommun: Grön hamn", ("Grön hamn", "Strandby kommun")),
        ("Vi fick 2 500 000 kronor, Strandby kommun", None),  # an amount: another reader's
        ("Grön hamn ska byggas, säger Strandby kommun.", None),  # a sentence
        ("Grön hamn", None),
    ],
)
def test_pair_split(line, pair):
    def body(text):
        return text.endswith("kommun")

    assert pair_split(line, body) == pair


def test_title_then_owner_field_is_not_a_pair():
    # "Title. Owner: Body" is a title and a field, not "Organisation: Title".
    page = (
        "Følgende prosjekter får støtte:\n\n"
        "• Kystlys. Norsk prosjekteier: Strandby kommune\n"
        "• Fjellvann. Norsk prosjekteier: Fjellby kommune\n"
    )
    record = page_read(page, source="n.txt", today=TODAY)
    assert _titles(record) == ["Fjellvann", "Kystlys"]
    assert _lead(record, "Kystlys") == ["Strandby kommune"]


def test_a_project_named_in_english_on_a_swedish_list_is_swedish():
    # A title alone is a name, not text: the project keeps its page's language.
    page = (
        "Dessa förstudier har fått stöd av myndigheten i år:\n\n"
        "Testbeds of the North, Strandby Science Park AB\n"
        "Fiskevård och turism, Fjällby kommun\n"
    )
    record = page_read(page, source="s.txt", today=TODAY)
    assert {p.title: p.language for p in record.projects} == {
        "Testbeds of the North": "sv",
        "Fiskevård och turism": "sv",
    }


@pytest.mark.parametrize(
    "lead",
    [
        "Kontaktpersoner för projekten:",  # a lead about people
        "Dessa personer leder projekten i år:",  # every title a person's name
    ],
)
def test_people_under_a_lead_are_no_projects(lead):
    page = f"{lead}\n\nAnna Berg, Strandby kommun\nPer Holm, Fjällby kommun\n"
    record = page_read(page, source="p.txt", today=TODAY)
    assert not any(p.title in ("Anna Berg", "Per Holm") for p in record.projects)


AMOUNT_CELLS = """Kokouksen tiedote

Saapuneet hankehakemukset

Hankkeen nimi, hakija ja haettu tuki:

  • Kylätalo 2.0 – uusi katto, Järvikylän kyläyhdistys ry, 48 200 €
  • Metsäpolut kuntoon, Koskelan kaupunki, 120 000 €
  • Saariston satamat, Saaristo-osuuskunta, Skärgårdens andelslag, 75 500 €
"""


def test_a_list_line_may_end_in_its_amount_cell():
    record = page_read(AMOUNT_CELLS, source="s.txt", today=TODAY)
    assert _titles(record) == [
        "Kylätalo 2.0 – uusi katto",
        "Metsäpolut kuntoon",
        "Saariston satamat",
    ]
    assert _lead(record, "Kylätalo 2.0 – uusi katto") == ["Järvikylän kyläyhdistys ry"]
    assert _lead(record, "Metsäpolut kuntoon") == ["Koskelan kaupunki"]
    # Two bodies after the title: the first of them leads.
    assert _lead(record, "Saariston satamat") == ["Saaristo-osuuskunta"]
    amounts = {p.title: [(f.amount, f.currency) for f in p.funding] for p in record.projects}
    assert amounts["Metsäpolut kuntoon"] == [(120000, "EUR")]
    assert amounts["Saariston satamat"] == [(75500, "EUR")]


def test_an_amount_cell_needs_a_currency():
    line, amount = amount_cell_split("Metsäpolut kuntoon, Koskelan kaupunki, 2024")
    assert (line, amount) == ("Metsäpolut kuntoon, Koskelan kaupunki, 2024", None)
    line, amount = amount_cell_split("Metsäpolut kuntoon, Koskelan kaupunki, 12 000 kr")
    assert (line, amount) == ("Metsäpolut kuntoon, Koskelan kaupunki", "12 000 kr")
