"""404 and 500 pages in the site's own design."""

from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader


def not_found(request, exception=None):  # type: ignore[no-untyped-def]
    return render(request, "site/404.html", status=404)


def server_error(request):  # type: ignore[no-untyped-def]
    # No context processors or database here: whatever failed may fail again.
    return HttpResponseServerError(loader.get_template("site/500.html").render())
