"""The one list of quality findings, for the dashboard, `projektkatalog quality` and the
export alike: those the importer stored, and those the live data shows; each problem once,
under one code, and none an editor has accepted.

The live checks are queries over the catalogue as it is now, so an editor's fix makes its finding
disappear at once. A finding an editor accepts stays accepted for as long as the same thing is
found (see `catalogue.models.Acceptance`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any, overload

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Value
from django.db.models.functions import Concat, Substr
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


@dataclass(frozen=True)
class Source:
    """Where one kind of finding comes from: rows of a query, each an issue.

    `rows` returns the rows in the order the dashboard lists them, annotated with `issue_detail`
    (what an acceptance is keyed on) and, for stored findings, `issue_code`; `project` names the
    project field of a row ("pk" when the row is a project, "" when no project is involved).
    Counting, paging and acceptance are done on the query, so the dashboard reads only the page
    it shows; the full list and the counts come from the same definitions.
    """

    code: str  # "" for the importer's stored findings (their code is per row)
    rows: Callable[[dt.date, bool], QuerySet[Any]]  # (today, live) -> rows
    issue: Callable[[Any], Issue]
    project: str = "pk"
    where: Callable[[dt.date], Q] | None = None  # a check of projects: the condition it finds


def _check(code: str, detail: str | None = None) -> tuple[str, str]:
    """Return a live check's severity and message, naming `detail` when the check has one."""
    severity, message = CHECKS[code]
    return severity, str(message) if detail is None else f"{message}: {detail}"


def _project_check(code: str, filtered: Callable[[dt.date], Q]) -> Source:
    """Return the source of a check that finds projects by the condition `filtered`."""
    return Source(code, _project_rows(filtered), _project_issue(code), where=filtered)


def _project_rows(filtered: Callable[[dt.date], Q]) -> Callable[..., QuerySet[Any]]:
    def rows(today: dt.date, live: bool) -> QuerySet[Any]:
        projects = m.Project.objects.only("id", "slug", "title", "kind", "state")
        return (
            projects.filter(filtered(today))
            .annotate(issue_detail=Value(""))
            .order_by("position", "title", "id")
        )

    return rows


def _project_issue(code: str) -> Callable[[Any], Issue]:
    def issue(row: m.Project) -> Issue:
        return Issue(code, *_check(code), "", project=row)

    return issue


def _ended_but_ongoing(today: dt.date) -> Q:
    ongoing = Q()
    for word in ONGOING_WORDS:
        ongoing |= Q(period_text__icontains=word)
    # The few categories named so are found first: a subquery per project that compares
    # every category's name took most of a second at 100,000 projects.
    words = Q()
    for word in ONGOING_WORDS:
        words |= Q(name__icontains=word)
    named = list(m.Category.objects.filter(words).values_list("id", flat=True))
    if named:
        links = m.ProjectCategory.objects.filter(project=OuterRef("pk"), category_id__in=named)
        ongoing |= Q(Exists(links))
    return ongoing & Q(end_date__lt=today)


def _no_contact(today: dt.date) -> Q:
    current = m.Contact.objects.filter(project=OuterRef("pk")).filter(
        Q(left_on__isnull=True) | Q(left_on__gt=today)
    )
    return ~Q(Exists(current))


def _stale_contacts(today: dt.date, live: bool) -> QuerySet[Any]:
    old = dt.datetime.combine(today, dt.time(), tzinfo=dt.UTC) - dt.timedelta(days=730)
    return (
        m.Contact.objects.filter(checked_at__lt=old, left_on__isnull=True)
        .select_related("project")
        .annotate(issue_detail=F("name"))
        .order_by("project__title", "position", "id")
    )


def _links_without_url(today: dt.date, live: bool) -> QuerySet[Any]:
    return (
        m.Link.objects.filter(Q(url__isnull=True) | Q(url=""))
        .select_related("project")
        .annotate(issue_detail=Substr("label", 1, 500))
        .order_by("project__title", "id")
    )


def _aliases_unreviewed(today: dt.date, live: bool) -> QuerySet[Any]:
    return (
        m.OrganisationAlias.objects.filter(reviewed=False)
        .select_related("organisation")
        .annotate(issue_detail=Concat("name", Value(" → "), "organisation__name"))
        .order_by("name", "id")
    )


