"""Imports that overlap in one process (previews in request threads) leave the cycle
collector's threshold as they found it, whichever ends first."""

import gc

from projektkatalog.catalogue import imports


def test_overlapping_imports_put_the_threshold_back():
    before = gc.get_threshold()
    first, second = imports._collector_settled(), imports._collector_settled()
    first.__enter__()
    assert gc.get_threshold()[0] == imports.LOAD_GC_THRESHOLD
    second.__enter__()
    first.__exit__(None, None, None)  # the first ends while the second still runs
    assert gc.get_threshold()[0] == imports.LOAD_GC_THRESHOLD
    second.__exit__(None, None, None)
    assert gc.get_threshold() == before
