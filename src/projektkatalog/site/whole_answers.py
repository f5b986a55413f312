"""Kept answers given before Django's middleware: a public page a reader asked for before,
answered with the very bytes and headers it left the server with the first time.

A kept page (`catalogue.answers.answer_cached`) still went through the whole middleware stack
on every request: security headers, the content security policy, sessions, the language, CSRF,
gzip, conditional GETs ... about 0.4 ms of a kept answer's 0.6 ms of CPU, which is what kept
one Python process below twice Datasette's rate on project pages. Here the answer is kept as it
left the stack, every header included, so that the next identical request needs none of it.
It is kept in this process's memory only: another worker that has not answered it yet finds the
page in the shared cache one layer down (0.5 ms) and keeps it from then on, and a page no one
has asked for is written to the shared cache once, not twice.

What an answer may depend on is the key: the catalogue's version, the day, the code and the
operator's settings (`answer_key`), the address (scheme, host, path, query), and the request's
Accept-Language and Accept-Encoding as sent. Only requests that carry nothing else that could
change the answer are answered here: a GET with no cookie at all (an editor's session, the
language cookie, a CSRF token), no conditional header (Django answers those with 304), and no
search or download the throttle counts while it is on. Only answers that a view kept per
catalogue version themselves (`response.answer_version`) with status 200, no cookie set and a
body in memory are kept here, so an error, a redirect, the health check, the workspace and a
download never are. A gzip answer is kept as the stream Django's GZipMiddleware compresses
(level 6, no time, no name: the same bytes for the same page) and given with a file name of
random length in its header each time, as that middleware does against BREACH: compressing
the page again for each request made a kept gzip answer cost 0.18 ms of CPU in process, the
same page plain 0.11 ms.
"""

from __future__ import annotations

import gzip
import json
import secrets
from collections import OrderedDict
from collections.abc import Callable
from threading import Lock

from django.core.exceptions import DisallowedHost
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.middleware.gzip import GZipMiddleware

from projektkatalog.catalogue.answers import answer_key
from projektkatalog.settings.file_cache import cache_cleared
from projektkatalog.site.common import catalogue_stamp_of
from projektkatalog.site.middleware import throttle_applies

# Request headers that make a request one this layer must not answer: its answer depends on who
# asks (cookies) or is not the whole page (conditional requests, ranges).
PASSED_ON = (
    "HTTP_COOKIE",
    "HTTP_AUTHORIZATION",
    "HTTP_IF_NONE_MATCH",
    "HTTP_IF_MODIFIED_SINCE",
    "HTTP_IF_MATCH",
    "HTTP_IF_UNMODIFIED_SINCE",
    "HTTP_RANGE",
)
# What each process keeps, in bytes of answers: a few thousand project pages (6-20 KB each).
MEMORY_BYTES = 32 * 1024 * 1024


# An answer's headers, its body (for a gzip answer the unpadded stream) and whether it is gzip.
Kept = tuple[list[tuple[str, str]], bytes, bool]


class _Recent:
    """The answers this process gave last, up to MEMORY_BYTES, the least recently used first
    out. Their keys hold the catalogue's version, so an old answer is never found again; the
    requests they answer (what is asked, without the version) are counted too, so that a request
    none of them answers (a static file, the workspace, the health check) is passed on without
    asking the database for the version."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.size = 0
        self.entries: OrderedDict[str, tuple[str, Kept]] = OrderedDict()
        self.asked: dict[str, int] = {}
        self.lock = Lock()

    def answers(self, asked: str) -> bool:
        return asked in self.asked

    def get(self, key: str) -> Kept | None:
        with self.lock:
            entry = self.entries.get(key)
            if entry is None:
                return None
            self.entries.move_to_end(key)
            return entry[1]

    def put(self, asked: str, key: str, kept: Kept) -> None:
        with self.lock:
            if key in self.entries or len(kept[1]) > self.limit:
                return
            self.entries[key] = (asked, kept)
            self.asked[asked] = self.asked.get(asked, 0) + 1
            self.size += len(kept[1])
            while self.size > self.limit:
                _, (gone, (_, body, _)) = self.entries.popitem(last=False)
                self.size -= len(body)
                self.asked[gone] -= 1
                if not self.asked[gone]:
                    del self.asked[gone]

    def clear(self) -> None:
        with self.lock:
            self.entries.clear()
            self.asked.clear()
            self.size = 0


recent = _Recent(MEMORY_BYTES)


@receiver(cache_cleared)
def _cache_cleared(**kwargs: object) -> None:
    """Whoever empties the shared cache wants every answer made afresh: this process's too."""
    recent.clear()


