"""Project, organisation and programme pages."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.decorators.http import condition

from projektkatalog.catalogue import models as m
from projektkatalog.catalogue.listing import (
    organisations_listed,
    programmes_listed,
    status_expression,
)
from projektkatalog.catalogue.selectors import (
    ProjectPage,
    project_page,
    project_status,
)
from projektkatalog.domain.period_text import period_text
from projektkatalog.domain.phones import phone_display
from projektkatalog.domain.rich_text import rich_text_clean, rich_text_is_html, rich_text_plain
from projektkatalog.opendata.addresses import base_url
from projektkatalog.opendata.writers import (
    organisation_url,
    programme_url,
    project_url,
    schema_project,
)
from projektkatalog.site.common import (
    FUNDING_LABELS,
    ROLE_LABELS,
    STATUS_LABELS,
    catalogue_last_modified,
    page_number,
    slug_urls,
    today,
)
from projektkatalog.site.views.cached import page_cached, whole_page_cached

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

ORGANISATIONS_PER_PAGE = 200


def _json_ld(request: HttpRequest, page: ProjectPage, description: str) -> str:
    """Return the project as schema.org JSON-LD, the same node as in /data/projekt.jsonld."""
    base = base_url(request.build_absolute_uri("/"))
    project = page.project
    data = {
        "@context": "https://schema.org",
        **schema_project(
            url=project_url(base, project.slug),
            title=project.title,
            description=description[:5000],
            language=project.language,
            members=[
                (organisation_url(base, x["organisation_slug"]), x["organisation_name"], x["role"])
                for x in page.participations
            ],
            funders=[(programme_url(base, p["slug"]), p["name"]) for p in page.programmes],
            start=project.period_start or None,
            end=project.period_end or None,
        ),
    }
    return json.dumps(data, ensure_ascii=False).replace("</", "<\\/")


@condition(last_modified_func=catalogue_last_modified)
def project_detail(request: HttpRequest, slug: str) -> HttpResponse:
    if request.user.is_staff:  # editors may look at a draft: their pages are not kept
        return _project_detail(request, slug)
    return page_cached(request, lambda: _project_detail(request, slug))


ROLE_CHOICES = dict(m.Participation.Role.choices)
PHONE_KINDS = dict(m.Phone.Kind.choices)


def _project_detail(request: HttpRequest, slug: str) -> HttpResponse:
    day = today()
    page = project_page(slug=slug, today=day, drafts=request.user.is_staff)
    if page is None:
        raise Http404
    project = page.project
    # Addresses made here from one reverse each, not by the template's {% url %} per link.
    organisation_url = slug_urls("site:organisation")
    programme_url = slug_urls("site:programme")
    catalogue_url = reverse("site:catalogue")
    participations = [
        {
            **x,
            "role_label": ROLE_CHOICES.get(x["role"], x["role"]),
            "url": organisation_url(x["organisation_slug"]),
        }
        for x in page.participations
    ]
    contacts = [
        (
            c,
            [
                (ph, PHONE_KINDS.get(ph["kind"], ph["kind"]), phone_display(ph["number"]))
                for ph in c["phones"]
            ],
        )
        for c in page.contacts
    ]
    description = rich_text_plain(project.description)
    return render(
        request,
        "site/project.html",
        {
            "project": project,
            "status_label": STATUS_LABELS[project_status(project, day)],
            "period_words": period_text(
                project.period_start or None, project.period_end or None, request.LANGUAGE_CODE
            ),
            "catalogue_url": catalogue_url,
            "categories": [
                {**c, "url": f"{catalogue_url}?kategori={c['slug']}"} for c in page.categories
            ],
            "programmes": [{**p, "url": programme_url(p["slug"])} for p in page.programmes],
            "eu_funded": any(p["fund"] for p in page.programmes),
            "leads": [x for x in participations if x["role"] == "lead"],
            "others": [x for x in participations if x["role"] != "lead"],
            "funding": [(f, FUNDING_LABELS.get(f["kind"], f["kind"])) for f in page.funding],
            "links": page.links,
            "contacts": contacts,
            "json_ld": _json_ld(request, page, description),
            # Rich text from the workspace is sanitised again on the way out; plain text is
            # escaped and broken into paragraphs by the template.
            "description_html": mark_safe(rich_text_clean(project.description))  # noqa: S308
            if rich_text_is_html(project.description)
            else None,
            "description_plain": description,
        },
    )


@condition(last_modified_func=catalogue_last_modified)
@whole_page_cached
def organisation_list(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "").strip()[:200]
    # A page at a time, as the catalogue: every organisation at once was an 8 MB page at
    # 100,000 projects. Past the last page shows the last one.
    paginator = Paginator(organisations_listed(today=today(), q=q), ORGANISATIONS_PER_PAGE)
    page = paginator.get_page(page_number(request))
    return render(
        request,
        "site/organisation_list.html",
        {"page": page, "q": q, "page_query": urlencode({"q": q}) if q else ""},
    )


@condition(last_modified_func=catalogue_last_modified)
def organisation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_object_or_404(m.Organisation.objects.prefetch_related("aliases"), slug=slug)
    # Rows the loop below dresses with display attributes for the template, beyond the model's.
    participations: list[Any] = list(
        organisation.participations.filter(m.public_projects("project"))
        .select_related("project")
        .annotate(status=status_expression(today(), "project__"))
        .order_by("project__position", "project__title")
    )
    for x in participations:
        x.status_label = STATUS_LABELS[x.status]
        x.role_label = ROLE_LABELS[x.role]
    project_ids = [x.project_id for x in participations]
    partners = (
        m.Organisation.objects.filter(participations__project_id__in=project_ids)
        .exclude(pk=organisation.pk)
        .annotate(
            n=Count(
                "participations__project",
                distinct=True,
                filter=Q(participations__project_id__in=project_ids),
            )
        )
        .order_by("-n", "name")[:10]
    )
    roles = Counter(x.role for x in participations)
    return render(
        request,
        "site/organisation.html",
        {
            "organisation": organisation,
            "participations": participations,
            "partners": partners,
            "roles": [(ROLE_LABELS[r], n) for r, n in roles.most_common()],
        },
    )


@condition(last_modified_func=catalogue_last_modified)
@whole_page_cached
def programme_list(request: HttpRequest) -> HttpResponse:
    programmes = programmes_listed(today=today())
    return render(request, "site/programme_list.html", {"programmes": programmes})


@condition(last_modified_func=catalogue_last_modified)
def programme_detail(request: HttpRequest, slug: str) -> HttpResponse:
    programme = get_object_or_404(m.Programme.objects.prefetch_related("aliases"), slug=slug)
    # Rows the loop below dresses with display attributes for the template, beyond the model's.
    projects: list[Any] = list(
        programme.projects.public()
        .annotate(status=status_expression(today()))
        .order_by("position", "title")
    )
    for p in projects:
        p.status_label = STATUS_LABELS[p.status]
        p.period_words = period_text(
            p.period_start or None, p.period_end or None, request.LANGUAGE_CODE
        )
    totals: dict[tuple[StrOrPromise, str], float] = defaultdict(float)
    for f in m.Funding.objects.filter(project__in=[p.pk for p in projects]):
        totals[(FUNDING_LABELS.get(f.kind, f.kind), f.currency)] += float(f.amount)
    statuses = Counter(p.status for p in projects)
    return render(
        request,
        "site/programme.html",
        {
            "programme": programme,
            "projects": projects,
            "totals": sorted((k, c, round(v)) for (k, c), v in totals.items()),
            "statuses": [(STATUS_LABELS[s], n) for s, n in statuses.most_common()],
            "eu_funded": bool(programme.fund),
        },
    )


def robots(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "site/robots.txt",
        {"sitemap": request.build_absolute_uri(reverse("sitemap"))},
        content_type="text/plain",
    )
