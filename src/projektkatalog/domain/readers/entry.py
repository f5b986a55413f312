"""Read one entry's body: field lines, contact blocks, links and the description.

The result is a draft that still holds organisation and programme names as written; matching
them to known bodies is the builder's work (`domain/build.py`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from projektkatalog.domain.curated import curated_load
from projektkatalog.domain.emails import emails_find, emails_removed
from projektkatalog.domain.links import LinkRecordLike, link_parse, url_from_text
from projektkatalog.domain.money import Amount, amounts_find
from projektkatalog.domain.partners import country_code
from projektkatalog.domain.people import looks_like_name, person_split
from projektkatalog.domain.periods import Period, period_parse
from projektkatalog.domain.phones import phones_find
from projektkatalog.domain.readers.blocks import Block
from projektkatalog.domain.readers.labels import is_contact_heading, label_source, label_split
from projektkatalog.domain.text import words_alternation

_PHONE_IN_TEXT = re.compile(
    r"(?:(?:tel|tfn|tlf|telefon|mobil|phone|puh)\.?:?\s*)?\+?\(?\d[\d ()\u00a0–-]{6,}\d", re.I
)
_BARE_NUMBER = re.compile(r"^\d{1,3}(?:[ \u00a0]\d{3})+(?:,\d+)?$|^\d+$")
_MEDIA_LINK = re.compile(r"\((?:youtube|vimeo|pdf|film|video|länk|link|word|excel)\)\s*$", re.I)
ROLE_FIELDS = {
    "lead": "lead",
    "partners": "partner",
    "associated": "associated",
    "financier": "financier",
}
MONEY_FIELDS = {
    "budget": "total-budget",
    "grant": "grant",
    "eu_funding": "eu-funding",
    "cofinancing": "co-financing",
}


@dataclass
class PartnerText:
    text: str
    role: str
    line: int
    heading: str = ""  # "Danska partners" tells the country of a whole list


@dataclass
class ContactDraft:
    name: str
    title: str = ""
    organisation: str = ""
    email: str = ""
    phones: list[tuple[str, str]] = field(default_factory=list)  # (E.164, kind)
    email_hidden: bool = False
    line: int = 0


@dataclass
class EntryDraft:
    title: str
    category: str | None
    first_line: int
    last_line: int
    section: str = ""
    description_lines: list[tuple[int, str]] = field(default_factory=list)
    partners: list[PartnerText] = field(default_factory=list)
    programmes: list[tuple[str, int]] = field(default_factory=list)
    period: Period | None = None
    period_line: int = 0
    period_unparsed: str = ""
    amounts: list[Amount] = field(default_factory=list)
    links: list[tuple[LinkRecordLike, int]] = field(default_factory=list)
    contacts: list[ContactDraft] = field(default_factory=list)
    hidden_contacts: list[int] = field(default_factory=list)  # lines of "Kontakt: Contact"
    field_lines: list[str] = field(default_factory=list)  # labelled lines, for language detection
    # From structured sources: bodies named one per cell, never split at commas or "och".
    named_participants: list[tuple[str, str, str | None]] = field(default_factory=list)
    # Read from a table's columns through a mapping: when its participant columns name bodies,
    # they are the project's, and its prose is not searched for more (see `project_build`).
    columns_named: bool = False
    more_categories: list[str] = field(default_factory=list)
    # What the reader guessed rather than read, as (finding code, how): each becomes a finding.
    guesses: list[tuple[str, str]] = field(default_factory=list)
    # Amounts stated without a currency, as (text, kind, line): the builder decides.
    bare_amounts: list[tuple[str, str, int]] = field(default_factory=list)

    @property
    def field_text(self) -> str:
        return "\n".join(self.field_lines)

    @property
    def description(self) -> str:
        """Return the description as paragraphs separated by blank lines."""
        paragraphs: list[list[str]] = [[]]
        previous = None
        for line, text in self.description_lines:
            if previous is not None and line - previous > 1 and paragraphs[-1]:
                paragraphs.append([])
            paragraphs[-1].append(text)
            previous = line
        return "\n\n".join("\n".join(p) for p in paragraphs if p)


@cache
def _noise() -> tuple[frozenset[str], tuple[str, ...], frozenset[str]]:
    data = curated_load("noise")
    return frozenset(data["exact"]), tuple(data["prefixes"]), frozenset(data["hidden_email"])


@cache
def _contact_intros() -> re.Pattern[str]:
    intros = curated_load("page")["contacts"]["intros"]
    return re.compile(rf"^(?:{words_alternation(intros)})\s+(?P<names>[^.:]+?)\.?$", re.IGNORECASE)


@cache
def _contact_intro_words() -> tuple[str, ...]:
    return tuple(curated_load("page")["contacts"]["intros"])


@cache
def _attention() -> re.Pattern[str]:
    words = curated_load("page")["contacts"]["attention"]
    name = r"[A-ZÅÄÖÆØ][\w-]+(?:\s+[A-ZÅÄÖÆØ][\w-]+){1,2}"
    return re.compile(rf"(?<!\w)(?:{words_alternation(words)}):\s+(?P<name>{name})(?=\s|$)", re.I)


def attention_name(text: str) -> str | None:
    """Return the person a letter's attention line names ("Att: Anna Berg Box 12"), or None."""
    m = _attention().search(text)
    if m is None:
        return None
    address = {w.casefold() for w in curated_load("page")["contacts"]["address_words"]}
    words: list[str] = []
    for word in m.group("name").split():
        if word.casefold() in address or (len(word) > 1 and word.isupper()):
            break  # "Att: Anna Berg Box 12", "Att: Ola Ek UDDEVALLA": the address follows
        words.append(word)
    name = " ".join(words)
    return name if looks_like_name(name) else None


