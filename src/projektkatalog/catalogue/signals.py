"""Record that the catalogue changed whenever a row of it is saved or deleted (see
`models.CatalogueState`). Bulk writes send no signals; imports change project rows, whose
`updated_at` the catalogue version includes as well."""

from __future__ import annotations

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

from projektkatalog.catalogue import models as m

WATCHED = (
    m.Project,
    m.Category,
    m.Organisation,
    m.OrganisationAlias,
    m.Programme,
    m.ProgrammeAlias,
    m.ProjectCategory,
    m.ProjectProgramme,
    m.Participation,
    m.Funding,
    m.Link,
    m.Contact,
    m.Phone,
    m.Finding,
    m.Acceptance,
)


def catalogue_touch(**kwargs) -> None:  # type: ignore[no-untyped-def]
    if not m.CatalogueState.objects.filter(pk=1).update(changed_at=timezone.now()):
        m.CatalogueState.objects.get_or_create(pk=1)


def signals_connect() -> None:
    for model in WATCHED:
        uid = f"catalogue-touch-{model.__name__}"
        post_save.connect(catalogue_touch, sender=model, dispatch_uid=uid + "-save")
        post_delete.connect(catalogue_touch, sender=model, dispatch_uid=uid + "-delete")
    m2m_changed.connect(catalogue_touch, dispatch_uid="catalogue-touch-m2m")
