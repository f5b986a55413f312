"""Transcripts of PDFs: slides and application forms whose fields ran together on one line,
with the page or slide numbers a PDF prints. Pages written by us, projects invented."""

from decimal import Decimal

from projektkatalog.domain.build import page_read
from projektkatalog.domain.readers.blocks import Block, text_blocks
from projektkatalog.domain.readers.flattened import transcripts_apart
from tests.conftest import TODAY

# A slide deck copied out of a PDF: one line a slide, its number at its end, the fields of a
# project one after another on its slide.
SLIDES = """Yhteiset kehittämishankkeet 2019-2024
Tausta Kunnat ja valtio rahoittavat hankkeita yhdessä puoliksi 2
Katsaus Päättyneet hankkeet Käynnissä olevat hankkeet 3
Päättyneet hankkeet 4
KylaNet Kylien yhteinen verkkopalvelu (KylaNet) Toteutus: 2019-2021 Palvelun määrittely ja pilotointi kolmessa kunnassa Vaikutusarvio: Palvelu otettiin käyttöön Hankkeen omistajat: Järvikylän kunta ja Koskelan kaupunki Toteutunut rahankäyttö: 212 000 5
VesiTieto Vesihuollon tietojen yhteinen malli (VesiTieto) Toteutus: 2020-2022 Tietomallin laatiminen Hankkeen omistaja: Koskelan kaupunki Toteutunut rahankäyttö: 87 500 6
"""

# One page of an application form: labels and values run together, no colons, the project's
# name in the middle of the page and its two dates after both of their labels.
FORM = (
    "1 (3) Hankehakemus Kestävää kasvua ja työtä 2014 2020 Suomen rakennerahasto-ohjelma "
    "Saapumispäivämäärä 2.2.2019 Diaarinumero 12/345/2019 Hakemusnumero 400123 "
    "Hakijan virallinen nimi Järvikylän kyläyhdistys ry Organisaatiotyyppi Yhdistys "
    "Jakeluosoite Kylätie 4 Postinumero 99999 Y-tunnus 1234567-8 "
    "Hankkeen julkinen nimi Kylätalo kuntoon Alkamispäivämäärä Päättymispäivämäärä "
    "1.3.2019 28.2.2021 Toimintalinja 3. Työllisyys\n"
    "2 (3) Hankkeen tiivistelmä Hankkeessa kunnostetaan kylätalo ja sen piha.\n"
    "3 (3) Allekirjoitukset\n"
)


def _roles(project):
    return {(p.organisation, p.role) for p in project.participants}


def test_slides_read_one_project_a_slide_with_its_fields():
    record = page_read(SLIDES, source="slides.txt", today=TODAY)
    assert [p.title for p in record.projects] == [
        "KylaNet – Kylien yhteinen verkkopalvelu",
        "VesiTieto – Vesihuollon tietojen yhteinen malli",
    ]
    first, second = record.projects
    assert first.short_name == "KylaNet"
    assert (first.period_start, first.period_end) == ("2019", "2021")
    assert _roles(first) == {("Järvikylän kunta", "lead"), ("Koskelan kaupunki", "lead")}
    # The slide's number (5) is not part of the sum, which states no currency.
    assert [(f.amount, f.currency) for f in first.funding] == [(Decimal(212000), "")]
    assert _roles(second) == {("Koskelan kaupunki", "lead")}
    assert [f.amount for f in second.funding] == [Decimal(87500)]
    assert {f.code for f in record.findings if f.project == first.slug} >= {
        "amount-without-currency"
    }


def test_a_form_page_reads_as_its_project():
    record = page_read(FORM, source="form.txt", today=TODAY)
    [project] = record.projects
    assert project.title == "Kylätalo kuntoon"
    assert (project.period_start, project.period_end) == ("2019-03-01", "2021-02-28")
    # The applicant's name ends where the form's next label starts.
    assert _roles(project) == {("Järvikylän kyläyhdistys ry", "lead")}
    assert project.programmes == ["Kestävää kasvua ja työtä 2014–2020"]
    assert project.language == "fi"
    # The form's plumbing (address, registration number) is no fact of the project.
    assert "99999" not in project.description and "1234567-8" not in project.description


def test_page_numbers_that_count_up_are_dropped_and_other_numbers_kept():
    lines = ["Alpha 2", "Beta gamma 3", "Delta 4", "Funding 2021 was 40 000"]
    blocks = transcripts_apart([Block("line", 0, t, n) for n, t in enumerate(lines, 1)])
    assert [b.text for b in blocks] == ["Alpha", "Beta gamma", "Delta", "Funding 2021 was 40 000"]
    # Two numbered lines are no run of page numbers, nor are the numbered parts of one name.
    sequels = [Block("line", 0, t, n) for n, t in enumerate(["Fiske 1", "Fiske 2"], 1)]
    assert [b.text for b in transcripts_apart(sequels)] == ["Fiske 1", "Fiske 2"]
    stages = [Block("line", 0, f"Etapp {n}", n) for n in (1, 2, 3)]
    assert [b.text for b in transcripts_apart(stages)] == ["Etapp 1", "Etapp 2", "Etapp 3"]


def test_a_person_line_and_a_fact_line_are_no_slides():
    text = (
        "Anna Berg, e-post: anna.berg@example.se, telefon: 070-123 45 67\n"
        "Budget: 40 000 kr – Stöd: 20 000 kr\n"
    )
    blocks = text_blocks(text)
    assert transcripts_apart(blocks) == blocks


def test_a_sentence_with_label_words_is_no_form():
    # Long, and naming labels in passing, but with fewer than three of them: running text.
    text = "Hankkeen julkinen nimi on vielä auki, sillä " + "hanke etenee vaiheittain " * 20
    blocks = [Block("line", 0, text, 1)]
    assert transcripts_apart(blocks) == blocks


def test_running_text_that_names_fields_is_no_form():
    text = (
        "The lead partner of the project is the Strandby Harbour Authority, which has worked "
        "on the coast for many years. The total budget of the work is large, and the project "
        "manager says that the project period will be long enough for the harbour, the town "
        "and the islands around it to learn from each other. The applicant name was chosen "
        "with care, and the partners are proud of what they have done together so far."
    )
    blocks = [Block("line", 0, text, 1)]
    assert transcripts_apart(blocks) == blocks
