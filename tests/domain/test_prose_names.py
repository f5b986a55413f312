"""News that names several projects in running text, and decision letters: pages of other
bodies read as a careful editor would, written by us with invented projects."""

import pytest

from projektkatalog.domain.build import page_read
from projektkatalog.domain.periods import period_from_prose
from projektkatalog.domain.readers.entry import attention_name
from projektkatalog.domain.readers.names import project_names
from tests.conftest import TODAY

ENUMERATED = """Six new projects approved

The Steering Committee of the Strandby–Fjellby Programme met in Norrby and approved six projects. These projects are: SeaLink (Transport group), BlueSchools (Youth group), TIDE and WindWorks (Energy group). Together they receive 4.2 MEUR from the programme.
"""

NAMED_ONE_PER_PARAGRAPH = """Första projekten i Strandbyprogrammet beviljade

Styrkommittén beviljade elva projekt för programperioden 2021-2027 vid sitt möte i Norrby.

Ett av de beviljade projekten som lyfts fram, Skogsnätet, ska samla skogsägare i tre länder kring gemensamma gallringsplaner.

Det andra projektet, Fjällspråk, syftar till att ta fram läromedel på samiska.
"""

AIMS_UNDER_A_COLON = """Nya projekt i Strandbyprogrammet

Styrkommittén godkände nio projekt. Projektet Norrsken ska minska ljusföroreningen i byarna.

Ett av projekten är Vattenvakten. Kommunerna ska samarbeta om provtagning i älven. De övriga projekten kommer att arbeta med att:

- öka tillgängligheten till vården i glesbygd
- utveckla turismen längs kusten
"""

DECISION_LETTER = (
    "Beslut om stöd\n\n"
    "1 BESLUT PROJEKT Europeiska unionen Strandby kommun Att: Eva Holm Box 12 NORRBY "
    "Projekt: Den gröna vägen Beslut om EU-medel Förvaltande myndighet för programmet "
    "Interreg Sverige-Norge beslutar att bevilja stöd till den svenska parten, Strandby "
    "kommun, , för ovan nämnda projekt. Stödet avser projektkostnader för perioden till "
    "Stödet uppgår till högst kronor.\n"  # the letter's figures were removed
)


def _titles(record):
    return sorted(p.title for p in record.projects)


def test_an_enumeration_of_projects_gives_one_project_each():
    record = page_read(ENUMERATED, source="e.txt", today=TODAY)
    assert _titles(record) == ["BlueSchools", "SeaLink", "TIDE", "WindWorks"]
    assert {f.code for f in record.findings} >= {"guessed-from-prose"}


def test_names_between_commas_after_projektet_are_projects():
    record = page_read(NAMED_ONE_PER_PARAGRAPH, source="n.txt", today=TODAY)
    assert _titles(record) == ["Fjällspråk", "Skogsnätet"]


def test_a_programme_period_is_no_project_period():
    record = page_read(NAMED_ONE_PER_PARAGRAPH, source="n.txt", today=TODAY)
    assert {(p.period_start, p.period_end) for p in record.projects} == {(None, None)}
    assert period_from_prose("Beviljat för programperioden 2021-2027.") is None
    assert period_from_prose("Approved for the programme period 2021-2027.") is None
    assert period_from_prose("Projektet pågår 2021–2023.") is not None


def test_a_list_of_aims_under_a_colon_is_no_list_of_projects():
    record = page_read(AIMS_UNDER_A_COLON, source="a.txt", today=TODAY)
    assert _titles(record) == ["Norrsken", "Vattenvakten"]


def test_a_decision_letter_names_title_lead_and_contact():
    record = page_read(DECISION_LETTER, source="d.txt", today=TODAY)
    assert len(record.projects) == 1, _titles(record)
    project = record.projects[0]
    assert project.title == "Den gröna vägen"
    assert [(p.organisation, p.role) for p in project.participants] == [("Strandby kommun", "lead")]
    assert [c.name for c in project.contacts] == ["Eva Holm"]
    assert project.funding == [] and (project.period_start, project.period_end) == (None, None)


def test_names_in_lists_and_appositions():
    cases = {
        "Projekten är Norrsken, Vattenvakten och en förstudie om Älvdata.": [
            "Norrsken",
            "Vattenvakten",
            "Älvdata",
        ],
        "Bland projekten finns bland andra Leader Strand 2020 och Kustvägen som får medel.": [
            "Leader Strand 2020",
            "Kustvägen",
        ],
        "Detta projekt, Fiske 2, är en fortsättning.": ["Fiske 2"],
        "I projektet Fiske 2. Det är nytt.": ["Fiske 2"],
        "Projektet Fiske 2019 startar nu.": ["Fiske"],
        "Projektet, som startade i fjol, har nu tio deltagare.": [],
        "Projektet startade i fjol, Anna Berg, projektledare, berättar.": [],
    }
    for text, names in cases.items():
        assert project_names(text) == names, text


def test_attention_lines():
    assert attention_name("Strandby kommun Att: Eva Holm Box 12 NORRBY") == "Eva Holm"
    assert attention_name("Att: Ola Ek NORRBY Projekt") == "Ola Ek"
    assert attention_name("Tänk på att: ansökan ska in i tid") is None


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "Bland tidigare projekt som fått pengar ur fonden är Bystugan och en ny brygga i Strandby.",
            ["Bystugan"],
        ),
        (
            "Prosjekter som har fått støtte i år er Fjordlys og Havbruk for alle.",
            ["Fjordlys", "Havbruk for alle"],
        ),
        ("Projects that received funding include SeaLink and BlueNet.", ["SeaLink", "BlueNet"]),
        ("Projektet som startade i fjol är ett bra exempel.", []),  # no name after the copula
        ("Projekt som detta är viktiga för bygden.", []),
    ],
)
def test_names_after_a_project_nouns_relative_clause(text, names):
    assert project_names(text) == names


NEWS_WITH_EXAMPLE = """Ny period för bygdens fond – har du en idé?

Nu kan föreningar och företag på landsbygden åter söka pengar från fonden, som har fått en ny strategi godkänd för de kommande åren.

Bland tidigare projekt som fått pengar ur fonden är Bystugan och en ny brygga i Strandby.
"""


def test_a_news_item_is_titled_by_the_project_it_names_as_an_example():
    record = page_read(NEWS_WITH_EXAMPLE, source="n.txt", today=TODAY)
    assert [p.title for p in record.projects] == ["Bystugan"]
