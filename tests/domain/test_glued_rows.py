"""Tables copied without spaces between their cells (written by us, invented bodies and
projects): each row is cut where its shape changes, under a header naming a title column."""

from projektkatalog.domain.build import page_read
from tests.conftest import TODAY

GLUED = """Results of the call

Total amount applied for
NOK 12 000 000
Amount granted
NOK 5 500 000
Granted applications
Project no.
Project title
410021STRANDBY ENERGI ASSolvarme for alle – nye forretningsmodeller
410022FJELLBY KOMMUNEKlimatilpasning i fjellbygda
"""


def _leads(record):
    return {
        p.title: [x.organisation for x in p.participants if x.role == "lead"]
        for p in record.projects
    }


def test_rows_run_together_are_cut_where_their_shape_changes():
    record = page_read(GLUED, source="g.txt", today=TODAY)
    assert _leads(record) == {
        "Solvarme for alle – nye forretningsmodeller": ["STRANDBY ENERGI AS"],
        "Klimatilpasning i fjellbygda": ["FJELLBY KOMMUNE"],
    }
    # The call's totals above the table are no projects.
    assert all(p.funding == [] for p in record.projects)
    guessed = {f.project for f in record.findings if f.code == "guessed-from-prose"}
    assert len(guessed) == 2


def test_without_a_title_header_such_lines_are_left_alone():
    page = GLUED.replace("Project title\n", "")
    titles = [p.title for p in page_read(page, source="g.txt", today=TODAY).projects]
    assert "Klimatilpasning i fjellbygda" not in titles
