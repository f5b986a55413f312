"""Layouts read from real pages of other bodies, written by us with invented projects: decision
lists of one sentence per recipient, a programme's theme list above its projects, budgets that
give a currency for some numbers only, short Norwegian entries, owners and members named in
prose, and projects that name only the fund their money comes from."""

from decimal import Decimal

from projektkatalog.domain.build import page_read
from projektkatalog.domain.curated import curated_load
from projektkatalog.domain.languages import language_detect, languages_known
from tests.conftest import TODAY

DECISION_SENTENCES = """Leader Skärgård förordar fem projekt

Styrelsen förordar att fem projekt får dela på sammanlagt 61.500 euro.

Strandby byalag med flera förordas 12.400 euro för att rusta upp bystugan.
Norrviks hembygdsförening förordas 8.000 euro för genomförande av en sommarmarknad i juli.
Fjällby samfällighet med flera förordas 20.100 euro för en båtramp samt 9.000 euro för ett vindskydd.
Skärgårdens ungdomsråd förordas 12.000 euro för en pumptrack.
Landskapsregeringen fattar de slutliga besluten.
"""

DANISH_GRANT_SENTENCE = """Nye tilskud fra den lokale aktionsgruppe

Strandby Havnelaug får tildelt 145.250 kr. i støtte til at bygge et nyt bådeskur. Foto: Arkiv

Strandby Havnelaug får tildelt 145.250 kr. i støtte til at bygge et nyt bådeskur.
"""

THEMES_THEN_PROJECTS = """Fjellprogrammet: disse ble godkjent

Utlysningen var åpen innen tre innsatsområder:

• Innovasjon
• Miljø
• Transport

Styringskomiteen har nå godkjent to prosjekter, og begge skal bidra til mer samarbeid over grensen.

Fjellbroen – A Nordic Bridge for Mountain Villages

Leadpartner: Fjellby kommune
Partnere i: Norge og Sverige
Budsjett: 1 200 000 € (NO+SV), 640 000 (EU, regionalt utviklingsfond)

Elvestemmer

Leadpartner: Elvdal kommune
Partnere i: Sverige og Norge
Budsjett: 900 000 (SV+NO), 450 000 (EU, regionalt utviklingsfond)
"""


def _titles(record):
    return [p.title for p in record.projects]


def _one(record, fragment):
    hits = [p for p in record.projects if fragment.casefold() in p.title.casefold()]
    assert len(hits) == 1, (fragment, _titles(record))
    return hits[0]


def _amounts(project):
    return {(f.amount, f.currency) for f in project.funding}


def test_each_decision_sentence_is_one_project_of_its_recipient():
    record = page_read(DECISION_SENTENCES, source="d.txt", today=TODAY)
    assert len(record.projects) == 5, _titles(record)
    upprustning = _one(record, "rusta upp bystugan")
    assert upprustning.title == "Rusta upp bystugan"  # no "att" before the work
    assert [(p.organisation, p.role) for p in upprustning.participants] == [
        ("Strandby byalag", "lead")
    ]
    assert _amounts(upprustning) == {(Decimal(12400), "EUR")}
    assert _amounts(_one(record, "pumptrack")) == {(Decimal(12000), "EUR")}
    assert "sammanlagt" not in " ".join(_titles(record))
    guessed = {f.project for f in record.findings if f.code == "guessed-from-prose"}
    assert guessed == {p.slug for p in record.projects}


def test_a_second_grant_in_the_same_sentence_is_its_own_project():
    record = page_read(DECISION_SENTENCES, source="d.txt", today=TODAY)
    ramp, shelter = _one(record, "båtramp"), _one(record, "vindskydd")
    assert _amounts(ramp) == {(Decimal(20100), "EUR")}
    assert _amounts(shelter) == {(Decimal(9000), "EUR")}
    assert {p.organisation for p in shelter.participants} == {"Fjällby samfällighet"}


def test_a_danish_grant_sentence_and_its_caption_are_one_project():
    record = page_read(DANISH_GRANT_SENTENCE, source="da.txt", today=TODAY)
    assert len(record.projects) == 1, _titles(record)
    project = record.projects[0]
    assert "Foto" not in project.title and "bådeskur" in project.title
    assert _amounts(project) == {(Decimal(145250), "DKK")}
    assert project.language == "da"


def test_a_theme_list_is_no_project():
    record = page_read(THEMES_THEN_PROJECTS, source="t.txt", today=TODAY)
    assert len(record.projects) == 2, _titles(record)
    assert not {"Innovasjon", "Miljø", "Transport"} & set(_titles(record))


