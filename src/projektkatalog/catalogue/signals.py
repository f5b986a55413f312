"""Record that the catalogue changed when a body, programme or category is saved or deleted
(see `models.CatalogueState`).

Only those: a project's own parts change the project's `updated_at` (the workspace saves the
project with them), which the catalogue version includes already. And a model with delete
signals cannot be deleted in bulk — Django then fetches every row a cascade reaches — which made
removing projects in an import take minutes on PostgreSQL.
"""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from projektkatalog.catalogue import models as m

WATCHED = (
    m.Category,
    m.Organisation,
    m.OrganisationAlias,
    m.Programme,
    m.ProgrammeAlias,
    m.Acceptance,
)


def catalogue_touch(**kwargs: Any) -> None:
    if not m.CatalogueState.objects.filter(pk=1).update(changed_at=timezone.now()):
        m.CatalogueState.objects.get_or_create(pk=1)


def signals_connect() -> None:
    for model in WATCHED:
        uid = f"catalogue-touch-{model.__name__}"
        post_save.connect(catalogue_touch, sender=model, dispatch_uid=uid + "-save")
        post_delete.connect(catalogue_touch, sender=model, dispatch_uid=uid + "-delete")
