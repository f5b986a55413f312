"""Pages in the layouts other Swedish (and Nordic) public bodies use, written by us.

Each page states its facts in a different way; the tests check that they land in the right place.
"""

from projektkatalog.domain.build import page_read
from tests.conftest import TODAY


def _facts(record):
    return {p.title: p for p in record.projects}


MUNICIPALITY_TABLES = """<html><body>
<h1>Pågående EU-projekt</h1>
<h2>Grön omställning</h2>
<h3>Klimatsmarta hamnar</h3>
<p>Hamnen ska minska sina utsläpp med landström och elektrifierade arbetsmaskiner.</p>
<table>
 <tr><th>Projektägare</th><td>Strandby kommun</td></tr>
 <tr><th>Partner</th><td>Hamnbolaget i Strandby AB, Chalmers tekniska högskola</td></tr>
 <tr><th>Projekttid</th><td>2023-03-01 – 2026-02-28</td></tr>
 <tr><th>Budget</th><td>12 400 000 kr</td></tr>
 <tr><th>Finansiär</th><td>Europeiska regionala utvecklingsfonden</td></tr>
</table>
<h3>Solceller på skolor</h3>
<dl><dt>Projektägare</dt><dd>Strandby kommun</dd><dt>Period</dt><dd>januari 2024 – december 2025</dd>
<dt>Kontaktperson</dt><dd>Lena Holm, energistrateg, lena.holm@strandby.example</dd></dl>
</body></html>"""


def test_municipality_page_with_tables_and_definition_lists():
    projects = _facts(page_read(MUNICIPALITY_TABLES, source="m.html", today=TODAY))
    hamn = projects["Klimatsmarta hamnar"]
    assert (hamn.period_start, hamn.period_end) == ("2023-03-01", "2026-02-28")
    assert [(p.organisation, p.role) for p in hamn.participants][:1] == [
        ("Strandby kommun", "lead")
    ]
    assert {"Hamnbolaget i Strandby AB", "Chalmers tekniska högskola"} <= {
        p.organisation for p in hamn.participants
    }
    assert [(str(f.amount), f.currency, f.kind) for f in hamn.funding] == [
        ("12400000", "SEK", "total-budget")
    ]
    sol = projects["Solceller på skolor"]
    assert (sol.period_start, sol.period_end) == ("2024-01", "2025-12")
    assert [(c.name, c.title, c.email) for c in sol.contacts] == [
        ("Lena Holm", "energistrateg", "lena.holm@strandby.example")
    ]


PROGRAMME_OFFICE = """Beviljade projekt hösten 2024

Följande projekt har beviljats stöd ur Interreg Sydbaltikum.

• Blå turism – Region Kalmar län
• Kustnära livsmedel – Linnéuniversitetet
• FISH-NET – Nordsjöns fiskare
"""


def test_project_organisation_lines():
    projects = _facts(page_read(PROGRAMME_OFFICE, source="p.txt", today=TODAY))
    assert set(projects) >= {"Blå turism", "Kustnära livsmedel"}
    assert [(p.organisation, p.role) for p in projects["Blå turism"].participants] == [
        ("Region Kalmar län", "lead")
    ]
    assert [(p.organisation, p.role) for p in projects["Kustnära livsmedel"].participants] == [
        ("Linnéuniversitetet", "lead")
    ]


PROSE_ONLY = """## Digital vård på landsbygden

Projektet pågår 2021–2023 och finansieras av Europeiska regionala utvecklingsfonden, som beviljat 2,3 miljoner kronor. Region Norrbotten leder projektet tillsammans med Luleå tekniska universitet.

## Språkcaféer för nyanlända

Ett samarbete mellan biblioteken och studieförbunden med start i mars 2022. Projektet får 953 000 kr från Europeiska socialfonden.
"""


def test_headings_with_prose_only():
    projects = _facts(page_read(PROSE_ONLY, source="prose.md", today=TODAY))
    vard = projects["Digital vård på landsbygden"]
    assert (vard.period_start, vard.period_end) == ("2021", "2023")
    assert vard.programmes == ["Europeiska regionala utvecklingsfonden"]
    assert [(str(f.amount), f.currency, f.kind) for f in vard.funding] == [
        ("2300000", "SEK", "grant")
    ]
    assert ("Region Norrbotten", "lead") in [(p.organisation, p.role) for p in vard.participants]
    cafe = projects["Språkcaféer för nyanlända"]
    assert cafe.period_start == "2022-03"
    assert cafe.programmes == ["Europeiska socialfonden"]
    assert [str(f.amount) for f in cafe.funding] == ["953000"]


DANISH = """<html><body><h2>Projekter</h2>
<ul><li><strong>Grøn Havn</strong>
<p>Projektejer: Aarhus Kommune</p>
<p>Partnere: Aarhus Universitet og Region Midtjylland</p>
<p>Periode: 1. marts 2022 til 28. februar 2025</p>
<p>Budget: 4,5 mio. kroner</p>
<p>Program: Interreg Öresund-Kattegat-Skagerrak</p></li></ul></body></html>"""


