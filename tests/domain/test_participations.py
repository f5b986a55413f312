"""Projects a body takes part in, listed under a lead-in that says so (written by us, invented
projects and bodies)."""

from projektkatalog.domain.build import page_read
from projektkatalog.domain.matching.organisations import OrganisationIndex
from projektkatalog.domain.readers.blocks import text_blocks
from projektkatalog.domain.readers.participations import lead_in_body, participation_projects
from tests.conftest import TODAY

ENGLISH = """International cooperation

Our work

The Strandby Regional Council supports projects that serve the regional programme. It may
also co-finance projects.

Current projects

Right now the Strandby Regional Council is participating in the following projects as a partner:

SEALINK - Shared harbour data for small ports
"""

SWEDISH = """Internationellt arbete

Fjällby kommun deltar som partner i följande projekt:

- Snö och is i skolan
- Fjällturism året runt

Vill du veta mer? Kontakta oss.
"""


def _looks(text):
    return OrganisationIndex().looks_like_organisation(text)


def test_the_lead_in_names_the_body_and_the_lines_under_it_are_its_projects():
    record = page_read(ENGLISH, source="x", today=TODAY)
    [project] = record.projects
    assert project.title.startswith("SEALINK")
    assert [(p.organisation, p.role) for p in project.participants] == [
        ("Strandby Regional Council", "partner")
    ]
    assert any(f.code == "guessed-from-prose" for f in record.findings)


def test_a_swedish_lead_in_and_a_bulleted_list():
    record = page_read(SWEDISH, source="x", today=TODAY)
    assert sorted(p.title for p in record.projects) == [
        "Fjällturism året runt",
        "Snö och is i skolan",
    ]
    for project in record.projects:
        assert [(p.organisation, p.role) for p in project.participants] == [
            ("Fjällby kommun", "partner")
        ]


def test_only_a_lead_in_about_projects_that_names_a_body_counts():
    assert lead_in_body("Fjällby kommun deltar som partner i följande projekt:", _looks) == (
        "Fjällby kommun"
    )
    assert lead_in_body("Vi deltar som partner i följande projekt:", _looks) is None  # no body
    assert lead_in_body("Fjällby kommun deltar i följande möten:", _looks) is None  # no projects
    assert lead_in_body("Fjällby kommun deltar som partner i projektet.", _looks) is None


def test_a_list_of_bodies_under_such_a_lead_in_is_a_projects_partners():
    page = """Kustlabbet

Fjällby kommun deltar i projektet tillsammans med följande partner:

- Strandby kommun
- Norrvik Hamn AB
"""
    blocks = text_blocks(page)
    drafts, remaining = participation_projects(blocks, _looks)
    assert drafts == []
    assert remaining == blocks
