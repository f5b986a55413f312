"""Read a page: furniture, one-line projects, tables, outline, prose, one project per page."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from projektkatalog.domain.build.catalogue import catalogue_build
from projektkatalog.domain.build.project import claims_ongoing
from projektkatalog.domain.languages import language_detect
from projektkatalog.domain.matching.organisations import (
    Organisation,
    OrganisationIndex,
)
from projektkatalog.domain.matching.programmes import Programme, ProgrammeIndex
from projektkatalog.domain.phones import phone_region
from projektkatalog.domain.readers.allocations import allocation_projects
from projektkatalog.domain.readers.anaphors import anaphors_named
from projektkatalog.domain.readers.blocks import Block, html_blocks, looks_like_html, text_blocks
from projektkatalog.domain.readers.decisions import (
    decision_draft,
    decision_projects,
    decisions_find,
)
from projektkatalog.domain.readers.entry import EntryDraft, entry_read
from projektkatalog.domain.readers.flattened import transcripts_apart
from projektkatalog.domain.readers.furniture import furniture_dropped, labels_unglued
from projektkatalog.domain.readers.lines import line_projects, title_amount_projects
from projektkatalog.domain.readers.outline import Outline, outline_read
from projektkatalog.domain.readers.pairs import pair_projects
from projektkatalog.domain.readers.participations import participation_projects
from projektkatalog.domain.readers.prose import (
    paragraphs_attached,
    prose_projects,
    umbrella_recipient,
)
from projektkatalog.domain.readers.record_blocks import record_block_projects
from projektkatalog.domain.readers.record_runs import record_run_projects
from projektkatalog.domain.readers.single import (
    about_a_project,
    partner_shares_as_fields,
    project_heading,
    single_entry,
)
from projektkatalog.domain.readers.table import table_projects
from projektkatalog.domain.readers.titles import has_project_word, title_lines_promoted
from projektkatalog.domain.records import (
    CatalogueRecord,
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
    blocks = labels_unglued(transcripts_apart(furniture_dropped(blocks)))
    language = language_detect(text if len(text) < PAGE_SAMPLE else text[:PAGE_SAMPLE])
    region = phone_region(language=language)  # "918 22 333" on a Norwegian page is Norwegian
    listed, blocks = line_projects(blocks)
    decided, blocks = decision_projects(blocks)
    listed.extend(decided)
    organisation_index = OrganisationIndex(organisations)
    paired, blocks = pair_projects(blocks, organisation_index.looks_like_organisation)
    listed.extend(paired)
    tabled, blocks = table_projects(blocks, organisation_index, language=language)
    listed.extend(tabled)
    recorded, blocks, groups = record_run_projects(
        blocks, organisation_index.looks_like_organisation
    )
    listed.extend(recorded)
    recorded, blocks = record_block_projects(blocks, organisation_index.looks_like_organisation)
    listed.extend(recorded)
    taking_part, blocks = participation_projects(blocks, organisation_index.looks_like_organisation)
    listed.extend(taking_part)
    outline, drafts = _outline_drafts(blocks, region, progress)
    if listed:
        drafts = _page_title_dropped(outline, drafts, min(d.first_line for d in listed))
    drafts = sorted([*drafts, *listed], key=lambda d: d.first_line)
    if len(drafts) > 1:
        _umbrella_lead(drafts, blocks)
    if drafts:
        # Projects the introduction names in passing, beside those the page lists.
        titles = [d.title.casefold() for d in drafts]
        passing = [
            d
            for d in prose_projects(outline.preamble, grants=False)
            if not any(d.title.casefold() in t or t in d.title.casefold() for t in titles)
        ]
        if not _unnamed_granted_named(drafts, passing):
            drafts.extend(passing)
    if not drafts:
        drafts = title_amount_projects(blocks)
    if not drafts:
        # "... fått 300 tusen kroner til nattbuss ..., 120 tusen kroner til ...": one each.
        drafts = allocation_projects(blocks, organisation_index.looks_like_organisation)
    named = prose_projects(blocks) if not drafts else []
    if not drafts and len(named) > 1:
        drafts = named
        paragraphs_attached(drafts, blocks)
        if (recipient := umbrella_recipient(blocks)) is not None:
            # "X har beviljats 20 miljoner för fyra projekt. Det ena är A ...": X leads each.
            for draft in drafts:
                if not draft.named_participants:
                    draft.named_participants.append((recipient, "lead", None))
    decision = next(iter(decisions_find(blocks)), None) if not drafts else None
    named_title = decision.title if decision else named[0].title if not drafts and named else None
    if not drafts and (single := single_entry(blocks, named_title)):
        # A page about one project is one project, even without bullets or field labels.
        entry, how = single
        body = partner_shares_as_fields(entry.body)
        draft = entry_read(entry.title, None, entry.line, body, region=region)
        if decision is not None and entry.title == decision.title:
            decision_draft(decision, draft)  # "beslutar att bevilja Titel, Org, N kr": its lead
        if about_a_project(draft, blocks):
            draft.guesses.append(("guessed-title", how))
            drafts.append(draft)
            outline.preamble = [b for b in blocks if b.kind != "blank" and b.line < entry.line]
    anaphors_named(drafts, blocks)  # "Puljen modtager 2 mio. euro": the quoted "Pulje til …"
    page_claims_ongoing = claims_ongoing(" ".join(b.text for b in outline.preamble))
    context = (
        [(b.line, b.text) for b in outline.preamble]
        + [(line, name) for name, line in outline.category_lines]
        + groups  # a list's group line ("Leader Strandbygd") applies to the records under it
    )
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
        language=language,
    )


PAGE_SAMPLE = 20_000  # characters enough to tell a page's language
TITLE_WORDS = 14  # more words than a title has: a teaser's sentence


def _outline_drafts(
    blocks: list[Block], region: str, progress: Callable[[int, int], None] | None
) -> tuple[Outline, list[EntryDraft]]:
    """Return the page's outline and the projects its entries (or its title lines) give."""
    outline = outline_read(blocks)
    drafts = []
    for i, entry in enumerate(outline.entries):
        drafts.append(
            entry_read(
                entry.title, entry.category, entry.line, entry.body, entry.section, region=region
            )
        )
        if progress and (i + 1) % 500 == 0:
            progress(i + 1, len(outline.entries))
    if (
        not drafts
        and project_heading(blocks) is None  # the short lines under "Xhanke" are its sections
        and (titled := title_lines_promoted(blocks)) is not None
    ):
        outline = outline_read(titled)
        drafts = [
            entry_read(e.title, e.category, e.line, e.body, e.section, region=region)
            for e in outline.entries
        ]
    if drafts and all(_reads_as_text(d.title) for d in drafts):
        # Teasers of news items ("Enligt en utredning är ... […]") are no titles: the projects
        # their text names ("Projekt Strandrock samlade byn") are the page's projects.
        named = prose_projects(blocks, grants=False)
        if named:
            paragraphs_attached(named, blocks)
            return outline, named
    return outline, drafts