def test_danish_page():
    (havn,) = page_read(DANISH, source="dk.html", today=TODAY).projects
    assert havn.title == "Grøn Havn"
    assert havn.language == "da"
    assert (havn.period_start, havn.period_end) == ("2022-03-01", "2025-02-28")
    assert [(p.organisation, p.role) for p in havn.participants] == [
        ("Aarhus Kommune", "lead"),
        ("Aarhus Universitet", "partner"),
        ("Region Midtjylland", "partner"),
    ]
    assert [(str(f.amount), f.currency) for f in havn.funding] == [("4500000", "DKK")]


COLLABORATIONS = """Samarbeten

 • Nätverk
  • Kustnätverket Syd
   Ett permanent nätverk för kommunerna längs sydkusten.
   Medverkande: Ystads kommun, Trelleborgs kommun
"""


def test_collaborations_are_permanent():
    (net,) = page_read(COLLABORATIONS, source="c.txt", today=TODAY).projects
    assert net.kind == "collaboration"


REGION_PAGE = """<html><body><main>
<h1>EU-projekt i regionen</h1>
<article>
<h2>Hållbar besöksnäring</h2>
<ul>
<li>Syftet är att utveckla hållbara upplevelser längs kusten tillsammans med företagen.</li>
<li>Projektägare: Region Halland</li>
<li>Projektperiod: jan 2021 – dec 2023</li>
<li>Budget: 10 miljoner kronor, varav EU-stöd 4 miljoner kronor</li>
<li>Finansiering: Europeiska regionala utvecklingsfonden</li>
</ul>
<p>Kontaktperson: Anna Svensson, projektledare, 070-123 45 67, anna.svensson@halland.example</p>
</article>
<article>
<h2>Vätgas i transporter</h2>
<p>Vätgasdrivna lastbilar testas i regionen.</p>
<p>Projekttid: 36 månader</p>
</article>
</main></body></html>"""


def test_region_page_with_fact_lists():
    projects = _facts(page_read(REGION_PAGE, source="r.html", today=TODAY))
    assert set(projects) == {"Hållbar besöksnäring", "Vätgas i transporter"}
    hav = projects["Hållbar besöksnäring"]
    assert (hav.period_start, hav.period_end) == ("2021-01", "2023-12")
    assert [(str(f.amount), f.kind) for f in hav.funding] == [
        ("10000000", "total-budget"),
        ("4000000", "eu-funding"),
    ]
    assert hav.programmes == ["Europeiska regionala utvecklingsfonden"]
    (contact,) = hav.contacts
    assert (contact.name, contact.title, contact.email) == (
        "Anna Svensson",
        "projektledare",
        "anna.svensson@halland.example",
    )
    assert [p.number for p in contact.phones] == ["+46701234567"]
    assert "Syftet är att utveckla" in hav.description


def test_duration_only_period_is_reported():
    record = page_read(REGION_PAGE, source="r.html", today=TODAY)
    assert any(
        f.code == "unparsed-period" and f.project == "vatgas-i-transporter" for f in record.findings
    )


PLAIN_WITH_BULLETS = """Våra projekt

Grön logistik
Projektet samordnar godstransporter i staden.
• färre lastbilar i centrum
• nya leveranstider
Projektägare: Strandby kommun
Period: 2022–2024

Trygg skolväg
Säkrare cykelvägar till skolorna.
Projektägare: Strandby kommun
Period: 2023–2025
"""


def test_plain_titles_with_bullet_lists_inside():
    projects = _facts(page_read(PLAIN_WITH_BULLETS, source="p.txt", today=TODAY))
    assert set(projects) == {"Grön logistik", "Trygg skolväg"}
    assert "färre lastbilar" in projects["Grön logistik"].description


ENGLISH = """# Our projects

## Blue Corridors

Blue Corridors improves freight transport on the Baltic Sea by shifting goods from road to sea.

Lead partner: Port of Strandby
Partners: Strandby University (Sweden), Harbour Agency Kiel (Germany), Klaipeda Port Authority (Lithuania)
Duration: 1 March 2023 – 28 February 2026
Total budget: €2,450,000
Funded by: Interreg Baltic Sea Region
Contact: Maria Olsen, project manager, +46 40 123 45 67
"""


def test_english_page():
    (corridor,) = page_read(ENGLISH, source="en.md", today=TODAY).projects
    assert corridor.language == "en"
    assert (corridor.period_start, corridor.period_end) == ("2023-03-01", "2026-02-28")
    assert [(p.organisation, p.role) for p in corridor.participants][:1] == [
        ("Port of Strandby", "lead")
    ]
    assert len(corridor.participants) == 4
    assert [(str(f.amount), f.currency, f.kind) for f in corridor.funding] == [
        ("2450000", "EUR", "total-budget")
    ]
    assert corridor.programmes == ["Interreg Östersjöregionen"]
    assert [(c.name, c.title, [p.number for p in c.phones]) for c in corridor.contacts] == [
        ("Maria Olsen", "project manager", ["+46401234567"])
    ]
