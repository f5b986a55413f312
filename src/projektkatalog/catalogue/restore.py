"""Compare an object with one of its recorded versions, and restore that version: the object's
own fields and its own parts, nothing else.

A revision can hold hundreds of objects (an import records every project, organisation and
programme it wrote); reverting the whole revision would undo every one of them. So a restore
reads from the revision only the versions that belong to the one object (the object itself
and its children in `history.CHILDREN`, recursively) and writes only those. Organisations,
programmes and categories a project refers to are shared with other projects and are never
restored through it; where one has since been merged into another, the part follows the name
to the organisation that holds it now.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import reversion
from django.core import serializers
from django.db import models, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from reversion.models import Version

from projektkatalog.catalogue import models as m
from projektkatalog.catalogue.history import CHILDREN, child_link, revision_complete_record
from projektkatalog.catalogue.labels import moment_shown
from projektkatalog.catalogue.services import project_derived_refresh, projects_touch

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
    from django_stubs_ext import StrOrPromise

# Fields that are bookkeeping, not content: never compared or restored.
_SKIPPED = {"id", "fingerprint", "search_text", "created_at", "updated_at", "position"}
_DERIVED = {"start_date", "end_date", "start_year", "end_year"}


class RestoreError(Exception):
    """A version that cannot be restored, said in one line for the editor."""


@dataclass
class Snapshot:
    """An object and its parts, as they are now or as one version recorded them."""

    obj: models.Model
    children: dict[type[models.Model], list[Snapshot]] = field(default_factory=dict)
    complete: bool = True  # False: the version did not record the object's parts


@dataclass(frozen=True)
class FieldChange:
    label: str
    now: str
    then: str


@dataclass
class Comparison:
    """What a restore would change: fields that differ, and parts that come back or go."""

    fields: list[FieldChange] = field(default_factory=list)
    parts_back: list[tuple[str, str]] = field(default_factory=list)  # (kind, text)
    parts_gone: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    complete: bool = True

    @property
    def empty(self) -> bool:
        return not (self.fields or self.parts_back or self.parts_gone)


def _deserialize(version: Version) -> models.Model:
    return next(
        iter(
            serializers.deserialize(version.format, version.serialized_data, ignorenonexistent=True)
        )
    ).object


def _recorded_children(
    revision_id: int, parent: models.Model
) -> dict[type[models.Model], list[Snapshot]]:
    """Return the parent's children as the revision recorded them."""
    from django.contrib.contenttypes.models import ContentType

    out: dict[type[models.Model], list[Snapshot]] = {}
    for child_model, fk in CHILDREN.get(type(parent), ()):
        content_type = ContentType.objects.get_for_model(child_model)
        fk_attname = child_link(child_model, fk).attname
        # A cheap text filter first (a revision may hold thousands of versions), then exact.
        candidates = Version.objects.filter(
            revision_id=revision_id,
            content_type=content_type,
            serialized_data__contains=f'"{fk}": {parent.pk}',
        )
        found = []
        for version in candidates:
            obj = _deserialize(version)
            if getattr(obj, fk_attname) == parent.pk:
                found.append(Snapshot(obj=obj, children=_recorded_children(revision_id, obj)))
        out[child_model] = sorted(found, key=lambda s: (getattr(s.obj, "position", 0), s.obj.pk))
    return out


def version_snapshot(version: Version) -> Snapshot:
    """Return the object of `version` with its parts as that version's revision recorded them."""
    obj = _deserialize(version)
    complete = m.CompleteRevision.objects.filter(revision_id=version.revision_id).exists()
    children = _recorded_children(version.revision_id, obj)
    if not complete and any(children.values()):
        complete = True  # older revisions that did record parts (saves in the workspace)
    return Snapshot(obj=obj, children=children if complete else {}, complete=complete)


def current_snapshot(obj: models.Model) -> Snapshot:
    """Return `obj` with its parts as they are in the database now."""
    children: dict[type[models.Model], list[Snapshot]] = {}
    for child_model, fk in CHILDREN.get(type(obj), ()):
        rows = child_model._default_manager.filter(**{fk: obj}).order_by("pk")
        children[child_model] = sorted(
            (current_snapshot(row) for row in rows),
            key=lambda s: (getattr(s.obj, "position", 0), s.obj.pk),
        )
    return Snapshot(obj=obj, children=children)


def _content_fields(model: type[models.Model]) -> list[models.Field[Any, Any]]:
    return [
        f
        for f in model._meta.concrete_fields
        if f.name not in _SKIPPED and f.name not in _DERIVED and not f.primary_key
    ]


def _shown(obj: models.Model, f: models.Field[Any, Any]) -> str:
    value = getattr(obj, f.attname)
    if f.choices:
        return str(dict(f.flatchoices).get(value, value))
    if value is None or value == "":
        return "–"
    return str(value)


