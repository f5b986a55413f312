"""The API's answers and the feed are kept whole while the catalogue is unchanged: the same bytes
and ETag for one question of the version, and a new answer as soon as anything changes."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection
from django.db.models import Value
from django.db.models.functions import Concat, Now
from django.test.utils import CaptureQueriesContext

from projektkatalog.catalogue import models as m

pytestmark = pytest.mark.django_db

PATHS = ["/api/v1/projects", "/api/v1/projects?q=energi", "/api/v1/organisations", "/feed.atom"]


@pytest.mark.parametrize("path", PATHS)
def test_an_answer_is_kept_until_the_catalogue_changes(client, demo_catalogue, path):  # type: ignore[no-untyped-def]
    cache.clear()
    first = client.get(path)
    assert first.status_code == 200
    with CaptureQueriesContext(connection) as captured:
        again = client.get(path)
    assert again.content == first.content and again["ETag"] == first["ETag"]
    assert again["Content-Type"] == first["Content-Type"]
    assert len(captured) <= 2  # the catalogue's version (and Last-Modified), not the answer
    # As an edit would: a new title and its time; a body added (first by its slug).
    m.Project.objects.update(title=Concat("title", Value(" (ändrad)")), updated_at=Now())
    m.Organisation.objects.create(name="Aaa nybildad förening", slug="aaa-nybildad-forening")
    changed = client.get(path)
    assert changed.status_code == 200
    assert changed.content != first.content


def test_a_conditional_request_for_a_kept_answer_is_answered_not_modified(client, demo_catalogue):  # type: ignore[no-untyped-def]
    cache.clear()
    etag = client.get("/api/v1/projects")["ETag"]
    client.get("/api/v1/projects")  # from the cache now
    assert client.get("/api/v1/projects", HTTP_IF_NONE_MATCH=etag).status_code == 304
