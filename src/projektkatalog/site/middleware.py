"""HTTP manners for every page, the workspace and the API included: a JSON log line per request,
and a per-address limit on searches and downloads.

They sit in `site/` because the public site is where the traffic comes from; nothing in here
knows any other delivery package, and settings.MIDDLEWARE is what puts them in front of all.
"""

from __future__ import annotations

import json
import logging
import math
import time
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase

request_log = logging.getLogger("projektkatalog.requests")

# Paths whose answers are whole files: the downloads and the feed.
DOWNLOAD_PREFIXES = ("/data/", "/feed.atom", "/datasets/")


class JsonLogFormatter(logging.Formatter):
    """One JSON object a line: time, level, logger, message, the request's fields, a traceback.

    Machines read it (journald, Loki, jq); an operator can still read it with their eyes.
    """

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, object] = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        line.update(getattr(record, "http", {}))
        if record.exc_info:
            line["error"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False)


class HeadMiddleware:
    """Answer HEAD as GET, without the body (RFC 9110, 9.3.2).

    Every view and kept answer is written for GET: the API's operations answered HEAD with 405
    until a GET had put the answer in the cache, and pages came with their whole body, which
    gunicorn then dropped with a warning in the log for every such request. Here a HEAD goes
    through as a GET (kept answers, ETag and 304 included) and its body is left out; its
    Content-Length stays that of the GET.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if request.method != "HEAD":
            return self.get_response(request)
        request.method = "GET"
        try:
            response = self.get_response(request)
        finally:
            request.method = "HEAD"
        if response.streaming:
            response.streaming_content = []  # type: ignore[attr-defined]
        else:
            if not response.has_header("Content-Length"):
                response["Content-Length"] = str(len(response.content))  # type: ignore[attr-defined]
            response.content = b""  # type: ignore[attr-defined]
        return response


class RequestLogMiddleware:
    """Log each request once it is answered: method, path, status and milliseconds.

    The query string is left out (a search may name a person) and so is the body (a log-in form
    carries a password); the path alone says what was asked for.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        started = time.perf_counter()
        response = self.get_response(request)
        milliseconds = round((time.perf_counter() - started) * 1000, 1)
        request_log.info(
            "%s %s %s",
            request.method,
            request.path,
            response.status_code,
            extra={
                "http": {
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "ms": milliseconds,
                }
            },
        )
        return response


def throttle_parse(text: str) -> tuple[int, int] | None:
    """Return (requests, seconds) from "REQUESTS/SECONDS", or None when the throttle is off."""
    if not text.strip():
        return None
    requests, _, seconds = text.partition("/")
    return int(requests), int(seconds or 60)


def _address(request: HttpRequest) -> str:
    """Return the client's address: the proxy's last hop when behind one, else the socket's."""
    if settings.PROJEKTKATALOG_BEHIND_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[-1].strip()
    return str(request.META.get("REMOTE_ADDR", ""))


def _throttled(request: HttpRequest) -> bool:
    """Searches (any request with words in `q`) and downloads are what cost the most to answer."""
    return request.path.startswith(DOWNLOAD_PREFIXES) or bool(request.GET.get("q", "").strip())


def throttle_applies(request: HttpRequest) -> bool:
    """Return whether the throttle counts this request (it is on, and this is a search or a
    download): the one rule for the throttle and for what may be answered before it."""
    return throttle_parse(settings.PROJEKTKATALOG_THROTTLE) is not None and _throttled(request)


class ThrottleMiddleware:
    """Answer 429 with Retry-After once an address has made too many searches or downloads.

    Counted in fixed windows in the default cache: one counter per address and window, so a
    flood costs one cache increment a request. Off unless PROJEKTKATALOG_THROTTLE is set.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if not throttle_applies(request):
            return self.get_response(request)
        requests, seconds = throttle_parse(settings.PROJEKTKATALOG_THROTTLE)  # type: ignore[misc]
        now = time.time()
        window = math.floor(now / seconds)
        key = f"throttle:{_address(request)}:{window}"
        cache.add(key, 0, timeout=seconds + 1)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr: this request opens a new window
            cache.set(key, 1, timeout=seconds + 1)
            count = 1
        if count <= requests:
            return self.get_response(request)
        response = HttpResponse(
            "För många förfrågningar – försök igen om en stund.\n"
            "Too many requests – please try again shortly.\n",
            status=429,
            content_type="text/plain; charset=utf-8",
        )
        response["Retry-After"] = str(max(1, math.ceil((window + 1) * seconds - now)))
        return response
