"""An import's revision, written in batches as the import goes.

django-reversion records an object by serialising it and, through `follow`, fetching each of
its children again, one query at a time; an import of 100,000 projects then spends most of its
time there and keeps a million versions in memory until the end. The import knows every object
it writes, with its children in hand, so it records them itself: the same versions (one per
object, serialised by reversion's own format) in one revision, saved a thousand at a time, and
the revision marked complete through reversion's own signal as any other.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from decimal import Decimal
from functools import cache
from typing import Any

import reversion
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, router
from django.utils import timezone
from reversion.models import Revision, Version
from reversion.signals import post_revision_commit

from projektkatalog.catalogue.bulk import rows_insert

BATCH = 5000
VERSION_FIELDS = (
    "revision_id",
    "content_type_id",
    "object_id",
    "db",
    "format",
    "serialized_data",
    "object_repr",
)


# What `json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)` makes for every call,
# made once: an import writes a version for each of a million objects.
_ENCODER = DjangoJSONEncoder(ensure_ascii=False)


def version_data(data: dict[str, Any]) -> str:
    """Return an object's serialised form (Django's "python" serialiser) as reversion stores it:
    what Django's "json" serialiser writes for a list of that one object. Serialising a batch
    at once spares the serialiser's set-up for every object."""
    return "[" + _ENCODER.encode(data) + "]\n"


_STRING = json.encoder.encode_basestring  # the encoder's own for ensure_ascii=False (C)


def _value_json(value: Any) -> str:
    """Return one value as `_ENCODER` writes it inside an object: text, whole numbers, None
    and booleans written here, anything else (amounts, dates, floats) by the encoder itself."""
    kind = type(value)
    if kind is str:
        return _STRING(value)
    if kind is int:
        return int.__repr__(value)
    if value is None:
        return "null"
    if kind is bool:
        return "true" if value else "false"
    return _ENCODER.encode(value)


def values_version_data(head: str, pk: int, names: tuple[str, ...], values: tuple[Any, ...]) -> str:
    """Return `version_data` of the object {"model": ..., "pk": pk, "fields": names: values},
    character for character, written from its parts: `head` is `values_head(label)`, the
    field names are given already encoded. A million parts of an import are written so, at a
    third of the encoder's cost (no dictionary made for each)."""
    fields = ", ".join(
        f"{name}: {_value_json(value)}" for name, value in zip(names, values, strict=True)
    )
    return f'{head}{int.__repr__(pk)}, "fields": {{{fields}}}}}]\n'


def values_head(label: str) -> str:
    """Return the start of `values_version_data`'s text for objects of model `label`."""
    return f'[{{"model": {_STRING(label)}, "pk": '


# Fields whose value Django's "python" serialiser writes as it is held (text, numbers, dates,
# foreign keys as ids): a model of only these is serialised here without the serialiser.
_PLAIN_FIELDS = (
    models.CharField,
    models.TextField,
    models.IntegerField,
    models.BooleanField,
    models.DateField,
    models.DecimalField,
    models.ForeignKey,
)
_KEPT = (str, int, float, Decimal, dt.date, dt.time)


@cache
def _plain_fields(model: type[models.Model]) -> tuple[tuple[str, str], ...] | None:
    """Return (name, attribute) of the fields the serialiser writes for `model`, or None when
    one of them is of a kind it would convert (then the serialiser itself is used)."""
    meta = model._meta
    if any(f.remote_field.through._meta.auto_created for f in meta.local_many_to_many):  # type: ignore[union-attr]
        return None
    fields = []
    for f in meta.local_fields:
        if not getattr(f, "serialize", True):
            continue
        if not isinstance(f, _PLAIN_FIELDS):
            return None
        fields.append((f.name, f.attname))
    return tuple(fields)


def _python_forms(objects: list[models.Model]) -> list[dict[str, Any]]:
    """Return what Django's "python" serialiser returns for `objects`, faster for plain models."""
    forms = []
    for obj in objects:
        fields = _plain_fields(type(obj))
        if fields is None:
            forms.extend(serializers.serialize("python", [obj]))
            continue
        values = {}
        for name, attname in fields:
            value = getattr(obj, attname)
            values[name] = value if value is None or isinstance(value, _KEPT) else str(value)
        forms.append({"model": obj._meta.label_lower, "pk": obj.pk, "fields": values})
    return forms


class RevisionWriter:
    """The revision of one import: who, why, and a version of every object recorded."""

    def __init__(self, *, user: Any = None, comment: str = "") -> None:
        self.user, self.comment = user, comment
        self.revision: Revision | None = None
        # (content type, object id, database, serialised data, repr) of each version to write
        self._pending: list[tuple[int, str, str, str, str]] = []
        self._types: dict[type[models.Model], int] = {}

    def _type(self, model: type[models.Model]) -> int:
        found = self._types.get(model)
        if found is None:
            found = self._types[model] = ContentType.objects.get_for_model(model).pk
        return found

    def record(self, objects: Iterable[models.Model]) -> None:
        """Add a version of each of `objects` as it is now (children are recorded by the caller)."""
        objects = list(objects)
        for obj, data in zip(objects, _python_forms(objects), strict=True):
            model = type(obj)
            self._pending.append(
                (
                    self._type(model),
                    str(obj.pk),
                    router.db_for_write(model, instance=obj),
                    version_data(data),
                    str(obj),
                )
            )
        if len(self._pending) >= BATCH:
            self._flush()

    def record_values(
        self,
        model: type[models.Model],
        fields: tuple[str, ...],
        rows: Iterable[tuple[int, tuple[Any, ...], str]],
    ) -> None:
        """Add a version of each row of `model` given as (pk, its values of `fields` — field
        names, in the model's order, as the serialiser writes them — and its repr): the same
        text `record` writes for the instance, without making one."""
        content_type, head = self._type(model), values_head(model._meta.label_lower)
        names = tuple(_STRING(name) for name in fields)
        db = router.db_for_write(model)
        pending = self._pending
        for pk, values, text in rows:
            data = values_version_data(head, pk, names, values)
            pending.append((content_type, str(pk), db, data, text))
        if len(self._pending) >= BATCH:
            self._flush()

    def _flush(self) -> None:
        if not self._pending:
            return
        if self.revision is None:
            self.revision = Revision.objects.create(
                date_created=timezone.now(), user=self.user, comment=self.comment
            )
        revision = self.revision.pk
        rows_insert(
            Version,
            VERSION_FIELDS,
            [(revision, t, pk, db, "json", data, text) for t, pk, db, data, text in self._pending],
        )
        self._pending = []

    def close(self) -> None:
        """Save what is left and mark the revision as reversion does (none if nothing changed)."""
        self._flush()
        if self.revision is not None:
            post_revision_commit.send(
                sender=reversion.create_revision, revision=self.revision, versions=[]
            )
