"""Build the catalogue from entry drafts: merge repeats, apply page context, report findings."""

from __future__ import annotations

import datetime as dt

from projektkatalog.domain.build.project import project_build
from projektkatalog.domain.curated import curated_load
from projektkatalog.domain.matching.organisations import (
    OrganisationIndex,
)
from projektkatalog.domain.matching.programmes import Programme, ProgrammeIndex
from projektkatalog.domain.periods import Period, period_from_prose
from projektkatalog.domain.programme_spelling import programmes_mentioned
from projektkatalog.domain.readers.blocks import Block
from projektkatalog.domain.readers.entry import EntryDraft
from projektkatalog.domain.readers.labels import label_split
from projektkatalog.domain.records import (
    CatalogueRecord,
    Finding,
    ProjectRecord,
)
from projektkatalog.domain.status import Status, status_derive
from projektkatalog.domain.word_search import words_found


def catalogue_build(
    drafts: list[EntryDraft],
    categories: list[str],
    empty_categories: list[str],
    *,
    source: str,
    today: dt.date,
    page_claims_ongoing: bool = False,
    organisations: OrganisationIndex | None = None,
    programmes: ProgrammeIndex | None = None,
    preamble: list[Block] | None = None,
    merge_same_titles: bool = True,
    context: list[tuple[int, str]] | None = None,
    language: str = "sv",
    slugs_taken: set[str] | frozenset[str] = frozenset(),
    fuzzy_seen: set[tuple[str, str]] | None = None,
) -> CatalogueRecord:
    """Return the catalogue made of `drafts`, with every finding an editor should see.

    A source read a batch of drafts at a time passes the slugs its earlier batches gave
    (`slugs_taken`) and one `fuzzy_seen` for all of them, so that its batches together make
    the catalogue one call would have made of all their drafts.
    """
    orgs = organisations or OrganisationIndex()
    progs = programmes or ProgrammeIndex()
    # A page may repeat a category's heading further down: still one category, where it first
    # stands (the import summary counts these, the store makes one row of each).
    record = CatalogueRecord(source=source, categories=list(dict.fromkeys(categories)))
    by_slug: dict[str, ProjectRecord] = {}
    fingerprints: dict[str, tuple[str, str | None]] = {}
    findings = record.findings
    fuzzy_seen = set() if fuzzy_seen is None else fuzzy_seen
    for name in empty_categories:
        findings.append(
            Finding(
                "empty-category", f"The category “{name}” holds no project.", None, None, "info"
            )
        )
    context_programmes = _context_programmes(context or [], progs)
    first_line = min((d.first_line for d in drafts), default=0)
    lead_period = next(
        (p for line, text in context or [] if line < first_line and (p := period_from_prose(text))),
        None,
    )
    for draft in drafts:
        project = project_build(draft, orgs, progs, findings, fuzzy_seen, language)
        named = _programmes_before(context_programmes, draft.first_line, first_line)
        _page_context_applied(project, draft, named, lead_period, progs, findings)
        if not merge_same_titles and (project.slug in by_slug or project.slug in slugs_taken):
            # Structured sources identify projects by key: two projects may share a title.
            base, n = project.slug, 2
            while f"{base}-{n}" in by_slug or f"{base}-{n}" in slugs_taken:
                n += 1
            _reslug(project, f"{base}-{n}", findings)
        fingerprint = (_fingerprint(draft), draft.category)
        existing = by_slug.get(project.slug)
        if existing is not None:
            _repeat_noted(
                existing, project, draft, fingerprints[project.slug], fingerprint, findings
            )
            continue
        fingerprints[project.slug] = fingerprint
        by_slug[project.slug] = project
        record.projects.append(project)
        _project_findings(project, draft, today, page_claims_ongoing, findings)
    used = {p.organisation for project in record.projects for p in project.participants}
    record.organisations = sorted(
        (o for o in orgs.organisations if o.name in used), key=lambda o: o.name.casefold()
    )
    used_progs = {name for project in record.projects for name in project.programmes}
    record.programmes = sorted(
        (p for p in progs.programmes if p.name in used_progs), key=lambda p: p.name.casefold()
    )
    if not record.projects:
        return record
    return record


def _page_context_applied(
    project: ProjectRecord,
    draft: EntryDraft,
    named: list[str],
    lead_period: Period | None,
    progs: ProgrammeIndex,
    findings: list[Finding],
) -> None:
    """Give the project what the page says around it (programmes, the lead's period) and report
    what the draft guessed and an application that is not (yet) granted."""
    if not project.programmes and named:
        # A programme named in a heading or the lead paragraph funds the projects under it.
        project.programmes = named
    elif named:
        # A project that names only the fund its money comes from ("stöd från Europeiska
        # regionala utvecklingsfonden") is in the programme of that fund the page names.
        project.programmes.extend(_programmes_of_funds(project.programmes, named, progs))
    if lead_period is not None and project.period_start is None and project.period_end is None:
        # "Five projects get support for the period 2020–2022": the lead dates every project.
        project.period_start, project.period_end = lead_period.start, lead_period.end
        project.period_text = lead_period.text
        findings.append(
            Finding(
                "guessed-period",
                f"The period of “{project.title}” is the one the page's introduction states; check it.",
                project.slug,
                draft.first_line,
                "info",
            )
        )
    if _application_pending(f"{project.title}\n{project.description}"):
        findings.append(
            Finding(
                "application-pending",
                f"“{project.title}” is described as an application with no decision yet; check that it was granted before publishing.",
                project.slug,
                draft.first_line,
                "warning",
            )
        )
    for code, how in draft.guesses:
        findings.append(Finding(code, how, project.slug, draft.first_line, "info"))


