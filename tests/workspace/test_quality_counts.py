"""The dashboard's counts and pages come from the database, from the same check definitions as
the full list: what they show must be exactly what `quality_issues` lists, acceptances and all,
and a page must not cost more queries when there are more findings."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from projektkatalog.catalogue import models as m
from projektkatalog.catalogue.quality import IssuePages, quality_counts, quality_issues
from tests.conftest import TODAY, catalogue_load
from tests.workspace.test_quality import ONGOING_PAGE

pytestmark = pytest.mark.django_db


def _key(issue):  # type: ignore[no-untyped-def]
    return (
        issue.code,
        issue.severity,
        str(issue.message),
        issue.detail,
        issue.project.pk if issue.project else None,
        issue.organisation.pk if issue.organisation else None,
        issue.source,
        issue.line,
    )


@pytest.fixture
def findings(demo_catalogue):  # type: ignore[no-untyped-def]
    """The demo catalogue, a page with a stale status, a contact not checked for years and a
    name merged by likeness."""
    catalogue_load(ONGOING_PAGE, "pagaende.txt")
    contact = m.Contact.objects.filter(left_on__isnull=True).first()
    contact.checked_at = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
    contact.save()
    organisation = m.Organisation.objects.first()
    m.OrganisationAlias.objects.create(
        organisation=organisation, name=f"{organisation.name} AB", reviewed=False
    )


def _accept_one_of_each_kind() -> list[tuple[object, ...]]:
    chosen = {}
    for issue in quality_issues(TODAY):
        chosen.setdefault(issue.code, issue)
    for issue in chosen.values():
        m.Acceptance.objects.create(
            project=issue.project, code=issue.code, detail=issue.detail, accepted_by="test"
        )
    return [_key(i) for i in chosen.values()]


def test_counts_and_pages_are_the_full_list(findings):  # type: ignore[no-untyped-def]
    before = [_key(i) for i in quality_issues(TODAY)]
    assert {"contact-unchanged", "alias-unreviewed", "stale-status"} <= {k[0] for k in before}
    accepted = _accept_one_of_each_kind()
    for showing_accepted in (False, True):
        full = quality_issues(TODAY, accepted=showing_accepted)
        counts = quality_counts(TODAY, accepted=showing_accepted)
        assert counts == Counter(i.code for i in full)
        pages = IssuePages(TODAY, accepted=showing_accepted, code="", counts=counts)
        assert len(pages) == len(full)
        assert [_key(i) for i in pages[0 : len(pages)]] == [_key(i) for i in full]
        assert [_key(i) for i in pages[3:17]] == [_key(i) for i in full][3:17]
        for code in counts:
            one_kind = IssuePages(TODAY, accepted=showing_accepted, code=code, counts=counts)
            assert [_key(i) for i in one_kind[0:1000]] == [_key(i) for i in full if i.code == code]
    # An acceptance moves exactly its finding from one list to the other.
    shown = [_key(i) for i in quality_issues(TODAY)]
    hidden = [_key(i) for i in quality_issues(TODAY, accepted=True)]
    assert sorted(hidden) == sorted(accepted)
    assert sorted(shown + hidden) == sorted(before)


def test_a_draft_leaves_the_public_list_only(findings):  # type: ignore[no-untyped-def]
    project = m.Finding.objects.filter(project__isnull=False).first().project
    everyone = [_key(i) for i in quality_issues(TODAY, live=False)]
    project.state = m.Project.State.DRAFT
    project.save()
    public = [_key(i) for i in quality_issues(TODAY, drafts=False, live=False)]
    assert public == [k for k in everyone if k[4] != project.pk]
    assert [_key(i) for i in quality_issues(TODAY, live=False)] == everyone


def test_a_dashboard_page_costs_no_more_queries_for_more_findings(editor_client, findings):  # type: ignore[no-untyped-def]
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert editor_client.get("/admin/kvalitet/").status_code == 200
        return len(captured)

    queries()  # the first request also reads the session, the user and the content types
    few = queries()
    m.Project.objects.bulk_create(
        m.Project(slug=f"tomt-{n}", title=f"Tomt {n}", position=1000 + n) for n in range(150)
    )
    # One query per kind to count, and one per kind the page reaches into, however many rows:
    # the page is now all findings of fewer kinds, so it may cost fewer, never more.
    assert queries() <= few
