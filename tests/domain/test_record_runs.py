"""Runs of list records: sibling lines of one shape, each one project, their cells' roles
decided across the run (written by us, invented projects and bodies)."""

from decimal import Decimal

from projektkatalog.domain.build import page_read
from projektkatalog.domain.matching.organisations import OrganisationIndex
from projektkatalog.domain.readers.blocks import text_blocks
from projektkatalog.domain.readers.record_blocks import record_block_projects
from projektkatalog.domain.readers.record_runs import record_run_projects
from tests.conftest import TODAY

NUMBERED_GROUPS = """Fem tiltak får regionale utviklingsmidler

Fylkesutvalget fordelte pengene på møtet sitt i går.

Vedtaket ble slik:

Nordlia

 1. Nordlia Fiskelag, ny kai for småbåter kr 120.000
 2. Sjøvik kommune, "Kyststi for alle" kr 240.000
 3. Turlaget Nordlia, merking av stier kr 60.000

Sørdalen

 1. Skiløype over fjellet Sørdalen idrettskrets 90 000
 2. Bygdekino i grendehuset Sørdalen kommune 45 000

Publisert 3. mars.
"""


def _project(record, fragment):
    [project] = [p for p in record.projects if fragment in p.title]
    return project


def _leads(project):
    return [x.organisation for x in project.participants if x.role == "lead"]


def test_numbered_rows_under_group_lines_are_projects_with_body_title_and_amount():
    record = page_read(NUMBERED_GROUPS, source="x", today=TODAY)
    assert sorted(p.title for p in record.projects) == [
        "Bygdekino i grendehuset",
        "Kyststi for alle",
        "Merking av stier",
        "Ny kai for småbåter",
        "Skiløype over fjellet",
    ]
    kai = _project(record, "Ny kai")
    assert _leads(kai) == ["Nordlia Fiskelag"]
    assert [(f.amount, f.currency) for f in kai.funding] == [(Decimal(120000), "NOK")]
    assert _leads(_project(record, "Kyststi")) == ["Sjøvik kommune"]
    # The programme the page's heading names applies to every record of both runs.
    assert all(p.programmes == ["Regionale utviklingsmidler"] for p in record.projects)
    # Every project read from a row is reported, and the group lines are no projects.
    assert sum(f.code == "guessed-from-prose" for f in record.findings) == 5


def test_flattened_rows_find_the_body_by_its_type_word_and_keep_the_page_currency():
    record = page_read(NUMBERED_GROUPS, source="x", today=TODAY)
    ski = _project(record, "Skiløype")
    assert ski.title == "Skiløype over fjellet"
    assert _leads(ski) == ["Sørdalen idrettskrets"]
    assert [(f.amount, f.currency) for f in ski.funding] == [(Decimal(90000), "NOK")]
    assert _leads(_project(record, "Bygdekino")) == ["Sørdalen kommune"]
    # The row states no currency: the page's was assumed, and the editor is told.
    assert any(f.code == "guessed-currency" and f.project == ski.slug for f in record.findings)


def test_title_first_rows_put_the_body_column_last():
    page = """Beviljade projekt

Styrelsen beviljade följande:

- Cykelled längs ån, Åby kommun, 300 000 kr
- Ny lekplats i parken, Byalaget Åby, 80 000 kr
- Konstnärsresidens på gården, Stiftelsen Åbygården, 150 000 kr
"""
    record = page_read(page, source="x", today=TODAY)
    cykel = _project(record, "Cykelled")
    assert cykel.title == "Cykelled längs ån"
    assert _leads(cykel) == ["Åby kommun"]
    assert _leads(_project(record, "Konstnärsresidens")) == ["Stiftelsen Åbygården"]
    assert len(record.projects) == 3


def _runs(page):
    looks = OrganisationIndex().looks_like_organisation
    drafts, remaining, _ = record_run_projects(text_blocks(page), looks)
    in_blocks, _ = record_block_projects(remaining, looks)
    return drafts + in_blocks


def test_one_projects_partners_financing_contacts_and_sums_are_no_list():
    partners = """Partnere:
1. Sjøvik kommune 200 000 kr
2. Nordlia Fiskelag 150 000 kr
"""
    financiers = """Finansiering

Åby kommun 500 000 kr
Stiftelsen Åbygården 250 000 kr
"""
    contacts = """Kontakt
- Anna Berg, Åby kommun, 070-123 45 67
- Per Holm, Byalaget Åby, 070-765 43 21
"""
    sums = """- Cykelled längs ån 300 000 kr
Totalt 300 000 kr
"""
    lone = """Nyhet

Cykelled längs ån, Åby kommun, 300 000 kr
"""
    assert _runs(partners) == []
    assert _runs(financiers) == []
    assert _runs(contacts) == []
    assert _runs(sums) == []
    assert _runs(lone) == []


def test_plain_lines_that_go_on_from_a_field_are_no_list():
    page = """Cykelled längs ån
Sökande: Åby kommun
Beviljat belopp: 300 000 kr
Varav EU-medel 120 000 kr
Medfinansiering från kommunen 180 000 kr
"""
    assert _runs(page) == []
    record = page_read(page, source="x", today=TODAY)
    assert [p.title for p in record.projects] == ["Cykelled längs ån"]


