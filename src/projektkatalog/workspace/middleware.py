"""The workspace speaks the editor's language.

The public site's URLs carry the language (`/` Swedish, `/en/` English), so Django's
LocaleMiddleware gives every unprefixed path — `/admin/` too — the default, Swedish. In the
workspace, the browser's language (or the language cookie) decides instead.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.utils import translation


class WorkspaceLanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if request.path_info.startswith("/admin/"):
            language = translation.get_language_from_request(request, check_path=False)
            translation.activate(language)
            request.LANGUAGE_CODE = translation.get_language()
        return self.get_response(request)
