"""Public pages. For now a plain, accessible list of the catalogue and one page per project."""

from __future__ import annotations

import datetime as dt

from django.shortcuts import get_object_or_404, render

from projektkatalog.catalogue import models as m
from projektkatalog.catalogue.selectors import project_status, projects_for_listing
from projektkatalog.domain.phones import phone_display

STATUS_LABELS = {
    "planned": "Planerat",
    "ongoing": "Pågående",
    "ended": "Avslutat",
    "permanent": "Permanent",
    "unknown": "Okänd status",
}


def catalogue(request):  # type: ignore[no-untyped-def]
    today = dt.date.today()
    projects = list(projects_for_listing())
    for project in projects:
        project.status = project_status(project, today)
        project.status_label = STATUS_LABELS[project.status]
    groups = []
    for category in m.Category.objects.order_by("position"):
        members = [p for p in projects if any(c.pk == category.pk for c in p.categories.all())]
        groups.append((category, members))
    return render(request, "site/catalogue.html", {"groups": groups, "count": len(projects)})


def project_detail(request, slug: str):  # type: ignore[no-untyped-def]
    project = get_object_or_404(projects_for_listing(), slug=slug)
    status = project_status(project, dt.date.today())
    contacts = [
        (c, [(ph, phone_display(ph.number)) for ph in c.phones.all()])
        for c in project.contacts.all()
    ]
    return render(
        request,
        "site/project.html",
        {
            "project": project,
            "status_label": STATUS_LABELS[status],
            "contacts": contacts,
        },
    )