def test_the_rest_of_the_page_is_as_it_was():
    blocks = text_blocks(NUMBERED_GROUPS)
    drafts, remaining, groups = record_run_projects(
        blocks, OrganisationIndex().looks_like_organisation
    )
    assert [text for _, text in groups] == ["Nordlia", "Sørdalen"]
    taken = {d.first_line for d in drafts} | {line for line, _ in groups}
    assert len(remaining) == len(blocks)
    for before, after in zip(blocks, remaining, strict=True):
        if before.line in taken:
            assert after.kind == "blank"
        else:
            assert after == before


def test_the_separator_most_rows_share_parts_the_cells():
    colon_dash = """Beviljat i år:

- Åby kommun: Cykelled längs ån – 300 000 kr
- Byalaget Åby: Ny lekplats i parken – 80 000 kr
"""
    parenthesised = """Tildelte midler

* Cykelsti langs åen (Åby Kommune) 300.000 kr.
* Ny legeplads i parken (Åby Borgerforening) 80.000 kr.
"""
    english = """The board granted the following:

Cycle path along the river – Aby Municipality – EUR 30,000
New playground in the park – Aby Village Association – EUR 8,000
"""
    for page, title, lead, amount in (
        (colon_dash, "Cykelled längs ån", "Åby kommun", 300000),
        (parenthesised, "Cykelsti langs åen", "Åby Kommune", 300000),
        (english, "Cycle path along the river", "Aby Municipality", 30000),
    ):
        record = page_read(page, source="x", today=TODAY)
        assert len(record.projects) == 2, page
        project = _project(record, title)
        assert project.title == title
        assert _leads(project) == [lead]
        assert [f.amount for f in project.funding] == [Decimal(amount)]


def test_a_flattened_row_keeps_the_capitalised_words_before_a_closing_type_word():
    page = """Granted projects

Cycle path along the river Aby Village Association EUR 30,000
New playground in the park Westby Sports Club 8,000 EUR
"""
    record = page_read(page, source="x", today=TODAY)
    assert _leads(_project(record, "Cycle path")) == ["Aby Village Association"]
    assert _project(record, "New playground").title == "New playground in the park"


SMALL_BLOCKS = """Beviljade projekt 2025

Nämnden beviljade i går stöd till tre projekt.

Cykelled längs ån
Åby kommun
300 000 kr

Ny lekplats i parken
Byalaget Åby
80 000 kr

Konstnärsresidens på gården
Stiftelsen Åbygården
150 000 kr
"""


def test_small_blocks_of_one_shape_are_records():
    assert len(_runs(SMALL_BLOCKS)) == 3
    record = page_read(SMALL_BLOCKS, source="x", today=TODAY)
    assert sorted(p.title for p in record.projects) == [
        "Cykelled längs ån",
        "Konstnärsresidens på gården",
        "Ny lekplats i parken",
    ]
    lekplats = _project(record, "Ny lekplats")
    assert _leads(lekplats) == ["Byalaget Åby"]
    assert [(f.amount, f.currency) for f in lekplats.funding] == [(Decimal(80000), "SEK")]


def test_a_fact_box_of_fields_above_their_values_is_no_list():
    page = """Havsbad för alla

Budget
2 000 000 kr

EU-stöd
800 000 kr

Total budget 2 000 000 kr
Projektets budget 1 000 000 kr
"""
    assert _runs(page) == []


def test_records_without_a_currency_take_the_one_the_lead_states_and_say_so():
    page = """Kommunen beviljar 40 000 euro till föreningar

Följande fick stöd:

1. Åbo hembygdsförening, byakväll 12 000
2. Strandby ungdomsförening, sommarläger 28 000
"""
    record = page_read(page, source="x", today=TODAY)
    kvall = _project(record, "Byakväll")
    assert [(f.amount, f.currency) for f in kvall.funding] == [(Decimal(12000), "EUR")]
    assert any(f.code == "guessed-currency" and f.project == kvall.slug for f in record.findings)


def test_an_amount_may_open_the_row_but_a_count_does_not():
    money_first = """Styrelsen beviljade följande:

- 300 000 kr – Cykelled längs ån, Åby kommun
- 80 000 kr – Ny lekplats i parken, Byalaget Åby
"""
    counts = """Året i siffror

- 2 500 besökare på sommarfesten
- 1 200 deltagare i kurserna
"""
    record = page_read(money_first, source="x", today=TODAY)
    assert _leads(_project(record, "Cykelled")) == ["Åby kommun"]
    assert _runs(counts) == []


def test_numbered_names_under_a_lead_that_announces_projects_are_records_without_money():
    page = """Nya projekt i Åby

Nämnden har beslutat att följande projekt får stöd:

1. Cykelled längs ån
2. Ny lekplats i parken

Beslutet fattades den 3 mars.
"""
    record = page_read(page, source="x", today=TODAY)
    assert sorted(p.title for p in record.projects) == ["Cykelled längs ån", "Ny lekplats i parken"]
    numbered_dates = """Viktiga datum

1. Ansökan öppnar 1 mars
2. Beslut 15 maj
"""
    assert _runs(numbered_dates) == []  # no lead announcing projects, no money


