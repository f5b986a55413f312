"""Build the catalogue from entry drafts: match names, merge repeats, report what is wrong."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from decimal import Decimal
from functools import cache

from projektkatalog.domain.curated import curated_load
from projektkatalog.domain.languages import language_detect
from projektkatalog.domain.matching.organisations import (
    Organisation,
    OrganisationIndex,
    organisations_distributed,
)
from projektkatalog.domain.matching.programmes import Programme, ProgrammeIndex
from projektkatalog.domain.money import (
    INFERRED_CURRENCY_FROM_CONTEXT,
    INFERRED_CURRENCY_FROM_LANGUAGE,
    INFERRED_MILLIONS,
    INFERRED_NO_CURRENCY,
    Amount,
    amounts_find,
    currency_for_language,
)
from projektkatalog.domain.partners import country_of_heading, partner_list_parse, roles_in_prose
from projektkatalog.domain.periods import Period, period_from_prose, period_parse
from projektkatalog.domain.readers.blocks import Block, html_blocks, looks_like_html, text_blocks
from projektkatalog.domain.readers.entry import EntryDraft, entry_read
from projektkatalog.domain.readers.furniture import furniture_dropped, labels_unglued
from projektkatalog.domain.readers.labels import label_split
from projektkatalog.domain.readers.lines import line_projects, title_amount_projects
from projektkatalog.domain.readers.outline import outline_read
from projektkatalog.domain.readers.prose import prose_projects
from projektkatalog.domain.readers.single import single_entry
from projektkatalog.domain.readers.table import table_projects
from projektkatalog.domain.readers.titles import title_lines_promoted
from projektkatalog.domain.records import (
    CatalogueRecord,
    ContactRecord,
    Finding,
    FundingRecord,
    LinkRecord,
    ParticipationRecord,
    PhoneRecord,
    ProjectRecord,
)
from projektkatalog.domain.slugs import slugify
from projektkatalog.domain.status import Status, status_derive
from projektkatalog.domain.text import text_clean, text_fold, words_alternation, words_regex

ROLE_RANK = {"lead": 0, "coordinator": 1, "partner": 2, "associated": 3, "financier": 4}
_ORG = r"(?P<org>[A-ZÅÄÖÆØ][\w&/-]*(?:\.[\w]+)*(?:\s+(?:[A-ZÅÄÖÆØ][\w&/-]*(?:\.[\w]+)*|i|för|of|for|och|and|&|de|la|der|in)){0,6}?)"


@cache
def _lead_patterns() -> list[tuple[re.Pattern[str], str]]:
    roles = curated_load("roles")
    # A body's name may end in a lower-case type word: "Strandby kommun", "Fjällby högskola".
    endings = words_alternation(roles["prose_lists"]["name_endings"])
    org = _ORG.replace("|i|för|", rf"|[a-zåäöæø]*(?:{endings})(?!\w)|i|för|", 1)
    # A name at a sentence's end runs to the sentence's end, not to its shortest reading.
    end = r"(?=\s*[.,;:!?)]|\s*$|\s+(?:och|and|og|som|with|med)\b)"
    return [
        (re.compile(p.replace("{org}", org) + (end if p.endswith("{org}") else "")), role)
        for role, ps in roles["prose"].items()
        for p in ps
    ]


@cache
def _sentence_starters() -> frozenset[str]:
    words: set[str] = set()
    for lang_words in curated_load("languages").values():
        words.update(w.capitalize() for w in lang_words)
    return frozenset(
        words | {"Projektet", "Arbetet", "Målet", "Syftet", "Detta", "Vi", "Här", "This", "It"}
    )


def page_read(
    text: str,
    *,
    source: str,
    today: dt.date | None = None,
    organisations: Iterable[Organisation] = (),
    programmes: Iterable[Programme] = (),
    progress: Callable[[int, int], None] | None = None,
) -> CatalogueRecord:
    """Return the catalogue a project page (plain text or HTML) describes."""
    blocks = html_blocks(text) if looks_like_html(text) else text_blocks(text)
    blocks = labels_unglued(furniture_dropped(blocks))
    listed, blocks = line_projects(blocks)
    organisation_index = OrganisationIndex(organisations)
    tabled, blocks = table_projects(blocks, organisation_index.looks_like_organisation)
    listed.extend(tabled)
    outline = outline_read(blocks)
    drafts = []
    for i, entry in enumerate(outline.entries):
        drafts.append(
            entry_read(entry.title, entry.category, entry.line, entry.body, entry.section)
        )
        if progress and (i + 1) % 500 == 0:
            progress(i + 1, len(outline.entries))
    if not drafts and (titled := title_lines_promoted(blocks)) is not None:
        outline = outline_read(titled)
        drafts = [
            entry_read(e.title, e.category, e.line, e.body, e.section) for e in outline.entries
        ]
    drafts = sorted([*drafts, *listed], key=lambda d: d.first_line)
    if drafts:
        # Projects the introduction names in passing, beside those the page lists.
        titles = [d.title.casefold() for d in drafts]
        drafts.extend(
            d
            for d in prose_projects(outline.preamble, grants=False)
            if not any(d.title.casefold() in t or t in d.title.casefold() for t in titles)
        )
    if not drafts:
        drafts = title_amount_projects(blocks)
    if not drafts and len(named := prose_projects(blocks)) > 1:
        drafts = named
    if not drafts and (single := single_entry(blocks, named[0].title if named else None)):
        # A page about one project is one project, even without bullets or field labels.
        entry, how = single
        draft = entry_read(entry.title, None, entry.line, entry.body)
        draft.guesses.append(("guessed-title", how))
        drafts.append(draft)
        outline.preamble = [b for b in blocks if b.kind != "blank" and b.line < entry.line]
    page_claims_ongoing = _claims_ongoing(" ".join(b.text for b in outline.preamble))
    context = [(b.line, b.text) for b in outline.preamble] + [
        (line, name) for name, line in outline.category_lines
    ]
    return catalogue_build(
        drafts,
        outline.categories,
        outline.empty_categories,
        source=source,
        today=today or dt.date.today(),
        page_claims_ongoing=page_claims_ongoing,
        organisations=organisation_index,
        programmes=ProgrammeIndex(list(programmes)),
        preamble=outline.preamble,
        context=sorted(context),
        language=language_detect(text if len(text) < PAGE_SAMPLE else text[:PAGE_SAMPLE]),
    )


PAGE_SAMPLE = 20_000  # characters enough to tell a page's language


def _claims_ongoing(text: str) -> bool:
    return bool(words_regex(tuple(curated_load("kinds")["ongoing_claims"])).search(text))


def _title_split(
    title: str, orgs: OrganisationIndex, progs: ProgrammeIndex
) -> tuple[str, str, str, Programme | None]:
    """Return (title, short name, lead organisation, programme) from "X – Y" titles."""
    m = re.match(r"^(?P<left>.+?)\s+[–—-]\s+(?P<right>.+)$", title)
    if not m:
        return title, "", "", None
    left, right = m.group("left").strip(), m.group("right").strip()
    if (prog := progs.find(right)) is not None:
        return left, "", "", prog
    if orgs.find(right) is not None or (
        orgs.looks_like_organisation(right) and len(left.split()) > 1
    ):
        return left, "", right, None
    if " " not in left and len(left) <= 20:
        return title, left, "", None
    return title, "", "", None


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
) -> CatalogueRecord:
    """Return the catalogue made of `drafts`, with every finding an editor should see."""
    orgs = organisations or OrganisationIndex()
    progs = programmes or ProgrammeIndex()
    record = CatalogueRecord(source=source, categories=list(categories))
    by_slug: dict[str, ProjectRecord] = {}
    fingerprints: dict[str, tuple[str, str | None]] = {}
    findings = record.findings
    fuzzy_seen: set[tuple[str, str]] = set()
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
        project = _project_build(draft, orgs, progs, findings, fuzzy_seen, language)
        if not project.programmes and (
            named := _programmes_before(context_programmes, draft.first_line, first_line)
        ):
            # A programme named in a heading or the lead paragraph funds the projects under it.
            project.programmes = named
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
        if not merge_same_titles and project.slug in by_slug:
            # Structured sources identify projects by key: two projects may share a title.
            base, n = project.slug, 2
            while f"{base}-{n}" in by_slug:
                n += 1
            _reslug(project, f"{base}-{n}", findings)
        fingerprint = (_fingerprint(draft), draft.category)
        existing = by_slug.get(project.slug)
        if existing is not None:
            existing.lines.append((draft.first_line, draft.last_line))
            same_text = fingerprints[project.slug][0] == fingerprint[0]
            new_categories = [
                c
                for c in [draft.category, *draft.more_categories]
                if c and c not in existing.categories
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


FUND_NAME_MAX = 80  # characters a fund's name may run past the words read as a body

_SPACED_DASH = re.compile(r"(?<=\w) [–-] (?=[A-ZÅÄÖÆØ])")


def _application_pending(text: str) -> bool:
    """Return whether a text speaks of an application and of no decision to grant it."""
    words = curated_load("page")["applications"]
    pending = words_regex(tuple(words["pending"])).search(text)
    return bool(pending) and not words_regex(tuple(words["granted"])).search(text)


def _context_programmes(
    context: list[tuple[int, str]], progs: ProgrammeIndex
) -> list[tuple[int, list[str]]]:
    """Return the lines outside every project that name programmes, with the names."""
    found = []
    for line, text in context:
        # "Interreg Sverige – Norge" is how headings often space a programme's dash.
        joined = _SPACED_DASH.sub("-", text)
        labelled = label_split(text)
        if labelled is not None and labelled[0] == "programme" and labelled[1]:
            found.append((line, [progs.resolve(labelled[1])[0].name]))  # "Delprogram: Nord"
        elif named := [p.name for p in progs.mentions(joined)]:
            found.append((line, named))
    return found


def _programmes_before(
    context: list[tuple[int, list[str]]], line: int, first_project: int
) -> list[str]:
    """Return the programmes of the last line before `line` that names any; in the page's
    introduction (before its first project), those of the whole introduction."""
    before = [(at, names) for at, names in context if at < line]
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


def _project_build(
    draft: EntryDraft,
    orgs: OrganisationIndex,
    progs: ProgrammeIndex,
    findings: list[Finding],
    fuzzy_seen: set[tuple[str, str]],
    language: str = "sv",
) -> ProjectRecord:
    title, short, title_org, title_prog = _title_split(text_clean(draft.title), orgs, progs)
    slug = slugify(title)
    if title_org and draft.named_participants:
        title, title_org = text_clean(draft.title), ""  # structured rows: the title is as given
    description = draft.description
    project = ProjectRecord(slug=slug, title=title, short_name=short)
    project.description = description
    project.language = language_detect(
        f"{title}. {description}\n{draft.field_text}", default=language
    )
    project.categories = list(
        dict.fromkeys(([draft.category] if draft.category else []) + draft.more_categories)
    )
    project.lines = [(draft.first_line, draft.last_line)]

    def note_resolution(resolution, line: int | None) -> None:  # type: ignore[no-untyped-def]
        if resolution.method == "fuzzy":
            key = (resolution.spelling, resolution.organisation.name)
            if key not in fuzzy_seen:
                fuzzy_seen.add(key)
                findings.append(
                    Finding(
                        "fuzzy-merge",
                        f"“{resolution.spelling}” was taken to be “{resolution.organisation.name}” (similarity {resolution.score:.0f}); check it.",
                        slug,
                        line,
                        "warning",
                    )
                )

    participants: dict[str, ParticipationRecord] = {}

    def add(name: str, role: str, country: str | None, line: int | None) -> None:
        resolution = orgs.resolve(name, country=country)
        note_resolution(resolution, line)
        org = resolution.organisation
        current = participants.get(org.name)
        if current is None or ROLE_RANK[role] < ROLE_RANK[current.role]:
            unit = resolution.unit or (current.unit if current else "")
            participants[org.name] = ParticipationRecord(org.name, role, unit)

    financed_by: list[str] = []
    if title_org:
        add(title_org, "lead", None, draft.first_line)
    for partner_text in draft.partners:
        country = country_of_heading(partner_text.heading) if partner_text.heading else None
        parsed = partner_list_parse(
            partner_text.text, role=partner_text.role, known=orgs.is_known, country=country
        )
        for mention in parsed.mentions:
            if mention.role == "financier" and (fund := progs.find(mention.name)) is not None:
                financed_by.append(fund.name)  # "Finansiär: Europeiska socialfonden" is a fund
                continue
            add(mention.name, mention.role, mention.country, partner_text.line)
        for phrase in parsed.unnamed:
            findings.append(
                Finding(
                    "unnamed-partners",
                    f"The partner list describes a group rather than naming bodies: “{phrase}”.",
                    slug,
                    partner_text.line,
                    "info",
                )
            )
    for name, role, country in draft.named_participants:
        add(name, role, country, draft.first_line)
    prose = f"{description}\n" + "\n".join(p.text for p in draft.partners)
    for name in _leads_in_prose(prose, orgs):
        add(name, "lead", None, draft.first_line)
    for name in organisations_distributed(description):
        # "Länsstyrelserna i A och B får ...": one body per place, unless the place's body is
        # already named ("Helsingborgs stad" for "Helsingborg" in "... och Ystads kommuner").
        place = _place_of(name)
        if not any(text_fold(o).startswith(place) for o in participants):
            add(name, "partner", None, draft.first_line)
    for name, role in roles_in_prose(description):
        at = prose.find(name)
        named = [
            p
            for p in (progs.mentions(prose[at : at + FUND_NAME_MAX]) if at >= 0 else [])
            if any(s.casefold().startswith(name.casefold()) for s in [p.name, *p.aliases])
        ]
        if role == "financier" and (fund := progs.find(name) or next(iter(named), None)):
            financed_by.append(fund.name)  # a fund pays: it is the project's programme
        elif name not in participants:
            add(name, role, None, draft.first_line)
    project.participants = sorted(
        participants.values(), key=lambda p: (ROLE_RANK[p.role], p.organisation.casefold())
    )

    programme_names: list[str] = list(dict.fromkeys(financed_by))
    if title_prog:
        programme_names.append(title_prog.name)
    for text, line in draft.programmes:
        prog, known = progs.resolve(text)
        if not known:
            findings.append(
                Finding(
                    "unknown-programme",
                    f"The programme “{text}” is not in the list of known programmes; it was added as written.",
                    slug,
                    line,
                    "info",
                )
            )
        programme_names.append(prog.name)
    for prog in progs.mentions(f"{title}\n{description}"):
        programme_names.append(prog.name)
    project.programmes = list(dict.fromkeys(programme_names))

    period = draft.period
    prose_period = period_from_prose(description) or _period_after_name(title, description)
    if period is None and prose_period is not None:
        period = prose_period
    elif (
        period is not None
        and prose_period is not None
        and period.start is None
        and prose_period.start
    ):
        period = type(period)(
            prose_period.start, period.end, period.approximate, period.problems, period.text
        )
    if period is not None:
        project.period_start, project.period_end, project.period_text = (
            period.start,
            period.end,
            period.text,
        )
        for problem in period.problems:
            findings.append(
                Finding(
                    "invalid-date",
                    f"Impossible date in “{period.text}”: {problem}.",
                    slug,
                    draft.period_line or None,
                    "error",
                )
            )
    if draft.period_unparsed:
        findings.append(
            Finding(
                "unparsed-period",
                f"The period “{draft.period_unparsed}” could not be read.",
                slug,
                draft.period_line,
                "warning",
            )
        )

    funding = [
        FundingRecord(a.amount, a.currency, a.kind, a.approximate, a.text)
        for a in (currency_for_language(x, project.language) for x in draft.amounts)
    ]
    for a in draft.amounts:
        _inference_note(a, slug, draft.first_line, findings)
    for sentence in re.split(r"(?<=[.!?])\s+|\n", description):
        for a in (
            currency_for_language(x, project.language)
            for x in amounts_find(
                sentence, language=project.language, context=description, bare=True
            )
        ):
            item = FundingRecord(a.amount, a.currency, a.kind, a.approximate, a.text)
            if all(
                f.amount != item.amount
                or (f.currency and item.currency and f.currency != item.currency)
                for f in funding
            ):
                funding.append(item)
                _inference_note(a, slug, draft.first_line, findings)
    funding.extend(_bare_funding(draft, project, findings))
    project.funding = funding

    for link, line in draft.links:
        project.links.append(LinkRecord(link.label, link.url))
        if link.url is None:
            findings.append(
                Finding(
                    "link-without-url",
                    f"The link “{link.label}” has no address; the source lost it.",
                    slug,
                    line,
                    "warning",
                )
            )
    for contact in draft.contacts:
        if (
            not contact.organisation
            and contact.title
            and orgs.looks_like_organisation(contact.title)
        ):
            contact.title, contact.organisation = (
                "",
                contact.title,
            )  # "Emma Lindgren, Arbetsförmedlingen"
        record = ContactRecord(
            contact.name,
            contact.title,
            contact.organisation,
            contact.email,
            [PhoneRecord(n, k) for n, k in contact.phones],
            contact.email_hidden,
        )
        project.contacts.append(record)
        if contact.email_hidden and not contact.email:
            findings.append(
                Finding(
                    "contact-email-hidden",
                    f"The e-mail address of {contact.name} was hidden behind a script on the source page.",
                    slug,
                    contact.line,
                    "info",
                )
            )
    for line in draft.hidden_contacts:
        findings.append(
            Finding(
                "contact-without-details",
                "A contact is mentioned without a name or number (only a hidden e-mail link).",
                slug,
                line,
                "warning",
            )
        )
    project.kind = _kind(draft, project)
    project.claims_ongoing = _claims_ongoing(description)
    return project


_INFERENCE_CODES = {
    INFERRED_NO_CURRENCY: "amount-without-currency",
    INFERRED_CURRENCY_FROM_CONTEXT: "guessed-currency",
    INFERRED_CURRENCY_FROM_LANGUAGE: "guessed-currency",
    INFERRED_MILLIONS: "guessed-millions",
}


def _inference_note(amount: Amount, slug: str, line: int, findings: list[Finding]) -> None:
    """Report what the money reader inferred about an amount rather than read."""
    for inferred in amount.inferred:
        if code := _INFERENCE_CODES.get(inferred):
            findings.append(
                Finding(
                    code,
                    f"“{amount.text}” was read as {amount.amount} {amount.currency or '(no currency)'}"
                    f" ({inferred}); check it.",
                    slug,
                    line,
                    "info",
                )
            )


def _place_of(name: str) -> str:
    """Return the folded place a distributed body's name is for ("Länsstyrelsen i Jönköping")."""
    words = name.split()
    place = words[-1] if len(words) > 2 and words[-2] in ("i", "på") else words[0]
    return text_fold(place.rstrip("s"))