def test_a_dashed_title_with_its_own_lead_field_keeps_its_second_half():
    record = page_read(THEMES_THEN_PROJECTS, source="t.txt", today=TODAY)
    bridge = _one(record, "Fjellbroen")
    assert bridge.title == "Fjellbroen – A Nordic Bridge for Mountain Villages"
    assert [p.role for p in bridge.participants] == ["lead"]


def test_a_number_beside_euro_amounts_takes_euro_and_is_reported():
    record = page_read(THEMES_THEN_PROJECTS, source="t.txt", today=TODAY)
    bridge = _one(record, "Fjellbroen")
    assert _amounts(bridge) == {(Decimal(1200000), "EUR"), (Decimal(640000), "EUR")}
    assert any(f.code == "guessed-currency" and f.project == bridge.slug for f in record.findings)


def test_numbers_with_no_currency_anywhere_are_kept_and_reported():
    record = page_read(THEMES_THEN_PROJECTS, source="t.txt", today=TODAY)
    river = _one(record, "Elvestemmer")
    assert {f.amount for f in river.funding} == {Decimal(900000), Decimal(450000)}
    reported = {f.code for f in record.findings if f.project == river.slug}
    assert reported & {"guessed-currency", "amount-without-currency"}


def test_short_norwegian_entries_keep_the_page_language():
    record = page_read(THEMES_THEN_PROJECTS, source="t.txt", today=TODAY)
    assert {p.language for p in record.projects} == {"no"}


def test_a_clear_danish_mark_still_wins_on_a_norwegian_page():
    text = (
        "Projektet er støttet af kommunen, og det bliver til gavn for hele øen og ikke kun havnen."
    )
    assert language_detect(text, default="no") == "da"


OWNERS_AND_FUND = """Projekten Fjällbussen och Gränsbiblioteket knyter ihop byarna på båda sidor om gränsen. Totalt beviljas 900 000 EUR till projekten i Nordens Gröna Bälte.

Fjällbussen

Projektet ägs av Strandby kommun och Fjellby AS som vill knyta ihop busslinjerna över gränsen, så att pendlare och skolungdomar kan resa på en biljett och byta buss utan långa väntetider.
Den totala budgeten är 500 000 EUR, varav 250 000 EUR är stöd från Europeiska regionala utvecklingsfonden.

Kontaktpersoner är:

Eva Lund, e-post: eva.lund@strandby.se

Gränsbiblioteket

Projektet omfattar Norrby kommun, Älvby kommun samt Fjellby kommune som är norsk partner. Biblioteken lånar ut böcker över gränsen och ordnar gemensamma läsdagar för barn.
Den totala budgeten är 400 000 EUR.

Kontaktpersoner är:

Per Ek, e-post: per.ek@norrby.se
"""


def test_two_owners_in_prose_are_lead_and_partner():
    record = page_read(OWNERS_AND_FUND, source="o.txt", today=TODAY)
    roles = {(p.organisation, p.role) for p in _one(record, "Fjällbussen").participants}
    assert roles == {("Strandby kommun", "lead"), ("Fjellby AS", "partner")}


def test_the_bodies_a_project_includes_take_part():
    record = page_read(OWNERS_AND_FUND, source="o.txt", today=TODAY)
    names = {p.organisation for p in _one(record, "Gränsbiblioteket").participants}
    assert {"Norrby kommun", "Älvby kommun", "Fjellby kommune"} <= names


def test_a_project_naming_only_its_fund_takes_the_page_s_programme():
    record = page_read(OWNERS_AND_FUND, source="o.txt", today=TODAY)
    # The subarea names the programme; the project itself names only the fund.
    assert "Interreg Sverige-Norge" in _one(record, "Fjällbussen").programmes
    assert "Interreg Sverige-Norge" in _one(record, "Gränsbiblioteket").programmes


def test_the_new_vocabularies_are_tidy():
    page = curated_load("page")
    themes = page["themes"]["intro"]
    assert len(themes) == len(set(themes)) and all(w == w.casefold() for w in themes)
    for words in (page["lines"]["work_lead_words"], page["lines"]["also_words"]):
        assert len(words) == len(set(words)) and all(w == w.strip() for w in words)
    for group in curated_load("language_neighbours")["groups"]:
        assert len(group) > 1 and set(group) <= set(languages_known())
