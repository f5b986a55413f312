"""The shared file cache keeps Django's bound on its entries while counting them less often."""

from __future__ import annotations

from pathlib import Path

from projektkatalog.settings.file_cache import CULL_EVERY, FileCache


def _entries(folder: Path) -> int:
    return len(list(folder.glob("*.djcache")))


def test_the_file_cache_stays_near_its_bound_and_keeps_what_it_was_given(tmp_path):
    cache = FileCache(
        str(tmp_path), {"OPTIONS": {"MAX_ENTRIES": 2 * CULL_EVERY, "CULL_FREQUENCY": 2}}
    )
    for n in range(8 * CULL_EVERY):
        cache.set(f"page-{n}", b"x" * n)
        assert _entries(tmp_path) <= 3 * CULL_EVERY
    assert _entries(tmp_path) < 4 * CULL_EVERY  # culled, not left to grow
    last = 8 * CULL_EVERY - 1
    assert cache.get(f"page-{last}") == b"x" * last
    assert cache.get("never-set") is None
