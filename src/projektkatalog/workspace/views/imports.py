"""Import review: upload a file, see what it would add, change and remove and every finding,
then confirm or cancel. The catalogue does not change before the confirmation."""

from __future__ import annotations

import hashlib

import reversion
from django import forms
from django.contrib import messages
from django.contrib.admin import site
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from projektkatalog.catalogue.services import catalogue_import
from projektkatalog.catalogue.sources import SourceError, source_read
from projektkatalog.mappings import mapping_load, mappings_shipped
from projektkatalog.workspace.models import PendingImport

MAX_UPLOAD = 50 * 2**20


def _mapping(name: str) -> dict | None:  # type: ignore[type-arg]
    """Return the shipped mapping an editor chose (the form offers only those), or None."""
    return mapping_load(name) if name else None


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Fil"),
        help_text=gettext_lazy(
            "En sida (text, HTML eller Markdown), katalogens egen export (XLSX, CSV eller ZIP) "
            "eller en tabell (JSON, CSV, XLSX) med en mappning."
        ),
    )
    mapping = forms.ChoiceField(
        label=gettext_lazy("Mappning"),
        required=False,
        help_text=gettext_lazy("Bara för tabeller i andra format än katalogens egen export."),
    )

    def __init__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["mapping"].choices = [("", "–")] + [(n, n) for n in mappings_shipped()]


def _require(request) -> None:  # type: ignore[no-untyped-def]
    if not request.user.has_perm("catalogue.add_project"):
        raise PermissionDenied


def _summary_data(summary, record) -> dict:  # type: ignore[no-untyped-def]
    return {
        "projects": summary.projects,
        "added": summary.added_ids,
        "changed": summary.changed_ids,
        "removed": summary.removed_ids,
        "unchanged": summary.unchanged,
        "organisations": summary.organisations,
        "findings": [
            {"code": f.code, "severity": f.severity, "message": f.message, "line": f.line}
            for f in record.findings
        ],
    }


def import_upload(request):  # type: ignore[no-untyped-def]
    _require(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            form.add_error("file", _("Filen är större än 50 MB."))
        else:
            data = upload.read()
            mapping_name = form.cleaned_data["mapping"]
            try:
                record = source_read(upload.name, data, mapping=_mapping(mapping_name))
                summary = catalogue_import(
                    record,
                    source_name=upload.name,
                    sha256=hashlib.sha256(data).hexdigest(),
                    dry_run=True,
                )
            except SourceError as error:
                form.add_error("file", str(error))
            else:
                pending = PendingImport.objects.create(
                    name=upload.name,
                    data=data,
                    mapping=mapping_name,
                    sha256=hashlib.sha256(data).hexdigest(),
                    preview=_summary_data(summary, record),
                    uploaded_by=request.user,
                )
                return redirect("admin:workspace_import_review", pending.pk)
    return render(
        request,
        "workspace/import_upload.html",
        {**site.each_context(request), "title": _("Importera"), "form": form},
    )


def import_review(request, pk: int):  # type: ignore[no-untyped-def]
    _require(request)
    pending = get_object_or_404(PendingImport, pk=pk)
    if request.method == "POST":
        if "cancel" in request.POST:
            pending.delete()
            messages.info(request, _("Importen avbröts; inget ändrades."))
            return redirect("admin:workspace_import")
        data = bytes(pending.data)
        try:
            record = source_read(pending.name, data, mapping=_mapping(pending.mapping))
        except SourceError as error:  # the same bytes read before; kept for safety
            messages.error(request, str(error))
            return redirect("admin:workspace_import")
        with reversion.create_revision():
            reversion.set_user(request.user)
            reversion.set_comment(_("Import av %(name)s") % {"name": pending.name})
            summary = catalogue_import(record, source_name=pending.name, sha256=pending.sha256)
        pending.delete()
        messages.success(
            request,
            _(
                "%(name)s importerad: %(added)d nya, %(changed)d ändrade, %(removed)d borttagna "
                "projekt."
            )
            % {
                "name": pending.name,
                "added": summary.added,
                "changed": summary.changed,
                "removed": summary.removed,
            },
        )
        return redirect("admin:catalogue_project_changelist")
    return render(
        request,
        "workspace/import_review.html",
        {
            **site.each_context(request),
            "title": _("Granska import av %(name)s") % {"name": pending.name},
            "pending": pending,
            "preview": pending.preview,
        },
    )
