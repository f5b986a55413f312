"""The quality dashboard as an editor works through it: findings in the editor's language, each
shown once, cleared by the fix, acceptances that can be undone, and the way back after a fix."""

from __future__ import annotations

import re

import pytest

from projektkatalog.catalogue import models as m
from projektkatalog.catalogue.findings import finding_kinds, finding_text
from projektkatalog.domain.build import page_read
from tests.conftest import DEMO, SAMPLE, TODAY, catalogue_load
from tests.workspace.conftest import form_data

pytestmark = pytest.mark.django_db

ONGOING_PAGE = """Projekt och samarbeten

Pågående projekt

  • Havsängar i Hanöbukten
   Ett påhittat projekt om ålgräsängar och fiske.
   Projektperiod: 2019-01-01 – 2022-12-31
   Lead Partner: Region Skåne
   Program: Interreg Södra Östersjön
   Kontakt: Eva Exempelsson, 040-123 45 67
"""


def _dashboard(client, query: str = "", **headers) -> str:  # type: ignore[no-untyped-def]
    return client.get(f"/admin/kvalitet/{query}", **headers).content.decode()


def test_findings_are_said_in_swedish_and_in_english(editor_client, demo_catalogue):
    swedish = _dashboard(editor_client)
    assert "har ett slut men ingen start" in swedish
    assert "Saknar start (1)" in swedish  # the filter names the kind, not its code
    shown = re.sub(r'value="[^"]*"', "", swedish)  # what a person sees, not hidden keys
    assert "has an end but no start" not in shown and ">missing-start (" not in shown
    english = _dashboard(editor_client, HTTP_ACCEPT_LANGUAGE="en")
    assert "has an end but no start" in english and "No start (1)" in english


def test_fixing_the_cause_clears_the_finding_and_returns_to_the_dashboard(
    editor_client, demo_catalogue
):
    project = m.Project.objects.get(slug="baltic-smart-city-areas-for-the-21st-century")
    dashboard = _dashboard(editor_client, "?kod=missing-start")
    assert project.title in dashboard
    fix = dashboard.split(f">{project.title}</a>")[0].rsplit('href="', 1)[1]
    fix = fix.removesuffix('"').replace("&amp;", "&")
    assert "next=" in fix
    data = form_data(editor_client.get(fix).content.decode(), "project_form")
    data["period_start"] = "2017-10-01"
    response = editor_client.post(fix, data)
    assert response.status_code == 302
    assert response["Location"] == "/admin/kvalitet/?kod=missing-start"  # back where it began
    table = _dashboard(editor_client, "?kod=missing-start").split('id="result_list"')[1]
    assert project.title not in table
    # Other findings of other projects are still there.
    assert "Saknar kontaktperson" in _dashboard(editor_client)


def test_editing_the_concerned_part_clears_a_stored_finding(editor_client, demo_catalogue):
    finding = m.Finding.objects.filter(code="missing-programme").select_related("project").first()
    project = finding.project
    others = m.Finding.objects.exclude(pk=finding.pk).count()
    url = f"/admin/catalogue/project/{project.pk}/change/"
    data = form_data(editor_client.get(url).content.decode(), "project_form")
    programme = m.Programme.objects.first()
    n = int(data["projectprogramme_set-TOTAL_FORMS"])
    data["projectprogramme_set-TOTAL_FORMS"] = str(n + 1)
    data[f"projectprogramme_set-{n}-programme"] = str(programme.pk)
    data[f"projectprogramme_set-{n}-position"] = "0"
    assert editor_client.post(url, data).status_code == 302
    assert not m.Finding.objects.filter(pk=finding.pk).exists()
    assert m.Finding.objects.count() == others  # only the one the edit addressed


def test_an_acceptance_can_be_undone(editor_client, demo_catalogue):
    finding = m.Finding.objects.filter(code="missing-start").first()
    decision = {"project": finding.project_id, "code": "missing-start", "detail": finding.message}
    editor_client.post("/admin/kvalitet/", decision)
    assert "ingen start" not in _dashboard(editor_client)
    assert "ingen start" in _dashboard(editor_client, "?godkanda=1")
    assert "Ångra godkännandet" in _dashboard(editor_client, "?godkanda=1")
    editor_client.post("/admin/kvalitet/?godkanda=1", {**decision, "undo": "1"})
    assert "ingen start" in _dashboard(editor_client)
    assert not m.Acceptance.objects.exists()


def test_one_problem_is_shown_once(editor_client):
    catalogue_load(ONGOING_PAGE, "pagaende.txt")
    assert m.Finding.objects.filter(code="stale-status").exists()
    html = _dashboard(editor_client)
    rows = [
        r
        for r in html.split("<tr>")
        if "Havsängar i Hanöbukten</a>" in r and "Slutat men kallas pågående" in r
    ]
    assert len(rows) == 1, [re.sub(r"<[^>]+>", " ", r)[:300] for r in rows]


def _pages() -> list[str]:
    """Our own pages, and where present the sample page and the corpus's pages (every layout
    the importer reads, so every kind of finding it writes)."""
    pages = [DEMO.read_text(encoding="utf-8"), ONGOING_PAGE]
    if SAMPLE.exists():
        pages.append(SAMPLE.read_text(encoding="utf-8"))
    corpus = SAMPLE.parents[1] / "corpus" / "pages"
    if corpus.is_dir():
        pages += [
            p.read_text(encoding="utf-8").split("\n", 2)[2] for p in sorted(corpus.glob("*.txt"))
        ]
    return pages


def test_every_finding_the_importer_writes_can_be_said_in_swedish():
    kinds = finding_kinds()
    for text in _pages():
        for finding in page_read(text, source="p.txt", today=TODAY).findings:
            assert finding.code in kinds, f"no label for {finding.code}"
            kind = kinds[finding.code]
            assert kind.forms, f"no Swedish wording for {finding.code}"
            assert any(f.pattern.match(finding.message) for f in kind.forms), finding.message
            assert finding_text(finding.code, finding.message) != finding.message


def test_every_kind_has_both_languages():
    for kind in finding_kinds().values():
        assert kind.label_sv and kind.label_en
        for form in kind.forms:
            assert form.sv and form.en, kind.code
            # The translations use only parts the pattern reads.
            names = set(form.pattern.groupindex)
            assert set(re.findall(r"\{(\w+)\}", form.sv)) <= names, kind.code
            assert set(re.findall(r"\{(\w+)\}", form.en)) <= names, kind.code
