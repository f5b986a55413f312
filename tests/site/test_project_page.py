"""A project page's one statement (catalogue.selectors.project_page) gives what the models hold:
every kind of part in its order, values of the models' types, drafts only when asked for, and
no contact who has left, nor their phones."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from projektkatalog.catalogue import models as m
from projektkatalog.catalogue.selectors import project_page

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 6, 15)


def _project(slug: str = "lyktor-i-skargarden", **fields: object) -> m.Project:
    """An invented project with two of every part, written in the opposite order to their
    positions, so that a page in insertion order would be wrong."""
    project = m.Project.objects.create(
        slug=slug,
        title="Lyktor i skärgården",
        description="Fyrar som lyser med solkraft.",
        language="sv",
        period_start="2024-03",
        period_end="2027",
        start_date=dt.date(2024, 3, 1),
        end_date=dt.date(2027, 12, 31),
        position=7,
        **fields,
    )
    for position in (1, 0):
        category = m.Category.objects.create(
            slug=f"{slug}-ljus-{position}", name=f"{slug} ljus {position}", position=position
        )
        m.ProjectCategory.objects.create(project=project, category=category, position=position)
        programme = m.Programme.objects.create(
            slug=f"{slug}-fonden-{position}",
            name=f"{slug} fonden {position}",
            fund="ERUF" * position,
        )
        m.ProjectProgramme.objects.create(project=project, programme=programme, position=position)
        organisation = m.Organisation.objects.create(
            slug=f"{slug}-vakt-{position}", name=f"{slug} vakt {position}"
        )
        m.Participation.objects.create(
            project=project,
            organisation=organisation,
            role="lead" if position == 0 else "partner",
            unit=f"Enhet {position}",
            position=position,
        )
        m.Funding.objects.create(
            project=project,
            amount=Decimal("1250000.50") * (position + 1),
            currency="SEK",
            kind="total",
            approximate=bool(position),
            position=position,
        )
        m.Link.objects.create(
            project=project,
            label=f"Länk {position}",
            url=f"https://example.org/{position}" if position else None,
            position=position,
        )
    staying = m.Contact.objects.create(
        project=project, name="Stina Fyr", email="stina@example.org", position=2
    )
    leaving = m.Contact.objects.create(
        project=project, name="Lars Lykta", left_on=TODAY + dt.timedelta(days=1), position=1
    )
    left = m.Contact.objects.create(project=project, name="Gamla Vakten", left_on=TODAY, position=0)
    for contact in (staying, leaving, left):
        for position in (1, 0):
            contact.phones.create(number=f"+46 40 12{position}", kind="work", position=position)
    return project


def test_a_page_holds_every_part_in_order_with_the_models_types():
    project = _project()
    page = project_page(slug=project.slug, today=TODAY)
    assert page is not None
    stored = m.Project.objects.get(pk=project.pk)
    for field in ("id", "slug", "title", "kind", "description", "language", "period_start"):
        assert getattr(page.project, field) == getattr(stored, field)
    assert page.project.start_date == dt.date(2024, 3, 1)
    assert page.project.end_date == dt.date(2027, 12, 31)
    assert page.project.updated_at == stored.updated_at
    slug = project.slug
    assert page.categories == [
        {"slug": f"{slug}-ljus-0", "name": f"{slug} ljus 0"},
        {"slug": f"{slug}-ljus-1", "name": f"{slug} ljus 1"},
    ]
    assert page.programmes == [
        {"slug": f"{slug}-fonden-0", "name": f"{slug} fonden 0", "fund": ""},
        {"slug": f"{slug}-fonden-1", "name": f"{slug} fonden 1", "fund": "ERUF"},
    ]
    assert [(x["role"], x["unit"], x["organisation_slug"]) for x in page.participations] == [
        ("lead", "Enhet 0", f"{slug}-vakt-0"),
        ("partner", "Enhet 1", f"{slug}-vakt-1"),
    ]
    assert page.funding == [
        {"kind": "total", "amount": Decimal("1250000.50"), "currency": "SEK", "approximate": False},
        {"kind": "total", "amount": Decimal("2500001.00"), "currency": "SEK", "approximate": True},
    ]
    assert page.links == [
        {"label": "Länk 0", "url": None},
        {"label": "Länk 1", "url": "https://example.org/1"},
    ]
    # Gamla Vakten left today: gone, with their phones; Lars Lykta leaves tomorrow.
    assert [c["name"] for c in page.contacts] == ["Lars Lykta", "Stina Fyr"]
    assert [[p["number"] for p in c["phones"]] for c in page.contacts] == [
        ["+46 40 120", "+46 40 121"],
        ["+46 40 120", "+46 40 121"],
    ]
    assert all(p["contact_id"] == c["id"] for c in page.contacts for p in c["phones"])


def test_a_project_without_parts_has_a_page():
    project = m.Project.objects.create(slug="ensam-fyr", title="Ensam fyr", position=1)
    page = project_page(slug="ensam-fyr", today=TODAY)
    assert page is not None and page.project.pk == project.pk
    assert page.project.start_date is None and page.project.updated_at is not None
    assert page.categories == page.programmes == page.participations == []
    assert page.funding == page.links == page.contacts == []


def test_a_draft_is_shown_only_when_drafts_are_asked_for():
    _project(state=m.Project.State.DRAFT)
    assert project_page(slug="lyktor-i-skargarden", today=TODAY) is None
    page = project_page(slug="lyktor-i-skargarden", today=TODAY, drafts=True)
    assert page is not None and page.project.state == "draft"
    assert len(page.participations) == 2


def test_an_unknown_slug_has_no_page_and_other_projects_parts_stay_out():
    _project()
    _project(slug="lyktor-pa-land")
    assert project_page(slug="lyktor-i-havet", today=TODAY) is None
    page = project_page(slug="lyktor-pa-land", today=TODAY)
    assert page is not None and len(page.participations) == 2 and len(page.contacts) == 2


@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_the_page_is_the_same_from_the_prepared_statement():
    """PostgreSQL answers a public reader's page from a statement prepared on the connection
    (see `_page_rows_prepared`); it must give what the plain statement gives, after a new
    connection too, and a connection that loses it falls back to the plain statement."""
    from django.db import connection

    project = _project()
    plain = _plain_page(project.slug)
    assert project_page(slug=project.slug, today=TODAY) == plain
    assert project_page(slug=project.slug, today=TODAY) == plain
    prepared = getattr(connection, "_page_prepared", None)
    if connection.vendor != "postgresql":
        assert prepared is None
        return
    assert prepared == (connection.connection, True)  # prepared once, then used
    with connection.cursor() as cursor:
        cursor.execute("DEALLOCATE ALL")  # as a pooler sharing sessions would leave it
    assert project_page(slug=project.slug, today=TODAY) == plain
    assert getattr(connection, "_page_prepared", None) == (connection.connection, False)
    assert project_page(slug=project.slug, today=TODAY) == plain  # the plain statement
    connection.close()  # a new connection prepares it again
    assert project_page(slug=project.slug, today=TODAY) == plain
    assert getattr(connection, "_page_prepared", None) == (connection.connection, True)
    assert project_page(slug="lyktor-i-havet", today=TODAY) is None


def _plain_page(slug: str):  # type: ignore[no-untyped-def]
    """Return the page from the plain statement, inside a transaction (never prepared)."""
    from django.db import transaction

    with transaction.atomic():
        return project_page(slug=slug, today=TODAY)
