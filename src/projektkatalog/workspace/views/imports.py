"""Import review: upload a file, see what it would add, change and remove and every finding,
then confirm or cancel. The catalogue does not change before the confirmation."""

from __future__ import annotations

import hashlib
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import messages
from django.contrib.admin import site
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import floatformat
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from projektkatalog.catalogue.findings import finding_label, finding_text
from projektkatalog.catalogue.imports import file_import
from projektkatalog.catalogue.labels import FUNDING_LABELS, ROLE_LABELS
from projektkatalog.catalogue.sources import SourceError
from projektkatalog.domain.period_text import period_text
from projektkatalog.mappings import mapping_load, mappings_shipped
from projektkatalog.workspace.models import PendingImport

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from projektkatalog.catalogue.services import ImportSummary
    from projektkatalog.domain.records import CatalogueRecord, Finding, ProjectRecord

MAX_UPLOAD = 50 * 2**20


def _mapping(name: str) -> dict[str, Any] | None:
    """Return the shipped mapping an editor chose (the form offers only those), or None."""
    return mapping_load(name) if name else None


def _mapping_choices() -> list[tuple[str, str]]:
    return [("", "–")] + [(n, n) for n in mappings_shipped()]


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
        choices=_mapping_choices,  # called for each form, so the list is never stale
    )


def _require(request: HttpRequest) -> User:
    """Return the signed-in editor who may import, or refuse the request."""
    user = request.user
    if not user.is_authenticated or not user.has_perm("catalogue.add_project"):
        raise PermissionDenied
    return user


SHOWN_IN_FULL = 500  # projects previewed with every fact; a larger import lists the rest


def _project_read(project: ProjectRecord, findings: list[Finding]) -> dict[str, Any]:
    """Return what the importer read for one project, as the review shows it."""
    return {
        "slug": project.slug,
        "title": project.title,
        "line": project.lines[0][0] if project.lines else None,
        "participants": [[p.organisation, p.role] for p in project.participants],
        "start": project.period_start or "",
        "end": project.period_end or "",
        "funding": [
            [format(f.amount, "f"), f.currency, f.kind, f.approximate] for f in project.funding
        ],
        "programmes": list(project.programmes),
        "findings": [{"code": f.code, "message": f.message, "line": f.line} for f in findings],
    }


def _summary_data(summary: ImportSummary, record: CatalogueRecord) -> dict[str, Any]:
    """Return the preview kept with an upload: what would change, and what was read."""
    by_project: dict[str, list[Finding]] = {}
    for f in record.findings:
        by_project.setdefault(f.project or "", []).append(f)
    new = set(summary.added_ids) | set(summary.changed_ids)
    read = [p for p in record.projects if p.slug in new][:SHOWN_IN_FULL]
    return {
        "projects": summary.projects,
        "added": summary.added_ids,
        "changed": summary.changed_ids,
        "removed": summary.removed_ids,
        "unchanged": summary.unchanged,
        "organisations": summary.organisations,
        "read": [_project_read(p, by_project.get(p.slug, [])) for p in read],
        "findings": [
            {"code": f.code, "severity": f.severity, "message": f.message, "line": f.line}
            for f in record.findings
        ],
    }


def _preview_shown(preview: dict[str, Any]) -> dict[str, Any]:
    """Return the stored preview in the editor's language: roles, periods, money and findings
    in words, guesses marked."""
    english = (get_language() or "sv").startswith("en")
    added = set(preview.get("added", []))
    entries = []
    for entry in preview.get("read", []):
        findings = [
            {
                "label": finding_label(f["code"]),
                "text": finding_text(f["code"], f["message"]),
                "line": f["line"],
                "guessed": f["code"].startswith("guessed-"),
            }
            for f in entry["findings"]
        ]
        entries.append(
            {
                **entry,
                "added": entry["slug"] in added,
                "participants": [
                    (name, ROLE_LABELS.get(role, role)) for name, role in entry["participants"]
                ],
                "period": period_text(
                    entry["start"] or None, entry["end"] or None, "en" if english else "sv"
                ),
                "funding": [
                    f"{'~' if approximate else ''}{floatformat(Decimal(amount), '-2g')} {currency} "
                    f"({FUNDING_LABELS.get(kind, kind)})".replace("  ", " ")
                    for amount, currency, kind, approximate in entry["funding"]
                ],
                "guesses": [f for f in findings if f["guessed"]],
                "notes": [f for f in findings if not f["guessed"]],
            }
        )
    titles = {e["slug"]: e["title"] for e in entries}
    return {
        **preview,
        "entries": entries,
        "added_titles": [(s, titles.get(s, s)) for s in preview.get("added", [])],
        "changed_titles": [(s, titles.get(s, s)) for s in preview.get("changed", [])],
        "findings_shown": [
            {**f, "label": finding_label(f["code"]), "text": finding_text(f["code"], f["message"])}
            for f in preview.get("findings", [])
        ],
    }