def _stored_rows(today: dt.date, live: bool) -> QuerySet[Any]:
    """The importer's findings that still hold; when the live checks run, none of the codes a
    live check answers (it is shown instead), and none a live check finds again for the same
    project (one problem, shown once)."""
    findings = findings_still_holding(m.Finding.objects.all())
    # A stored finding under a live check's code (an export read back carries them) is
    # answered by the live check itself.
    findings = findings.exclude(code__in=[*(SUPERSEDED if live else []), *LIVE_ONLY])
    if live:
        for stored, code in SAME_AS_LIVE.items():
            found = LIVE[code].rows(today, live).values("pk")
            findings = findings.exclude(code=stored, project__in=found)
    return (
        findings.select_related("project", "source")
        .annotate(issue_detail=Substr("message", 1, 500), issue_code=F("code"))
        .order_by("source__name", "id")
    )


def _stored_issue(f: m.Finding) -> Issue:
    return Issue(
        f.code,
        f.severity,
        finding_text(f.code, f.message),
        f.issue_detail,  # type: ignore[attr-defined]
        project=f.project,
        source=f.source.name if f.source else "",
        line=f.line,
    )


STORED = Source("", _stored_rows, _stored_issue, project="project")
LIVE = {
    source.code: source
    for source in (
        _project_check("ended-but-ongoing", _ended_but_ongoing),
        _project_check("no-contact", _no_contact),
        Source(
            "contact-unchanged",
            _stale_contacts,
            lambda c: Issue(
                "contact-unchanged", *_check("contact-unchanged", c.name), c.name, c.project
            ),
            project="project",
        ),
        Source(
            "link-without-url",
            _links_without_url,
            lambda link: Issue(
                "link-without-url",
                *_check("link-without-url", link.label),
                link.issue_detail,
                link.project,
            ),
            project="project",
        ),
        Source(
            "no-programme",
            _project_rows(
                lambda today: (
                    Q(kind=m.Project.Kind.PROJECT)
                    & ~Q(Exists(m.ProjectProgramme.objects.filter(project=OuterRef("pk"))))
                )
            ),
            _project_issue("no-programme"),
        ),
        Source(
            "no-period",
            _project_rows(lambda today: Q(period_start="", period_end="")),
            _project_issue("no-period"),
        ),
        Source(
            "alias-unreviewed",
            _aliases_unreviewed,
            lambda a: Issue(
                "alias-unreviewed",
                *_check("alias-unreviewed", a.issue_detail),
                a.issue_detail,
                organisation=a.organisation,
            ),
            project="",
        ),
    )
}
assert set(LIVE) == set(CHECKS)  # every live check has one definition


def _open(
    source: Source, today: dt.date, *, accepted: bool, drafts: bool, live: bool
) -> QuerySet[Any]:
    """Return the rows of `source` not accepted (or only the accepted ones), in SQL."""
    rows = source.rows(today, live)
    decided = _decided(source)
    rows = rows.filter(decided if accepted else ~decided)
    if not drafts and source.project:
        state = "state" if source.project == "pk" else "project__state"
        rows = rows.exclude(**{state: m.Project.State.DRAFT})
    return rows


def _decided(source: Source) -> Q:
    """Return the condition "an editor has accepted this finding" for rows of `source`."""
    if source.project == "pk":  # the row is the project, and the detail is empty
        decisions = m.Acceptance.objects.filter(code=source.code, detail="")
        return Q(Exists(decisions.filter(project=OuterRef("pk"))))
    code: Any = OuterRef("issue_code") if not source.code else Value(source.code)
    decisions = m.Acceptance.objects.filter(code=code, detail=OuterRef("issue_detail"))
    without_project = Exists(decisions.filter(project__isnull=True))
    if not source.project:
        return Q(without_project)
    # A stored finding may concern no project.
    return Q(Exists(decisions.filter(project=OuterRef(source.project)))) | (
        Q(project__isnull=True) & Q(without_project)
    )


def _sources(*, live: bool, code: str = "") -> list[Source]:
    sources = [STORED, *(LIVE.values() if live else [])]
    return [s for s in sources if not code or s.code in ("", code)]


