"""Lists of projects as plain lines: a short name over the long title, long titles over their
fields, a country after the lead's name. Pages written by us, projects invented."""

from projektkatalog.domain.build import page_read
from projektkatalog.domain.partners import partner_list_parse
from tests.conftest import TODAY

APPROVED = """The committee approved these projects in its spring call.

Approved projects
Coast Link

Connecting coastal ferry operators for shared low-carbon timetables

Lead partner: Strandby Harbour Authority, Norway


Better cold-chain logistics for small fishing communities around the northern seas and their ports

Lead partner: Fjellby Institute, Iceland


Sea Lab 4

Regional laboratories testing new methods of monitoring the water quality of shallow bays and inlets

Lead partner: Norrvik University, Sweden
"""


def _leads(project):
    return {(p.organisation, p.role) for p in project.participants}


def test_a_short_name_over_a_title_joins_it_and_a_long_title_over_fields_is_one():
    record = page_read(APPROVED, source="approved.txt", today=TODAY)
    titles = [p.title for p in record.projects]
    assert titles == [
        "Coast Link – Connecting coastal ferry operators for shared low-carbon timetables",
        "Better cold-chain logistics for small fishing communities around the northern seas "
        "and their ports",
        "Sea Lab 4 – Regional laboratories testing new methods of monitoring the water quality "
        "of shallow bays and inlets",
    ]
    # The country after the lead's name is its country, not a second lead.
    assert [_leads(p) for p in record.projects] == [
        {("Strandby Harbour Authority", "lead")},
        {("Fjellby Institute", "lead")},
        {("Norrvik University", "lead")},
    ]


def test_a_name_under_a_contact_heading_is_the_contact_not_a_title():
    page = """Grön hamn

Projektet bygger laddplatser för fritidsbåtar i Strandby hamn.

Budget: 400 000 kr

Kontaktperson

Anna Berg

Tel: 070-123 45 67
"""
    record = page_read(page, source="hamn.txt", today=TODAY)
    [project] = record.projects
    assert project.title == "Grön hamn"
    assert [c.name for c in project.contacts] == ["Anna Berg"]


def test_a_long_line_is_no_title_when_it_is_a_sentence():
    page = """Strandby kommun har beviljat pengar till flera projekt under året. Besluten togs i maj och gäller till och med slutet av nästa år enligt nämnden.
Projektägare: Strandby kommun
"""
    record = page_read(page, source="beslut.txt", today=TODAY)
    assert all(not p.title.startswith("Strandby kommun har beviljat") for p in record.projects)


def test_a_country_after_a_body_is_its_country_and_a_coined_lower_case_name_is_a_body():
    parsed = partner_list_parse("i-Port Logistics, France", role="lead")
    assert [(m.name, m.country) for m in parsed.mentions] == [("i-Port Logistics", "FR")]
    parsed = partner_list_parse("Strandby kommun, Norway, Fjellby kommune", role="partner")
    assert [(m.name, m.country) for m in parsed.mentions] == [
        ("Strandby kommun", "NO"),
        ("Fjellby kommune", None),
    ]
    # A description starting in lower case is still no body.
    assert partner_list_parse("flera lokala föreningar", role="partner").mentions == []
