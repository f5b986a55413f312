"""The quality dashboard: every finding, a link to fix it, and a way to accept it."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.admin import site
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from projektkatalog.catalogue.findings import finding_label
from projektkatalog.catalogue.labels import today
from projektkatalog.catalogue.quality import Issue, IssuePages, quality_counts
from projektkatalog.workspace import services


def _fix_url(issue: Issue, back: str) -> str:
    """Return where the finding is fixed, with the way back to this page of the dashboard."""
    if issue.project is not None:
        url = reverse("admin:catalogue_project_change", args=[issue.project.pk])
    elif issue.organisation is not None:
        url = reverse("admin:catalogue_organisation_change", args=[issue.organisation.pk])
    else:
        return ""
    return f"{url}?{urlencode({'next': back})}"


def quality_dashboard(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("catalogue.view_project"):
        raise PermissionDenied
    if request.method == "POST":
        if not request.user.has_perm("catalogue.add_acceptance"):
            raise PermissionDenied
        project = request.POST.get("project", "")
        project_id = int(project) if project.isdigit() else None
        code, detail = request.POST.get("code", ""), request.POST.get("detail", "")
        if "undo" in request.POST:
            services.finding_accept_undo(project_id=project_id, code=code, detail=detail)
            messages.success(request, _("Godkännandet är ångrat; anmärkningen visas igen."))
        else:
            services.finding_accept(
                project_id=project_id, code=code, detail=detail, user=request.user
            )
            messages.success(request, _("Anmärkningen är godkänd och visas inte längre."))
        return redirect(request.get_full_path())
    showing_accepted = request.GET.get("godkanda") == "1"
    # Counted and paged by the database: at 100,000 projects the findings number in the
    # hundreds of thousands, and the page shows a hundred.
    counts = quality_counts(today(), accepted=showing_accepted)
    code = request.GET.get("kod", "")
    issues = IssuePages(today(), accepted=showing_accepted, code=code, counts=counts)
    page = Paginator(issues, 100).get_page(request.GET.get("sida"))
    return render(
        request,
        "workspace/quality.html",
        {
            **site.each_context(request),
            "title": _("Kvalitet"),
            "page": page,
            "rows": [(i, _fix_url(i, request.get_full_path())) for i in page.object_list],
            "counts": sorted((finding_label(c), c, n) for c, n in counts.items()),
            "code": code,
            "total": sum(counts.values()),
            "showing_accepted": showing_accepted,
        },
    )
