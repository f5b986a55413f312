"""An import's revision, written in batches as the import goes.

django-reversion records an object by serialising it and, through `follow`, fetching each of
its children again, one query at a time; an import of 100,000 projects then spends most of its
time there and keeps a million versions in memory until the end. The import knows every object
it writes, with its children in hand, so it records them itself: the same versions (one per
object, serialised by reversion's own format) in one revision, saved a thousand at a time, and
the revision marked complete through reversion's own signal as any other.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

import reversion
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, router
from django.utils import timezone
from reversion.models import Revision, Version
from reversion.signals import post_revision_commit

BATCH = 1000


def version_data(data: dict[str, Any]) -> str:
    """Return an object's serialised form (Django's "python" serialiser) as reversion stores it:
    what Django's "json" serialiser writes for a list of that one object. Serialising a batch
    at once spares the serialiser's set-up for every object."""
    return "[" + json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False) + "]\n"


class RevisionWriter:
    """The revision of one import: who, why, and a version of every object recorded."""

    def __init__(self, *, user: Any = None, comment: str = "") -> None:
        self.user, self.comment = user, comment
        self.revision: Revision | None = None
        self._pending: list[Version] = []
        self._types: dict[type[models.Model], ContentType] = {}

    def record(self, objects: Iterable[models.Model]) -> None:
        """Add a version of each of `objects` as it is now (children are recorded by the caller)."""
        objects = list(objects)
        for obj, data in zip(objects, serializers.serialize("python", objects), strict=True):
            model = type(obj)
            content_type = self._types.get(model)
            if content_type is None:
                content_type = self._types[model] = ContentType.objects.get_for_model(model)
            self._pending.append(
                Version(
                    content_type=content_type,
                    object_id=str(obj.pk),
                    db=router.db_for_write(model, instance=obj),
                    format="json",
                    serialized_data=version_data(data),
                    object_repr=str(obj),
                )
            )
        if len(self._pending) >= BATCH:
            self._flush()

    def _flush(self) -> None:
        if not self._pending:
            return
        if self.revision is None:
            self.revision = Revision.objects.create(
                date_created=timezone.now(), user=self.user, comment=self.comment
            )
        for version in self._pending:
            version.revision = self.revision
        Version.objects.bulk_create(self._pending, batch_size=BATCH)
        self._pending = []

    def close(self) -> None:
        """Save what is left and mark the revision as reversion does (none if nothing changed)."""
        self._flush()
        if self.revision is not None:
            post_revision_commit.send(
                sender=reversion.create_revision, revision=self.revision, versions=[]
            )
