"""The catalogue's version is read again only when something was written since the last look,
by this connection or any other; never stale, and one cheap question when nothing changed."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.db import connection, connections, transaction
from django.test.utils import CaptureQueriesContext

from projektkatalog.catalogue import models as m
from projektkatalog.catalogue.selectors import catalogue_stamp, catalogue_version

pytestmark = pytest.mark.django_db(transaction=True)


def _stamp_and_queries() -> tuple[object, int]:
    with CaptureQueriesContext(connection) as captured:
        stamp = catalogue_stamp()
    return stamp, len(captured)


def test_an_unchanged_catalogue_costs_one_small_question():
    m.Project.objects.create(slug="ett", title="Ett")
    first, _ = _stamp_and_queries()
    looks = [_stamp_and_queries() for _ in range(5)]
    assert all(stamp == first for stamp, _ in looks)
    # The token of writes, not the counts. PostgreSQL's own background work (autovacuum) may
    # move its WAL position now and then, which only costs one reading of the counts more.
    assert min(queries for _, queries in looks) == 1


def test_a_write_on_this_connection_changes_the_version():
    m.Project.objects.create(slug="ett", title="Ett")
    before = catalogue_version()
    m.Category.objects.create(name="Ny kategori", slug="ny", position=1)
    assert catalogue_version() != before
    project = m.Project.objects.get(slug="ett")
    before = catalogue_version()
    later = project.updated_at + dt.timedelta(seconds=5)
    m.Project.objects.filter(pk=project.pk).update(title="Ett, ändrat", updated_at=later)
    after = catalogue_stamp()  # the same counts: only the last change tells
    assert after.version != before and after.changed == later
    before = after.version
    m.Project.objects.filter(pk=project.pk).delete()
    assert catalogue_version() != before
    assert m.Category.objects.count() == 1  # nothing else was touched


def test_a_write_on_another_connection_changes_the_version():
    m.Project.objects.create(slug="ett", title="Ett")
    before = catalogue_version()

    def elsewhere() -> None:  # another thread: Django gives it a connection of its own
        m.Project.objects.create(slug="tva", title="Två")
        connections.close_all()

    thread = threading.Thread(target=elsewhere)
    thread.start()
    thread.join()
    assert catalogue_version() != before
    assert sorted(m.Project.objects.values_list("slug", flat=True)) == ["ett", "tva"]


def test_last_change_is_the_latest_of_projects_and_the_catalogue_state():
    project = m.Project.objects.create(slug="ett", title="Ett")
    changed = catalogue_stamp().changed
    assert changed is not None and changed.tzinfo is not None
    assert abs(changed - m.Project.objects.get(pk=project.pk).updated_at) < dt.timedelta(seconds=1)


def test_inside_a_transaction_the_version_is_always_read_afresh():
    m.Project.objects.create(slug="ett", title="Ett")
    catalogue_stamp()
    with transaction.atomic():
        before = catalogue_version()
        m.Project.objects.create(slug="tva", title="Två")
        assert catalogue_version() != before
