"""A person's data in one place, for requests under the GDPR: list it, and remove it."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.admin import site
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from projektkatalog.workspace.services import person_find, person_remove


def personal_data(request: HttpRequest) -> HttpResponse:
    # Removing a person's data is a deletion: administrators only.
    if not request.user.has_perm("catalogue.delete_contact"):
        raise PermissionDenied
    query = (request.POST.get("q") or request.GET.get("q") or "").strip()[:200]
    if request.method == "POST" and query:
        removed = person_remove(query, user=request.user)
        messages.success(
            request,
            _(
                "Borttaget: %(contacts)d kontaktuppgifter, %(versions)d historikposter, "
                "%(findings)d anmärkningar."
            )
            % {
                "contacts": len(removed.contacts),
                "versions": len(removed.versions),
                "findings": len(removed.findings),
            },
        )
        return redirect(f"{request.path}?{urlencode({'q': query})}")
    found = person_find(query) if query else None
    return render(
        request,
        "workspace/personal_data.html",
        {
            **site.each_context(request),
            "title": _("Personuppgifter"),
            "query": query,
            "found": found,
            "too_short": bool(query) and len(query) < 3,
        },
    )
