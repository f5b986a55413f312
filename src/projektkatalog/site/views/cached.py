"""Public pages kept whole in the shared cache until the catalogue or the day changes.

A catalogue page is a function of the catalogue's version, the day (statuses), the language and
the address asked for; rendering its fifty projects and six facets took most of a warm request
(20-40 ms at 100,000 projects), answering it from the cache about a millisecond.
"""

from __future__ import annotations

import hashlib
import json
import zlib
from collections.abc import Callable
from functools import cache as cache_once
from functools import wraps
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language

from projektkatalog.catalogue.labels import today
from projektkatalog.site.common import catalogue_stamp_of

PAGE_SECONDS = 24 * 3600


@cache_once
def _code_version() -> str:
    """Return a token of this installation's code and templates (their sizes and times), so
    that a new release never answers with a page the old one rendered."""
    package = Path(__file__).resolve().parents[2]
    stamp = hashlib.sha256()
    for path in sorted(package.rglob("*")):
        if path.suffix in {".py", ".html", ".css", ".toml", ".mo", ".svg", ".js"}:
            info = path.stat()
            stamp.update(f"{path}|{info.st_size}|{info.st_mtime_ns}".encode())
    return stamp.hexdigest()


def _settings_version() -> list[object]:
    """Return the operator's settings a page may show (publisher, addresses, contacts ...)."""
    return [
        [name, str(getattr(settings, name))]
        for name in sorted(dir(settings))
        if name.startswith("PROJEKTKATALOG_")
    ]


def page_cached(request: HttpRequest, render: Callable[[], HttpResponse]) -> HttpResponse:
    """Return the page `render` makes for this request, from the cache when it is there.

    Only whole HTML answers with status 200 are kept (compressed: pages are ~100 KB), so an
    error or a redirect is made afresh each time."""
    address = request.build_absolute_uri()
    parts = [
        catalogue_stamp_of(request).version,
        today().isoformat(),
        get_language(),
        address,
        _code_version(),
        _settings_version(),
    ]
    key = "page:" + hashlib.sha256(json.dumps(parts).encode()).hexdigest()
    kept = cache.get(key)
    if kept is not None:
        return HttpResponse(zlib.decompress(kept))
    response = render()
    if response.status_code == 200 and response.get("Content-Type", "").startswith("text/html"):
        cache.set(key, zlib.compress(response.content, 1), timeout=PAGE_SECONDS)
    return response


def whole_page_cached(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Keep the pages of `view` whole in the shared cache (see `page_cached`).

    For the overview pages whose cost grows with the catalogue (every organisation, every
    programme with its count, the statistics' sums): at 100,000 projects they took from a
    quarter of a second to fifteen seconds to make, and they change only with the catalogue.
    """

    @wraps(view)
    def cached_view(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return page_cached(request, lambda: view(request, *args, **kwargs))

    return cached_view
