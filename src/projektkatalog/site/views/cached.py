"""Public pages kept whole in the shared cache until the catalogue or the day changes.

A catalogue page is a function of the catalogue's version, the day (statuses), the language and
the address asked for; rendering its fifty projects and six facets took most of a warm request
(20-40 ms at 100,000 projects), answering it from the cache about a millisecond. The rule (what
the key holds, what is kept) is `catalogue.answers.answer_cached`, shared with the API.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.utils.translation import get_language

from projektkatalog.catalogue.answers import answer_cached
from projektkatalog.site.common import catalogue_stamp_of

# Pages, the feed and the sitemap; downloads are files of their own (views/downloads.py).
KINDS = ("text/html", "application/atom+xml", "application/xml")


def page_cached(request: HttpRequest, render: Callable[[], HttpResponseBase]) -> HttpResponse:
    """Return the page `render` makes for this request, from the cache when it is there."""
    return answer_cached(  # type: ignore[return-value]
        version=catalogue_stamp_of(request).version,
        address=request.build_absolute_uri(),
        language=get_language(),
        kinds=KINDS,
        render=render,
    )


def whole_page_cached(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponse]:
    """Keep the pages of `view` whole in the shared cache (see `page_cached`).

    For the overview pages whose cost grows with the catalogue (every organisation, every
    programme with its count, the statistics' sums) and the feed: at 100,000 projects they took
    from a quarter of a second to fifteen seconds to make, and they change only with the
    catalogue.
    """

    @wraps(view)
    def cached_view(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return page_cached(request, lambda: view(request, *args, **kwargs))

    return cached_view
