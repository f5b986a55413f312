"""Lists of projects as plain lines: a short name over the long title, long titles over their
fields, a country after the lead's name. Pages written by us, projects invented."""

from projektkatalog.domain.build import page_read
from projektkatalog.domain.partners import partner_list_parse
from tests.conftest import TODAY

APPROVED = """The committee approved these projects in its spring call.

Approved Projects

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
    # Not the whole line as a title over its field: at most the opening words of a page with
    # no heading, reported as such.
    assert all("Besluten" not in p.title for p in record.projects)


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


def test_the_last_title_of_a_page_cut_off_inside_its_entry_is_a_title_too():
    fields = APPROVED + "\n\nHarbour Lights\n\nLead part"
    titles = [p.title for p in page_read(fields, source="cut.txt", today=TODAY).projects]
    assert titles[-1] == "Harbour Lights"
    assert len(titles) == 4
    prose = """Tre nya projekt får stöd från fonden i år.

Grön hamn

Projektet bygger laddplatser för fritidsbåtar i Strandby hamn och lär båtägare att ladda säkert under hela säsongen. Båtklubben hjälper till med skötseln. Projektägare är Strandby kommun.

Kontaktperson är:

Anna Berg, e-post: anna.berg@example.se

Fjällbuss

Projektet prövar en buss som går mellan byarna i fjällen hela året och samordnar dess tider med tågen i dalen. Byarnas skolor åker med den varje vecka. Projektägare är Fjellby kommun.

Kontaktperson är:

Per Lind, e-post: per.lind@example.se

Kust och konst

Kust och konst,"""
    record = page_read(prose, source="cut.txt", today=TODAY)
    assert [p.title for p in record.projects] == ["Grön hamn", "Fjällbuss", "Kust och konst"]
    # A person's line above the next title stays a fact of its own project, no group's name.
    assert record.categories == []
    assert ["Anna Berg" in p.description for p in record.projects] == [True, False, False]
    assert ["Per Lind" in p.description for p in record.projects] == [False, True, False]


def test_a_page_that_ends_after_a_long_last_line_keeps_its_list():
    prose = """Grön hamn

Projektet bygger laddplatser för fritidsbåtar i Strandby hamn och lär båtägare att ladda säkert under hela säsongen. Båtklubben hjälper till med skötseln. Projektägare är Strandby kommun.

Fjällbuss

Projektet prövar en buss som går mellan byarna i fjällen hela året och samordnar dess tider med tågen i dalen. Byarnas skolor åker med den varje vecka. Projektägare är Fjellby kommun.

Kontakta oss gärna

Vi svarar på frågor om fonden och om hur man söker pengar från den varje vardag."""
    titles = [p.title for p in page_read(prose, source="end.txt", today=TODAY).projects]
    assert "Kontakta oss gärna" not in titles


def test_a_list_s_heading_above_the_first_long_title_is_no_short_name():
    page = APPROVED.replace("Coast Link\n\n", "")
    titles = [p.title for p in page_read(page, source="heading.txt", today=TODAY).projects]
    assert titles[0] == "Connecting coastal ferry operators for shared low-carbon timetables"


def test_an_acronym_field_leads_its_title_field_or_titles_the_project_alone():
    both = "Project title: Smart sensors for shallow seas\nAcronym: SEAWISE\nLead partner: Strandby University\n"
    [project] = page_read(both, source="both.txt", today=TODAY).projects
    assert project.title == "SEAWISE – Smart sensors for shallow seas"
    assert project.short_name == "SEAWISE"
    assert _leads(project) == {("Strandby University", "lead")}
    alone = (
        "Projektakronym: KUSTLAB\nProjektägare: Strandby kommun\n\n"
        "Projektakronym: FJÄLLNET\nProjektägare: Fjellby kommun\n"
    )
    record = page_read(alone, source="alone.txt", today=TODAY)
    assert [(p.title, _leads(p)) for p in record.projects] == [
        ("KUSTLAB", {("Strandby kommun", "lead")}),
        ("FJÄLLNET", {("Fjellby kommun", "lead")}),
    ]
