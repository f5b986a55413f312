"""Build one project from its draft: title, participants, programmes, period, money, contacts."""

from __future__ import annotations

import re
from functools import cache

from projektkatalog.domain.build.funding import bare_funding, inference_note
from projektkatalog.domain.curated import curated_load
from projektkatalog.domain.languages import language_detect
from projektkatalog.domain.matching.organisations import (
    OrganisationIndex,
    Resolution,
    organisations_distributed,
)
from projektkatalog.domain.matching.programmes import Programme, ProgrammeIndex
from projektkatalog.domain.money import (
    amounts_find,
    currency_for_language,
)
from projektkatalog.domain.partners import country_of_heading, partner_list_parse, roles_in_prose
from projektkatalog.domain.periods import Period, period_from_prose, period_parse
from projektkatalog.domain.programme_spelling import programmes_mentioned
from projektkatalog.domain.readers.entry import EntryDraft, contacts_in_prose
from projektkatalog.domain.readers.prose import counts_several_projects, quoted_speakers
from projektkatalog.domain.records import (
    ContactRecord,
    Finding,
    FundingRecord,
    LinkRecord,
    ParticipationRecord,
    PhoneRecord,
    ProjectRecord,
)
from projektkatalog.domain.slugs import slugify
from projektkatalog.domain.text import text_clean, text_fold, words_alternation
from projektkatalog.domain.word_search import words_found

FUND_NAME_MAX = 80  # characters a fund's name may run past the words read as a body

ROLE_RANK = {"lead": 0, "coordinator": 1, "partner": 2, "associated": 3, "financier": 4}


_ORG = r"(?P<org>[A-ZÅÄÖÆØ][\w&/-]*(?:\.[\w]+)*(?:\s+(?:[A-ZÅÄÖÆØ][\w&/-]*(?:\.[\w]+)*|i|för|of|for|och|and|&|de|la|der|in)){0,6}?)"


@cache
def _lead_patterns() -> list[tuple[re.Pattern[str], str]]:
    roles = curated_load("roles")
    # A body's name may end in a lower-case type word: "Strandby kommun", "Fjällby högskola".
    endings = words_alternation(roles["prose_lists"]["name_endings"])
    org = _ORG.replace("|i|för|", rf"|[a-zåäöæø]*(?:{endings})(?!\w)|i|för|", 1)
    # A name at a sentence's end runs to the sentence's end, not to its shortest reading.
    end = r"(?=\s*[.,;:!?)]|\s*$|\s+(?:och|and|og|som|with|med|together|tillsammans|sammen|yhdessä)\b)"
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


def project_build(
    draft: EntryDraft,
    orgs: OrganisationIndex,
    progs: ProgrammeIndex,
    findings: list[Finding],
    fuzzy_seen: set[tuple[str, str]],
    language: str = "sv",
) -> ProjectRecord:
    """Return the project a draft describes, adding a finding for everything guessed or odd."""
    project, title_org, title_prog = _project_started(draft, orgs, progs, language)
    participants = _Participants(project.slug, orgs, findings, fuzzy_seen)
    financed_by = participants.read(draft, project.description, title_org, progs)
    project.participants = participants.sorted()
    project.programmes = _programmes_read(draft, project, financed_by, title_prog, progs, findings)
    _period_add(draft, project, findings)
    project.funding = _funding_read(draft, project, findings)
    _links_add(draft, project, findings)
    known = {c.name for c in draft.contacts}
    draft.contacts.extend(c for c in quoted_speakers(project.description) if c.name not in known)
    _contacts_add(draft, project, orgs, findings)
    project.kind = _kind(draft, project)
    project.claims_ongoing = claims_ongoing(project.description)
    return project


def _project_started(
    draft: EntryDraft, orgs: OrganisationIndex, progs: ProgrammeIndex, language: str
) -> tuple[ProjectRecord, str, Programme | None]:
    """Return the project with its title, description, language, categories and lines, and the
    lead and programme its title names ("Grön hamn – Strandby kommun")."""
    title, short, title_org, title_prog = _title_split(text_clean(draft.title), orgs, progs)
    slug = slugify(title)
    if title_org and (draft.named_participants or any(p.role == "lead" for p in draft.partners)):
        # Structured rows, or an entry with its own lead field: the words after the dash are
        # the title's second half ("Renovation Center – A Nordic Center for ..."), not its lead.
        title, title_org = text_clean(draft.title), ""
    description = draft.description
    project = ProjectRecord(slug=slug, title=title, short_name=short)
    project.description = description
    # A title alone is a name, not text in a language ("ITS Testsites of Sweden" in a Swedish
    # list): a project with no description or fields takes its page's language.
    own_text = f"{description}\n{draft.field_text}".strip()
    project.language = (
        language_detect(f"{title}. {own_text}", default=language) if own_text else language
    )
    project.categories = list(
        dict.fromkeys(([draft.category] if draft.category else []) + draft.more_categories)
    )
    project.lines = [(draft.first_line, draft.last_line)]
    return project, title_org, title_prog