def contacts_named(text: str, line: int) -> list[ContactDraft] | None:
    """Return the contacts a sentence names in a row ("Kontaktpersoner är A och B."), or None."""
    if not text.casefold().startswith(_contact_intro_words()):
        return None
    m = _contact_intros().match(text.strip())
    if m is None:
        return None
    names = [n.strip() for n in re.split(r",\s*|\s+(?:och|og|and|ja)\s+", m.group("names"))]
    if not names or not all(looks_like_name(n) for n in names):
        return None
    return [ContactDraft(n, line=line) for n in names]


# "… kontakta projektledare Anna Berg (anna.berg@strandby.se) …": a name, then its address in
# brackets, inside a sentence.
_NAME_THEN_EMAIL = re.compile(
    r"(?P<words>(?:[A-ZÅÄÖÆØ][\w-]+\s+){1,4})\(\s*(?P<email>[^()\s]+@[^()\s]+?)\s*\)"
)
PROSE_NAME_WORDS = (3, 2)  # a person's name in a sentence: the last three words, or two


def contacts_in_prose(text: str, line: int) -> list[ContactDraft]:
    """Return the people a sentence names with their e-mail address in brackets after them;
    the words before the name (a title: "Landdistriktskoordinator") are left out."""
    found = []
    for m in _NAME_THEN_EMAIL.finditer(text):
        words = m.group("words").split()
        emails = emails_find(m.group("email"))
        if not emails:
            continue
        for n in PROSE_NAME_WORDS:
            name = " ".join(words[-n:])
            if len(words) >= n and looks_like_name(name):
                found.append(ContactDraft(name, email=emails[0], line=line))
                break
    return found


def contact_parse(text: str, line: int, *, region: str = "SE") -> ContactDraft | None:
    """Return the contact a line names with everything on it: "Anna Svensson, projektledare,
    070-123 45 67, anna@example.se"; None when it names nobody."""
    emails = emails_find(text)
    rest = emails_removed(text)
    phones = [(phone.number, phone.kind) for phone in phones_find(rest, region=region)]
    rest = _PHONE_IN_TEXT.sub("", rest) if phones else rest
    rest = re.sub(r"(?:,\s*)+", ", ", rest).strip(" ,")
    person = person_split(rest)
    if person is None:
        return None
    return ContactDraft(
        person.name,
        person.title,
        person.organisation,
        emails[0] if emails else "",
        phones,
        line=line,
    )