@dataclass(frozen=True)
class Reference:
    """A part's link to something shared with other projects, which a restore never writes."""

    field: str  # the part's foreign key
    model: type[models.Model]
    gone: StrOrPromise  # how the comparison names it when it no longer exists
    left_out: StrOrPromise  # what the editor is told when a restore leaves the part out for it


REFERENCES: dict[type[models.Model], Reference] = {
    m.Participation: Reference(
        "organisation_id",
        m.Organisation,
        gettext_lazy("(borttagen organisation)"),
        gettext_lazy("En deltagande organisation finns inte längre och kom inte tillbaka."),
    ),
    m.ProjectCategory: Reference(
        "category_id",
        m.Category,
        gettext_lazy("(borttagen kategori)"),
        gettext_lazy("En kategori finns inte längre och kom inte tillbaka."),
    ),
    m.ProjectProgramme: Reference(
        "programme_id",
        m.Programme,
        gettext_lazy("(borttaget program)"),
        gettext_lazy("Ett program finns inte längre och kom inte tillbaka."),
    ),
}


def _referent_now(model: type[models.Model], old_id: int) -> models.Model | None:
    """Return row `old_id` of `model`, or the one that holds its recorded name now: under that
    name, or (organisations and programmes) as an alias, where a merge puts the names it took."""
    manager = model._default_manager
    current = manager.filter(pk=old_id).first()
    if current is not None:
        return current
    recorded = Version.objects.get_for_object_reference(model, old_id).first()
    if recorded is None:
        return None
    name = _deserialize(recorded).serializable_value("name")
    found = manager.filter(name=name).first()
    if found is None and hasattr(model, "aliases"):
        found = manager.filter(aliases__name=name).first()
    return found


def _part_text(obj: models.Model) -> str:
    """Return a part in an editor's words, whether or not what it refers to still exists."""
    if (reference := REFERENCES.get(type(obj))) is not None:
        referent = _referent_now(reference.model, getattr(obj, reference.field))
        name = str(referent) if referent is not None else str(reference.gone)
        if not isinstance(obj, m.Participation):
            return name
        text = f"{name} – {obj.get_role_display()}"
        return f"{text}, {obj.unit}" if obj.unit else text
    if isinstance(obj, m.Funding):
        return f"{obj.amount:,.0f} {obj.currency} ({obj.kind})".replace(",", " ")
    if isinstance(obj, m.Link):
        return f"{obj.label} {obj.url or ''}".strip()
    if isinstance(obj, m.Contact):
        return f"{obj.name}, {obj.title}" if obj.title else obj.name
    if isinstance(obj, m.Phone):
        return obj.number
    return str(obj)


def _part_key(snapshot: Snapshot) -> str:
    own = _part_text(snapshot.obj)
    details = [
        _shown(snapshot.obj, f)
        for f in _content_fields(type(snapshot.obj))
        if not f.is_relation and f.name not in ("left_on", "checked_at")
    ]
    kids = sorted(_part_key(c) for cs in snapshot.children.values() for c in cs)
    return "|".join([own, *details, *kids])


def snapshot_compare(now: Snapshot, then: Snapshot) -> Comparison:
    """Return what restoring `then` over `now` would change."""
    comparison = Comparison(complete=then.complete)
    for f in _content_fields(type(now.obj)):
        before, after = _shown(now.obj, f), _shown(then.obj, f)
        if before != after:
            comparison.fields.append(
                FieldChange(label=str(f.verbose_name).capitalize(), now=before, then=after)
            )
    if not then.complete:
        comparison.notes.append(
            _(
                "Den här versionen sparades innan projektets delar alltid kom med i historiken. "
                "Bara projektets egna fält återställs; deltagare, länkar, kategorier och andra "
                "delar behålls som de är nu."
            )
        )
        return comparison
    for child_model, _fk in CHILDREN.get(type(now.obj), ()):
        kind = str(child_model._meta.verbose_name).capitalize()
        now_keys = {_part_key(s): s for s in now.children.get(child_model, [])}
        then_keys = {_part_key(s): s for s in then.children.get(child_model, [])}
        for key in then_keys.keys() - now_keys.keys():
            comparison.parts_back.append((kind, _part_text(then_keys[key].obj)))
        for key in now_keys.keys() - then_keys.keys():
            comparison.parts_gone.append((kind, _part_text(now_keys[key].obj)))
    comparison.parts_back.sort()
    comparison.parts_gone.sort()
    return comparison


def _remap(obj: models.Model, notes: list[str]) -> bool:
    """Point a recorded part at what it refers to now; False when that no longer exists."""
    reference = REFERENCES.get(type(obj))
    if reference is None:
        return True
    referent = _referent_now(reference.model, getattr(obj, reference.field))
    if referent is None:
        notes.append(str(reference.left_out))
        return False
    setattr(obj, reference.field, referent.pk)
    return True


