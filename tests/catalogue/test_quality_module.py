"""One list of findings for the dashboard, the command line and the export: acceptances are
honoured by all three, and the live checks are in the command line's report."""

from __future__ import annotations

import pytest

from projektkatalog.catalogue import models as m
from projektkatalog.catalogue.quality import quality_report
from projektkatalog.catalogue.selectors import catalogue_export
from tests.conftest import TODAY

pytestmark = pytest.mark.django_db


def test_an_accepted_finding_leaves_every_report(demo_catalogue):
    finding = m.Finding.objects.filter(code="missing-start").first()
    key = (finding.project.slug, "missing-start")
    assert key in {(f["project"], f["code"]) for f in quality_report(TODAY)}
    assert key in {(f["project"], f["code"]) for f in catalogue_export(today=TODAY)["quality"]}
    m.Acceptance.objects.create(
        project=finding.project, code="missing-start", detail=finding.message, accepted_by="x"
    )
    assert key not in {(f["project"], f["code"]) for f in quality_report(TODAY)}
    exported = catalogue_export(today=TODAY)["quality"]
    assert key not in {(f["project"], f["code"]) for f in exported}
    assert exported  # the others are still there


def test_the_command_line_report_holds_the_live_checks_once(demo_catalogue):
    report = quality_report(TODAY)
    codes = {f["code"] for f in report}
    assert "no-contact" in codes and "missing-contact" not in codes  # one code per problem
    assert all(f["message"].isascii() or "“" in f["message"] for f in report)  # in English


def test_search_text_never_holds_markup(db):
    """Import, edit and restore share one rule for derived fields: the description's words."""
    from projektkatalog.catalogue.services import project_derived, project_derived_refresh

    project = m.Project.objects.create(
        slug="ljusvagen",
        title="Ljusvägen",
        description="<p>Ett <strong>påhittat</strong> projekt om gatlampor.</p>",
        period_start="2020-23",
        period_end="2021",
    )
    project_derived_refresh(project)
    project.refresh_from_db()
    assert "strong" not in project.search_text and "pahittat" in project.search_text
    assert (project.start_year, project.end_date.isoformat()) == (2020, "2021-12-31")
    derived = project_derived(project, categories=[], organisations=[], programmes=[])
    assert derived["search_text"] == project.search_text
