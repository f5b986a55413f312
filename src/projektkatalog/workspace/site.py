"""The workspace's admin site: Django's admin with a Swedish header and the workspace's pages
(import review, quality, personal data) beside the model pages."""

from __future__ import annotations

from django.contrib import admin
from django.urls import URLPattern, URLResolver, path
from django.utils.translation import gettext_lazy as _


class WorkspaceSite(admin.AdminSite):
    site_header = _("Projektkatalog – arbetsyta")
    site_title = _("Projektkatalogens arbetsyta")
    index_title = _("Arbetsyta")
    index_template = "workspace/index.html"

    def get_urls(self) -> list[URLResolver | URLPattern]:
        from projektkatalog.workspace.views import imports, personal_data, quality

        wrap = self.admin_view
        return [
            path("import/", wrap(imports.import_upload), name="workspace_import"),
            path("import/<int:pk>/", wrap(imports.import_review), name="workspace_import_review"),
            path("kvalitet/", wrap(quality.quality_dashboard), name="workspace_quality"),
            path("personuppgifter/", wrap(personal_data.personal_data), name="workspace_personal"),
            *super().get_urls(),
        ]
