"""More of the same: projects added to a test catalogue, to show a cost does not grow with it."""

from __future__ import annotations

import datetime as dt

from projektkatalog.catalogue import models as m
from projektkatalog.domain.searching import search_document


def projects_add(n: int, *, prefix: str = "extra") -> None:
    """Add `n` published projects, each with a category, a programme and two organisations
    (some of them new), and a description that mentions "kust"."""
    category, _ = m.Category.objects.get_or_create(
        slug=f"{prefix}-kategori", defaults={"name": f"{prefix} kategori", "position": 99}
    )
    programme, _ = m.Programme.objects.get_or_create(
        slug=f"{prefix}-program", defaults={"name": f"{prefix} program"}
    )
    for i in range(n):
        title = f"{prefix} projekt {i} om kusten"
        organisations = [
            m.Organisation.objects.get_or_create(
                slug=f"{prefix}-org-{k}", defaults={"name": f"{prefix} organisation {k}"}
            )[0]
            for k in (i, i + 1)
        ]
        project = m.Project.objects.create(
            slug=f"{prefix}-projekt-{i}",
            title=title,
            description="Ett projekt vid kusten.",
            position=1000 + i,
            period_start="2020",
            period_end="2030",
            start_date=dt.date(2020, 1, 1),
            end_date=dt.date(2030, 12, 31),
            start_year=2020,
            end_year=2030,
            search_text=search_document(title, "Ett projekt vid kusten."),
        )
        m.ProjectCategory.objects.create(project=project, category=category)
        m.ProjectProgramme.objects.create(project=project, programme=programme)
        for k, organisation in enumerate(organisations):
            m.Participation.objects.create(
                project=project, organisation=organisation, role="partner", position=k
            )
