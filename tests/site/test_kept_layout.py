"""The layout's kept parts (`{% kept %}`, rendered once per process) follow what they show: the
language, the current section, the publisher, the address prefix."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache
from django.template import Context, Template
from django.urls import set_script_prefix
from django.utils import translation

pytestmark = pytest.mark.django_db


def _current(page: str) -> list[str]:
    """Return the menu links marked as the current section."""
    return re.findall(r'<a href="([^"]+)" aria-current="page">', page)


def test_the_menu_marks_each_section_and_speaks_each_language(client, demo_catalogue):  # type: ignore[no-untyped-def]
    pages = {
        path: client.get(path).content.decode()
        for path in ("/", "/organisationer/", "/en/", "/en/program/", "/tillganglighet/")
    }
    assert _current(pages["/"]) == ["/"]
    assert _current(pages["/organisationer/"]) == ["/organisationer/"]
    assert _current(pages["/en/"]) == ["/en/"]
    assert _current(pages["/en/program/"]) == ["/en/program/"]
    assert _current(pages["/tillganglighet/"]) == []
    assert ">Organisationer<" in pages["/"] and ">Organisations<" in pages["/en/"]
    assert ">Accessibility statement<" in pages["/en/program/"]
    assert ">Tillgänglighetsredogörelse<" in pages["/organisationer/"]


def test_a_kept_part_follows_its_values_the_language_and_the_prefix():
    template = Template(
        "{% load i18n kept %}{% kept who %}{% translate 'Projekt' %} {{ who }} "
        "{% url 'site:programmes' %} {{ other }}{% endkept %}"
    )
    first = template.render(Context({"who": "A", "other": "ett"}))
    assert first == "Projekt A /program/ ett"
    # What is not among its values is kept as it was first rendered: the part names its values.
    assert template.render(Context({"who": "A", "other": "två"})) == first
    assert template.render(Context({"who": "B", "other": "två"})) == "Projekt B /program/ två"
    with translation.override("en"):
        assert template.render(Context({"who": "A"})) == "Projects A /en/program/ "
    set_script_prefix("/katalog/")
    try:
        assert template.render(Context({"who": "A"})) == "Projekt A /katalog/program/ "
    finally:
        set_script_prefix("/")


def test_nothing_kept_outlives_a_change_of_settings(client, demo_catalogue, settings):  # type: ignore[no-untyped-def]
    assert 'href="/static/site/style.css"' in client.get("/").content.decode()
    settings.STATIC_URL = "/statisk/"  # not among the kept part's values
    cache.clear()  # the whole page is kept too (its key names the operator's own settings)
    assert 'href="/statisk/site/style.css"' in client.get("/").content.decode()