def _write(snapshot: Snapshot, notes: list[str], today: dt.date) -> None:
    """Write the snapshot's object and replace its parts with the recorded ones."""
    obj = snapshot.obj
    if isinstance(obj, m.Contact):
        # Restoring never brings back someone who has left: the departure stays.
        existing = m.Contact.objects.filter(pk=obj.pk).first()
        if existing is not None and existing.left_on and not obj.left_on:
            obj.left_on = existing.left_on
    if isinstance(obj, m.Project):
        current = m.Project.objects.filter(pk=obj.pk).first()
        if m.Project.objects.filter(slug=obj.slug).exclude(pk=obj.pk).exists():
            raise RestoreError(
                _("Adressnamnet %(slug)s används nu av ett annat projekt.") % {"slug": obj.slug}
            )
        if current is not None:
            obj.position = current.position  # the place in the page is not content
    obj.save()
    if not snapshot.complete:
        return
    for child_model, fk in CHILDREN.get(type(obj), ()):
        kept = []
        seen: set[tuple[object, ...]] = set()
        for child in snapshot.children.get(child_model, []):
            if not _remap(child.obj, notes):
                continue
            key = _unique_key(child.obj)
            if key in seen:  # two recorded organisations merged into one since
                continue
            seen.add(key)
            kept.append(child)
        kept_ids = [c.obj.pk for c in kept]
        child_model._default_manager.filter(**{fk: obj}).exclude(pk__in=kept_ids).delete()
        for child in kept:
            _unique_clash_clear(child.obj)
            _write(child, notes, today)


# A part's unique fields besides its row id: two recorded parts that now share them (two
# organisations merged into one since) come back as one, and a current row holding them under
# another id gives way to the recorded one.
UNIQUE_FIELDS: dict[type[models.Model], tuple[str, ...]] = {
    m.Participation: ("project_id", "organisation_id"),
    m.ProjectCategory: ("project_id", "category_id"),
    m.ProjectProgramme: ("project_id", "programme_id"),
    m.OrganisationAlias: ("organisation_id", "name"),
    m.ProgrammeAlias: ("programme_id", "name"),
}


def _unique_key(obj: models.Model) -> tuple[object, ...]:
    fields = UNIQUE_FIELDS.get(type(obj))
    return tuple(getattr(obj, f) for f in fields) if fields else ("pk", obj.pk)


def _unique_clash_clear(obj: models.Model) -> None:
    """Remove a current row that would clash with a recorded part on a unique constraint."""
    fields = UNIQUE_FIELDS.get(type(obj))
    if fields:
        type(obj)._default_manager.filter(**{f: getattr(obj, f) for f in fields}).exclude(
            pk=obj.pk
        ).delete()


def _is_recorded(obj: models.Model, latest: Version | None) -> bool:
    """Return whether the latest version of `obj` holds it exactly as it is now."""
    if latest is None:
        return False
    then = version_snapshot(latest)
    return then.complete and snapshot_compare(current_snapshot(obj), then).empty


@dataclass
class Restored:
    """What a restore did: notes for the editor, and the version that undoes it."""

    notes: list[str]
    undo: Version | None


def version_restore(
    version: Version, *, user: AbstractBaseUser | AnonymousUser, today: dt.date | None = None
) -> Restored:
    """Restore the object of `version` (and its parts) as recorded.

    The object's state before the restore is kept in the history first (when its latest version
    does not already hold it), so the restore itself can be undone by restoring that version.
    """
    model = version.content_type.model_class()
    if model is None:
        raise RestoreError(_("Versionen hör till något som inte längre finns i katalogen."))
    today = today or dt.date.today()
    notes: list[str] = []
    undo = None
    with transaction.atomic():
        current = model._default_manager.filter(pk=version.object_id).first()
        if current is not None:
            latest = Version.objects.get_for_object(current).first()
            if not _is_recorded(current, latest):
                with reversion.create_revision():
                    reversion.set_user(user)
                    reversion.set_comment(_("Läget före en återställning"))
                    revision_complete_record([current])
                latest = Version.objects.get_for_object(current).first()
            undo = latest
        snapshot = version_snapshot(version)
        with reversion.create_revision():
            reversion.set_user(user)
            reversion.set_comment(
                _("Återställd till versionen från %(when)s")
                % {"when": moment_shown(version.revision.date_created)}
            )
            _write(snapshot, notes, today)
            restored = model._default_manager.get(pk=snapshot.obj.pk)
            if isinstance(restored, m.Project):
                project_derived_refresh(restored)
                projects_touch([restored.pk])
            elif isinstance(restored, m.Contact):
                projects_touch([restored.project_id])
            revision_complete_record([restored])
    return Restored(notes=notes, undo=undo)


def parts_listed(snapshot: Snapshot) -> Iterable[tuple[str, str]]:
    """Yield (kind, text) for every part of a snapshot, for showing one version whole."""
    for child_model, children in snapshot.children.items():
        kind = str(child_model._meta.verbose_name).capitalize()
        for child in children:
            yield kind, _part_text(child.obj)
