"""Read replicas: which database each query of a request goes to.

With `DATABASE_REPLICA_URLS` set (settings/base.py makes an alias `replica_N` for each and lists
them in `DATABASE_REPLICAS`), `ReplicaMiddleware` chooses once per request where its reads go,
and `ReplicaRouter` answers Django's question for every query from that choice:

- a public reader's GET (no session cookie, outside the workspace) reads one replica, the same
  one for the whole request, taken in turn from those that answer;
- every write goes to the primary, and so does every read after it in the same request, and
  every read inside a transaction (`atomic`), so that a request always reads what it wrote;
- a request that may write or must read its own writes reads the primary from the start: any
  method but GET/HEAD/OPTIONS, the workspace, and anyone with a session (an editor who has just
  saved must see the save, not a replica that has yet to receive it);
- outside a request (the command line, imports, migrations) and with no replicas configured the
  router says nothing and Django uses the primary.

Why one replica for the whole request and never backwards to a replica: every public page is
cached under the catalogue's version (`selectors.catalogue_version`), which is read through this
router like the page's data. A replica only moves forward, so the data a request reads after the
version is never older than the version the page is kept under. Were the version read from the
primary and the page from a replica that lags, a page without the newest change would be kept
under the newest version and served as current until the next change.
"""

from __future__ import annotations

import contextvars
import itertools
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

PRIMARY = DEFAULT_DB_ALIAS
# Tables editors write and must read back at once, or that Django writes during a request
# (sessions, log-in attempts, history): never read from a replica.
PRIMARY_APPS = frozenset(
    {"admin", "auth", "axes", "contenttypes", "reversion", "sessions", "workspace"}
)
READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# A replica that refused a connection is left alone this long before it is tried again.
RETRY_SECONDS = 30.0

logger = logging.getLogger("projektkatalog.database")


@dataclass
class Route:
    """Where one request reads: `replica` (chosen at its first read) until something pins it to
    the primary."""

    replica: str | None = None
    pinned: bool = False


_route: contextvars.ContextVar[Route | None] = contextvars.ContextVar(
    "projektkatalog_route", default=None
)
_turn = itertools.count()
_down_until: dict[str, float] = {}


def replicas_configured() -> list[str]:
    """Return the aliases of the read replicas (none unless DATABASE_REPLICA_URLS is set)."""
    return list(getattr(settings, "DATABASE_REPLICAS", []))


def route_current() -> Route | None:
    """Return the current request's route, or None outside a request or without replicas."""
    return _route.get()


def replica_pick(aliases: list[str]) -> str:
    """Return the next replica in turn that accepts a connection, or the primary if none does.

    A replica that refuses is skipped for RETRY_SECONDS, so that one stopped replica costs
    one failed connection now and then rather than one per request."""
    start = next(_turn)
    now = time.monotonic()
    for offset in range(len(aliases)):
        alias = aliases[(start + offset) % len(aliases)]
        if _down_until.get(alias, 0.0) > now:
            continue
        try:
            connections[alias].ensure_connection()
        except DatabaseError as error:
            _down_until[alias] = now + RETRY_SECONDS
            logger.warning("replica %s refused a connection, reading the primary: %s", alias, error)
            continue
        _down_until.pop(alias, None)
        return alias
    return PRIMARY


class ReplicaRouter:
    """Send a request's reads where its route says, and every write and migration to the primary."""

    def db_for_read(self, model: type[Any], **hints: Any) -> str | None:
        route = _route.get()
        if route is None:
            return None
        if route.pinned or model._meta.app_label in PRIMARY_APPS:
            return PRIMARY
        if connections[PRIMARY].in_atomic_block:
            # A transaction reads what it is about to write, and what it read it may have
            # read from the primary: the rest of the request may not go back to a replica.
            route.pinned = True
            return PRIMARY
        if route.replica is None:  # the first read: static files and the like never get here
            route.replica = replica_pick(replicas_configured())
            route.pinned = route.replica == PRIMARY
        return route.replica

    def db_for_write(self, model: type[Any], **hints: Any) -> str | None:
        route = _route.get()
        if route is None:
            return None
        route.pinned = True
        return PRIMARY

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool | None:
        # A replica holds the primary's rows: an object read from one may refer to the other's.
        same = {PRIMARY, *replicas_configured()}
        if obj1._state.db in same and obj2._state.db in same:
            return True
        return None

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool | None:
        # A replica receives the schema from the primary; it cannot be migrated itself.
        return False if db in replicas_configured() else None


class ReplicaMiddleware:
    """Decide where this request reads (see the module's docstring) and forget it afterwards."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self._workspace = ""

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _route.set(self.route_for(request))
        try:
            return self.get_response(request)
        finally:
            _route.reset(token)

    def route_for(self, request: HttpRequest) -> Route | None:
        if not replicas_configured():
            return None
        if not self._workspace:
            self._workspace = reverse("admin:index")
        if (
            request.method not in READ_METHODS
            or settings.SESSION_COOKIE_NAME in request.COOKIES
            or request.path_info.startswith(self._workspace)
        ):
            return Route(PRIMARY, pinned=True)
        return Route()
