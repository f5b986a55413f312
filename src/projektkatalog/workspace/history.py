"""Every change to a project is a revision (django-reversion): who, when, what, and the whole
project as it was — its participants, programmes, categories, funding, links and contacts — so
that any earlier version can be seen and restored as one."""

from __future__ import annotations

import reversion
from reversion.models import Version

from projektkatalog.catalogue import models as m

PROJECT_PARTS = (
    "participations",
    "funding",
    "links",
    "contacts",
    "projectcategory_set",
    "projectprogramme_set",
)


def register() -> None:
    """Register the catalogue's models with reversion (once)."""
    if reversion.is_registered(m.Project):
        return
    reversion.register(m.Project, follow=PROJECT_PARTS)
    for model in (m.Participation, m.Funding, m.Link, m.ProjectCategory, m.ProjectProgramme):
        reversion.register(model)
    reversion.register(m.Contact, follow=("phones",))
    reversion.register(m.Phone)
    reversion.register(m.Organisation, follow=("aliases",))
    reversion.register(m.OrganisationAlias)
    reversion.register(m.Programme, follow=("aliases",))
    reversion.register(m.ProgrammeAlias)
    reversion.register(m.Category)


def last_revision(obj):  # type: ignore[no-untyped-def]
    """Return the latest revision that recorded `obj`, or None."""
    version = Version.objects.get_for_object(obj).select_related("revision__user").first()
    return version.revision if version else None
