"""Tables copied from a web page into text, one row a line and cells parted by single spaces:
a header row names three to five columns (title, body, amount, period, place, case number) in
any order, and each row below it is one project. Pages written by us, projects invented."""

from decimal import Decimal

import pytest

from projektkatalog.domain.build import page_read
from projektkatalog.domain.curated import curated_load
from projektkatalog.domain.readers.table import header_columns
from tests.conftest import TODAY

SWEDISH_WITH_LEAD = """Beviljade projekt i höstens utlysning

Regionen fördelar 2,4 miljoner kronor till fyra projekt.

Projekt Projektägare Beviljat belopp Tidsperiod
Grön hamn Strandby kommun 900 000 2026-01-01 – 2027-12-31
Läsfrämjande i byarna Norrviks bibliotek 300 000 2026-02-01 – 2026-12-31
Fisketurism i fjällen Fjällby Turism AB 700 000 2026
Cykelstråk Älvby kommun 500 000

Kontakta regionens handläggare för frågor.
"""

DANISH_CURRENCY_IN_HEADER = """Tilskud fra kulturpuljen

Sagsnummer Ansøger Projekt Beløb i kr.
26-014 Strandby Musikforening Lyd over havnen 12.500
26-019 Fjordby Roklub Kajak for alle 40.000
"""

FINNISH_BODY_FIRST = """Myönnetyt tuet

Hakija Hanke Myönnetty tuki Kunta
Järvikylän kyläyhdistys ry Kylätalo kuntoon 48 200 € Koskela
Koskelan kaupunki Metsäpolut kuntoon 120 000 € Koskela
"""

ENGLISH_NO_CURRENCY = """Approved projects, second call

Project title Lead partner Period Amount
Cold Coast Sensors Strandby University 2024–2026 1 200 000
Harbour Light Fjellby Municipality 2025–2027 480 500
"""

NORWEGIAN_NUMBERS_IN_PLACE = """Tilskudd til lag og foreninger

Prosjekt Søker Beløp Kommune
Bygdekino Elvdal ungdomslag 35 000 kr Elvdal
Kystlys Fjellby velforening 120 000 kr Fjellby
"""


def _titles(record):
    return sorted(p.title for p in record.projects)


def _one(record, title):
    hits = [p for p in record.projects if p.title == title]
    assert len(hits) == 1, (title, _titles(record))
    return hits[0]


def _lead(project):
    return [p.organisation for p in project.participants if p.role == "lead"]


def _amounts(project):
    return {(f.amount, f.currency) for f in project.funding}


def _findings(record, code):
    return {f.project for f in record.findings if f.code == code}


def test_each_row_under_a_four_column_header_is_one_project_and_the_header_none():
    record = page_read(SWEDISH_WITH_LEAD, source="t.txt", today=TODAY)
    assert _titles(record) == [
        "Cykelstråk",
        "Fisketurism i fjällen",  # the body's name starts at "Fjällby", not the title's end
        "Grön hamn",
        "Läsfrämjande i byarna",
    ]
    hamn = _one(record, "Grön hamn")
    assert _lead(hamn) == ["Strandby kommun"]
    assert (hamn.period_start, hamn.period_end) == ("2026-01-01", "2027-12-31")
    assert _amounts(hamn) == {(Decimal(900000), "SEK")}
    assert _lead(_one(record, "Fisketurism i fjällen")) == ["Fjällby Turism AB"]
    assert _one(record, "Cykelstråk").period_start is None  # an empty last cell
    # The lead names the currency the table's bare amounts are in: each is reported.
    assert _findings(record, "guessed-currency") == {p.slug for p in record.projects}


def test_a_case_number_column_and_the_currency_named_in_the_header():
    record = page_read(DANISH_CURRENCY_IN_HEADER, source="t.txt", today=TODAY)
    assert _titles(record) == ["Kajak for alle", "Lyd over havnen"]
    lyd = _one(record, "Lyd over havnen")
    assert _lead(lyd) == ["Strandby Musikforening"]
    assert _amounts(lyd) == {(Decimal(12500), "DKK")}
    assert "26-014" in lyd.description  # the case number is kept in the text
    assert _lead(_one(record, "Kajak for alle")) == ["Fjordby Roklub"]
    messages = [f.message for f in record.findings if f.code == "guessed-currency"]
    assert messages == [
        "“12.500” was read as 12500 DKK (currency-from-context); check it.",
        "“40.000” was read as 40000 DKK (currency-from-context); check it.",
    ]


