"""Every change to a project is a revision (django-reversion): who, when, what, and the whole
project as it was — its participants, programmes, categories, funding, links and contacts — so
that any earlier version can be compared and restored as one, and only that one."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import reversion
from django.db import models
from reversion.models import Revision, Version
from reversion.signals import post_revision_commit

from projektkatalog.catalogue import models as m

# What belongs to what: a restore brings back an object together with these children (and
# theirs), and touches nothing else. A project's organisations, programmes and categories are
# not its children: they are shared with other projects and are never restored through one.
CHILDREN: dict[type[models.Model], tuple[tuple[type[models.Model], str], ...]] = {
    m.Project: (
        (m.ProjectCategory, "project"),
        (m.ProjectProgramme, "project"),
        (m.Participation, "project"),
        (m.Funding, "project"),
        (m.Link, "project"),
        (m.Contact, "project"),
    ),
    m.Contact: ((m.Phone, "contact"),),
    m.Organisation: ((m.OrganisationAlias, "organisation"),),
    m.Programme: ((m.ProgrammeAlias, "programme"),),
}


def child_link(child: type[models.Model], fk: str) -> models.ForeignKey[Any, Any]:
    """Return the foreign key `fk` by which `child` points at its parent in `CHILDREN`."""
    link = child._meta.get_field(fk)
    if not isinstance(link, models.ForeignKey):
        raise TypeError(f"{child.__name__}.{fk} is not a foreign key")
    return link


def _follow(model: type[models.Model]) -> tuple[str, ...]:
    """Return the reverse accessors of `model`'s children, as reversion follows them."""
    names = []
    for child, fk in CHILDREN.get(model, ()):
        name = child_link(child, fk).remote_field.get_accessor_name()
        if name is None:  # a hidden reverse relation ("+"): reversion could not follow it
            raise TypeError(f"{child.__name__}.{fk} has no reverse accessor")
        names.append(name)
    return tuple(names)


def register() -> None:
    """Register the catalogue's models with reversion, following exactly `CHILDREN`.

    The admin registers its models first (VersionAdmin registers what it shows, following its
    inlines); ours replace those registrations so that what a version holds is decided here.
    """
    for model in (
        m.Project,
        m.Participation,
        m.Funding,
        m.Link,
        m.ProjectCategory,
        m.ProjectProgramme,
        m.Contact,
        m.Phone,
        m.Organisation,
        m.OrganisationAlias,
        m.Programme,
        m.ProgrammeAlias,
        m.Category,
    ):
        if reversion.is_registered(model):
            reversion.unregister(model)
        reversion.register(model, follow=_follow(model))
    post_revision_commit.connect(_revision_mark, dispatch_uid="projektkatalog-complete-revision")


def _revision_mark(
    sender: object, revision: Revision, versions: list[Version], **kwargs: Any
) -> None:
    """Mark a revision as holding every part of each project it records.

    Revisions made before parts were always recorded (an import's revision held the projects
    but none of their parts) are unmarked: restoring from one brings back the project's own
    fields and leaves its parts as they are, instead of taking "no parts recorded" to mean
    "no parts".
    """
    m.CompleteRevision.objects.get_or_create(revision=revision)


def revision_complete_record(objects: Iterable[models.Model]) -> None:
    """Record `objects` again at the end of the current revision, with their parts as they
    are now (parts written in bulk, or after the object was saved, are otherwise missed).

    Reversion follows the same children when an object is added, but skips any already in
    the revision (as they were when the object was first saved), so each part is added again
    explicitly. The parts are fetched once, one query per kind for all `objects` (reversion's
    own following then reads the same fetched lists), not once by reversion and again here.
    """
    if not reversion.is_active():
        return
    objects = list(objects)
    for model in {type(obj) for obj in objects}:
        same = [obj for obj in objects if type(obj) is model]
        models.prefetch_related_objects(same, *_paths(model))
        for obj in same:
            _record(obj)
            obj._prefetched_objects_cache = {}  # type: ignore[attr-defined]  # read afresh later


def _paths(model: type[models.Model], prefix: str = "") -> list[str]:
    """Return the lookups that fetch every child of `model` and theirs ("contacts__phones")."""
    paths = []
    for child, name in zip(
        (child for child, _ in CHILDREN.get(model, ())), _follow(model), strict=True
    ):
        paths.append(prefix + name)
        paths.extend(_paths(child, f"{prefix}{name}__"))
    return paths


def _record(obj: models.Model) -> None:
    reversion.add_to_revision(obj)
    for name in _follow(type(obj)):
        for child in getattr(obj, name).all():
            _record(child)


def last_revision(obj: models.Model) -> Revision | None:
    """Return the latest revision that recorded `obj`, or None."""
    version = Version.objects.get_for_object(obj).select_related("revision__user").first()
    return version.revision if version else None
