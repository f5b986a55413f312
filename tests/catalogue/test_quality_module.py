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
