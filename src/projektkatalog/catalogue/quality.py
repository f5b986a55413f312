"""The one list of quality findings, for the dashboard, `projektkatalog quality` and the
export alike: those the importer stored, and those the live data shows; each problem once,
under one code, and none an editor has accepted.

The live checks are queries over the catalogue as it is now, so an editor's fix makes its finding
disappear at once. A finding an editor accepts stays accepted for as long as the same thing is
found (see `catalogue.models.Acceptance`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from projektkatalog.catalogue import models as m
from projektkatalog.catalogue.findings import finding_label, finding_text, findings_still_holding

# code -> (severity, what an editor reads about it)
CHECKS = {
    "ended-but-ongoing": ("warning", _("Projektet har slutat men beskrivs som pågående")),
    "no-contact": ("info", _("Ingen kontaktperson")),
    "contact-unchanged": ("info", _("Kontaktuppgifterna har inte bekräftats på över två år")),
    "link-without-url": ("warning", _("Länk utan adress")),
    "alias-unreviewed": (
        "warning",
        _("Organisationsnamn sammanslaget av likhet, väntar på granskning"),
    ),
    "no-programme": ("info", _("Projekt utan program")),
    "no-period": ("warning", _("Projekt utan period")),
}
ONGOING_WORDS = ("pågående", "pågår", "ongoing")
# What the importer found that a live check now answers from the data as it is: the stored
# finding would stay after the editor fixed it, so the live one is shown instead.
SUPERSEDED = {
    "missing-contact": "no-contact",
    "link-without-url": "link-without-url",
    "missing-programme": "no-programme",
    "missing-period": "no-period",
    "fuzzy-merge": "alias-unreviewed",  # the same merged name, reviewed on the organisation
}
LIVE_ONLY = set(CHECKS) - set(SUPERSEDED)  # codes only the live checks write
# Stored findings that a live check may find again for the same project: shown once, as live.
SAME_AS_LIVE = {"stale-status": "ended-but-ongoing"}


@dataclass(frozen=True)
class Issue:
    code: str
    severity: str
    message: str  # in the current language (`translation.override` for another)
    detail: str  # what identifies the finding for an acceptance
    project: m.Project | None = None
    organisation: m.Organisation | None = None
    source: str = ""  # the imported file, empty for live checks
    line: int | None = None

    @property
    def label(self) -> str:
        """The kind of finding in the editor's language."""
        return finding_label(self.code)


def _live(today: dt.date) -> list[Issue]:
    issues: list[Issue] = []
    projects = m.Project.objects.only("id", "slug", "title", "kind", "state")

    def add(
        code: str, rows: Iterable[m.Project], detail: Callable[[m.Project], str] = lambda row: ""
    ) -> None:
        severity, message = CHECKS[code]
        for row in rows:
            issues.append(Issue(code, severity, str(message), detail(row), project=row))

    ongoing = Q()
    for word in ONGOING_WORDS:
        ongoing |= Q(period_text__icontains=word) | Q(categories__name__icontains=word)
    add("ended-but-ongoing", projects.filter(ongoing, end_date__lt=today).distinct())
    current_contacts = m.Contact.objects.filter(project=OuterRef("pk")).filter(
        Q(left_on__isnull=True) | Q(left_on__gt=today)
    )
    add("no-contact", projects.filter(~Exists(current_contacts)))
    old = dt.datetime.combine(today, dt.time(), tzinfo=dt.UTC) - dt.timedelta(days=730)
    stale = (
        m.Contact.objects.filter(checked_at__lt=old, left_on__isnull=True)
        .select_related("project")
        .order_by("project__title", "position")
    )
    severity, message = CHECKS["contact-unchanged"]
    issues += [
        Issue("contact-unchanged", severity, f"{message}: {c.name}", c.name, project=c.project)
        for c in stale
    ]
    severity, message = CHECKS["link-without-url"]
    issues += [
        Issue(
            "link-without-url", severity, f"{message}: {link.label}", link.label[:500], link.project
        )
        for link in m.Link.objects.filter(Q(url__isnull=True) | Q(url=""))
        .select_related("project")
        .order_by("project__title")
    ]
    add(
        "no-programme",
        projects.filter(kind=m.Project.Kind.PROJECT, programmes__isnull=True),
    )
    add("no-period", projects.filter(period_start="", period_end=""))
    severity, message = CHECKS["alias-unreviewed"]
    issues += [
        Issue(
            "alias-unreviewed",
            severity,
            f"{message}: {a.name} → {a.organisation.name}",
            f"{a.name} → {a.organisation.name}",
            organisation=a.organisation,
        )
        for a in m.OrganisationAlias.objects.filter(reviewed=False).select_related("organisation")
    ]
    return issues


def _stored(*, superseded: bool) -> list[Issue]:
    """Return the importer's findings that still hold; without `superseded`, those a live check
    answers are left out (the live check is shown instead)."""
    findings = findings_still_holding(m.Finding.objects.all())
    # A stored finding under a live check's code (an export read back carries them) is
    # answered by the live check itself.
    return [
        Issue(
            f.code,
            f.severity,
            finding_text(f.code, f.message),
            f.message[:500],
            project=f.project,
            source=f.source.name if f.source else "",
            line=f.line,
        )
        for f in findings.exclude(code__in=[*([] if superseded else SUPERSEDED), *LIVE_ONLY])
        .select_related("project", "source")
        .order_by("source__name", "id")
    ]


def quality_issues(
    today: dt.date, *, accepted: bool = False, drafts: bool = True, live: bool = True
) -> list[Issue]:
    """Return every finding not accepted (or, with `accepted`, only the accepted ones); without
    `drafts`, none about a draft (the public must not learn of it); without `live`, only what
    the importer found (the export carries those: the live checks are recomputed from the
    exported data itself wherever it is read back)."""
    decisions = set(m.Acceptance.objects.values_list("project_id", "code", "detail"))

    def is_accepted(issue: Issue) -> bool:
        return (issue.project.pk if issue.project else None, issue.code, issue.detail) in decisions

    live_issues = _live(today) if live else []
    found_live = {(i.project.pk, i.code) for i in live_issues if i.project is not None}
    stored = [
        i
        for i in _stored(superseded=not live)
        if i.project is None or (i.project.pk, SAME_AS_LIVE.get(i.code)) not in found_live
    ]
    return [
        i
        for i in [*stored, *live_issues]
        if is_accepted(i) == accepted
        and (drafts or i.project is None or i.project.state != m.Project.State.DRAFT)
    ]


def quality_report(
    today: dt.date, *, drafts: bool = True, live: bool = True
) -> list[dict[str, object]]:
    """Return the open findings as the command line and the export write them (in English)."""
    with translation.override("en"):
        return [
            {
                "project": i.project.slug if i.project else None,
                "code": i.code,
                "severity": i.severity,
                "message": str(i.message),
                "source": i.source or None,
                "line": i.line,
            }
            for i in quality_issues(today, drafts=drafts, live=live)
        ]