def test_the_body_before_the_title_and_a_place_after_the_amount():
    record = page_read(FINNISH_BODY_FIRST, source="t.txt", today=TODAY)
    assert _titles(record) == ["Kylätalo kuntoon", "Metsäpolut kuntoon"]
    kylatalo = _one(record, "Kylätalo kuntoon")
    assert _lead(kylatalo) == ["Järvikylän kyläyhdistys ry"]
    assert _amounts(kylatalo) == {(Decimal(48200), "EUR")}
    assert _findings(record, "guessed-currency") == set()  # the cells state their currency
    assert all(p.language == "fi" for p in record.projects)


def test_amounts_no_header_or_lead_gives_a_currency_are_kept_without_one_and_reported():
    record = page_read(ENGLISH_NO_CURRENCY, source="t.txt", today=TODAY)
    sensors = _one(record, "Cold Coast Sensors")
    assert _lead(sensors) == ["Strandby University"]  # "University" alone names no body
    assert (sensors.period_start, sensors.period_end) == ("2024", "2026")
    assert _amounts(sensors) == {(Decimal(1200000), "")}
    assert _findings(record, "amount-without-currency") == {p.slug for p in record.projects}


def test_amounts_with_their_own_currency_and_a_place_column():
    record = page_read(NORWEGIAN_NUMBERS_IN_PLACE, source="t.txt", today=TODAY)
    assert _titles(record) == ["Bygdekino", "Kystlys"]
    assert _lead(_one(record, "Bygdekino")) == ["Elvdal ungdomslag"]
    assert _amounts(_one(record, "Kystlys")) == {(Decimal(120000), "NOK")}
    assert "Elvdal" in _one(record, "Bygdekino").description


@pytest.mark.parametrize(
    ("header", "kinds"),
    [
        ("Projekt Sökande Beviljat belopp Kommun", ["title", "lead", "grant", "place"]),
        ("Prosjekt Søker Tildelt beløp", ["title", "lead", "grant"]),
        ("Hakija Hanke Myönnetty tuki Kunta", ["lead", "title", "grant", "place"]),
        ("Project title Applicant Amount (EUR) Period", ["title", "lead", "grant", "period"]),
        ("Navn på prosjekt Leadpartner Norsk partner", ["title", "lead", "partners"]),
        ("Nr Projekt Sökande Belopp", ["reference", "title", "lead", "grant"]),
    ],
)
def test_header_rows_in_each_language(header, kinds):
    columns = header_columns(header)
    assert columns is not None and [c.kind for c in columns] == kinds


@pytest.mark.parametrize(
    "line",
    [
        "Projekt Projekt",  # two titles
        "Sökande Beviljat belopp",  # no title column
        "Projekt Kontaktperson Telefon",  # contacts: a line of labels, no table
        "Projekt Sökande Beviljat belopp Kommun Period Partner",  # more columns than a header has
        "Projekt i Strandby kommun",  # words that are no column's
        "Projekt: Grön hamn",
        "",  # an empty line (the fuzz test found it)
        "   ",
    ],
)
def test_lines_that_are_no_header(line):
    assert header_columns(line) is None


def test_a_sentence_under_the_header_ends_the_table():
    text = SWEDISH_WITH_LEAD.replace(
        "Cykelstråk Älvby kommun 500 000", "Alla projekt startar under våren."
    )
    record = page_read(text, source="t.txt", today=TODAY)
    assert "Cykelstråk" not in _titles(record)
    assert len(record.projects) == 3


def test_column_words_are_no_field_labels_and_each_names_a_known_kind():
    data = curated_load("labels")
    fields = {label for labels in data["fields"].values() for label in labels}
    columns = [label for labels in data["columns"].values() for label in labels]
    assert [w for w in columns if w in fields] == []
    assert len(columns) == len(set(columns))
    for kind in data["columns"]:
        assert kind in data["fields"] or kind in ("place", "reference", "date"), kind


