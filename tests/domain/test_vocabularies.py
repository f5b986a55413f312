"""The curated vocabularies: every file parses, no spelling names two things, and lookups work."""

import re
from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from projektkatalog.domain.curated import curated_load, curated_names
from projektkatalog.domain.matching.names import name_key
from projektkatalog.domain.matching.organisations import (
    OrganisationIndex,
    municipality_lookup,
    organisations_curated,
    organisations_distributed,
)
from projektkatalog.domain.matching.programmes import ProgrammeIndex, programmes_curated
from projektkatalog.domain.text import trie_pattern


def test_every_data_file_parses():
    for name in curated_names():
        assert isinstance(curated_load(name), dict), name


def test_no_spelling_names_two_organisations():
    owners: dict[str, str] = {}
    clashes = []
    for entry in organisations_curated():
        for spelling in {entry["name"], *entry["aliases"]}:
            key = name_key(spelling)
            if owners.setdefault(key, entry["name"]) != entry["name"]:
                clashes.append((spelling, owners[key], entry["name"]))
    assert clashes == []


def test_every_organisation_has_a_country():
    assert [e["name"] for e in organisations_curated() if len(e.get("country", "")) != 2] == []


def test_no_spelling_names_two_programmes():
    owners: dict[str, str] = {}
    clashes = []
    for prog in programmes_curated():
        for spelling in {prog.name, prog.short, *prog.aliases} - {""}:
            key = name_key(spelling)
            if owners.setdefault(key, prog.name) != prog.name:
                clashes.append((spelling, owners[key], prog.name))
    assert clashes == []


def test_municipality_lists_have_no_repeats_and_are_complete():
    data = curated_load("municipalities")
    for country in ("SE", "DK", "NO", "AX", "FI"):
        names = data[country]["names"]
        assert [n for n, c in Counter(names).items() if c > 1] == [], country
        assert set(data[country].get("ambiguous", ())) <= set(names), country
    assert len(data["SE"]["names"]) == 290
    assert len(data["DK"]["names"]) == 98


@pytest.mark.parametrize(
    ("place", "official", "country"),
    [
        ("Övertorneå", "Övertorneå kommun", "SE"),
        ("Ragunda", "Ragunda kommun", "SE"),
        ("Vaxholm", "Vaxholms stad", "SE"),
        ("Falun", "Falu kommun", "SE"),
        ("Visby", "Region Gotland", "SE"),
        ("Gothenburg", "Göteborgs Stad", "SE"),
        ("Kautokeino", "Kautokeino kommune", "NO"),
        ("Tromsö", "Tromsø kommune", "NO"),
        ("Tønder", "Tønder Kommune", "DK"),
        ("Jomala", "Jomala kommun", "AX"),
        ("Saltvik", "Saltviks kommun", "AX"),
        ("Maarianhamina", "Mariehamns stad", "AX"),
        ("Tornio", "Torneå stad", "FI"),
        ("Korsholm", "Korsholms kommun", "FI"),
        ("Oulu", "Uleåborgs stad", "FI"),
        ("Ii", "Ii kommun", "FI"),
    ],
)
def test_municipality_lookup(place, official, country):
    assert municipality_lookup(place) == (official, country)


@pytest.mark.parametrize("word", ["Mark", "Nora", "Vara", "Berg", "Rana", "Moss", "Sund", "Kemi"])
def test_place_names_that_are_words_need_their_official_form(word):
    assert municipality_lookup(word) is None


def test_official_form_of_an_ambiguous_place_is_the_municipality():
    index = OrganisationIndex()
    resolution = index.resolve("Marks kommun")
    assert (resolution.organisation.name, resolution.organisation.country) == ("Marks kommun", "SE")


@pytest.mark.parametrize(
    ("spelling", "canonical"),
    [
        ("Region Jämtland", "Region Jämtland Härjedalen"),
        ("Länsstyrelsen i Västerbottens län", "Länsstyrelsen Västerbotten"),
        ("County Administrative Board of Dalarna", "Länsstyrelsen Dalarna"),
        ("Luleå University of Technology", "Luleå tekniska universitet"),
        ("Umeå University", "Umeå universitet"),
        ("ESF-rådet", "Svenska ESF-rådet"),
        ("ELY-keskus", "NTM-centralen"),
        ("ÅMHM", "Ålands miljö- och hälsoskyddsmyndighet"),
        ("Landskapsregeringen", "Ålands landskapsregering"),
        ("University of Oulu", "Oulun yliopisto"),
        ("Nordlands fylkeskommun", "Nordland fylkeskommune"),
        ("Høgskolen Innlandet", "Høgskolen i Innlandet"),
        ("NTNU", "Norges teknisk-naturvitenskapelige universitet"),
        ("Central Denmark Region", "Region Midtjylland"),
        ("Roskilde University", "Roskilde Universitet"),
        ("LRF", "Lantbrukarnas Riksförbund"),
    ],
)
def test_curated_bodies_resolve(spelling, canonical):
    resolution = OrganisationIndex().resolve(spelling)
    assert (resolution.organisation.name, resolution.method) == (canonical, "exact")


