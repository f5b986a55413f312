"""Template context every public page needs: names, the other language's URL, the current section."""

from __future__ import annotations

import math
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import translate_url
from django.utils.translation import get_language

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


def site(request: HttpRequest) -> dict[str, Any]:
    other = "en" if get_language() == "sv" else "sv"
    match = getattr(request, "resolver_match", None)
    url = translate_url(request.get_full_path(), other)
    return {
        "site_name": "Projektkatalog",
        "publisher": settings.PROJEKTKATALOG_PUBLISHER,
        "other_language_url": url,
        "eu_stars": EU_STARS,
        "nav": NAV.get(match.url_name, "") if match else "",
    }