def _page_title_dropped(
    outline: Outline, drafts: list[EntryDraft], first_listed: int
) -> list[EntryDraft]:
    """Return the outline's projects without the page's own heading over the projects its lines
    or table list ("Beviljade projekt 2026" over its lead and a table): an entry above them all
    that states no project fact. Its lines join the page's introduction, which the projects
    take their programme from."""
    if len(drafts) != len(outline.entries):
        return drafts
    kept = []
    for entry, draft in zip(outline.entries, drafts, strict=True):
        if draft.first_line < first_listed and not _states_facts(draft):
            heading = Block("line", 0, entry.title, entry.line)
            outline.preamble.extend([heading, *entry.body])
            continue
        kept.append(draft)
    outline.entries = [e for e in outline.entries if any(e.line == d.first_line for d in kept)]
    return kept


def _states_facts(draft: EntryDraft) -> bool:
    """Return whether a draft states a fact of a project beside its title and text (a contact
    or a link at the page's foot is the page's, not a project's)."""
    return bool(
        draft.partners
        or draft.named_participants
        or draft.amounts
        or draft.bare_amounts
        or draft.period
        or draft.programmes
    )


def _reads_as_text(title: str) -> bool:
    """Return whether an entry's title is running text: a sentence or a teaser cut off."""
    return len(title.split()) > TITLE_WORDS or title.rstrip().endswith((".", "…", "[…]", "?", "!"))


def _unnamed_granted_named(drafts: list[EntryDraft], passing: list[EntryDraft]) -> bool:
    """Give the one project the text names ("... til prosjektet «Levende havn»") the money a
    sentence grants to a project it does not name ("Strandvik får 2,4 millioner til nytt
    kystprosjekt"), reported; return whether it did. Only where every project read so far is
    such a project and the text names exactly one."""
    if len(drafts) != 1 or len(passing) != 1:
        return False
    [granted], [named] = drafts, passing
    if not (has_project_word(granted.title) and granted.guesses):
        return False  # a named project, or one read from a list: a project of its own
    unnamed = granted.title
    granted.title = named.title
    granted.description_lines.extend(named.description_lines)
    granted.last_line = max(granted.last_line, named.last_line)
    granted.guesses.append(
        (
            "guessed-title",
            f"The sentence grants money to “{unnamed}”; it was read as the one project the "
            f"page names, “{named.title}”. Check it.",
        )
    )
    return True


def _umbrella_lead(drafts: list[EntryDraft], blocks: list[Block]) -> None:
    """Give the projects a page lists the body it says once received money for them all
    ("Strandby kommun har fått LONA-pengar för flera projekt"), where a project names no body
    of its own; reported, as every guess is."""
    if any(d.partners or d.named_participants for d in drafts):
        return  # the list names its own bodies: the sentence above it is about something else
    recipient = umbrella_recipient(blocks, receiving=True)
    if recipient is None:
        return
    for draft in drafts:
        draft.named_participants.append((recipient, "lead", None))
        draft.guesses.append(
            (
                "guessed-from-prose",
                f"The lead of “{draft.title}” is the body the page says received money for "
                "several projects; check it.",
            )
        )
