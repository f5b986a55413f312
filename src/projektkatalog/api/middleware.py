"""HTTP manners for the open API: anyone may read it from a browser, and caches may keep it."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase

from projektkatalog.catalogue.answers import answer_cached
from projektkatalog.catalogue.selectors import catalogue_version

# What the API answers from the catalogue is kept whole until it (or the day) changes; its
# description and documentation pages are made without the database and are not.
CACHED_PREFIX = "/api/v1/"
NOT_CACHED = ("/api/v1/openapi.json", "/api/v1/docs")


class OpenApiHeadersMiddleware:
    """Add CORS and Cache-Control headers to GET responses under /api/."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response: HttpResponseBase
        if request.path.startswith("/api/") and request.method == "OPTIONS":
            response = HttpResponse(status=204)
            response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
            response["Access-Control-Allow-Headers"] = "If-None-Match, If-Modified-Since"
            response["Access-Control-Max-Age"] = "86400"
        else:
            response = self.get_response(request)
        # HEAD arrives here as GET (site.middleware.HeadMiddleware, earlier in the stack).
        if request.path.startswith("/api/") and request.method in ("GET", "OPTIONS"):
            response["Access-Control-Allow-Origin"] = "*"
            response["Access-Control-Expose-Headers"] = "ETag, Last-Modified"
            if response.status_code == 200:
                response.setdefault("Cache-Control", "public, max-age=300")
        return response


class ApiAnswerCacheMiddleware:
    """Answer the API's GET requests from the shared cache while the catalogue is unchanged
    (`catalogue.answers.answer_cached`, the rule the site's pages follow): a list of fifty
    projects is built and serialised in 10-20 ms at 100,000 projects, read back in well under
    one. Only whole JSON answers with status 200 are kept."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        path = request.path
        if (
            request.method != "GET"
            or not path.startswith(CACHED_PREFIX)
            or path.startswith(NOT_CACHED)
        ):
            return self.get_response(request)
        return answer_cached(
            version=catalogue_version(),
            address=request.build_absolute_uri(),
            language=None,
            kinds=("application/json",),
            render=lambda: self.get_response(request),
        )
