"""The read API: no key, the same filters and search as the website, JSON errors."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Annotated, Any, Literal, TypedDict
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import translation
from ninja import NinjaAPI, Query
from ninja.errors import ValidationError
from pydantic import Field

from projektkatalog.api import schemas
from projektkatalog.catalogue import models as m
from projektkatalog.catalogue.export_rows import projects_export
from projektkatalog.catalogue.labels import today
from projektkatalog.catalogue.listing import PAGE_SIZE, Filters, listing_cached
from projektkatalog.catalogue.selectors import organisation_ids_matching

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

api = NinjaAPI(
    title="Projektkatalog API",
    version="1",
    description=(
        "Read-only access to the catalogue of projects and collaborations. No key is needed. "
        "Lists are paginated with `page` and `page_size`; filters are the website's. "
        "Contact persons are left out unless the operator publishes them."
    ),
    urls_namespace="api",
)


@api.exception_handler(ValidationError)
def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    """One readable sentence per problem, not pydantic's internals."""
    problems = []
    for error in exc.errors:
        names = [
            str(x)
            for x in error.get("loc", [])
            if isinstance(x, str) and x not in ("query", "path")
        ]
        where = names[0] if names else "request"
        if error.get("type") == "literal_error":
            expected = (
                error.get("ctx", {}).get("expected", "").replace("'", "").replace(" or ", ", ")
            )
            problems.append(f"{where} must be one of: {expected}")
        else:
            problems.append(f"{where}: {error.get('msg', 'invalid')}")
    return api.create_response(request, {"detail": "; ".join(problems)}, status=400)


Year = Annotated[int, Field(ge=1900, le=2100)]
Status = Literal["ongoing", "planned", "permanent", "ended", "unknown"]


class ProjectQuery(schemas.Schema):
    q: str = Field(
        "", max_length=200, description="Search words (Swedish stemming, compounds, diacritics)"
    )
    kategori: list[str] = Field([], description="Category ids")
    status: list[Status] = Field([], description="Derived from the period and today's date")
    program: list[str] = Field([], description="Programme ids")
    organisation: list[str] = Field([], description="Organisation ids")
    land: list[str] = Field([], description="ISO 3166-1 alpha-2 country codes")
    ar: list[Year] = Field([], description="Years the project was active")
    page: int = Field(1, ge=1, le=100000)
    page_size: int = Field(PAGE_SIZE, ge=1, le=500)


def _clean(text: str) -> str:
    """Drop characters no database stores in text (NUL), so odd input finds nothing, not an error."""
    return text.replace("\x00", "")


# How many published projects a body or category has; drafts are not counted.
PUBLIC_PARTICIPATIONS = Count("participations", filter=m.public_projects("participations__project"))
PUBLIC_PROJECTS = Count("projects", filter=m.public_projects("projects"))


def _contacts_public() -> bool:
    return bool(getattr(settings, "PROJEKTKATALOG_PUBLIC_CONTACTS", False))


def _page_links(request: HttpRequest, page: int, pages: int) -> tuple[str | None, str | None]:
    params = [(k, v) for k, values in request.GET.lists() for v in values if k != "page"]

    def link(n: int) -> str:
        return request.build_absolute_uri(request.path + "?" + urlencode([*params, ("page", n)]))

    return (link(page + 1) if page < pages else None), (link(page - 1) if page > 1 else None)


@api.get(
    "/projects",
    response={200: schemas.ProjectPage, 400: schemas.Error},
    tags=["projects"],
    summary="List projects",
)
def project_list(request: HttpRequest, query: Query[ProjectQuery]) -> dict[str, Any]:
    filters = Filters(
        q=_clean(query.q).strip(),
        categories=[_clean(c) for c in query.kategori],
        statuses=list(query.status),
        programmes=[_clean(p) for p in query.program],
        organisations=[_clean(o) for o in query.organisation],
        countries=[_clean(c).upper() for c in query.land],
        years=query.ar,
    )
    day = today()
    listing = listing_cached(
        filters, page=query.page, page_size=query.page_size, today=day, facets=False
    )
    count = listing.count
    pages = max(1, math.ceil(count / query.page_size))
    page_projects = m.Project.objects.filter(pk__in=listing.ids)
    slugs = dict(page_projects.values_list("pk", "slug"))
    by_slug = {
        p["id"]: p for p in projects_export(page_projects, today=day, contacts=_contacts_public())
    }
    rows = [by_slug[slugs[i]] for i in listing.ids if i in slugs]
    next_url, previous_url = _page_links(request, query.page, pages)
    return {
        "count": count,
        "page": query.page,
        "pages": pages,
        "next": next_url,
        "previous": previous_url,
        "results": [_with_url(request, p) for p in rows],
    }


