"""Rows read through a mapping: what the mapping's columns name is the project's, and a row's
prose is read only for what its columns do not name."""

from projektkatalog.domain.readers.mapped import mapped_read
from tests.conftest import TODAY

MAPPING = {
    "project": {"key": "id", "title": "title", "description": "text"},
    "participants": [{"organisation": "org", "role": {"column": "role"}}],
}
# Prose that names a lead in a way the page reader takes up.
TEXT = "Projektägare är Stenvikens kommun. Projektet ska pröva nya sätt att laga broar."


def _participants(rows):
    record = mapped_read(rows, MAPPING, source="rows.json", today=TODAY)
    return {p.slug: [x.organisation for x in p.participants] for p in record.projects}


def test_bodies_named_in_columns_are_the_projects_bodies_prose_aside():
    rows = [
        {
            "id": "1",
            "title": "Broar i norr",
            "text": TEXT,
            "org": "Fjällmo energi AB",
            "role": "lead",
        }
    ]
    assert _participants(rows) == {"broar-i-norr": ["Fjällmo energi AB"]}


def test_a_project_whose_columns_name_no_body_is_read_from_its_prose():
    rows = [{"id": "1", "title": "Broar i norr", "text": TEXT, "org": "", "role": ""}]
    assert _participants(rows) == {"broar-i-norr": ["Stenvikens kommun"]}
