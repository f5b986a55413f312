from django.http import HttpRequest, JsonResponse
from django.urls import path

from projektkatalog.api.views import api


def api_index(request: HttpRequest) -> JsonResponse:
    """Answer the API's root (DCAT's access URL) with where its description and lists are."""
    root = request.build_absolute_uri("/api/v1/")
    return JsonResponse(
        {
            "title": api.title,
            "version": api.version,
            "openapi": root + "openapi.json",
            "docs": root + "docs",
            "projects": root + "projects",
        }
    )


urlpatterns = [
    path("api/v1/", api_index, name="api_index"),
    path("api/v1/", api.urls),
]
