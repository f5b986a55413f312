"""Fixtures for the reliability tests: an editor in the workspace, a client that checks CSRF."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.workspace.conftest import _user


@pytest.fixture
def editor(db):  # type: ignore[no-untyped-def]
    return _user("redaktor", admin=False)


@pytest.fixture
def strict_client(editor):  # type: ignore[no-untyped-def]
    """A logged-in editor's browser that, like a real one, must present the CSRF token."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    return client
