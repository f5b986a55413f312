"""Programme names spaced, dashed or compounded other than the curated spellings."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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


def _spellings() -> list[list[str]]:
    import re

    progs = ProgrammeIndex()
    spellings = {s for p in progs.programmes for s in (p.name, p.short, *p.aliases) if s}
    return sorted(re.findall(r"\w+", s) for s in spellings)


SEPARATORS = st.sampled_from([" ", "-", " – ", "/", " / "])


@st.composite
def _spelled(draw: st.DrawFn) -> str:
    """A programme's name spaced, dashed or run into a compound, perhaps after an article."""
    words = draw(st.sampled_from(_spellings()))
    text = words[0]
    for word in words[1:]:
        text += draw(SEPARATORS) + word
    text += draw(st.sampled_from(["", "programmet", "projekt", "s"]))
    return draw(st.sampled_from(["", "Det ", "den ", "The "])) + text


PROSE = st.lists(
    st.one_of(
        _spelled(),
        st.sampled_from(["Länsstyrelsen i Skåne län", "projektet", "och", "Leaderprojekt"]),
        st.sampled_from([" ", " – ", ". ", ", ", "\n"]),
    ),
    max_size=12,
)


@settings(max_examples=300, deadline=None)
@given(PROSE)
def test_runs_turned_down_by_their_first_or_last_word_name_nothing(pieces):
    """The scan turns down runs of words without making their keys; asking the index about
    every run instead finds the same programmes."""
    import unittest.mock

    import projektkatalog.domain.programme_spelling as spelling

    text = " ".join(pieces)
    progs = ProgrammeIndex()
    pruned = programmes_spelled(text, progs)
    anything = unittest.mock.Mock(return_value=True)
    with (
        unittest.mock.patch.object(spelling._Spellings, "may_begin", anything),
        unittest.mock.patch.object(spelling._Spellings, "may_end", anything),
    ):
        assert programmes_spelled(text, progs) == pruned


def test_a_spelling_the_index_learns_is_found_spaced_at_once():
    progs = ProgrammeIndex()
    text = "Stöd ur Fjällbygdens Utvecklingsprogram Norr i år."
    assert programmes_mentioned(text, progs) == []
    prog, known = progs.resolve("Fjällbygdens utvecklingsprogram-Norr")
    assert not known
    assert programmes_mentioned(text, progs) == [prog]


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


@settings(max_examples=300, deadline=None)
@given(PROSE)
def test_words_asked_one_at_a_time_start_where_the_pattern_starts(pieces):
    """The scan asks each word of a text whether a programme's name may start there; running
    the pattern over the whole text finds the same places."""
    import projektkatalog.domain.programme_spelling as spelling

    text = " ".join(pieces)
    spellings = spelling._spellings(ProgrammeIndex())
    pattern = [m.start() for m in spellings.starts.finditer(text)]
    asked = [m.start() for m in spelling._WORD.finditer(text) if spellings.starts_at(m.group())]
    assert asked == pattern
