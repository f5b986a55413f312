"""The parsed catalogue as plain dataclasses: what readers produce and services store."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from projektkatalog.domain.matching.organisations import Organisation
from projektkatalog.domain.matching.programmes import Programme


@dataclass(frozen=True)
class Finding:
    """Something wrong or doubtful in the data, for an editor to act on."""

    code: str  # kebab-case: invalid-date, duplicate-entry, link-without-url, fuzzy-merge, ...
    message: str
    project: str | None = None  # the project's slug
    line: int | None = None
    severity: str = "warning"  # error | warning | info
    source: str | None = None  # the file it was found in, when not the one being imported


@dataclass(frozen=True)
class ParticipationRecord:
    organisation: str  # canonical name
    role: str  # lead | partner | coordinator | associated | financier
    unit: str = ""


@dataclass(frozen=True)
class FundingRecord:
    amount: Decimal
    currency: str
    kind: str  # total-budget | eu-funding | grant | co-financing | other
    approximate: bool
    text: str


@dataclass(frozen=True)
class LinkRecord:
    label: str
    url: str | None


@dataclass(frozen=True)
class PhoneRecord:
    number: str  # E.164
    kind: str  # work | mobile


@dataclass
class ContactRecord:
    name: str
    title: str = ""
    organisation: str = ""
    email: str = ""
    phones: list[PhoneRecord] = field(default_factory=list)
    email_hidden: bool = False


@dataclass
class ProjectRecord:
    slug: str
    title: str
    short_name: str = ""
    kind: str = "project"
    description: str = ""
    language: str = "sv"
    period_start: str | None = None
    period_end: str | None = None
    period_text: str = ""
    categories: list[str] = field(default_factory=list)
    programmes: list[str] = field(default_factory=list)
    participants: list[ParticipationRecord] = field(default_factory=list)
    funding: list[FundingRecord] = field(default_factory=list)
    links: list[LinkRecord] = field(default_factory=list)
    contacts: list[ContactRecord] = field(default_factory=list)
    lines: list[tuple[int, int]] = field(default_factory=list)  # (first, last) per occurrence
    claims_ongoing: bool = False


@dataclass
class CatalogueRecord:
    source: str
    categories: list[str] = field(default_factory=list)
    projects: list[ProjectRecord] = field(default_factory=list)
    organisations: list[Organisation] = field(default_factory=list)
    programmes: list[Programme] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
