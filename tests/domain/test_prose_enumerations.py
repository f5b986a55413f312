"""Projects named in running text: a sentence listing several after a plural project noun or a
"following projects" phrase, and names in quotes after a project noun, as in committee minutes.
Pages written by us, projects invented."""

import pytest

from projektkatalog.domain.build import page_read
from projektkatalog.domain.readers.names import project_names
from tests.conftest import TODAY


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        (
            "Styrelsen beviljar stöd till projekten Bygdens kraft, Vattenvägar, Skogens skola "
            "och Närproducerat i Norrvik.",
            ["Bygdens kraft", "Vattenvägar", "Skogens skola", "Närproducerat i Norrvik"],
        ),
        (
            "Følgende projekter fik tilskud: Havnebadet i Strandby, Lys på stien og Musik i kirkerne.",
            ["Havnebadet i Strandby", "Lys på stien", "Musik i kirkerne"],
        ),
        (
            "Styret har gitt tilsagn til prosjektene Kystlys, Bygdekino og Fjellstien.",
            ["Kystlys", "Bygdekino", "Fjellstien"],
        ),
        (
            "The board approved funding for the projects Harbour Light, Forest School and Open "
            "Valley at its meeting in March.",
            ["Harbour Light", "Forest School", "Open Valley"],
        ),
        (
            "Hallitus myönsi tukea hankkeille Kylätalo kuntoon, Metsäpolut ja Rantasauna.",
            ["Kylätalo kuntoon", "Metsäpolut", "Rantasauna"],
        ),
        (
            # "och" inside a name: a name does not start in lower case.
            "Styrelsen beviljar projekten Skog och vatten, Kustvägen och Grön hamn.",
            ["Skog och vatten", "Kustvägen", "Grön hamn"],
        ),
        (
            "Bland de beviljade projekten finns Grön hamn, Unga i jobb och Kustvägen.",
            ["Grön hamn", "Unga i jobb", "Kustvägen"],
        ),
        (
            "The funded projects include Harbour Light, Forest School and Open Valley.",
            ["Harbour Light", "Forest School", "Open Valley"],
        ),
        (
            "Dessa projekt får stöd: ”Sommar i byn”, ”Ängarna tillbaka” och ”Kustvägen”.",
            ["Sommar i byn", "Ängarna tillbaka", "Kustvägen"],
        ),
    ],
)
def test_a_sentence_listing_several_projects_names_each(sentence, names):
    assert project_names(sentence) == names


@pytest.mark.parametrize(
    "sentence",
    [
        "Projekten i Norrbotten har fått stöd.",  # no name after the noun
        "Pengarna går till projekten Strandby.",  # one name is no enumeration of several
        "Prosjektene ble godkjent i mars.",
        "The projects were approved, and the board met again in May.",
        "Projects were selected in March and April.",
    ],
)
def test_no_enumeration_without_two_names(sentence):
    assert project_names(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        ("Søknad fra Fjellby Vel om støtte til «Kystlys»-prosjektet.", ["Kystlys"]),
        ("Nämnden behandlade projektet ”Sommar i byn” från Strandby.", ["Sommar i byn"]),
        (
            "The committee discussed the project 'Cold Coast' and the project “Blue Harbour”.",
            ["Cold Coast", "Blue Harbour"],
        ),
        (
            "Udvalget drøftede projektet ”Lyd over havnen” og projektet ”Byens have”.",
            ["Lyd over havnen", "Byens have"],
        ),
        ("Ärende 5. Ansökan ”Sommar i byn” från Strandby byalag.", ["Sommar i byn"]),
        ("Styret behandlet søknaden «Kystlys» fra Fjellby Vel.", ["Kystlys"]),
        ("Hallitus myönsi tuen hankkeelle ”Rantasauna”.", ["Rantasauna"]),
        # A name joined to the project noun after it, unquoted; a programme's name so joined
        # says where the money comes from.
        ("Kystlys-prosjektet fikk 200 000 kroner i fjor.", ["Kystlys"]),
        ("Leader-projektet i Strandby fortsätter.", []),
        # After an application's noun only a quoted name is one.
        ("En ansökan Strandby kommun lämnat in behandlas i maj.", []),
    ],
)
def test_quoted_names_after_a_project_noun(sentence, names):
    assert project_names(sentence) == names


MINUTES = """Protokoll fra styremøte i Fjellby LAG

Sak 7/26. Søknad fra Fjellby Vel om støtte til «Kystlys»-prosjektet. Vedtak: Innvilget med 45 000 kroner.

Sak 8/26. Elvdal ungdomslag søker støtte til «Bygdekino»-prosjektet. Vedtak: Innvilget med 20 000 kroner.
"""

DANISH_LIST_SENTENCE = """Nye tilskud fra puljen

Udvalget har i dag behandlet ansøgninger. Følgende projekter fik tilskud: Havnebadet i Strandby, Lys på stien og Musik i kirkerne.

Næste ansøgningsfrist er 1. marts.
"""


def test_each_quoted_project_in_minutes_is_a_project_with_a_finding():
    record = page_read(MINUTES, source="m.txt", today=TODAY)
    assert sorted(p.title for p in record.projects) == ["Bygdekino", "Kystlys"]
    guessed = {f.project for f in record.findings if f.code == "guessed-from-prose"}
    assert guessed == {p.slug for p in record.projects}
    # "Innvilget" is the decision: no project is reported as a pending application.
    assert not [f for f in record.findings if f.code == "application-pending"]


def test_a_list_sentence_is_one_project_each_and_the_headline_none():
    record = page_read(DANISH_LIST_SENTENCE, source="d.txt", today=TODAY)
    assert [p.title for p in record.projects] == [
        "Havnebadet i Strandby",
        "Lys på stien",
        "Musik i kirkerne",
    ]
    assert all(p.language == "da" for p in record.projects)
    guessed = {f.project for f in record.findings if f.code == "guessed-from-prose"}
    assert guessed == {p.slug for p in record.projects}


BODIES_AND_AMOUNTS_IN_BRACKETS = """Nya projekt i Leader Strandbygd

Styrelsen beviljar stöd till projekten Grön hamn (Strandby kommun, 450 000 kr), Kustvägen (Fjällby vägförening, 300 000 kr) och Unga i jobb (Norrby folkhögskola, 200 000 kr).
"""


def test_each_named_project_takes_only_its_own_bracket_and_amount():
    record = page_read(BODIES_AND_AMOUNTS_IN_BRACKETS, source="b.txt", today=TODAY)
    found = {
        p.title: (
            [x.organisation for x in p.participants if x.role == "lead"],
            sorted(f.amount for f in p.funding),
        )
        for p in record.projects
    }
    assert found == {
        "Grön hamn": (["Strandby kommun"], [450000]),
        "Kustvägen": (["Fjällby vägförening"], [300000]),
        "Unga i jobb": (["Norrby folkhögskola"], [200000]),
    }
    # The sentence's start names the programme for them all.
    assert all(p.programmes == ["Leader"] for p in record.projects)
