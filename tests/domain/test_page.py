"""Whole-page tests on the sample page, and small pages of our own in other layouts."""

import json
from collections import Counter
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from projektkatalog.domain.build import page_read
from tests.conftest import TODAY

GOLDEN = Path(__file__).parent / "golden" / "sample-page.json"


def _facts(record):
    """The record without its prose: facts may be kept in the repository, sentences may not."""
    projects = []
    for p in record.projects:
        projects.append(
            {
                "slug": p.slug,
                "title": p.title,
                "short_name": p.short_name,
                "kind": p.kind,
                "language": p.language,
                "period": [p.period_start, p.period_end],
                "categories": p.categories,
                "programmes": p.programmes,
                "participants": [[x.organisation, x.role, x.unit] for x in p.participants],
                "funding": [[str(f.amount), f.currency, f.kind, f.approximate] for f in p.funding],
                "links": [[link.label, link.url] for link in p.links],
                "contacts": [
                    [c.name, c.title, c.organisation, [[ph.number, ph.kind] for ph in c.phones]]
                    for c in p.contacts
                ],
                "description_words": len(p.description.split()),
            }
        )
    return {
        "categories": record.categories,
        "projects": projects,
        "organisations": [[o.name, o.country] for o in record.organisations],
        "findings": sorted(Counter(f.code for f in record.findings).items()),
    }


def test_sample_counts(sample_record):
    assert len(sample_record.projects) == 26
    assert len(sample_record.categories) == 6


def test_sample_golden(sample_record):
    """Every fact of the sample page in its structured place (update with UPDATE_GOLDEN=1)."""
    import os

    facts = json.loads(json.dumps(_facts(sample_record)))
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(json.dumps(facts, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    assert facts == json.loads(GOLDEN.read_text(encoding="utf-8"))


def test_sample_oddities_are_reported(sample_record):
    codes = Counter(f.code for f in sample_record.findings)
    for code in (
        "duplicate-entry",
        "invalid-date",
        "link-without-url",
        "fuzzy-merge",
        "stale-status",
        "empty-category",
        "contact-without-details",
    ):
        assert codes[code] >= 1, code
    by_slug = {p.slug: p for p in sample_record.projects}
    great = next(p for p in sample_record.projects if p.short_name == "GREAT")
    assert len(great.categories) == 2
    assert by_slug["matchit"].language == "en"
    assert by_slug["bsr-stars-s3"].period_end == "2019-04"


HTML_PAGE = """<!doctype html><html lang="sv"><body>
<h1>Våra projekt</h1>
<h2>Energi</h2>
<ul>
 <li>Solkraft i byn
  <p>Byarna bygger solparker tillsammans med kommunen.</p>
  <p>Projektägare: Vallby kommun</p>
  <p>Projektpartner: Energikontoret Väst, Lunds universitet och Region Halland</p>
  <p>Period: 2021-01-01 – 2023-12-31</p>
  <p>Budget: 4,2 miljoner kronor</p>
  <p>EU-program: Interreg ÖKS</p>
  <p>Läs mer: <a href="https://example.se/sol">Projektets sida</a></p>
  <p>Kontaktperson: Sara Lind, projektledare, <a href="mailto:sara.lind@example.se">sara.lind@example.se</a></p>
 </li>
</ul>
<h2>Transporter</h2>
<ul><li>Cykel hela vägen<p>Nya cykelleder mellan orterna.</p><p>Period: 2024 – 2027</p></li></ul>
</body></html>"""


def test_html_page():
    record = page_read(HTML_PAGE, source="test.html", today=TODAY)
    assert record.categories == ["Energi", "Transporter"]
    sol, cykel = record.projects
    assert sol.title == "Solkraft i byn"
    assert (sol.period_start, sol.period_end) == ("2021-01-01", "2023-12-31")
    assert [(p.organisation, p.role) for p in sol.participants] == [
        ("Vallby kommun", "lead"),
        ("Energikontoret Väst", "partner"),
        ("Lunds universitet", "partner"),
        ("Region Halland", "partner"),
    ]
    assert [(str(f.amount), f.currency, f.kind) for f in sol.funding] == [
        ("4200000", "SEK", "total-budget")
    ]
    assert sol.programmes == ["Interreg Öresund-Kattegat-Skagerrak"]
    assert [(link.label, link.url) for link in sol.links] == [
        ("Projektets sida", "https://example.se/sol")
    ]
    assert [(c.name, c.title, c.email) for c in sol.contacts] == [
        ("Sara Lind", "projektledare", "sara.lind@example.se")
    ]
    assert (cykel.period_start, cykel.period_end) == ("2024", "2027")


LABEL_PAGE = """Projekt i kommunen

Havsnära turism

Projektägare: Strandby kommun
Huvudpartner: Strandby kommun
Associerad partner: Turistrådet Syd
Beviljade medel: 953 000 kr
Total omfattning: 14,5 miljoner kronor
Period: 1 mars 2022 - 28 februari 2025
Kontaktperson: Olle Berg

Digitala byar

Projektägare: Region Nordsyd
Projektpartner: Byalaget Norr; Byalaget Söder
Tid: 2023–2026
"""


def test_label_value_page_without_bullets():
    record = page_read(LABEL_PAGE, source="labels.txt", today=TODAY)
    assert [p.title for p in record.projects] == ["Havsnära turism", "Digitala byar"]
    hav, byar = record.projects
    assert ("Turistrådet Syd", "associated") in [(p.organisation, p.role) for p in hav.participants]
    assert sorted((str(f.amount), f.kind) for f in hav.funding) == [
        ("14500000", "total-budget"),
        ("953000", "grant"),
    ]
    assert (hav.period_start, hav.period_end) == ("2022-03-01", "2025-02-28")
    assert [c.name for c in hav.contacts] == ["Olle Berg"]
    assert [p.organisation for p in byar.participants] == [
        "Region Nordsyd",
        "Byalaget Norr",
        "Byalaget Söder",
    ]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                " • Kategori",
                "  • Projekt",
                "   Projektperiod: 2015-2019",
                "   Lead Partner: Region Skåne",
                "   Övriga partners: A, B och C",
                "   Kontakt",
                "   • Anna Berg Strateg",
                "   • Telefon 040-123 45 67",
                "",
                "text",
                "   Webb: Example.se",
                "   Program: Interreg ÖKS",
                "   ERDF-medel: EUR 1,2 miljoner",
            ]
        ),
        max_size=40,
    ),
    st.text(max_size=60),
)
def test_page_read_never_crashes(lines, noise):
    record = page_read("\n".join([*lines, noise]), source="x", today=TODAY)
    assert len({p.slug for p in record.projects}) == len(record.projects)


@settings(max_examples=80, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "<h2>",
                "</h2>",
                "<h3>",
                "</h3>",
                "<ul>",
                "</ul>",
                "<li>",
                "</li>",
                "<p>",
                "</p>",
                "<br>",
                "<table><tr><th>Period</th><td>2019-2021</td></tr></table>",
                "<dl><dt>Projektägare</dt><dd>Region Skåne</dd></dl>",
                "Projektägare: Region Skåne",
                "Budget: 2 miljoner kronor",
                '<a href="https://example.se">Länk</a>',
                "Titel",
                "<script>x()</script>",
                "&amp;",
                "<!-- c -->",
            ]
        ),
        max_size=40,
    ),
    st.text(max_size=40),
)
def test_html_page_read_never_crashes(parts, noise):
    record = page_read(
        "<html><body>" + "".join(parts) + noise + "</body></html>", source="x.html", today=TODAY
    )
    assert len({p.slug for p in record.projects}) == len(record.projects)