class _Participants:
    """The bodies taking part in one project, each once in its highest role."""

    def __init__(
        self,
        slug: str,
        orgs: OrganisationIndex,
        findings: list[Finding],
        fuzzy_seen: set[tuple[str, str]],
    ) -> None:
        self.slug, self.orgs, self.findings, self.fuzzy_seen = slug, orgs, findings, fuzzy_seen
        self.by_name: dict[str, ParticipationRecord] = {}

    def add(self, name: str, role: str, country: str | None, line: int | None) -> None:
        resolution = self.orgs.resolve(name, country=country)
        self._note_resolution(resolution, line)
        org = resolution.organisation
        current = self.by_name.get(org.name)
        if current is None or ROLE_RANK[role] < ROLE_RANK[current.role]:
            unit = resolution.unit or (current.unit if current else "")
            self.by_name[org.name] = ParticipationRecord(org.name, role, unit)

    def _note_resolution(self, resolution: Resolution, line: int | None) -> None:
        if resolution.method == "fuzzy":
            key = (resolution.spelling, resolution.organisation.name)
            if key not in self.fuzzy_seen:
                self.fuzzy_seen.add(key)
                self.findings.append(
                    Finding(
                        "fuzzy-merge",
                        f"“{resolution.spelling}” was taken to be “{resolution.organisation.name}” (similarity {resolution.score:.0f}); check it.",
                        self.slug,
                        line,
                        "warning",
                    )
                )

    def sorted(self) -> list[ParticipationRecord]:
        return sorted(
            self.by_name.values(), key=lambda p: (ROLE_RANK[p.role], p.organisation.casefold())
        )

    def read(
        self, draft: EntryDraft, description: str, title_org: str, progs: ProgrammeIndex
    ) -> list[str]:
        """Add the bodies the draft names in its title, fields and prose; return the funds it
        says pay for it (a fund named as financier is the project's programme)."""
        financed_by: list[str] = []
        if title_org:
            self.add(title_org, "lead", None, draft.first_line)
        financed_by.extend(self._from_fields(draft, progs))
        for name, role, country in draft.named_participants:
            self.add(name, role, country, draft.first_line)
        if not (draft.columns_named and draft.named_participants):
            # A mapping's participant columns name the project's bodies; a row's prose is not
            # read for more (a fifth of building a mapped project went to reading it).
            financed_by.extend(self._from_prose(draft, description, progs))
        return financed_by

    def _from_fields(self, draft: EntryDraft, progs: ProgrammeIndex) -> list[str]:
        financed_by: list[str] = []
        for partner_text in draft.partners:
            country = country_of_heading(partner_text.heading) if partner_text.heading else None
            parsed = partner_list_parse(
                partner_text.text, role=partner_text.role, known=self.orgs.is_known, country=country
            )
            for mention in parsed.mentions:
                if mention.role == "financier" and (fund := progs.find(mention.name)) is not None:
                    financed_by.append(fund.name)  # "Finansiär: Europeiska socialfonden" is a fund
                    continue
                self.add(mention.name, mention.role, mention.country, partner_text.line)
            for phrase in parsed.unnamed:
                self.findings.append(
                    Finding(
                        "unnamed-partners",
                        f"The partner list describes a group rather than naming bodies: “{phrase}”.",
                        self.slug,
                        partner_text.line,
                        "info",
                    )
                )
        return financed_by

    def _from_prose(self, draft: EntryDraft, description: str, progs: ProgrammeIndex) -> list[str]:
        financed_by: list[str] = []
        prose = f"{description}\n" + "\n".join(p.text for p in draft.partners)
        for name in _leads_in_prose(prose, self.orgs):
            self.add(name, "lead", None, draft.first_line)
        for name in organisations_distributed(description):
            # "Länsstyrelserna i A och B får ...": one body per place, unless the place's body is
            # already named ("Helsingborgs stad" for "Helsingborg" in "... och Ystads kommuner").
            place = _place_of(name)
            if not any(text_fold(o).startswith(place) for o in self.by_name):
                self.add(name, "partner", None, draft.first_line)
        for name, role in roles_in_prose(description):
            at = prose.find(name)
            named = [
                p
                for p in (progs.mentions(prose[at : at + FUND_NAME_MAX]) if at >= 0 else [])
                if any(s.casefold().startswith(name.casefold()) for s in [p.name, *p.aliases])
            ]
            if role == "financier" and (fund := progs.find(name) or next(iter(named), None)):
                financed_by.append(fund.name)  # a fund pays: it is the project's programme
            elif name not in self.by_name:
                self.add(name, role, None, draft.first_line)
        return financed_by