def _repeat_noted(
    existing: ProjectRecord,
    project: ProjectRecord,
    draft: EntryDraft,
    first: tuple[str, str | None],
    fingerprint: tuple[str, str | None],
    findings: list[Finding],
) -> None:
    """Fold a project listed again into the first listing: its lines and new categories, and a
    finding when its details differ or it repeats within one category."""
    existing.lines.append((draft.first_line, draft.last_line))
    same_text = first[0] == fingerprint[0]
    new_categories = [
        c for c in [draft.category, *draft.more_categories] if c and c not in existing.categories
    ]
    if new_categories:
        existing.categories.extend(new_categories)
        if not same_text:
            findings.append(
                Finding(
                    "conflicting-duplicate",
                    f"“{project.title}” appears again at line {draft.first_line} with different details; the first entry was kept.",
                    project.slug,
                    draft.first_line,
                )
            )
    else:
        findings.append(
            Finding(
                "duplicate-entry",
                f"“{project.title}” is listed twice in the same category (lines {existing.lines[0][0]} and {draft.first_line}).",
                project.slug,
                draft.first_line,
                "warning",
            )
        )


def _application_pending(text: str) -> bool:
    """Return whether a text speaks of an application and of no decision to grant it."""
    words = curated_load("page")["applications"]
    return words_found(text, tuple(words["pending"])) and not words_found(
        text, tuple(words["granted"])
    )


def _context_programmes(
    context: list[tuple[int, str]], progs: ProgrammeIndex
) -> list[tuple[int, list[str]]]:
    """Return the lines outside every project that name programmes, with the names."""
    found = []
    for line, text in context:
        labelled = label_split(text)
        if labelled is not None and labelled[0] == "programme" and labelled[1]:
            found.append((line, [progs.resolve(labelled[1])[0].name]))  # "Delprogram: Nord"
        elif named := [p.name for p in programmes_mentioned(text, progs)]:
            found.append((line, named))
    return found


def _programmes_of_funds(own: list[str], named: list[str], progs: ProgrammeIndex) -> list[str]:
    """Return the programmes of `named` paid by the funds a project's own programmes all are."""
    by_name = {p.name: p for p in progs.programmes}
    mine = [by_name.get(n) for n in own]
    if not mine or not all(p is not None and _is_fund(p) for p in mine):
        return []
    funds = {p.fund for p in mine if p is not None}
    return [
        n
        for n in named
        if n not in own
        and (p := by_name.get(n)) is not None
        and not p.umbrella
        and not _is_fund(p)
        and p.fund in funds
    ]


def _is_fund(prog: Programme) -> bool:
    """Return whether a programme entry is a fund itself (ERUF names its fund, ERDF, as an alias)."""
    return bool(prog.fund) and prog.fund in {prog.name, prog.short, *prog.aliases}


def _programmes_before(
    context: list[tuple[int, list[str]]], line: int, first_project: int
) -> list[str]:
    """Return the programmes of the last line before `line` that names any; in the page's
    introduction (before its first project), those of the whole introduction. A paragraph that
    names projects in prose is their introduction too ("... från Interreg Aurora. Projekten är
    A och B."), so its own line counts."""
    before = [(at, names) for at, names in context if at <= line]
    if not before:
        return []
    if before[-1][0] < first_project:
        return list(dict.fromkeys(n for _, names in before for n in names))
    return before[-1][1]


def _reslug(project: ProjectRecord, slug: str, findings: list[Finding]) -> None:
    """Give a project a new slug, and move the findings already made about it."""
    old = project.slug
    project.slug = slug
    for i, finding in enumerate(findings):
        if finding.project == old and finding.line in range(
            project.lines[0][0], project.lines[0][1] + 1
        ):
            findings[i] = Finding(
                finding.code, finding.message, slug, finding.line, finding.severity
            )


def _fingerprint(draft: EntryDraft) -> str:
    return "\n".join(
        [
            draft.description,
            *(p.text for p in draft.partners),
            *(t for t, _ in draft.programmes),
            draft.period.text if draft.period else "",
        ]
    )


def _project_findings(
    project: ProjectRecord,
    draft: EntryDraft,
    today: dt.date,
    page_claims_ongoing: bool,
    findings: list[Finding],
) -> None:
    slug = project.slug
    if project.period_start is None and project.period_end is None and project.kind == "project":
        findings.append(
            Finding("missing-period", f"“{project.title}” has no period.", slug, draft.first_line)
        )
    elif project.period_start is None and project.kind == "project":
        findings.append(
            Finding(
                "missing-start",
                f"“{project.title}” has an end but no start.",
                slug,
                draft.period_line or draft.first_line,
                "info",
            )
        )
    if not project.programmes and project.kind == "project":
        findings.append(
            Finding(
                "missing-programme",
                f"“{project.title}” names no programme or fund.",
                slug,
                draft.first_line,
                "info",
            )
        )
    if not project.contacts:
        findings.append(
            Finding(
                "missing-contact",
                f"“{project.title}” has no contact person.",
                slug,
                draft.first_line,
                "info",
            )
        )
    status = status_derive(project.period_start, project.period_end, kind=project.kind, today=today)
    if status == Status.ENDED and (page_claims_ongoing or project.claims_ongoing):
        findings.append(
            Finding(
                "stale-status",
                f"“{project.title}” ended ({project.period_end}) but the source presents it as ongoing.",
                slug,
                draft.first_line,
                "warning",
            )
        )