def _with_url(request: HttpRequest, data: dict[str, Any]) -> dict[str, Any]:
    """Add the project page's address: the Swedish one, whatever language the client asked in,
    so that the API names one page per project."""
    with translation.override(settings.LANGUAGE_CODE):
        path = reverse("site:project", args=[data["id"]])
    data["url"] = request.build_absolute_uri(path)
    return data


@api.get(
    "/projects/{project_id}",
    response={200: schemas.Project, 404: schemas.Error},
    tags=["projects"],
    summary="One project",
)
def project_detail(request: HttpRequest, project_id: str) -> dict[str, Any]:
    found = projects_export(
        m.Project.objects.public().filter(slug=_clean(project_id)),
        today=today(),
        contacts=_contacts_public(),
    )
    if not found:
        raise Http404
    return _with_url(request, found[0])


class _Counted(TypedDict):
    """What the lists count for each organisation or programme: its public projects."""

    n: int


class OrganisationQuery(schemas.Schema):
    q: str = Field("", max_length=200, description="Part of a name or alias")
    page: int = Field(1, ge=1, le=100000)
    page_size: int = Field(100, ge=1, le=1000)


def _organisation(o: WithAnnotations[m.Organisation, _Counted]) -> dict[str, Any]:
    return {
        "id": o.slug,
        "name": o.name,
        "aliases": sorted(a.name for a in o.aliases.all()),
        "country": o.country or None,
        "projects": o.n,
    }


@api.get(
    "/organisations",
    response={200: schemas.OrganisationPage, 400: schemas.Error},
    tags=["organisations"],
    summary="List organisations",
)
def organisation_list(request: HttpRequest, query: Query[OrganisationQuery]) -> dict[str, Any]:
    qs = m.Organisation.objects.order_by("slug")
    if q := query.q.strip():
        qs = qs.filter(pk__in=organisation_ids_matching(q))
    count = qs.count()
    start = (query.page - 1) * query.page_size
    # Counted for the page's organisations only (a subquery each), not grouped over every
    # participation first: at 100,000 projects that took seven seconds for fifty rows.
    page = qs[start : start + query.page_size].annotate(
        n=Coalesce(
            Subquery(
                m.Participation.objects.filter(organisation=OuterRef("pk"))
                .filter(m.public_projects("project"))
                .order_by()
                .values("organisation")
                .annotate(n=Count("id"))
                .values("n")
            ),
            0,
        )
    )
    return {
        "count": count,
        "page": query.page,
        "pages": max(1, math.ceil(count / query.page_size)),
        "results": [_organisation(o) for o in page.prefetch_related("aliases")],
    }


@api.get(
    "/organisations/{organisation_id}",
    response={200: schemas.Organisation, 404: schemas.Error},
    tags=["organisations"],
    summary="One organisation",
)
def organisation_detail(request: HttpRequest, organisation_id: str) -> dict[str, Any]:
    qs = m.Organisation.objects.annotate(n=PUBLIC_PARTICIPATIONS).prefetch_related("aliases")
    return _organisation(get_object_or_404(qs, slug=_clean(organisation_id)))


def _programme(p: WithAnnotations[m.Programme, _Counted]) -> dict[str, Any]:
    return {
        "id": p.slug,
        "name": p.name,
        "short_name": p.short_name or None,
        "fund": p.fund or None,
        "aliases": sorted(a.name for a in p.aliases.all()),
        "projects": p.n,
    }


@api.get(
    "/programmes", response=list[schemas.Programme], tags=["programmes"], summary="List programmes"
)
def programme_list(request: HttpRequest) -> list[dict[str, Any]]:
    qs = (
        m.Programme.objects.annotate(n=PUBLIC_PROJECTS).prefetch_related("aliases").order_by("slug")
    )
    return [_programme(p) for p in qs]


@api.get(
    "/programmes/{programme_id}",
    response={200: schemas.Programme, 404: schemas.Error},
    tags=["programmes"],
    summary="One programme",
)
def programme_detail(request: HttpRequest, programme_id: str) -> dict[str, Any]:
    qs = m.Programme.objects.annotate(n=PUBLIC_PROJECTS).prefetch_related("aliases")
    return _programme(get_object_or_404(qs, slug=_clean(programme_id)))


@api.get(
    "/categories", response=list[schemas.Category], tags=["categories"], summary="List categories"
)
def category_list(request: HttpRequest) -> list[dict[str, Any]]:
    qs = m.Category.objects.annotate(n=PUBLIC_PROJECTS).order_by("position", "name")
    return [{"id": c.slug, "name": c.name, "projects": c.n} for c in qs]