@pytest.mark.parametrize(
    ("text", "programme"),
    [
        ("Interreg ØKS", "Interreg Öresund-Kattegat-Skagerrak"),
        ("Øresund-Kattegat-Skagerrak", "Interreg Öresund-Kattegat-Skagerrak"),
        ("Kolarctic CBC", "Interreg NEXT Kolarctic"),
        ("Botnia Atlantica", "Interreg Botnia-Atlantica"),
        ("Interreg Sverige-Norge-programmet", "Interreg Sverige-Norge"),
        ("Interreg IV A Nord", "Interreg Nord"),
        ("Nordsøprogrammet", "Interreg Nordsjöregionen"),
        ("EAKR", "Europeiska regionala utvecklingsfonden"),
        ("EUs regionale utviklingsfond", "Europeiska regionala utvecklingsfonden"),
        ("Euroopan sosiaalirahasto", "Europeiska socialfonden"),
        ("ESF+", "Europeiska socialfonden"),
        ("Jordbruksfonden", "Landsbygdsprogrammet"),
        ("Landdistriktsprogrammet", "Landsbygdsprogrammet"),
        ("Leader", "Leader"),
        ("LIFE+", "LIFE"),
        ("Horizon Europe", "Horisont Europa"),
        ("Connecting Europe Facility", "Fonden för ett sammanlänkat Europa"),
        ("Interreg Tyskland-Danmark", "Interreg Deutschland-Danmark"),
        ("Uudistuva ja osaava Suomi 2021–2027", "Uudistuva ja osaava Suomi"),
        ("LONA", "Lokala naturvårdssatsningar"),
        ("LOVA-bidrag", "Lokala vattenvårdsprojekt"),
        ("Klimatklivet", "Klimatklivet"),
    ],
)
def test_programme_aliases(text, programme):
    found, known = ProgrammeIndex().resolve(text)
    assert (found.name, known) == (programme, True)


@pytest.mark.parametrize(
    ("sentence", "programme"),
    [
        ("Pengene kommer fra LAG Nordvest og skal bruges til en ny sti.", "Leader"),
        (
            "Hankkeen rahoittaa Euroopan aluekehitysrahasto.",
            "Europeiska regionala utvecklingsfonden",
        ),
        ("Prosjektet får midler fra Interreg ØKS.", "Interreg Öresund-Kattegat-Skagerrak"),
        ("Kommunen har fått LONA-pengar till två nya våtmarker.", "Lokala naturvårdssatsningar"),
        (
            "Udvalget støtter projektet under Interreg Tyskland-Danmark.",
            "Interreg Deutschland-Danmark",
        ),
    ],
)
def test_programmes_mentioned_in_nordic_prose(sentence, programme):
    assert [p.name for p in ProgrammeIndex().mentions(sentence)][:1] == [programme]


def test_lag_in_lower_case_is_not_leader():
    assert ProgrammeIndex().mentions("Ett lag från skolan vann tävlingen.") == []


@given(st.lists(st.text(alphabet="abcåö -", min_size=1, max_size=6), min_size=1, max_size=12))
def test_trie_pattern_matches_exactly_its_words_longest_first(words):
    pattern = re.compile(trie_pattern(words))
    for word in words:
        assert pattern.fullmatch(word)
    for probe in ("x", "abcåö-x", *(w + "q" for w in words)):
        assert bool(pattern.fullmatch(probe)) is (probe in words)
    longest = max(words, key=len)
    assert pattern.match(longest).group(0) == longest


@pytest.mark.parametrize(
    ("sentence", "programmes"),
    [
        ("Projektet får pengar ur EU:s Interregpengar.", ["Interreg"]),
        ("Medel från Interreg, inom Östersjöprogrammet.", ["Interreg Östersjöregionen"]),
        ("Interreg Nord och Interreg-programmet i övrigt.", ["Interreg Nord"]),
        ("Stöd från Interreg och från Socialfonden.", ["Interreg", "Europeiska socialfonden"]),
    ],
)
def test_interreg_named_in_general_gives_way_to_the_programme_named(sentence, programmes):
    assert [p.name for p in ProgrammeIndex().mentions(sentence)] == programmes


@pytest.mark.parametrize(
    ("text", "bodies"),
    [
        (
            "Länsstyrelserna i Kalmar och Kronoberg driver projektet.",
            ["Länsstyrelsen i Kalmar", "Länsstyrelsen i Kronoberg"],
        ),
        ("Arbetet leds av Lunds och Ystads kommuner.", ["Lunds kommun", "Ystads kommun"]),
        (
            "Kommunerna Sjöbo, Tomelilla och Ystad samarbetar.",
            ["Sjöbo kommun", "Tomelilla kommun", "Ystads kommun"],
        ),
        ("Halden og Hvaler kommunes nye plan", ["Halden kommune", "Hvaler kommune"]),
        (
            "the municipalities of Kiruna and Gällivare",
            ["Kiruna kommun", "Gällivare kommun"],
        ),
        ("Länsstyrelsen i Kalmar län och Region Kalmar län", []),
        ("kommunerna i länet och regionen", []),
    ],
)
def test_organisations_distributed(text, bodies):
    assert organisations_distributed(text) == bodies


def test_distributed_county_boards_resolve_to_the_curated_boards():
    index = OrganisationIndex()
    names = [
        index.resolve(n).organisation.name
        for n in organisations_distributed("Länsstyrelserna i Jämtland och Västernorrland")
    ]
    assert names == ["Länsstyrelsen Jämtland", "Länsstyrelsen Västernorrland"]


def test_every_spelling_points_to_a_listed_place():
    data = curated_load("municipalities")
    for country, table in data.items():
        assert set(table.get("spellings", {}).values()) <= set(table["names"]), country
        assert set(table.get("official", {})) <= set(table["names"]), country


@given(st.text(max_size=120))
def test_organisations_distributed_never_crashes(text):
    assert all(isinstance(n, str) and n for n in organisations_distributed(text))
