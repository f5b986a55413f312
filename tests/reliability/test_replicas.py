"""Read replicas: public readers read a replica, everything that writes or must see its own
writes reads the primary, and a replica that lags never leaves a wrong page in the cache.

The first tests need no replica and run on either database. The rest start a real PostgreSQL
hot standby streaming from the suite's server (tests.support.pgserver) and run only in the
PostgreSQL suite: `python -m tests.support.pgserver -- pytest tests/reliability/test_replicas.py`.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from django.db import DatabaseError, connections, router, transaction
from django.http import HttpResponse
from django.test import Client, RequestFactory, override_settings
from django.test.utils import CaptureQueriesContext

from projektkatalog.catalogue import models as m
from projektkatalog.catalogue import routers
from tests.support import pgserver
from tests.support.catalogue import projects_add
from tests.workspace.conftest import _user

ROOT = Path(__file__).resolve().parents[2]
REPLICA = "replica_1"
BOTH = pytest.mark.django_db(transaction=True, databases=["default", REPLICA])


def _alias_add(alias: str, **changes: object) -> None:
    """Make `alias` a replica of the test database, reached with the primary's settings changed
    as given (what settings/base.py makes of DATABASE_REPLICA_URLS)."""
    primary = connections["default"].settings_dict
    connections.settings[alias] = {
        **primary,
        **changes,
        "TEST": {**primary["TEST"], "MIRROR": "default"},
    }


def _alias_remove(alias: str) -> None:
    if hasattr(connections._connections, alias):
        connections[alias].close()
        del connections[alias]
    connections.settings.pop(alias, None)


# Without replicas, and the decisions themselves: either database.


@override_settings(DATABASE_REPLICAS=[])  # as the test settings have it; said, for the order
def test_without_replicas_the_router_says_nothing_and_a_request_has_no_route():
    seen = []

    def view(request):  # type: ignore[no-untyped-def]
        seen.append((routers.route_current(), router.db_for_read(m.Project)))
        return HttpResponse("ok")

    routers.ReplicaMiddleware(view)(RequestFactory().get("/"))
    assert seen == [(None, "default")]
    plain = routers.ReplicaRouter()
    assert plain.db_for_read(m.Project) is None and plain.db_for_write(m.Project) is None
    assert plain.allow_migrate("default", "catalogue") is None


@override_settings(DATABASE_REPLICAS=[REPLICA])
@pytest.mark.parametrize(
    ("method", "path", "cookie", "primary"),
    [
        ("get", "/", False, False),
        ("head", "/projekt/x/", False, False),
        ("get", "/", True, True),  # anyone with a session: an editor reads their own writes
        ("post", "/", False, True),
        ("get", "/admin/", False, True),
        ("get", "/admin/catalogue/project/", False, True),
    ],
)
def test_which_requests_start_on_the_primary(settings, method, path, cookie, primary):
    factory = RequestFactory()
    if cookie:
        factory.cookies[settings.SESSION_COOKIE_NAME] = "a-session"
    route = routers.ReplicaMiddleware(HttpResponse).route_for(getattr(factory, method)(path))
    assert route is not None
    assert route.pinned is primary
    assert (route.replica == "default") is primary
    assert routers.ReplicaRouter().allow_migrate(REPLICA, "catalogue") is False


def _settings_read(tmp_path: Path, module: str, **environment: str) -> subprocess.CompletedProcess:  # type: ignore[type-arg]
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print([(a, d['HOST'], d['NAME'], d['TEST']['MIRROR'], d['CONN_MAX_AGE'], "
        "d.get('CONN_HEALTH_CHECKS')) for a, d in s.DATABASES.items()], s.DATABASE_REPLICAS)"
    )
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": module,
        "DJANGO_SECRET_KEY": "z" * 60,
        "PROJEKTKATALOG_VAR": str(tmp_path),
        **environment,
    }
    return subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, cwd=ROOT
    )


def test_each_replica_url_becomes_an_alias_and_production_checks_reused_connections(tmp_path):
    urls = {
        "DATABASE_URL": "postgres://u@primary.internal/katalog",
        "DATABASE_REPLICA_URLS": " postgres://u@r1.internal/katalog ,postgres://u@r2.internal/katalog",
        "DATABASE_CONN_MAX_AGE": "300",
    }
    base = _settings_read(tmp_path, "projektkatalog.settings.base", **urls)
    assert base.returncode == 0, base.stderr
    assert base.stdout.split("\n")[0] == (
        "[('default', 'primary.internal', 'katalog', None, 300, False), "
        "('replica_1', 'r1.internal', 'katalog', 'default', 300, False), "
        "('replica_2', 'r2.internal', 'katalog', 'default', 300, False)] "
        "['replica_1', 'replica_2']"
    )
    production = _settings_read(tmp_path, "projektkatalog.settings.production", **urls)
    assert production.returncode == 0, production.stderr
    assert production.stdout.count(", 300, True)") == 3
    # Without replicas nothing changes: one database, and on SQLite no health checks to pay.
    alone = _settings_read(tmp_path, "projektkatalog.settings.production", DATABASE_URL="")
    assert alone.stdout.startswith("[('default', '', ") and "'replica_" not in alone.stdout
    assert alone.stdout.rstrip().endswith(", 60, False)] []")


def test_replicas_without_a_postgresql_primary_are_refused_in_one_line(tmp_path):
    env = {
        **os.environ,
        "DATABASE_URL": "",
        "DATABASE_REPLICA_URLS": "postgres://u@r1.internal/katalog",
        "PROJEKTKATALOG_VAR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "projektkatalog.settings.base",
    }
    result = subprocess.run(
        [str(ROOT / ".venv/bin/projektkatalog"), "migrate"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [
        "projektkatalog: error: ImproperlyConfigured: DATABASE_REPLICA_URLS needs a PostgreSQL "
        "primary: set DATABASE_URL to a postgres:// URL"
    ]
    assert not (tmp_path / "projektkatalog.sqlite3").exists()


@pytest.fixture(scope="class")
def unreachable_replica(django_db_setup) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """A replica alias whose server is not there (a closed port; a folder that does not exist),
    added after the test databases are made (the test runner would make it a mirror)."""
    alias = "replica_gone"
    if connections["default"].vendor == "postgresql":
        _alias_add(alias, HOST="127.0.0.1", PORT=str(pgserver._free_port()))
    else:
        _alias_add(alias, NAME="/nonexistent/folder/replica.sqlite3")
    try:
        with override_settings(DATABASE_REPLICAS=[alias]):
            yield alias
    finally:
        routers._down_until.pop(alias, None)
        _alias_remove(alias)


class TestUnreachableReplica:
    """(A class, so that the alias exists before pytest-django checks the test's databases.)"""

    @pytest.mark.django_db(transaction=True, databases=["default", "replica_gone"])
    def test_a_replica_that_refuses_connections_is_skipped_for_the_primary(
        self, unreachable_replica, caplog
    ):
        projects_add(1)
        response = Client().get("/projekt/extra-projekt-0/")
        assert response.status_code == 200 and "extra projekt 0" in response.content.decode()
        assert unreachable_replica in routers._down_until
        assert f"replica {unreachable_replica} refused a connection" in caplog.text
        caplog.clear()
        assert Client().get("/projekt/extra-projekt-0/").status_code == 200
        assert "refused" not in caplog.text  # left alone for a while, not tried on every request


# A real streaming standby: PostgreSQL only.


@pytest.fixture(scope="module")
def standby(django_db_setup) -> Iterator[pgserver.Server]:  # type: ignore[no-untyped-def]
    """A hot standby of the suite's PostgreSQL server, known to Django as `replica_1` and in
    DATABASE_REPLICAS; stopped and forgotten after this module."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        pytest.skip(
            "read replicas are PostgreSQL standbys: run under "
            "`python -m tests.support.pgserver -- pytest`"
        )
    if urllib.parse.urlsplit(url).hostname not in {"127.0.0.1", "localhost"}:
        pytest.skip("the standby is started on this machine: DATABASE_URL must be a local server")
    with pgserver.standby(url) as server:
        _alias_add(REPLICA, HOST="127.0.0.1", PORT=str(server.port))
        try:
            with override_settings(DATABASE_REPLICAS=[REPLICA]):
                yield server
        finally:
            _alias_remove(REPLICA)


def _caught_up(server: pgserver.Server) -> None:
    pgserver.standby_wait(os.environ["DATABASE_URL"], server.url())


@contextlib.contextmanager
def replay_paused(server: pgserver.Server) -> Iterator[None]:
    """Hold the standby where it is, as a lagging replica: what the primary writes meanwhile
    reaches it only after the block."""
    with psycopg.connect(server.url("postgres"), autocommit=True) as control:
        control.execute("SELECT pg_wal_replay_pause()")
        try:
            yield
        finally:
            control.execute("SELECT pg_wal_replay_resume()")
    _caught_up(server)


@contextlib.contextmanager
def queries() -> Iterator[dict[str, CaptureQueriesContext]]:
    """Capture the queries of each database, to say which one answered."""
    with (
        CaptureQueriesContext(connections["default"]) as primary,
        CaptureQueriesContext(connections[REPLICA]) as replica,
    ):
        yield {"primary": primary, "replica": replica}


@BOTH
def test_a_public_page_is_read_from_the_replica_once_it_has_caught_up(standby):
    projects_add(1, prefix="a")
    _caught_up(standby)
    with queries() as seen:
        page = Client().get("/projekt/a-projekt-0/")
    assert page.status_code == 200 and "a projekt 0" in page.content.decode()
    assert len(seen["replica"]) > 0 and len(seen["primary"]) == 0
    with replay_paused(standby):
        projects_add(1, prefix="b")
        assert Client().get("/projekt/b-projekt-0/").status_code == 404  # not there yet
    assert "b projekt 0" in Client().get("/projekt/b-projekt-0/").content.decode()


@BOTH
def test_a_lagging_replica_never_leaves_an_old_page_under_a_new_version(standby):
    projects_add(1, prefix="c")
    _caught_up(standby)
    assert "c projekt 0" in Client().get("/").content.decode()
    with replay_paused(standby):
        projects_add(1, prefix="d")
        lagging = Client().get("/").content.decode()
        assert "c projekt 0" in lagging and "d projekt 0" not in lagging
    # Had the version come from the primary, the page above would be kept under the new
    # version and shown again here, without the project the primary has had all along.
    with queries() as seen:
        current = Client().get("/").content.decode()
    assert "c projekt 0" in current and "d projekt 0" in current
    # The new version's listing index was built from the replica too, as was all the rest.
    assert len(seen["primary"]) == 0 and len(seen["replica"]) > 0


@BOTH
def test_a_write_in_a_public_request_goes_to_the_primary_and_so_does_every_read_after(standby):
    projects_add(1, prefix="e")
    _caught_up(standby)
    before = set(m.Organisation.objects.values_list("slug", flat=True))
    steps = {}

    def view(request):  # type: ignore[no-untyped-def]
        steps["read"] = router.db_for_read(m.Project)
        steps["projects"] = m.Project.objects.count()
        m.Organisation.objects.create(slug="ny-organisation", name="Ny organisation")
        steps["after"] = router.db_for_read(m.Project)
        steps["own write"] = m.Organisation.objects.filter(slug="ny-organisation").exists()
        return HttpResponse("ok")

    with replay_paused(standby):
        routers.ReplicaMiddleware(view)(RequestFactory().get("/"))
        on_replica = set(m.Organisation.objects.using(REPLICA).values_list("slug", flat=True))
        assert on_replica == before  # the write went nowhere near the replica
    assert steps == {"read": REPLICA, "projects": 1, "after": "default", "own write": True}
    assert set(m.Organisation.objects.values_list("slug", flat=True)) == before | {
        "ny-organisation"
    }
    assert m.Project.objects.count() == 1
    # And were a write ever sent to a replica, it would fail rather than be lost.
    with pytest.raises(DatabaseError, match="read-only"):
        m.Organisation.objects.using(REPLICA).create(slug="fel", name="Fel")


@BOTH
def test_a_transaction_in_a_public_request_reads_the_primary_to_the_end(standby):
    projects_add(1, prefix="f")
    _caught_up(standby)
    where = []

    def view(request):  # type: ignore[no-untyped-def]
        where.append(router.db_for_read(m.Project))
        with transaction.atomic():
            where.append(router.db_for_read(m.Project))
        where.append(router.db_for_read(m.Project))
        return HttpResponse("ok")

    routers.ReplicaMiddleware(view)(RequestFactory().get("/"))
    assert where == [REPLICA, "default", "default"]


@BOTH
def test_the_workspace_and_a_logged_in_editor_read_the_primary(standby):
    editor = Client()
    editor.force_login(_user("redaktor", admin=False))
    projects_add(1, prefix="g")
    _caught_up(standby)
    with replay_paused(standby):
        projects_add(1, prefix="h")
        with queries() as seen:
            listing = editor.get("/admin/catalogue/project/").content.decode()
            page = editor.get("/projekt/h-projekt-0/")
        assert "h projekt 0" in listing and "g projekt 0" in listing
        assert page.status_code == 200 and "h projekt 0" in page.content.decode()
        assert len(seen["replica"]) == 0 and len(seen["primary"]) > 0
        assert Client().get("/projekt/h-projekt-0/").status_code == 404  # a reader: the replica