def _period_after_name(title: str, text: str) -> Period | None:
    """Return the years that follow the project's name in its text ("Grön hamn 2019–2021")."""
    if not title or title not in text:
        return None
    m = re.search(rf"{re.escape(title)}\s+((?:19|20)\d\d\s*[–-]\s*(?:19|20)\d\d)\b", text)
    return period_parse(m.group(1)) if m else None


def _bare_funding(
    draft: EntryDraft, project: ProjectRecord, findings: list[Finding]
) -> list[FundingRecord]:
    """Return the amounts stated without a currency: in the page language's currency, reported
    as a guess, or with no currency when the language tells none."""
    funding = []
    currency = curated_load("page")["currency_by_language"].get(project.language, "")
    for text, kind, line in draft.bare_amounts:
        if currency:
            found = amounts_find(f"{text} {currency}", kind=kind)
            if not found:
                continue
            a = found[0]
            funding.append(FundingRecord(a.amount, currency, kind, a.approximate, text))
            findings.append(
                Finding(
                    "guessed-currency",
                    f"“{text}” states no currency; {currency} was assumed from the page's language.",
                    project.slug,
                    line,
                    "info",
                )
            )
        elif digits := re.sub(r"\D", "", text) if re.fullmatch(r"[\d \u00a0]+", text) else "":
            funding.append(FundingRecord(Decimal(digits), "", kind, False, text))
            findings.append(
                Finding(
                    "amount-without-currency",
                    f"“{text}” states no currency; it was kept without one.",
                    project.slug,
                    line,
                    "info",
                )
            )
    return funding


def _leads_in_prose(text: str, orgs: OrganisationIndex) -> list[str]:
    found: list[str] = []
    if not words_regex(tuple(curated_load("roles")["triggers"]["words"])).search(text):
        return found  # none of the role verbs occurs: skip the costly patterns
    starters = _sentence_starters()
    for pattern, _ in _lead_patterns():
        for m in pattern.finditer(text):
            name = m.group("org").strip()
            first = name.split()[0]
            if first in starters or len(name) < 3:
                continue
            if name not in found:
                found.append(name)
    return found


def _kind(draft: EntryDraft, project: ProjectRecord) -> str:
    kinds = curated_load("kinds")
    if draft.section == "collaboration":
        return "collaboration"
    words = set(re.findall(r"\w+", project.title.casefold()))
    if (
        project.period_start is None
        and project.period_end is None
        and words & set(kinds["collaboration_titles"])
    ):
        return "collaboration"
    return "project"


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
