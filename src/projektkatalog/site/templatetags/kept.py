"""`{% kept a b %}...{% endkept %}`: a part of the layout rendered once per process for each
value of `a` and `b` (and the language, the address prefix and the URLs), then given as it was.

The layout's header and footer are the same on every page of a language (their links, their
translated words): rendered afresh they were a fifth to a third of an uncached project page's
template time. Whatever the part shows must be named among its values or be fixed for the
process; only a few such parts exist, so what is kept stays small.
"""

from __future__ import annotations

import itertools
from typing import Any

from django import template
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template.base import FilterExpression, NodeList, Parser, Token
from django.urls import get_script_prefix, get_urlconf
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

register = template.Library()

# A guard, not a limit met in use: each part keeps one text per language and value.
KEPT_AT_MOST = 256

# Moves whenever a setting changes (the tests' overrides), so that nothing kept outlives it.
_settings_generation = itertools.count()
_generation = next(_settings_generation)


@receiver(setting_changed)
def _settings_changed(**kwargs: object) -> None:
    global _generation
    _generation = next(_settings_generation)


class KeptNode(template.Node):
    def __init__(self, nodelist: NodeList, values: list[FilterExpression]) -> None:
        self.nodelist = nodelist
        self.values = values
        self.kept: dict[tuple[Any, ...], SafeString] = {}

    def render(self, context: template.Context) -> SafeString:
        key = (
            _generation,
            get_language(),
            get_script_prefix(),
            get_urlconf() or settings.ROOT_URLCONF,
            *(v.resolve(context) for v in self.values),
        )
        text = self.kept.get(key)
        if text is None:
            if len(self.kept) >= KEPT_AT_MOST:
                self.kept.clear()
            text = self.kept[key] = mark_safe(self.nodelist.render(context))  # noqa: S308
        return text


@register.tag("kept")
def kept(parser: Parser, token: Token) -> KeptNode:
    """Keep the enclosed part per language, address prefix and the values named."""
    values = [parser.compile_filter(bit) for bit in token.split_contents()[1:]]
    nodelist = parser.parse(("endkept",))
    parser.delete_first_token()
    return KeptNode(nodelist, values)