def quality_issues(
    today: dt.date, *, accepted: bool = False, drafts: bool = True, live: bool = True
) -> list[Issue]:
    """Return every finding not accepted (or, with `accepted`, only the accepted ones); without
    `drafts`, none about a draft (the public must not learn of it); without `live`, only what
    the importer found (the export carries those: the live checks are recomputed from the
    exported data itself wherever it is read back)."""
    return list(_issues(today, accepted=accepted, drafts=drafts, live=live))


def _issues(
    today: dt.date, *, accepted: bool, drafts: bool, live: bool, language: str | None = None
) -> Iterator[Issue]:
    """Yield the findings as they are read; each said in `language` (else the current one)."""
    for source in _sources(live=live):
        rows = _open(source, today, accepted=accepted, drafts=drafts, live=live)
        for row in rows.iterator(chunk_size=2000):
            if language is None:
                yield source.issue(row)
            else:
                with translation.override(language):  # not across the yield: it is the
                    issue = source.issue(row)  # reader's thread, and its language
                    issue = replace(issue, message=str(issue.message))
                yield issue


def quality_counts(today: dt.date, *, accepted: bool = False) -> dict[str, int]:
    """Return how many findings of each kind there are (as `quality_issues` would list them),
    counted by the database: the checks of projects in one pass over the projects, the stored
    findings in one query, and one query for each other live check."""
    counts: dict[str, int] = {}
    stored = _open(STORED, today, accepted=accepted, drafts=True, live=True)
    for code, n in stored.order_by().values_list("code").annotate(n=Count("id")):
        counts[code] = counts.get(code, 0) + n
    of_projects = {
        code: Count("pk", filter=source.where(today) & (d if accepted else ~d))
        for code, source in LIVE.items()
        if source.where is not None and (d := _decided(source))
    }
    found = m.Project.objects.aggregate(**of_projects)
    for code, source in LIVE.items():
        if code in found:
            n = found[code]
        else:
            n = _open(source, today, accepted=accepted, drafts=True, live=True).count()
        if n:
            counts[code] = counts.get(code, 0) + n
    return counts


class IssuePages(Sequence[Issue]):
    """The dashboard's findings (all kinds, or those of `code`) as a sequence that fetches only
    the slice asked for: a paginator over it reads one page, not the whole catalogue's findings.
    `counts` are `quality_counts` of the same `today` and `accepted`."""

    def __init__(
        self, today: dt.date, *, accepted: bool, code: str, counts: dict[str, int]
    ) -> None:
        self.today, self.accepted, self.code = today, accepted, code
        self.parts: list[tuple[Source, int]] = []
        for source in _sources(live=True, code=code):
            if source.code:
                n = counts.get(source.code, 0)
            else:
                n = sum(v for c, v in counts.items() if c not in LIVE and (not code or c == code))
            self.parts.append((source, n))

    def __len__(self) -> int:
        return sum(n for _, n in self.parts)

    @overload
    def __getitem__(self, index: int) -> Issue: ...

    @overload
    def __getitem__(self, index: slice) -> list[Issue]: ...

    def __getitem__(self, index: int | slice) -> Issue | list[Issue]:
        if isinstance(index, int):
            return self[index : index + 1][0]
        start, stop, _ = index.indices(len(self))
        found: list[Issue] = []
        for source, n in self.parts:
            if start < n and stop > 0:
                rows = _open(source, self.today, accepted=self.accepted, drafts=True, live=True)
                if not source.code and self.code:
                    rows = rows.filter(code=self.code)
                found += [source.issue(r) for r in rows[max(start, 0) : min(stop, n)]]
            start, stop = start - n, stop - n
        return found


def quality_report(
    today: dt.date, *, drafts: bool = True, live: bool = True
) -> list[dict[str, object]]:
    """Return the open findings as the command line and the export write them (in English)."""
    return list(quality_report_stream(today, drafts=drafts, live=live))


def quality_report_stream(
    today: dt.date, *, drafts: bool = True, live: bool = True
) -> Iterator[dict[str, object]]:
    """Yield what `quality_report` returns, as it is read (a streamed export's findings)."""
    for i in _issues(today, accepted=False, drafts=drafts, live=live, language="en"):
        yield {
            "project": i.project.slug if i.project else None,
            "code": i.code,
            "severity": i.severity,
            "message": i.message,
            "source": i.source or None,
            "line": i.line,
        }
