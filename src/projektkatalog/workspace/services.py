"""What editors do to the catalogue besides editing a row: merge and split organisations,
mark that a contact has left, find and remove a person's data.

Each is one transaction and one revision in the history, with the editor's name on it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import reversion
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from reversion.models import Version

from projektkatalog.catalogue import models as m
from projektkatalog.catalogue.history import revision_complete_record
from projektkatalog.catalogue.services import (
    project_derived_refresh,
    projects_touch,
    slug_unique,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    AnyUser = AbstractBaseUser | AnonymousUser  # the editor, as the request has them


class WorkspaceError(Exception):
    """A request the workspace cannot carry out, said in one line for the editor."""


def _refresh(project_ids: Iterable[int]) -> None:
    """Recompute the search text of projects whose participants changed, and mark them changed."""
    ids = set(project_ids)
    projects = list(m.Project.objects.filter(pk__in=ids))
    for project in projects:
        project_derived_refresh(project)
    projects_touch(ids)
    revision_complete_record(projects)


def organisations_merge(
    keep: m.Organisation, others: Sequence[m.Organisation], *, user: AnyUser
) -> int:
    """Merge `others` into `keep`: their participations move, their names become aliases.

    A project in which both took part keeps one participation, the one of `keep` (or, when only
    the other had a role there, that role). Returns how many participations moved.
    """
    others = [o for o in others if o.pk != keep.pk]
    if not others:
        raise WorkspaceError("Välj minst två organisationer att slå ihop.")
    moved = 0
    with transaction.atomic(), reversion.create_revision():
        reversion.set_user(user)
        reversion.set_comment(
            "Sammanslagning: " + ", ".join(o.name for o in others) + f" → {keep.name}"
        )
        projects = set()
        for other in others:
            for participation in other.participations.all():
                projects.add(participation.project_id)
                if keep.participations.filter(project_id=participation.project_id).exists():
                    participation.delete()
                else:
                    participation.organisation = keep
                    participation.save()
                    moved += 1
            names = {other.name, *other.aliases.values_list("name", flat=True)}
            known = set(keep.aliases.values_list("name", flat=True)) | {keep.name}
            for name in sorted(names - known):
                m.OrganisationAlias.objects.create(organisation=keep, name=name, reviewed=True)
            if not keep.country and other.country:
                keep.country = other.country
            other.delete()
        keep.save()
        _refresh(projects)
    return moved


def organisation_split(
    organisation: m.Organisation,
    *,
    name: str,
    participation_ids: list[int],
    country: str = "",
    user: AnyUser,
) -> m.Organisation:
    """Undo a wrong merge: make `name` an organisation of its own again and move the chosen
    participations to it. An alias with that name leaves `organisation`."""
    name = name.strip()
    if not name:
        raise WorkspaceError("Ange namnet på den organisation som ska brytas ut.")
    if m.Organisation.objects.filter(name=name).exclude(pk=organisation.pk).exists():
        raise WorkspaceError(f"Det finns redan en organisation som heter {name}.")
    if name == organisation.name:
        raise WorkspaceError("Den utbrutna organisationen måste ha ett annat namn.")
    participations = list(organisation.participations.filter(pk__in=participation_ids))
    with transaction.atomic(), reversion.create_revision():
        reversion.set_user(user)
        reversion.set_comment(f"Uppdelning: {name} bröts ut ur {organisation.name}")
        organisation.aliases.filter(name=name).delete()
        new = m.Organisation.objects.create(
            name=name,
            slug=slug_unique(m.Organisation, name, set()),
            country=country or organisation.country,
        )
        for participation in participations:
            participation.organisation = new
            participation.save()
        organisation.save()
        _refresh(p.project_id for p in participations)
    return new


def contact_leave(contact: m.Contact, *, on: dt.date, user: AnyUser) -> None:
    """Record that a contact left on `on`: from then the person is not shown publicly; the
    history keeps them."""
    with transaction.atomic(), reversion.create_revision():
        reversion.set_user(user)
        reversion.set_comment(f"Kontaktperson slutade: {contact.name}")
        contact.left_on = on
        contact.save()
        projects_touch([contact.project_id])
        revision_complete_record([contact.project])


@dataclass
class PersonData:
    """Everything the catalogue holds about a person: for a GDPR request."""

    query: str
    contacts: list[m.Contact] = field(default_factory=list)
    versions: list[Version] = field(default_factory=list)
    findings: list[m.Finding] = field(default_factory=list)


def person_find(query: str) -> PersonData:
    """Return the contacts, history entries and findings that name `query` (name or e-mail)."""
    query = query.strip()
    found = PersonData(query)
    if len(query) < 3:
        return found
    found.contacts = list(
        m.Contact.objects.filter(Q(name__icontains=query) | Q(email__iexact=query))
        .select_related("project")
        .prefetch_related("phones")
        .order_by("name", "project__title")
    )
    contact_type = ContentType.objects.get_for_model(m.Contact)
    versions = list(
        Version.objects.filter(content_type=contact_type, serialized_data__icontains=query)
    )
    # A phone's history names no one: it is found through the contact it belonged to.
    ids = {c.pk for c in found.contacts} | {int(v.object_id) for v in versions}
    phones = Q(pk__in=[])
    for pk in ids:
        phones |= Q(serialized_data__contains=f'"contact": {pk},') | Q(
            serialized_data__contains=f'"contact": {pk}}}'
        )
    versions += Version.objects.filter(
        phones, content_type=ContentType.objects.get_for_model(m.Phone)
    )
    found.versions = sorted(versions, key=lambda v: v.pk)
    found.findings = list(m.Finding.objects.filter(message__icontains=query))
    return found


def person_remove(query: str, *, user: AnyUser) -> PersonData:
    """Remove everything `person_find` finds for `query`: contacts with their phones, their
    entries in the history (so no restore brings them back) and findings naming them."""
    found = person_find(query)
    with transaction.atomic():
        contact_type = ContentType.objects.get_for_model(m.Contact)
        phone_type = ContentType.objects.get_for_model(m.Phone)
        contact_ids = [str(c.pk) for c in found.contacts]
        phone_ids = [str(p.pk) for c in found.contacts for p in c.phones.all()]
        Version.objects.filter(content_type=contact_type, object_id__in=contact_ids).delete()
        Version.objects.filter(content_type=phone_type, object_id__in=phone_ids).delete()
        Version.objects.filter(pk__in=[v.pk for v in found.versions]).delete()
        m.Finding.objects.filter(pk__in=[f.pk for f in found.findings]).delete()
        projects = {c.project_id for c in found.contacts}
        m.Contact.objects.filter(pk__in=[c.pk for c in found.contacts]).delete()
        projects_touch(projects)
    del user  # the removal itself is not a revision: it must not keep what it removes
    return found


def projects_state_set(projects: Iterable[m.Project], *, state: str, user: AnyUser) -> int:
    """Publish projects or make them drafts again, in one revision; return how many."""
    with transaction.atomic(), reversion.create_revision():
        reversion.set_user(user)
        reversion.set_comment(str(m.Project.State(state).label))
        count = 0
        for project in projects:
            project.state = state
            project.save()
            count += 1
    return count


def finding_accept(*, project_id: int | None, code: str, detail: str, user: AnyUser) -> None:
    """Record that a finding is as it should be, for as long as the same thing is found."""
    m.Acceptance.objects.get_or_create(
        # django-stubs takes no None for a nullable key's `_id` lookup; Django matches IS NULL.
        project_id=project_id,  # type: ignore[misc]
        code=code[:50],
        detail=detail[:500],
        defaults={"accepted_by": user.get_username()},
    )


def finding_accept_undo(*, project_id: int | None, code: str, detail: str) -> None:
    """Take back an acceptance: the finding is shown again."""
    m.Acceptance.objects.filter(project=project_id, code=code[:50], detail=detail[:500]).delete()


def contacts_confirm(contacts: QuerySet[m.Contact]) -> None:
    """Record that the contacts' details were checked today (the two-year check starts over)."""
    contacts.update(checked_at=timezone.now())
    projects_touch(set(contacts.values_list("project_id", flat=True)))
