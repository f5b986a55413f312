"""`/healthz` for a load balancer or a monitor: "ok" or 503, and no details for the public."""

from __future__ import annotations

from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache

# Once every migration is applied it stays so until the code changes, which restarts the
# process; remembering it spares loading the migration graph on every probe.
_migrated = False


def _migrations_applied() -> bool:
    global _migrated  # noqa: PLW0603 - a per-process memo, see above
    if not _migrated:
        executor = MigrationExecutor(connection)
        _migrated = not executor.migration_plan(executor.loader.graph.leaf_nodes())
    return _migrated


@never_cache
def healthz(request: HttpRequest) -> HttpResponse:
    """Answer 200 "ok" when the database answers and its schema is current, else 503."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        healthy = _migrations_applied()
    except DatabaseError:
        healthy = False
    if healthy:
        return HttpResponse("ok\n", content_type="text/plain; charset=utf-8")
    return HttpResponse("unavailable\n", status=503, content_type="text/plain; charset=utf-8")
