"""Whole answers (a public page, a feed, an API list) kept in the shared cache until the
catalogue, the day, the code or the operator's settings change: the one rule for the site's
pages and the API's answers alike.

An answer is kept compressed with its media type and its ETag, so that answering from the cache
neither renders nor hashes it again (a list of every organisation is megabytes at 100,000
projects: hashing it for the ETag on each request cost as much as sending it).
"""

from __future__ import annotations

import hashlib
import json
import zlib
from collections.abc import Callable
from functools import cache as cache_once
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpResponse
from django.http.response import HttpResponseBase
from django.utils.http import quote_etag

from projektkatalog.catalogue.labels import today

SECONDS = 24 * 3600
# What an answer's own headers say about its content, kept with it (the rest each request sets).
KEPT_HEADERS = ("ETag", "Last-Modified", "Content-Language")


@cache_once
def _code_version() -> str:
    """Return a token of this installation's code and templates (their sizes and times), so
    that a new release never answers with a page the old one rendered."""
    package = Path(__file__).resolve().parents[1]
    stamp = hashlib.sha256()
    for path in sorted(package.rglob("*")):
        if path.suffix in {".py", ".html", ".css", ".toml", ".mo", ".svg", ".js"}:
            info = path.stat()
            stamp.update(f"{path}|{info.st_size}|{info.st_mtime_ns}".encode())
    return stamp.hexdigest()


@cache_once
def _settings_version() -> str:
    """Return the operator's settings an answer may show (publisher, addresses, contacts ...).

    Read once, not per request (listing every setting was a tenth of a kept page's answer);
    read again whenever a setting changes (the tests' overrides send `setting_changed`)."""
    return json.dumps(
        [
            [name, str(getattr(settings, name))]
            for name in sorted(dir(settings))
            if name.startswith("PROJEKTKATALOG_")
        ]
    )


@receiver(setting_changed)
def _settings_changed(**kwargs: object) -> None:
    _settings_version.cache_clear()


def answer_key(*, version: str, parts: list[str | None]) -> str:
    """Return the shared cache's key of an answer made from the catalogue at `version`: it holds
    the day (statuses), the code and the operator's settings too, and `parts` say which answer."""
    stamp = [version, today().isoformat(), *parts, _code_version(), _settings_version()]
    return "page:" + hashlib.sha256(json.dumps(stamp).encode()).hexdigest()


def answer_cached(
    *,
    version: str,
    address: str,
    language: str | None,
    kinds: tuple[str, ...],
    render: Callable[[], HttpResponseBase],
) -> HttpResponseBase:
    """Return the answer `render` makes for `address`, from the cache when it is there.

    Only whole answers with status 200 and a media type starting with one of `kinds` are kept,
    so an error, a redirect or a streamed download is made afresh each time. Each answer gets
    its ETag here, once (the same one Django's ConditionalGetMiddleware would compute). A kept
    answer carries the version it was made from (`answer_version`): the site's
    WholeAnswerMiddleware keeps such answers again, under that version, as they leave the
    middleware with every header."""
    key = answer_key(version=version, parts=[language, address])
    kept = cache.get(key)
    if kept is not None:
        kind, headers, body = kept
        response = HttpResponse(zlib.decompress(body), content_type=kind)
        for name, value in headers.items():
            response[name] = value
        response.answer_version = version  # type: ignore[attr-defined]
        return response
    made = render()
    kind = made.get("Content-Type", "")
    if made.status_code != 200 or made.streaming or not kind.startswith(kinds):
        return made
    content = made.content  # type: ignore[attr-defined]
    etag = quote_etag(hashlib.md5(content, usedforsecurity=False).hexdigest())
    if not made.has_header("ETag"):
        made["ETag"] = etag
    headers = {name: made[name] for name in KEPT_HEADERS if made.has_header(name)}
    cache.set(key, (kind, headers, zlib.compress(content, 1)), timeout=SECONDS)
    made.answer_version = version  # type: ignore[attr-defined]
    return made