def test_plain_rows_of_body_title_amount_with_a_number_inside_the_title():
    page = """Tildelinger 2025

Strandby IL – Ny kunstgressbane – kr 500 000
Åby skolekorps – Nye instrumenter – kr 80 000
Fjellby historielag – Bygdebok del 2 – kr 120 000
"""
    record = page_read(page, source="x", today=TODAY)
    bok = _project(record, "Bygdebok")
    assert bok.title == "Bygdebok del 2"
    assert _leads(bok) == ["Fjellby historielag"]
    assert [f.amount for f in bok.funding] == [Decimal(120000)]
    assert len(record.projects) == 3


def test_an_amount_cell_in_the_middle_of_the_row():
    page = """Styrelsen beviljade följande:

- Åby kommun, 300 000 kr, för projektet Cykelled längs ån
- Byalaget Åby, 80 000 kronor, till projektet Ny lekplats i parken
"""
    record = page_read(page, source="x", today=TODAY)
    cykel = _project(record, "Cykelled")
    assert cykel.title == "Cykelled längs ån"
    assert _leads(cykel) == ["Åby kommun"]
    assert [f.amount for f in cykel.funding] == [Decimal(300000)]


def test_a_programme_named_by_a_group_line_applies_to_its_run_only():
    page = """Beviljade projekt i mars

Så här fördelades pengarna:

Leader
1. Åby kommun, Cykelled längs ån 300 000 kr
2. Byalaget Åby, Ny lekplats i parken 80 000 kr

Klimatklivet
1. Åby Energi AB, Laddstolpar vid torget 450 000 kr
2. Strandby kommun, Biogas till bussarna 900 000 kr
"""
    record = page_read(page, source="x", today=TODAY)
    assert _project(record, "Cykelled").programmes == ["Leader"]
    assert _project(record, "Ny lekplats").programmes == ["Leader"]
    assert _project(record, "Laddstolpar").programmes == ["Klimatklivet"]
    assert _project(record, "Biogas").programmes == ["Klimatklivet"]


def test_a_projects_budget_lines_are_no_list():
    page = """Havsbad för alla

Projektets ekonomi

Personalkostnader 400 000 kr
Resor 50 000 kr
Externa tjänster 120 000 kr

Egen insats 100 000 kr
Medfinansiering från kommunen 200 000 kr
"""
    assert _runs(page) == []


def test_a_one_cell_row_that_names_a_body_among_body_title_rows_is_its_own_lead():
    page = """Tildelt i år:

 1. Strandby næringssenter kr 200.000
 2. Sjøvik kommune, ny kai for småbåter kr 120.000
 3. Kulturkoordinator for dalen kr 300.000
 4. Fjellby turlag, merking av stier kr 60.000
"""
    record = page_read(page, source="x", today=TODAY)
    assert _leads(_project(record, "Strandby næringssenter")) == ["Strandby næringssenter"]
    assert _leads(_project(record, "Kulturkoordinator")) == []


def test_a_projects_work_packages_with_budgets_are_no_list():
    page = """Kustlabbet

Så delas arbetet upp

WP1 Ledning och samordning 200 000 €
WP2 Pilot i tre hamnar 350 000 €
WP3 Spridning 90 000 €
"""
    assert _runs(page) == []


def test_a_price_list_is_no_list_of_grants():
    page = """Sommarfest i Åby

Entré

Vuxna 120 kr
Barn 60 kr
Familj 300 kr
"""
    assert _runs(page) == []


def test_a_labelled_body_in_brackets_is_the_lead_and_its_colon_parts_no_cells():
    page = """The committee approved the following:

• Harbour Data Commons (Lead partner: Strandby Port Authority) – €450,000
• Cold Water Skills (Lead partner: University of Fjellby) – €320,000
"""
    record = page_read(page, source="x", today=TODAY)
    harbour = _project(record, "Harbour")
    assert harbour.title == "Harbour Data Commons"
    assert _leads(harbour) == ["Strandby Port Authority"]
    assert [f.amount for f in harbour.funding] == [Decimal(450000)]


def test_tab_separated_rows_keep_their_cells_and_the_run_names_the_body_column():
    page = (
        "Beviljade projekt\n\n"
        "Cykelled längs ån\tÅby kommun\t300 000\n"
        "Ny lekplats i parken\tByalaget Åby\t80 000\n"
        "Konstnärsresidens\tÅbygårdens vänner\t150 000\n"
    )
    assert text_blocks(page)[2].cells == ("Cykelled längs ån", "Åby kommun", "300 000")
    record = page_read(page, source="x", today=TODAY)
    residens = _project(record, "Konstnärsresidens")
    assert residens.title == "Konstnärsresidens"
    assert _leads(residens) == ["Åbygårdens vänner"]  # no type word: its column says it
    assert [f.amount for f in residens.funding] == [Decimal(150000)]
