"""News that names projects in turn and says in prose who runs and pays for them (written by us,
invented bodies and projects)."""

import pytest

from projektkatalog.domain.build import page_read
from projektkatalog.domain.partners import roles_in_prose
from projektkatalog.domain.periods import period_from_prose
from projektkatalog.domain.readers.names import project_names
from tests.conftest import TODAY

IN_TURN = """15 miljoner till Strandby högskolas samverkan

Strandby högskola har beviljats 15 miljoner kronor för att genomföra tre större samverkansprojekt med länets företag.

Två av projekten bygger på samma modell. Det ena är Fjällnära Energi som genomförs tillsammans med Norrviks universitet och riktar sig till små företag. Det andra är Fjällnära Data som samlar företag kring öppna data.

Det tredje projektet, med en budget på drygt 6 miljoner kr, är Hamnlabbet 2.0, som fortsätter ett tidigare arbete.
"""


def _by_title(record):
    return {p.title: p for p in record.projects}


def test_projects_named_in_turn_are_one_project_each():
    record = page_read(IN_TURN, source="t.txt", today=TODAY)
    assert sorted(_by_title(record)) == ["Fjällnära Data", "Fjällnära Energi", "Hamnlabbet 2.0"]


def test_the_recipient_of_a_grant_for_several_projects_leads_each():
    record = page_read(IN_TURN, source="t.txt", today=TODAY)
    for project in record.projects:
        leads = [p.organisation for p in project.participants if p.role == "lead"]
        assert leads == ["Strandby högskola"], project.title
    energi = _by_title(record)["Fjällnära Energi"]
    assert ("Norrviks universitet", "partner") in [
        (p.organisation, p.role) for p in energi.participants
    ]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Det första är Kustljus som leds av kommunen.", ["Kustljus"]),
        ("Det fjärde projektet är Fiske 2.0, som fortsätter.", ["Fiske 2.0"]),
        ("Det andre prosjektet er Fjellvann, som starter i vår.", ["Fjellvann"]),
        ("Det første projekt er Havneliv, der samler borgerne.", ["Havneliv"]),
        ("The second is Snow Lab which tests sensors.", ["Snow Lab"]),
        ("Det andra är att sprida resultaten.", []),  # no name after the copula
        ("Vi tror att det andra är Viktigt för oss.", []),  # not a sentence's start
    ],
)
def test_names_in_turn(text, names):
    assert project_names(text) == names


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Projektets huvudfinansiär är Närings- och miljöministeriet.",
            [("Närings- och miljöministeriet", "financier")],
        ),
        (
            "Lokalt finansieras och anordnas projektet av Strandby förbund och Fjällby förbund.",
            [("Strandby förbund", "partner"), ("Fjällby förbund", "partner")],
        ),
        (
            "Ansökan har skrivits av Strandby universitet, Norrby kommun och Fjällby kommun tillsammans.",
            [
                ("Strandby universitet", "partner"),
                ("Norrby kommun", "partner"),
                ("Fjällby kommun", "partner"),
            ],
        ),
        (
            "Finansiering av projektet sker även genom Strandby kommun och Norrby kommun.",
            [("Strandby kommun", "financier"), ("Norrby kommun", "financier")],
        ),
        (
            "Fjellvann gjennomføres sammen med Fjellby kommune.",
            [("Fjellby kommune", "partner")],
        ),
    ],
)
def test_participants_in_prose(sentence, expected):
    assert roles_in_prose(sentence) == expected


def test_the_body_responsible_for_administration_leads():
    page = """Välfärd över gränser

Projektet "Välfärd över gränser" samlar kommuner i två landskap. För projektadministrationen ansvarar Strandby förbund.
"""
    [project] = page_read(page, source="v.txt", today=TODAY).projects
    assert ("Strandby förbund", "lead") in [(p.organisation, p.role) for p in project.participants]


