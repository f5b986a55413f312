"""404, 500 and 503 pages in the site's own design."""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader

# How long a reader is asked to wait while the database is away.
RETRY_AFTER_SECONDS = 30


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "site/404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    """Answer an unhandled error; a database that cannot be reached is a 503, not a 500.

    Django calls this inside its `except`, so the exception is at hand. No context processors
    or database here: whatever failed may fail again. The next request opens a new connection,
    so the site recovers by itself when the database is back.
    """
    if isinstance(sys.exc_info()[1], OperationalError | InterfaceError):
        response = HttpResponse(loader.get_template("site/503.html").render(), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return HttpResponseServerError(loader.get_template("site/500.html").render())
