"""Template context every public page needs: names, the other language's URL, the current section."""

from __future__ import annotations

import math
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse, translate_url
from django.utils.encoding import iri_to_uri
from django.utils.translation import get_language, override

NAV = {
    "catalogue": "catalogue",
    "project": "catalogue",
    "organisations": "organisations",
    "organisation": "organisations",
    "programmes": "programmes",
    "programme": "programmes",
    "timeline": "timeline",
    "statistics": "statistics",
}


# The twelve stars of the EU flag on a circle, for the emblem drawn in SVG.
EU_STARS = [
    (f"{30 + 12 * math.sin(i * math.pi / 6):.2f}", f"{20 - 12 * math.cos(i * math.pi / 6):.2f}")
    for i in range(12)
]


def _other_language_url(request: HttpRequest, other: str) -> str:
    """Return this page's address in the `other` language, from the match the request already
    has (translate_url resolves the path again: a tenth of a kept page's answer)."""
    match = getattr(request, "resolver_match", None)
    if match is None or match.url_name is None:
        return translate_url(request.get_full_path(), other)
    try:
        with override(other):
            path = reverse(match.view_name, args=match.args, kwargs=match.kwargs)
    except NoReverseMatch:
        return translate_url(request.get_full_path(), other)
    query = request.META.get("QUERY_STRING", "")
    return f"{path}?{iri_to_uri(query)}" if query else path  # as get_full_path() gives it


def site(request: HttpRequest) -> dict[str, Any]:
    other = "en" if get_language() == "sv" else "sv"
    match = getattr(request, "resolver_match", None)
    url = _other_language_url(request, other)
    return {
        "site_name": "Projektkatalog",
        "publisher": settings.PROJEKTKATALOG_PUBLISHER,
        "other_language_url": url,
        "eu_stars": EU_STARS,
        "nav": NAV.get(match.url_name, "") if match else "",
    }