def _programmes_read(
    draft: EntryDraft,
    project: ProjectRecord,
    financed_by: list[str],
    title_prog: Programme | None,
    progs: ProgrammeIndex,
    findings: list[Finding],
) -> list[str]:
    """Return the programmes the project names: funds paying it, its title, fields and text."""
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
                    project.slug,
                    line,
                    "info",
                )
            )
        programme_names.append(prog.name)
    for prog in programmes_mentioned(f"{project.title}\n{project.description}", progs):
        programme_names.append(prog.name)
        if prog.name in progs.inferred:
            findings.append(
                Finding(
                    "unknown-programme",
                    f"The programme “{prog.name}” was read from the text by the shape of its "
                    "name and is not in the list of known programmes; check it.",
                    project.slug,
                    draft.first_line,
                    "info",
                )
            )
    return list(dict.fromkeys(programme_names))


def _period_add(draft: EntryDraft, project: ProjectRecord, findings: list[Finding]) -> None:
    """Set the project's period from its fields or its prose, reporting impossible dates."""
    period = draft.period
    # The prose is read only where it can add something: a period without its start (a
    # mapping's start column names one for nearly every row).
    prose_period = (
        period_from_prose(project.description)
        or _period_after_name(project.title, project.description)
        if period is None or period.start is None
        else None
    )
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
                    project.slug,
                    draft.period_line or None,
                    "error",
                )
            )
    if draft.period_unparsed:
        findings.append(
            Finding(
                "unparsed-period",
                f"The period “{draft.period_unparsed}” could not be read.",
                project.slug,
                draft.period_line,
                "warning",
            )
        )


def _funding_read(
    draft: EntryDraft, project: ProjectRecord, findings: list[Finding]
) -> list[FundingRecord]:
    """Return the amounts the fields, the prose and the bare numbers state, each once."""
    funding = [
        FundingRecord(a.amount, a.currency, a.kind, a.approximate, a.text)
        for a in (currency_for_language(x, project.language) for x in draft.amounts)
    ]
    for a in draft.amounts:
        inference_note(a, project.slug, draft.first_line, findings)
    for sentence in re.split(r"(?<=[.!?])\s+|\n", project.description):
        found = amounts_find(
            sentence, language=project.language, context=project.description, bare=True
        )
        if found and counts_several_projects(sentence):
            continue  # "EUR 90 million went to these projects": the programme's money
        for a in (currency_for_language(x, project.language) for x in found):
            item = FundingRecord(a.amount, a.currency, a.kind, a.approximate, a.text)
            if all(
                f.amount != item.amount
                or (f.currency and item.currency and f.currency != item.currency)
                for f in funding
            ):
                funding.append(item)
                inference_note(a, project.slug, draft.first_line, findings)
    funding.extend(bare_funding(draft, project, findings))
    return funding


def _links_add(draft: EntryDraft, project: ProjectRecord, findings: list[Finding]) -> None:
    """Add the project's links, reporting those whose address the source lost."""
    for link, line in draft.links:
        project.links.append(LinkRecord(link.label, link.url))
        if link.url is None:
            findings.append(
                Finding(
                    "link-without-url",
                    f"The link “{link.label}” has no address; the source lost it.",
                    project.slug,
                    line,
                    "warning",
                )
            )


def _contacts_add(
    draft: EntryDraft, project: ProjectRecord, orgs: OrganisationIndex, findings: list[Finding]
) -> None:
    """Add the project's contacts, reporting hidden addresses and contacts without details."""
    if not draft.contacts:
        # No contact field or block: a person the text names with an address in brackets.
        draft.contacts.extend(
            c
            for line, text in draft.description_lines
            for c in contacts_in_prose(text, line)
            if not orgs.looks_like_organisation(c.name)
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
                    project.slug,
                    contact.line,
                    "info",
                )
            )
    for line in draft.hidden_contacts:
        findings.append(
            Finding(
                "contact-without-details",
                "A contact is mentioned without a name or number (only a hidden e-mail link).",
                project.slug,
                line,
                "warning",
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


@cache
def _articles() -> frozenset[str]:
    return frozenset(curated_load("roles")["articles"]["words"])


def _leads_in_prose(text: str, orgs: OrganisationIndex) -> list[str]:
    found: list[str] = []
    if not words_found(text, tuple(curated_load("roles")["triggers"]["words"])):
        return found  # none of the role verbs occurs: skip the costly patterns
    starters = _sentence_starters()
    for pattern, _ in _lead_patterns():
        for m in pattern.finditer(text):
            name = m.group("org").strip()
            first, _, rest = name.partition(" ")
            if first.casefold() in _articles() and rest[:1].isupper():
                name, first = rest, rest.split()[0]  # "The Strandby Region is the lead partner"
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


def claims_ongoing(text: str) -> bool:
    return words_found(text, tuple(curated_load("kinds")["ongoing_claims"]))
