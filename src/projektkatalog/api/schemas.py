"""The API's documented shapes: the JSON export contract, field by field."""

from __future__ import annotations

from ninja import Schema


class Period(Schema):
    start: str | None = None  # EDTF
    end: str | None = None  # EDTF; ".." when open-ended
    text: str | None = None


class Participant(Schema):
    organisation: str
    role: str
    unit: str | None = None


class Funding(Schema):
    amount: float
    currency: str
    kind: str
    approximate: bool
    text: str


class Link(Schema):
    label: str
    url: str | None = None


class Phone(Schema):
    number: str
    kind: str


class Contact(Schema):
    name: str
    title: str | None = None
    organisation: str | None = None
    phones: list[Phone]
    email: str | None = None


class Project(Schema):
    id: str
    title: str
    short_name: str | None = None
    kind: str
    categories: list[str]
    language: str
    status: str
    period: Period
    description: str
    programmes: list[str]
    participants: list[Participant]
    funding: list[Funding]
    links: list[Link]
    contacts: list[Contact] | None = None
    url: str


class ProjectPage(Schema):
    count: int
    page: int
    pages: int
    next: str | None = None
    previous: str | None = None
    results: list[Project]


class Organisation(Schema):
    id: str
    name: str
    aliases: list[str]
    country: str | None = None
    projects: int


class OrganisationPage(Schema):
    count: int
    page: int
    pages: int
    results: list[Organisation]


class Programme(Schema):
    id: str
    name: str
    short_name: str | None = None
    fund: str | None = None
    aliases: list[str]
    projects: int


class Category(Schema):
    id: str
    name: str
    projects: int


class Error(Schema):
    detail: str
