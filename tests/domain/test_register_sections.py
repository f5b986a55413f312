"""A structural-fund register's record: numbered sections of Finnish "Label: value" lines
(written by us, an invented project and bodies)."""

from decimal import Decimal

from projektkatalog.domain.build import page_read
from tests.conftest import TODAY

RECORD = """Hankkeen kuvaus

1. Projekti

Projektin nimi: Järvikylän kalasatamat kuntoon

Suunnitelman mukainen toteutusaika: Alkaa 1.3.2016 ja päättyy 28.2.2019

2. Projektin toteuttaja

Toteuttajaorganisaation nimi: Järvikylän kunta

Vastuuhenkilön nimi: Liisa Koskinen

3. Projektin julkinen rahoitus, euroa

Myönnetty EU- ja valtion rahoitus: 84 200

Toteutunut EU- ja valtion rahoitus: 80 950
"""


def test_the_record_s_labels_give_period_lead_contact_and_amounts():
    record = page_read(RECORD, source="x", today=TODAY)
    [project] = record.projects
    assert project.title == "Järvikylän kalasatamat kuntoon"
    assert (project.period_start, project.period_end) == ("2016-03-01", "2019-02-28")
    assert [(p.organisation, p.role) for p in project.participants] == [
        ("Järvikylän kunta", "lead")
    ]
    assert [c.name for c in project.contacts] == ["Liisa Koskinen"]
    # No currency on the amounts' lines: kept without one, and reported.
    assert sorted((f.amount, f.currency) for f in project.funding) == [
        (Decimal(80950), ""),
        (Decimal(84200), ""),
    ]
    assert sum(f.code == "amount-without-currency" for f in record.findings) == 2