def _asked(request: HttpRequest) -> str | None:
    """Return what this request asks for (the address and the headers that may change the
    answer), or None when this layer must pass it on whatever it keeps."""
    meta = request.META
    if request.method != "GET" or any(meta.get(name) for name in PASSED_ON):
        return None
    if throttle_applies(request):
        return None
    try:
        address = request.build_absolute_uri()
    except DisallowedHost:  # the stack answers it (400)
        return None
    parts = [address, meta.get("HTTP_ACCEPT_LANGUAGE", ""), meta.get("HTTP_ACCEPT_ENCODING", "")]
    return json.dumps(parts)


def _key(version: str, asked: str) -> str:
    """Return the key of the answer to `asked` made from the catalogue at `version`."""
    return answer_key(version=version, parts=["whole", asked])


def _unpadded(content: bytes) -> bytes:
    """Return the gzip stream Django's GZipMiddleware began from (`compress_string`: level 6,
    no time), without the file name of random length it then put in the header."""
    if content[3] == gzip.FNAME:  # the one flag compress_string sets
        end = content.index(b"\x00", 10)
        return content[:3] + b"\x00" + content[4:10] + content[end + 1 :]
    return gzip.compress(gzip.decompress(content), compresslevel=6, mtime=0)


def _padded(stream: bytes) -> bytes:
    """Return the gzip stream with a file name of random length, as `compress_string` gives
    it for GZipMiddleware (a name of "a"s, fewer than max_random_bytes, and its NUL)."""
    if not GZipMiddleware.max_random_bytes:
        return stream
    header = bytearray(stream[:10])
    header[3] = gzip.FNAME
    name = b"a" * secrets.randbelow(GZipMiddleware.max_random_bytes)
    return bytes(header) + name + b"\x00" + stream[10:]


def _response(headers: list[tuple[str, str]], body: bytes, compressed: bool) -> HttpResponse:
    """Return the kept answer; a gzip one with a new random padding."""
    response = HttpResponse(status=200)
    del response["Content-Type"]
    for name, value in headers:
        response[name] = value
    if compressed:
        body = _padded(body)
        response["Content-Length"] = str(len(body))
    response.content = body
    return response


def _kept_version(response: HttpResponseBase) -> str | None:
    """Return the catalogue's version a kept answer was made from, or None when this answer
    may not be kept here (an error, a redirect, a stream, a cookie set, made afresh)."""
    if response.status_code != 200 or response.streaming or response.cookies:
        return None
    return getattr(response, "answer_version", None)


class WholeAnswerMiddleware:
    """Answer a request from the kept whole answers, or keep the answer the stack gives."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        asked = _asked(request)
        if asked is None:
            return self.get_response(request)
        if recent.answers(asked):
            kept = recent.get(_key(catalogue_stamp_of(request).version, asked))
            if kept is not None:
                return _response(*kept)
        response = self.get_response(request)
        version = _kept_version(response)
        if version is not None:
            body = response.content  # type: ignore[attr-defined]
            compressed = response.get("Content-Encoding") == "gzip"
            if compressed:
                body = _unpadded(body)
            recent.put(asked, _key(version, asked), (list(response.items()), body, compressed))
        return response
