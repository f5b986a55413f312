"""Whole public pages come from the shared cache, and never outlive what they show."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from projektkatalog.catalogue import models as m
from tests.support.catalogue import projects_add


def _get(client, path: str) -> tuple[str, int]:  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return response.content.decode(), len(captured)


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/?q=kust", "/projekt/extra-projekt-1/", "/en/"])
def test_a_page_is_rendered_once_and_follows_the_catalogue(client, demo_catalogue, path):
    projects_add(3)
    cache.clear()
    first, rendering = _get(client, path)
    again, answering = _get(client, path)
    assert again == first and answering < rendering
    m.Project.objects.filter(slug="extra-projekt-1").update(title="Ett nytt namn på kusten")
    m.Project.objects.get(slug="extra-projekt-1").save()  # as an edit does: updated_at moves
    changed, _ = _get(client, path)
    assert "Ett nytt namn" in changed and "extra projekt 1 om" not in changed


@pytest.mark.django_db
def test_a_page_follows_the_operators_settings(client, demo_catalogue, settings):
    settings.PROJEKTKATALOG_PUBLISHER = "Region Ett"
    assert "Region Ett" in _get(client, "/")[0]
    settings.PROJEKTKATALOG_PUBLISHER = "Region Två"
    page = _get(client, "/")[0]
    assert "Region Två" in page and "Region Ett" not in page


@pytest.mark.django_db
def test_editors_pages_are_not_kept(client, demo_catalogue, django_user_model):
    projects_add(1)
    m.Project.objects.filter(slug="extra-projekt-0").update(state="draft")
    assert client.get("/projekt/extra-projekt-0/").status_code == 404
    editor = django_user_model.objects.create_user("redaktor", password="x" * 14, is_staff=True)
    client.force_login(editor)
    assert "extra projekt 0" in client.get("/projekt/extra-projekt-0/").content.decode()
    client.logout()
    assert client.get("/projekt/extra-projekt-0/").status_code == 404
