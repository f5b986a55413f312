"""The site's public address, which every export that names a page needs."""

from __future__ import annotations

from django.conf import settings


def base_url(request_base: str = "") -> str:
    """Return PROJEKTKATALOG_BASE_URL, else the address a request came to, without a final /."""
    return (settings.PROJEKTKATALOG_BASE_URL or request_base).rstrip("/")
