"""The two roles of the workspace, as Django groups with exactly their permissions.

Editors edit and publish the catalogue: they may add and change everything in it, and remove the
parts of a project (a link, a participant), but not delete projects, organisations or programmes,
remove a person's data, or touch users. Administrators may do everything.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib.auth.models import Group, Permission
from django.db.models import Model

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractUser

EDITOR = "Redaktör"
ADMINISTRATOR = "Administratör"

_EDITED = (
    "project",
    "organisation",
    "organisationalias",
    "programme",
    "programmealias",
    "category",
    "participation",
    "funding",
    "link",
    "contact",
    "phone",
    "projectcategory",
    "projectprogramme",
)
_PARTS = (  # what an editor may remove: the parts of a project, never the project itself
    "participation",
    "funding",
    "link",
    "phone",
    "projectcategory",
    "projectprogramme",
    "organisationalias",
    "programmealias",
)


def _editor_codenames() -> set[str]:
    names = {f"{action}_{model}" for model in _EDITED for action in ("view", "add", "change")}
    names |= {f"delete_{model}" for model in _PARTS}
    names |= {"view_finding", "view_source", "view_acceptance", "add_acceptance"}
    names |= {"view_provenance"}
    return names


def roles_ensure() -> tuple[Group, Group]:
    """Create or update both groups; safe to run any number of times."""
    editors, _ = Group.objects.get_or_create(name=EDITOR)
    editors.permissions.set(
        Permission.objects.filter(
            content_type__app_label="catalogue", codename__in=_editor_codenames()
        )
    )
    administrators, _ = Group.objects.get_or_create(name=ADMINISTRATOR)
    administrators.permissions.set(Permission.objects.all())
    return editors, administrators


def roles_ensure_after_migrate(**kwargs: Any) -> None:
    roles_ensure()


def staff_follow_roles(
    sender: type[Model],
    instance: AbstractUser | Group,
    action: str,
    reverse: bool,
    pk_set: set[int] | None,
    **kwargs: Any,
) -> None:
    """Let a user into the workspace when they are put in a role's group, and out when they
    leave both: the group is the decision, so no separate "staff status" needs ticking."""
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    from django.contrib.auth import get_user_model

    users = get_user_model().objects
    if isinstance(instance, Group):  # seen from the group (`reverse`): its users changed
        people = users.filter(pk__in=pk_set) if pk_set else users.filter(groups=instance)
        if action == "post_clear":
            people = users.filter(is_staff=True, is_superuser=False)
    else:
        people = users.filter(pk=instance.pk)
    for user in people:
        staff = user.is_superuser or user.groups.filter(name__in=(EDITOR, ADMINISTRATOR)).exists()
        if user.is_staff != staff:
            users.filter(pk=user.pk).update(is_staff=staff)
            if not isinstance(instance, Group):  # the user object the change was made through
                instance.is_staff = staff
