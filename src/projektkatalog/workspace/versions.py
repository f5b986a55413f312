"""History pages of the workspace: every version compared with now before anything is restored,
and a restore that brings back one object and its parts, never the rest of its revision."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Model
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from reversion.admin import VersionAdmin
from reversion.models import Version

from projektkatalog.catalogue.labels import moment_shown
from projektkatalog.catalogue.restore import (
    RestoreError,
    current_snapshot,
    parts_listed,
    snapshot_compare,
    version_restore,
    version_snapshot,
)


class HistoryAdmin(VersionAdmin):
    """VersionAdmin whose history compares and restores one object at a time.

    django-reversion's own revision view reverts the whole revision a version belongs to, and
    deletes what that revision does not hold: restoring one project from an import's revision
    undid every project of the import. Here the revision is only read from.
    """

    object_history_template = "workspace/object_history.html"
    history_latest_first = True

    class Media:
        js = ("workspace/inline-focus.js",)

    def response_change(self, request: HttpRequest, obj: Model) -> HttpResponse:
        """After a plain save, go back where the editor came from (the quality dashboard's
        "fix" links carry it), not to the list of every object."""
        response = super().response_change(request, obj)
        back = request.GET.get("next", "")
        stays = any(k in request.POST for k in ("_continue", "_addanother", "_saveasnew"))
        if (
            back
            and not stays
            and url_has_allowed_host_and_scheme(
                back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
            )
        ):
            return HttpResponseRedirect(back)
        return response

    def _version_url(self, version: Version) -> str:
        opts = self.model._meta
        return reverse(
            f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_revision",
            args=[version.object_id, version.pk],
        )

    def revision_view(
        self,
        request: HttpRequest,
        object_id: str,
        version_id: str,
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        obj = self.get_object(request, object_id)
        if obj is None:
            return redirect(f"{self.admin_site.name}:index")
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        version = get_object_or_404(
            Version.objects.select_related("revision__user"),
            pk=version_id,
            object_id=str(obj.pk),
            content_type__model=self.model._meta.model_name,
            content_type__app_label=self.model._meta.app_label,
        )
        return self._compare_or_restore(request, version, obj)

    def recover_view(
        self, request: HttpRequest, version_id: str, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        if not self.has_add_permission(request) or not self.has_change_permission(request):
            raise PermissionDenied
        version = get_object_or_404(Version.objects.select_related("revision__user"), pk=version_id)
        if version.content_type.model_class() is not self.model:
            raise PermissionDenied
        return self._compare_or_restore(request, version, None)

    def _compare_or_restore(
        self, request: HttpRequest, version: Version, obj: Model | None
    ) -> HttpResponse:
        opts = self.model._meta
        if request.method == "POST" and "restore" in request.POST:
            try:
                restored = version_restore(version, user=request.user)
            except RestoreError as error:
                messages.error(request, str(error))
            else:
                text = _("Versionen från %(when)s är återställd.") % {
                    "when": moment_shown(version.revision.date_created)
                }
                if restored.undo is not None:
                    messages.success(
                        request,
                        format_html(
                            '{} <a href="{}">{}</a>',
                            text,
                            self._version_url(restored.undo),
                            _("Ångra återställningen"),
                        ),
                    )
                else:
                    messages.success(request, text)
                for note in restored.notes:
                    messages.warning(request, note)
                return redirect(
                    f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_change",
                    version.object_id,
                )
        then = version_snapshot(version)
        comparison = snapshot_compare(current_snapshot(obj), then) if obj is not None else None
        context = {
            **self.admin_site.each_context(request),
            "opts": opts,
            "original": obj,
            "object_id": version.object_id,
            "version": version,
            "title": _("Jämför med versionen från %(when)s")
            % {"when": moment_shown(version.revision.date_created)},
            "comparison": comparison,
            "parts": sorted(parts_listed(then)),
            "recorded": then,
            "recover": obj is None,
        }
        return TemplateResponse(request, "workspace/version_compare.html", context)
