"""Programme names spaced, dashed or compounded other than the curated spellings."""

import pytest

from projektkatalog.domain.build import page_read
from projektkatalog.domain.matching.programmes import ProgrammeIndex
from projektkatalog.domain.programme_spelling import programmes_mentioned, programmes_spelled
from tests.conftest import TODAY


@pytest.mark.parametrize(
    ("text", "programme"),
    [
        ("Lägesbild för Interreg Sverige Norge i höst", "Interreg Sverige-Norge"),
        ("Stöd från Interreg Sverige – Norge", "Interreg Sverige-Norge"),
        ("Pengar ur Interreg Botnia Atlantica / Sverige Norge", "Interreg Botnia-Atlantica"),
        ("Sju nya Leaderprojekt i bygden", "Leader"),
        (
            "Inom Norra Periferi och Arktisprogrammet 2021-2027",
            "Interreg Northern Periphery and Arctic",
        ),
        ("Nya projekt inom Norra Periferin och Arktis", "Interreg Northern Periphery and Arctic"),
        ("Beslut från Leader Sjuhärad om två ansökningar", "Leader"),
    ],
)
def test_spacing_and_compounds_name_the_programme(text, programme):
    names = [p.name for p in programmes_mentioned(text, ProgrammeIndex())]
    assert programme in names


@pytest.mark.parametrize(
    "text",
    [
        "Sverige och Norge delar en lång gräns.",  # two countries, not the programme
        "Ett livsprojekt för hela familjen.",  # a compound whose stem names nothing
        "Projektet leds av en projektledare i kommunen.",
        "Sverige. Norge har egna regler.",  # a full stop ends the name
    ],
)
def test_ordinary_prose_names_no_programme(text):
    progs = ProgrammeIndex()
    assert programmes_spelled(text, progs) == text
    assert programmes_mentioned(text, progs) == []


def test_rewrite_keeps_the_rest_of_the_text():
    text = "Före. Interreg Sverige Norge, och sedan mer."
    assert (
        programmes_spelled(text, ProgrammeIndex()) == "Före. Interreg Sverige-Norge, och sedan mer."
    )


def test_programme_spaced_in_heading_reaches_every_listed_project():
    page = """Lägesrapport Interreg Sverige Norge

Ansökningstiden gick ut i september. Dessa ansökningar kom in:

  •  Fjällbron – gemensam räddningstjänst i gränsfjällen
  •  Timmer över gränsen – en gemensam virkesterminal
"""
    record = page_read(page, source="l.txt", today=TODAY)
    titles = sorted(p.title for p in record.projects)
    assert len(titles) == 2, titles
    for project in record.projects:
        assert "Interreg Sverige-Norge" in project.programmes, (project.title, project.programmes)


@pytest.mark.parametrize(
    ("text", "programmes"),
    [
        # A word of funding after the hyphen goes on from the name: a compound.
        ("De Interreg Tyskland-Danmark-finansierede projekter", ["Interreg Deutschland-Danmark"]),
        ("Ett Interreg Sverige-Norge-finansierat projekt", ["Interreg Sverige-Norge"]),
        ("Kolarctic-rahoitteinen hanke", ["Interreg NEXT Kolarctic"]),
        ("fortæller LAG-koordinator Eva Holm", ["Leader"]),
        # Any other word continues a longer name: no prefix of it is named.
        ("Samarbete i Interreg Nord-Norge", ["Interreg"]),
        ("Fästingar inom ÖKS-regionen", []),
    ],
)
def test_a_hyphen_after_a_name_joins_a_compound_never_a_longer_name(text, programmes):
    assert [p.name for p in ProgrammeIndex().mentions(text)] == programmes