SOURCE_ERRORS = {  # what the workspace tells an editor for each kind of unreadable file
    "empty": gettext_lazy("Filen är tom."),
    "binary": gettext_lazy(
        "Filen är inte en text- eller HTML-sida. Ladda upp sidan som text (.txt), HTML (.html) "
        "eller Markdown, katalogens egen export (XLSX, CSV, ZIP), eller en tabell med en mappning."
    ),
    "encoding": gettext_lazy(
        "Filen är inte sparad som UTF-8. Spara den som UTF-8 (i de flesta program: ”Spara som” "
        "och teckenkodning UTF-8) och ladda upp den igen."
    ),
    "damaged": gettext_lazy(
        "Filen ser ut som katalogens egen export men går inte att läsa; den kan vara skadad."
    ),
    "no-projects-page": gettext_lazy(
        "Inga projekt hittades på sidan. Importen letar efter projekt under rubriker eller i "
        "punktlistor, med rader som ”Projektperiod:”, ”Lead partner:”, ”Partner:”, ”Program:”, "
        "”Budget:” eller ”Kontakt:”, efter rader som ”Projekt – Organisation”, och efter en "
        "sida som beskriver ett enda projekt under sin rubrik. Kontrollera att filen är själva "
        "projektsidan (inte en meny- eller söksida), eller spara den som HTML i stället för text."
    ),
    "too-large": gettext_lazy(
        "Filen är större än vad importen tar emot (50 MB). Dela upp den, eller importera "
        "sidan som text i stället för med bilder och inbäddat innehåll."
    ),
    "line-too-long": gettext_lazy(
        "Filen har en rad som är längre än en miljon tecken och ser inte ut som en sida eller "
        "tabell. Kontrollera att det är rätt fil."
    ),
    "too-many-columns": gettext_lazy(
        "Tabellen har fler än 1 000 kolumner. Kontrollera avgränsaren (komma, semikolon eller "
        "tabb) och att filen är en tabell med en rad per projekt eller deltagare."
    ),
    "archive-too-large": gettext_lazy(
        "Arbetsboken packas upp till mer än importen tar emot (200 MB). Spara bara bladen med "
        "projekten i en ny arbetsbok och ladda upp den."
    ),
    "mapping-shape": gettext_lazy(
        "Mappningsfilen har inte den form importen väntar sig. Jämför den med exemplen i "
        "dokumentationen för importformatet."
    ),
    "no-projects-file": gettext_lazy(
        "Inga projekt hittades i filen. En tabell behöver en mappning som säger vilken kolumn "
        "som är titel, period och organisationer; katalogens egen export läses utan mappning."
    ),
}


def source_error_text(error: SourceError) -> str:
    """Return an unreadable file's problem in the editor's language, with what to do."""
    explained = SOURCE_ERRORS.get(error.code)
    if explained is None:
        return str(error)
    return f"{error.name}: {explained}" if error.name else str(explained)


def import_upload(request: HttpRequest) -> HttpResponse:
    user = _require(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            form.add_error("file", _("Filen är större än 50 MB."))
        else:
            data = upload.read()
            mapping_name = form.cleaned_data["mapping"]
            try:
                result = file_import(
                    upload.name, data, mapping=_mapping(mapping_name), comment="", dry_run=True
                )
            except SourceError as error:
                form.add_error("file", source_error_text(error))
            else:
                pending = PendingImport.objects.create(
                    name=upload.name,
                    data=data,
                    mapping=mapping_name,
                    sha256=hashlib.sha256(data).hexdigest(),
                    preview=_summary_data(result.summary, result.record),
                    uploaded_by=user,
                )
                return redirect("admin:workspace_import_review", pending.pk)
    return render(
        request,
        "workspace/import_upload.html",
        {**site.each_context(request), "title": _("Importera"), "form": form},
    )


def import_review(request: HttpRequest, pk: int) -> HttpResponse:
    user = _require(request)
    pending = get_object_or_404(PendingImport, pk=pk)
    if request.method == "POST":
        if "cancel" in request.POST:
            pending.delete()
            messages.info(request, _("Importen avbröts; inget ändrades."))
            return redirect("admin:workspace_import")
        try:
            summary = file_import(
                pending.name,
                bytes(pending.data),
                mapping=_mapping(pending.mapping),
                comment=_("Import av %(name)s") % {"name": pending.name},
                user=user,
            ).summary
        except SourceError as error:  # the same bytes read before; kept for safety
            messages.error(request, source_error_text(error))
            return redirect("admin:workspace_import")
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
            "preview": _preview_shown(pending.preview),
        },
    )
