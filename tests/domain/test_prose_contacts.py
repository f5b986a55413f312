"""A person a page's text names with an e-mail address in brackets is the project's contact
(written by us, invented people and bodies)."""

from projektkatalog.domain.build import page_read
from projektkatalog.domain.readers.entry import contacts_in_prose
from tests.conftest import TODAY

PAGE = """Bygdebussen i Åby

Åby kommun söker byalag som vill pröva en bygdebuss. Projektet pågår 2026–2027 och får stöd
från Landsbygdsprogrammet.

Är ert byalag intresserat, hör av er till landsbygdsutvecklare Karin Holmqvist Ek (karin.ek@aby.se) senast den 1 mars.
"""


def test_the_person_before_the_address_in_brackets_is_the_contact():
    record = page_read(PAGE, source="x", today=TODAY)
    [project] = record.projects
    assert [(c.name, c.email) for c in project.contacts] == [
        ("Karin Holmqvist Ek", "karin.ek@aby.se")
    ]


def test_the_title_before_the_name_and_a_body_s_address_are_left_out():
    [contact] = contacts_in_prose("Skriv till projektledaren Per Holm (per.holm@aby.se).", 3)
    assert (contact.name, contact.email, contact.line) == ("Per Holm", "per.holm@aby.se", 3)
    assert contacts_in_prose("Läs mer på vår webbplats (www.aby.se).", 1) == []
    page = PAGE.replace("landsbygdsutvecklare Karin Holmqvist Ek", "Åby kommun")
    [project] = page_read(page, source="x", today=TODAY).projects
    assert project.contacts == []
