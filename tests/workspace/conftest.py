"""Fixtures for the editors' workspace: the demo catalogue, an editor and an administrator."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest


def _user(name: str, *, admin: bool):  # type: ignore[no-untyped-def]
    from django.contrib.auth import get_user_model

    from projektkatalog.catalogue.roles import roles_ensure

    editors, administrators = roles_ensure()
    user = get_user_model().objects.create_user(
        name, f"{name}@example.se", "ett-långt-lösenord-1", is_staff=True, is_superuser=admin
    )
    user.groups.add(administrators if admin else editors)
    return user


@pytest.fixture
def editor(db):  # type: ignore[no-untyped-def]
    return _user("redaktor", admin=False)


@pytest.fixture
def administrator(db):  # type: ignore[no-untyped-def]
    return _user("administrator", admin=True)


@pytest.fixture
def editor_client(client, editor):  # type: ignore[no-untyped-def]
    client.force_login(editor)
    return client


@pytest.fixture
def administrator_client(client, administrator):  # type: ignore[no-untyped-def]
    client.force_login(administrator)
    return client


class _FormReader(HTMLParser):
    """Collect what a browser would submit from one form: inputs, selects and textareas."""

    def __init__(self, form_id: str) -> None:
        super().__init__()
        self.form_id, self.inside, self.data = form_id, False, []
        self._select: str | None = None
        self._textarea: str | None = None
        self._text = ""

    def handle_starttag(self, tag, attrs):  # type: ignore[no-untyped-def]
        a = dict(attrs)
        if tag == "form" and a.get("id") == self.form_id:
            self.inside = True
        if not self.inside:
            return
        name = a.get("name")
        if tag == "input" and name and a.get("type") not in ("submit", "button", "file"):
            if a.get("type") in ("checkbox", "radio") and "checked" not in a:
                return
            self.data.append((name, a.get("value", "on" if a.get("type") == "checkbox" else "")))
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in a:
            self.data.append((self._select, a.get("value", "")))
        elif tag == "textarea" and name:
            self._textarea, self._text = name, ""

    def handle_data(self, data):  # type: ignore[no-untyped-def]
        if self._textarea:
            self._text += data

    def handle_endtag(self, tag):  # type: ignore[no-untyped-def]
        if tag == "form" and self.inside:
            self.inside = False
        elif tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea:
            self.data.append((self._textarea, self._text.removeprefix("\n")))
            self._textarea = None


def form_data(html: str, form_id: str) -> dict[str, str | list[str]]:
    """Return the fields of form `form_id` in `html` as the browser would post them."""
    reader = _FormReader(form_id)
    reader.feed(html)
    data: dict[str, str | list[str]] = {}
    for name, value in reader.data:
        if name in data:
            old = data[name]
            data[name] = [*old, value] if isinstance(old, list) else [old, value]
        else:
            data[name] = value
    return data
