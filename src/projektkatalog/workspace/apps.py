"""App configs: the workspace itself, and Django's admin running our admin site."""

from __future__ import annotations

from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class WorkspaceAdminConfig(admin_apps.AdminConfig):
    """Django's admin with the workspace's site (its own pages, header and permissions)."""

    default = False
    default_site = "projektkatalog.workspace.site.WorkspaceSite"


class WorkspaceConfig(AppConfig):
    default = True
    name = "projektkatalog.workspace"
    label = "workspace"
    verbose_name = _("Arbetsyta")

    def ready(self) -> None:
        from django.contrib.auth import get_user_model
        from django.db.models.signals import m2m_changed

        from projektkatalog.catalogue import roles

        m2m_changed.connect(
            roles.staff_follow_roles,
            sender=get_user_model().groups.through,
            dispatch_uid="projektkatalog-staff-follows-roles",
        )
        # After every migration, so the groups hold every permission the models define.
        post_migrate.connect(roles.roles_ensure_after_migrate, sender=self)