HTML_TABLE = """<html><body>
<h1>Beviljade projekt 2026</h1>
<p>Regionen fördelar pengar ur Leader Strandbygd till två projekt.</p>
<table>
<tr><th>Projekt</th><th>Sökande</th><th>Beviljat belopp</th><th>Kommun</th></tr>
<tr><td>Grön hamn</td><td>Strandby kommun</td><td>900 000 kr</td><td>Strandby</td></tr>
<tr><td>Digitala byar</td><td>Norrviks ekonomiska förening</td><td>480 000 kr</td><td>Norrvik</td></tr>
</table>
<table><tr><th>Kontakt</th><td>Anna Berg</td></tr></table>
</body></html>"""


def test_an_html_table_is_read_by_its_cells_and_the_heading_above_is_no_project():
    record = page_read(HTML_TABLE, source="t.html", today=TODAY)
    assert _titles(record) == ["Digitala byar", "Grön hamn"]
    byar = _one(record, "Digitala byar")
    assert _lead(byar) == ["Norrviks ekonomiska förening"]
    assert _amounts(byar) == {(Decimal(480000), "SEK")}
    # The introduction's programme applies to the projects under it.
    assert all(p.programmes == ["Leader"] for p in record.projects), [
        p.programmes for p in record.projects
    ]


FUND_AND_DESCRIPTION = """Beviljade medel ur två fonder

Projektnamn Sökande organisation Fond Beviljat belopp Kort beskrivning
Grön hamn Strandby kommun Regionalfonden 900 000 kr Hamnen ställs om till el och solkraft.
Unga i jobb Norrby folkhögskola Socialfonden 450 000 kr Kurser för unga utan arbete.
"""


def test_a_fund_column_and_a_description_column_ending_in_a_sentence():
    record = page_read(FUND_AND_DESCRIPTION, source="t.txt", today=TODAY)
    assert _titles(record) == ["Grön hamn", "Unga i jobb"]
    hamn = _one(record, "Grön hamn")
    assert _lead(hamn) == ["Strandby kommun"]
    assert hamn.programmes == ["Europeiska regionala utvecklingsfonden"]
    assert _one(record, "Unga i jobb").programmes == ["Europeiska socialfonden"]
    assert "solkraft" in hamn.description


STACKED = """Beviljade projekt

Projekt
Sökande
Beviljat belopp
Kommun
Grön hamn
Strandby kommun
900 000 kr
Strandby
Digitala byar
Norrviks ekonomiska förening
480 000 kr
Norrvik

Kontakt: Anna Berg
"""


def test_a_table_with_one_cell_a_line():
    record = page_read(STACKED, source="t.txt", today=TODAY)
    assert _titles(record) == ["Digitala byar", "Grön hamn"]
    hamn = _one(record, "Grön hamn")
    assert _lead(hamn) == ["Strandby kommun"]
    assert _amounts(hamn) == {(Decimal(900000), "SEK")}
    # The header's lines are no projects, and neither is a label over its value.
    one_pair = "Projektägare\nStrandby kommun\n\nBudget\n900 000 kr\n"
    assert header_columns("Projektägare") is None
    assert len(page_read(one_pair, source="t.txt", today=TODAY).projects) <= 1


def test_a_row_that_sums_up_the_table_is_no_project():
    text = SWEDISH_WITH_LEAD.replace(
        "Cykelstråk Älvby kommun 500 000",
        "Cykelstråk Älvby kommun 500 000\nTotalt Regionen 2 400 000",
    )
    assert "Totalt" not in _titles(page_read(text, source="t.txt", today=TODAY))
    html = HTML_TABLE.replace(
        "</table>\n<table>",
        "<tr><td>Summa</td><td></td><td>1 380 000 kr</td><td></td></tr>\n</table>\n<table>",
    )
    assert _titles(page_read(html, source="t.html", today=TODAY)) == ["Digitala byar", "Grön hamn"]


def test_single_blank_lines_between_rows_keep_the_table():
    text = SWEDISH_WITH_LEAD.replace("\nLäsfrämjande", "\n\nLäsfrämjande").replace(
        "\nCykelstråk", "\n\nCykelstråk"
    )
    assert _titles(page_read(text, source="t.txt", today=TODAY)) == _titles(
        page_read(SWEDISH_WITH_LEAD, source="t.txt", today=TODAY)
    )
    assert "Kontakta" not in " ".join(_titles(page_read(text, source="t.txt", today=TODAY)))
