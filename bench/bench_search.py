"""Where a search's time goes, in process, over the 276 words of bench_vs_datasette.py.

For each word, in a process whose listing index is built and whose shared cache is not used:
the matching ids from the search index, the mask over the listing, the facet counts, and the
whole `listing_page` (what the catalogue page asks for). p50/p95 over all words and over the
most common and the rarest tenth, so that a common word can be compared with a rare one. The
peer in the same run is a page of the whole catalogue with its facets (no search).

    .venv/bin/python bench/bench_search.py var/bench-vs/1000000 [--ids OUT.json]

FOLDER holds ours.sqlite3 and datasette.db as bench_vs_datasette.py leaves them. With --ids the
matching ids of every word are written out, to compare two versions of the search.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def quantiles(values: list[float]) -> str:
    values = sorted(values)
    p95 = values[min(len(values) - 1, int(len(values) * 0.95))]
    return f"p50 {statistics.median(values):7.1f}  p95 {p95:7.1f}  max {values[-1]:7.1f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--ids", type=Path, help="write each word's matching ids here")
    parser.add_argument("--limit", type=int, default=0, help="only this many words, spread")
    args = parser.parse_args()
    folder = args.folder.resolve()
    os.environ["DATABASE_URL"] = f"sqlite:///{folder}/ours.sqlite3"
    os.environ["PROJEKTKATALOG_VAR"] = str(folder)
    os.environ["DJANGO_SETTINGS_MODULE"] = "projektkatalog.settings.base"
    os.environ.setdefault("DJANGO_DEBUG", "0")
    import django

    django.setup()
    from bench_vs_datasette import words_pick

    from projektkatalog.catalogue import models as m
    from projektkatalog.catalogue.listing import Filters, listing_page
    from projektkatalog.catalogue.listing_index import _id_array, listing_index
    from projektkatalog.catalogue.selectors import catalogue_version
    from projektkatalog.search import project_search_ids

    words = words_pick(folder / "datasette.db")
    if args.limit:
        words = words[:: max(1, len(words) // args.limit)]
    today = dt.date.today()
    version = catalogue_version()
    started = time.perf_counter()
    index = listing_index(version=version, today=today)
    print(f"listing index built in {time.perf_counter() - started:.1f} s", file=sys.stderr)

    rows: list[tuple[str, int, float, float, float, float]] = []
    found_ids: dict[str, list[int]] = {}
    peer: list[float] = []
    for word in words:
        t0 = time.perf_counter()
        found = project_search_ids(m.Project.objects.all(), word)
        t1 = time.perf_counter()
        array = _id_array(found)
        mask = index.mask(Filters(q=word))  # searches again: its own time is t(mask) - t(ids)
        t2 = time.perf_counter()
        index.facets(mask)
        t3 = time.perf_counter()
        listing = listing_page(Filters(q=word), page=1, page_size=50, today=today, version=version)
        t4 = time.perf_counter()
        listing_page(Filters(), page=1, page_size=50, today=today, version=version)
        peer.append((time.perf_counter() - t4) * 1000)
        rows.append(
            (
                word,
                listing.count,
                (t1 - t0) * 1000,
                (t2 - t1) * 1000,
                (t3 - t2) * 1000,
                (t4 - t3) * 1000,
            )
        )
        if args.ids:
            found_ids[word] = [*sorted(int(i) for i in array), -1, *listing.ids, listing.count]
    rows.sort(key=lambda r: -r[1])
    tenth = max(1, len(rows) // 10)
    for label, part in (
        ("all", rows),
        ("common tenth", rows[:tenth]),
        ("rare tenth", rows[-tenth:]),
    ):
        print(f"{label} ({len(part)} words; matching {part[-1][1]:,}-{part[0][1]:,} projects)")
        for name, k in (("search ids", 2), ("mask", 3), ("facets", 4), ("listing_page", 5)):
            print(f"  {name:13} {quantiles([r[k] for r in part])} ms")
    print(f"peer: whole catalogue page  {quantiles(peer)} ms")
    if args.ids:
        args.ids.write_text(json.dumps(found_ids))


if __name__ == "__main__":
    main()
