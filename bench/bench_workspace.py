"""Time to compute the quality dashboard's findings on a large catalogue.

Builds the site benchmark's synthetic catalogue (no contacts, so every project has the live
"no contact" finding: the dashboard's worst case), then times `quality_issues` and one page of
the dashboard through the test client. The peer in the same run is a plain count of the projects
without a contact: what the database alone needs for the biggest check.

    .venv/bin/python bench/bench_workspace.py [SIZE]      # default 100000
"""

from __future__ import annotations

import datetime as dt
import sys
import time
import tracemalloc

import bench_site  # noqa: E402 - the sibling benchmark module


def timed(label: str, func) -> None:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    result = func()
    seconds = time.perf_counter() - start
    tracemalloc.start()
    func()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"  {label:44} {seconds:7.2f} s   peak {peak / 2**20:7.1f} MiB   ({result})")


def main() -> None:
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    bench_site.setup(size)
    from django.contrib.auth import get_user_model
    from django.test import Client

    from projektkatalog.catalogue import models as m
    from projektkatalog.catalogue.quality import quality_issues

    today = dt.date(2026, 11, 27)
    print(f"\n{size} projects")
    timed(
        "peer: count projects without a contact",
        lambda: m.Project.objects.filter(contacts__isnull=True).count(),
    )
    timed("quality_issues (stored and live)", lambda: len(quality_issues(today)))
    user = get_user_model().objects.create_superuser("bench", "b@example.se", "x")
    client = Client()
    client.force_login(user)

    def page() -> int:
        response = client.get("/admin/kvalitet/?kod=no-contact&sida=2")
        assert response.status_code == 200
        return len(response.content)

    timed("dashboard page (100 rows)", page)


if __name__ == "__main__":
    sys.path.insert(0, str(__import__("pathlib").Path(__file__).parent))
    main()