def is_hidden_email(text: str) -> bool:
    """Return whether `text` is the link text left where an e-mail address was hidden."""
    return text.casefold().strip(" .:") in _noise()[2]


def _is_noise(text: str) -> bool:
    exact, prefixes, _ = _noise()
    lowered = text.casefold().strip()
    return lowered in exact or lowered.startswith(prefixes)


class _EntryReader:
    def __init__(
        self, title: str, category: str | None, line: int, section: str, region: str = "SE"
    ) -> None:
        self.region = region  # numbering of phone numbers written without a country code
        self.draft = EntryDraft(title, category, line, line, section)
        self.pending: str | None = None  # a label whose value is on the following lines
        self.pending_heading = ""
        self.pending_seen_value = False
        self.in_contacts = False
        self.blank_before = False
        self.group_size = 1  # contacts named together in one sentence, awaiting their details
        self.period_start_text = ""

    # -- contacts -------------------------------------------------------------------------
    def _contact(self) -> ContactDraft | None:
        return self.draft.contacts[-1] if self.draft.contacts else None

    def _contact_line(self, text: str, line: int) -> bool:
        """Read `text` as part of a contact block; return False when it is not."""
        labelled = label_split(text)
        contact = self._contact()
        if labelled and labelled[0] in ("phone", "mobile"):
            kind = "mobile" if labelled[0] == "mobile" else "work"
            phones = phones_find(labelled[1], kind=kind, region=self.region)
            pairs = self._paired(len(phones))
            if len(pairs) == len(phones):
                for (person, _), number in zip(pairs, phones, strict=True):
                    person.phones.append((number.number, number.kind))
            elif pairs:  # several numbers of one person
                pairs[0][0].phones.extend((ph.number, ph.kind) for ph in phones)
            return True
        if labelled and labelled[0] == "email":
            emails = emails_find(labelled[1])
            if not emails and contact:
                contact.email_hidden = True
            for (person, _), address in zip(self._paired(len(emails)), emails, strict=False):
                person.email = address
            return True
        if (
            contact
            and (emails := emails_find(text))
            and person_split(
                _PHONE_IN_TEXT.sub("", emails_removed(text)).strip(" ,;:").split(",")[0]
            )
            is None
        ):
            # "anna.berg@strandby.se, Tel: 070-123 45 67": the details of the person above.
            contact.email = contact.email or emails[0]
            for phone in phones_find(emails_removed(text), region=self.region):
                contact.phones.append((phone.number, phone.kind))
            return True
        if is_hidden_email(text):
            if contact:
                contact.email_hidden = True
            return True
        if contact and (emails := emails_find(text)) and not emails_removed(text).strip():
            contact.email = emails[0]
            return True
        if labelled:
            return False
        if (found := contact_parse(text, line, region=self.region)) is not None:
            self.draft.contacts.append(found)
            self.group_size = 1
            return True
        # "Forskare, Kristianstad Högskola": the title and organisation of the contact above.
        if contact and not contact.title and "," in text and len(text) < 90:
            title, _, organisation = text.partition(",")
            contact.title = title.strip()
            contact.organisation = organisation.strip()
            return True
        return False

    def _paired(self, count: int) -> list[tuple[ContactDraft, int]]:
        """Return the contacts that `count` values listed on one line belong to, in order: the
        last `count` contacts when there are that many, else the last one."""
        contacts = self.draft.contacts
        if not contacts or not count:
            return []
        if count > 1 and count == self.group_size and len(contacts) >= count:
            return [(c, i) for i, c in enumerate(contacts[-count:])]
        return [(contacts[-1], 0)]

    # -- fields ---------------------------------------------------------------------------
    def _field(self, kind: str, value: str, line: int) -> None:
        d = self.draft
        if kind in ROLE_FIELDS:
            if value:
                d.partners.append(PartnerText(value, ROLE_FIELDS[kind], line))
                if country_code(value.rsplit(",", 1)[-1]) and "," in value:
                    # "Partners: A, Norway" then "B, Sweden" on the next lines: one per line.
                    self._await(kind)
                    self.pending_seen_value = True
            else:
                self._await(kind)
        elif kind in ("period", "start", "end"):
            if not value:
                self._await("period")
                return
            if kind == "period" and value.rstrip().endswith(("–", "-", "—")):
                self.period_start_text = value  # "2025-02-01 –", the end on the next line
                self._await("period")
                return
            if self.period_start_text:
                value, self.period_start_text = f"{self.period_start_text} {value}", ""
            period = period_parse(value)
            if period is None:
                d.period_unparsed = value
                d.period_line = line
                return
            if kind == "start":
                period = Period(
                    period.start,
                    d.period.end if d.period else None,
                    period.approximate,
                    period.problems,
                    value,
                )
            elif kind == "end":
                period = Period(
                    d.period.start if d.period else None,
                    period.end or period.start,
                    period.approximate,
                    period.problems,
                    value,
                )
            d.period, d.period_line = period, line
        elif kind == "programme":
            if value:
                d.programmes.append((value, line))
            else:
                self._await(kind)
        elif kind in MONEY_FIELDS:
            found = amounts_find(value, kind=MONEY_FIELDS[kind], bare=True, context=value)
            if any(a.currency for a in found):
                # "1 517 854 € (FI+SV), 910 712 (EU)": a number beside amounts in one currency
                # takes it (reported); beside several, it stays without one (reported too).
                d.amounts.extend(found)
            elif _BARE_NUMBER.match(value):
                d.bare_amounts.append((value, MONEY_FIELDS[kind], line))
            elif len(found) > 1:
                d.bare_amounts.extend((a.text, a.kind, line) for a in found)
            elif value:
                d.description_lines.append((line, f"{kind}: {value}"))
            else:
                self._await(kind)
        elif kind == "website":
            if value:
                self._link(value, line)
            else:
                self._await(kind)
        elif kind in ("contact", "project_manager"):
            self.in_contacts = True
            if not value:
                return
            if is_hidden_email(value):
                d.hidden_contacts.append(line)
                return
            contact = contact_parse(value, line, region=self.region)
            if contact is not None:
                if not contact.title and kind == "project_manager":
                    contact.title = "projektledare"
                contact.email_hidden = bool(
                    re.search(r"(?:^|,)\s*(contact|kontakt)\s*$", value, re.I)
                )
                d.contacts.append(contact)
        elif kind == "lead_contact":
            if value:
                self._lead_contact(value, line)
            else:
                self._await(kind)
        elif kind in ("email", "phone", "mobile"):
            self._contact_line(f"{kind}: {value}" if kind != "email" else f"e-post: {value}", line)
        else:
            d.description_lines.append((line, f"{value}" if value else ""))

    def _lead_contact(self, text: str, line: int) -> None:
        """Read "Malin Berg / Strandby kommun": the contact, and the body that leads."""
        parts = re.split(r"\s+/\s+|,\s*", text, maxsplit=1)
        person = parts[0].strip()
        body = parts[1].strip() if len(parts) > 1 else ""
        if body:
            self.draft.partners.append(PartnerText(body, "lead", line))
        if looks_like_name(person):
            self.draft.contacts.append(ContactDraft(person, organisation=body, line=line))

    def _await(self, kind: str) -> None:
        self.pending = kind
        self.pending_seen_value = False

    def _link(self, text: str, line: int) -> None:
        for part in re.split(r"\s{2,}|\s+\|\s+", text):
            link = link_parse(part)
            if link:
                self.draft.links.append((link, line))

    def _pending_value(self, text: str, line: int, heading: str) -> bool:
        kind = self.pending
        if kind is None:
            return False
        if kind in ROLE_FIELDS:
            if text.endswith(".") and len(text.split()) > 8 and "," not in text:
                return False
            self.draft.partners.append(PartnerText(text, ROLE_FIELDS[kind], line, heading))
        elif kind == "period":
            self._field("period", text, line)
            if not self.period_start_text:
                self.pending = None
        elif kind == "programme":
            self.draft.programmes.append((text, line))
            self.pending = None
        elif kind in MONEY_FIELDS:
            self._field(kind, text, line)
            self.pending = None
        elif kind == "lead_contact":
            self._lead_contact(text, line)
            self.pending = None
        elif kind == "website":
            if text.endswith(".") and len(text.split()) > 4:
                return False
            self._link(text, line)
        self.pending_seen_value = True
        return True

    # -- lines ----------------------------------------------------------------------------
    def read(self, block: Block) -> None:
        d = self.draft
        if block.kind == "blank":
            if self.pending and self.pending_seen_value:
                self.pending = None
            self.blank_before = True
            return
        text = block.text
        d.last_line = max(d.last_line, block.line)
        self.blank_before = False
        if is_contact_heading(text):
            if not self.in_contacts and self._hidden_email_after_person(block.line):
                return
            self.in_contacts = True
            self.pending = None
            return
        if _is_noise(text):
            return
        if (named := contacts_named(text, block.line)) is not None:
            d.contacts.extend(named)
            self.group_size = len(named)
            self.in_contacts = True
            self.pending = None
            return
        labelled = label_split(text)
        if labelled and labelled[0] not in ("email", "phone", "mobile"):
            d.field_lines.append(text)
            self.in_contacts = False
            self.pending = None
            heading = text.split(":")[0]
            self._field(*labelled, block.line)
            if labelled[0] in MONEY_FIELDS and (body := label_source(text)):
                # "Medfinansiering av Region X: 4 000 000 kr": the body named pays its share.
                d.partners.append(PartnerText(body, "financier", block.line))
            if self.pending:
                self.pending_heading = heading
            return
        if self.in_contacts and self._contact_line(text, block.line):
            return
        self.in_contacts = False
        if self.pending and self._pending_value(text, block.line, self.pending_heading):
            return
        self.pending = None
        if is_hidden_email(text):
            self._hidden_email_after_person(block.line)
            return
        if url_from_text(text) and " " not in text.strip():
            self._link(text, block.line)
            return
        if text.startswith(("http://", "https://")):
            # "https://example.org/ inom programmet ...": the address, then the sentence.
            self._link(text.split()[0], block.line)
        if _MEDIA_LINK.search(text):
            self._link(text, block.line)
            return
        prefix = "• " if block.kind == "item" else ""
        d.description_lines.append((block.line, prefix + text))
        if (person := attention_name(text)) and all(c.name != person for c in d.contacts):
            d.contacts.append(ContactDraft(person, line=block.line))

    def _hidden_email_after_person(self, line: int) -> bool:
        """A lone "Contact" link follows the line naming the person it would have mailed."""
        d = self.draft
        if not d.description_lines:
            return False
        previous_line, previous = d.description_lines[-1]
        person = person_split(previous)
        if person is None or line - previous_line > 1 or previous.endswith((".", ":")):
            return False
        d.description_lines.pop()
        contact = ContactDraft(person.name, person.title, person.organisation, line=previous_line)
        contact.email_hidden = True
        d.contacts.append(contact)
        return True


def entry_read(
    title: str,
    category: str | None,
    line: int,
    body: list[Block],
    section: str = "",
    *,
    region: str = "SE",
) -> EntryDraft:
    """Return the draft of one entry from its title and body blocks; `region` numbers phone
    numbers written without a country code."""
    reader = _EntryReader(title, category, line, section, region)
    for block in body:
        reader.read(block)
    # Contacts drawn from prose lines ("Information about ...:") leave those headers behind.
    return reader.draft
