"""Build one project from its draft: title, participants, programmes, period, money, contacts."""

from __future__ import annotations

import re
from functools import cache

from projektkatalog.domain.build.funding import bare_funding, inference_note
from projektkatalog.domain.curated import curated_load
from projektkatalog.domain.languages import language_detect
from projektkatalog.domain.matching.organisations import (
    OrganisationIndex,
    organisations_distributed,
)
from projektkatalog.domain.matching.programmes import Programme, ProgrammeIndex
from projektkatalog.domain.money import (
    amounts_find,
    currency_for_language,
)
from projektkatalog.domain.partners import country_of_heading, partner_list_parse, roles_in_prose
from projektkatalog.domain.periods import Period, period_from_prose, period_parse
from projektkatalog.domain.readers.entry import EntryDraft
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
from projektkatalog.domain.text import text_clean, text_fold, words_alternation, words_regex

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
    title, short, title_org, title_prog = _title_split(text_clean(draft.title), orgs, progs)
    slug = slugify(title)
    if title_org and (draft.named_participants or any(p.role == "lead" for p in draft.partners)):
        # Structured rows, or an entry with its own lead field: the words after the dash are
        # the title's second half ("Renovation Center – A Nordic Center for ..."), not its lead.
        title, title_org = text_clean(draft.title), ""
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
        inference_note(a, slug, draft.first_line, findings)
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
                inference_note(a, slug, draft.first_line, findings)
    funding.extend(bare_funding(draft, project, findings))
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
    project.claims_ongoing = claims_ongoing(description)
    return project


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


def claims_ongoing(text: str) -> bool:
    return bool(words_regex(tuple(curated_load("kinds")["ongoing_claims"])).search(text))