def test_an_earlier_projects_years_are_not_the_period():
    text = (
        "Projektet fortsätter det arbete som det tidigare projektet genomförde 2015 och 2016. "
        "Nu samlas fler kommuner."
    )
    assert period_from_prose(text) is None
    # Without the earlier project the same years are a period.
    assert period_from_prose("Projektet genomfördes 2015 och 2016.") is not None


def test_a_contact_information_heading_opens_the_contact_block():
    page = """Nytt centrum för hamnar

Projektet Hamnlabbet ska bygga ett centrum för hållbara hamnar.

Kontaktinformation
Anna Berg, tfn. 070 - 123 45 67
"""
    [project] = page_read(page, source="k.txt", today=TODAY).projects
    assert [(c.name, [n.number for n in c.phones]) for c in project.contacts] == [
        ("Anna Berg", ["+46701234567"])
    ]


NAMED_THEN_DESCRIBED = """Strandby förbund har sökt pengar till två nya projekt

Strandby förbund har sökt finansiering till två projekt från programmet Interreg Aurora. Projekten är Kustleden och Fjällnära Energi.

Kustleden är ett turismprojekt som ska locka besökare till kusten. Målet är att projektet ska pågå från början av 2024 till slutet av 2026.

– Vi tror mycket på kusten, säger Anna Berg.

Partnerskapet i Kustleden består av Norrby stad/ Visit Norrby, Fjällby kommun och Strandby Hamn AB med Strandby förbund som partner och samordnande stödmottagare.

Fjällnära Energi är ett projekt om energi i fjällen.
"""


def test_later_paragraphs_join_the_project_they_name():
    record = page_read(NAMED_THEN_DESCRIBED, source="n.txt", today=TODAY)
    projects = _by_title(record)
    assert sorted(projects) == ["Fjällnära Energi", "Kustleden"]
    kust = projects["Kustleden"]
    assert (kust.period_start, kust.period_end) == ("2024", "2026")
    assert "tror mycket på kusten" in kust.description  # the quote after it
    assert "energi i fjällen" not in kust.description
    roles = {(p.organisation, p.role) for p in kust.participants}
    assert ("Strandby förbund", "lead") in roles
    assert {"Norrby stad/ Visit Norrby", "Fjällby kommun", "Strandby Hamn AB"} <= {
        name for name, _ in roles
    }


def test_the_programme_of_the_paragraph_that_names_the_projects():
    record = page_read(NAMED_THEN_DESCRIBED, source="n.txt", today=TODAY)
    for project in record.projects:
        assert project.programmes == ["Interreg Aurora"], project.title


@pytest.mark.parametrize(
    ("sentence", "lead"),
    [
        ("Nu kommer Strandby EGTS att fungera som ensam stödmottagare i projektet.", None),
        ("Strandby EGTS kommer att fungera som ensam stödmottagare i projektet.", "Strandby EGTS"),
        ("The Strandby Council will act as the sole beneficiary.", "Strandby Council"),
    ],
)
def test_the_sole_beneficiary_leads(sentence, lead):
    page = f"Havsljus\n\nProjektet Havsljus samlar hamnar. {sentence}\n"
    [project] = page_read(page, source="b.txt", today=TODAY).projects
    leads = [p.organisation for p in project.participants if p.role == "lead"]
    assert leads == ([lead] if lead else [])


@pytest.mark.parametrize(
    ("sentence", "contacts"),
    [
        (
            "– Kusten lockar, säger projektchef Anna Berg på förbundet.",
            [("Anna Berg", "projektchef")],
        ),
        ("“It works,” says project manager Per Holm.", [("Per Holm", "project manager")]),
        ("– Det er godt, sier prosjektleder Kari Nordby.", [("Kari Nordby", "prosjektleder")]),
        ("– Det är roligt, säger rektor Lars Ek.", []),  # not a role on the project
    ],
)
def test_a_quoted_project_role_is_the_contact(sentence, contacts):
    page = f"Havsljus\n\nProjektet Havsljus samlar hamnar längs kusten.\n\n{sentence}\n"
    [project] = page_read(page, source="q.txt", today=TODAY).projects
    assert [(c.name, c.title) for c in project.contacts] == contacts
