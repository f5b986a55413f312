"""The shared cache on disk (`CACHES` without Redis): Django's file cache, counted less often.

Django's file cache lists every file in its folder on each write, to see whether it holds more
than MAX_ENTRIES. With thousands of pages kept (one per project page visited) that listing cost
more than writing the page; here one write in CULL_EVERY per process looks, so the folder may
hold a few hundred entries over MAX_ENTRIES between two looks.
"""

from __future__ import annotations

import itertools

from django.core.cache.backends.filebased import FileBasedCache
from django.dispatch import Signal

CULL_EVERY = 50
# Sent when this process empties the cache: what a process keeps in memory from it (the site's
# whole answers) is emptied too.
cache_cleared = Signal()

_writes = itertools.count()


class FileCache(FileBasedCache):
    """Django's file cache that counts its entries on one write in CULL_EVERY."""

    def _cull(self) -> None:
        if next(_writes) % CULL_EVERY == 0:
            super()._cull()  # type: ignore[misc]  # Django's, not in its stubs

    def clear(self) -> None:
        super().clear()
        cache_cleared.send(sender=type(self))
