"""Server time of the public pages at 10,000 and 100,000 synthetic projects, on SQLite.

For each size: p50 and p95 over repeated requests (Django's test client, in process, so the
figures are server time without network) for the catalogue, a filtered catalogue, a search and
a project page. The peer in the same run is the cheapest page Django can serve from the same
table: the first 50 titles from a plain query, with no facets, search or status.

    .venv/bin/python bench/bench_site.py [SIZES...]     # default: 10000 100000
"""

from __future__ import annotations

import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time

REPEAT = 25


def setup(size: int) -> None:
    folder = tempfile.mkdtemp(prefix="projektkatalog-bench-")
    os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
    os.environ["PROJEKTKATALOG_VAR"] = folder
    os.environ["DJANGO_SETTINGS_MODULE"] = "projektkatalog.settings.base"
    os.environ["DJANGO_ALLOWED_HOSTS"] = "testserver"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    populate(size)


def populate(size: int) -> None:
    from projektkatalog.catalogue import models as m
    from projektkatalog.domain.searching import search_document

    rng = random.Random(7)
    topics = [
        "energi",
        "klimat",
        "vatten",
        "cykel",
        "erosion",
        "hälsa",
        "vård",
        "transport",
        "innovation",
        "skola",
        "turism",
        "digitalisering",
        "bredband",
        "kust",
        "hav",
        "skog",
        "jordbruk",
        "kultur",
        "integration",
        "forskning",
    ]
    # Descriptions draw mostly on a large vocabulary, so that a topic word occurs in about one
    # project in fifty, as real words do; a benchmark where every project matches says little.
    syllables = [
        "ka",
        "lo",
        "mi",
        "re",
        "sun",
        "ta",
        "ve",
        "for",
        "strå",
        "bygg",
        "nät",
        "land",
        "stad",
        "skå",
        "bor",
        "lin",
    ]
    common = ["".join(rng.choice(syllables) for _ in range(3)) for _ in range(3000)]
    words = topics
    categories = [
        m.Category.objects.create(name=f"Kategori {i}", slug=f"kategori-{i}", position=i)
        for i in range(12)
    ]
    programmes = [
        m.Programme.objects.create(name=f"Program {i}", slug=f"program-{i}", fund="ERDF")
        for i in range(25)
    ]
    organisations = m.Organisation.objects.bulk_create(
        [
            m.Organisation(
                name=f"Organisation {i}",
                slug=f"organisation-{i}",
                country=rng.choice(["SE", "DK", "NO", "DE", "FI"]),
            )
            for i in range(max(size // 10, 100))
        ]
    )
    batch = []
    for i in range(size):
        start = dt.date(2010, 1, 1) + dt.timedelta(days=rng.randrange(0, 6000))
        end = start + dt.timedelta(days=rng.randrange(300, 1500))
        title = f"Projekt {i} om {rng.choice(words)} och {rng.choice(words)}"
        description = " ".join(rng.choice(common) for _ in range(59)) + " " + rng.choice(topics)
        batch.append(
            m.Project(
                slug=f"projekt-{i}",
                title=title,
                description=description,
                position=i,
                period_start=start.isoformat(),
                period_end=end.isoformat(),
                start_date=start,
                end_date=end,
                start_year=start.year,
                end_year=end.year,
                search_text=search_document(title, description),
            )
        )
    projects = m.Project.objects.bulk_create(batch, batch_size=2000)
    m.ProjectCategory.objects.bulk_create(
        [m.ProjectCategory(project=p, category=rng.choice(categories)) for p in projects],
        batch_size=5000,
    )
    m.ProjectProgramme.objects.bulk_create(
        [m.ProjectProgramme(project=p, programme=rng.choice(programmes)) for p in projects],
        batch_size=5000,
    )
    m.Participation.objects.bulk_create(
        [
            m.Participation(project=p, organisation=o, role=role, position=k)
            for p in projects
            for k, (o, role) in enumerate(
                [
                    (rng.choice(organisations), "lead"),
                    (rng.choice(organisations), "partner"),
                    (rng.choice(organisations), "partner"),
                ]
            )
        ],
        batch_size=5000,
        ignore_conflicts=True,
    )


def peer(request):  # type: ignore[no-untyped-def]
    from django.http import HttpResponse

    from projektkatalog.catalogue import models as m

    titles = m.Project.objects.order_by("position").values_list("title", flat=True)[:50]
    return HttpResponse("<ul>" + "".join(f"<li>{t}</li>" for t in titles) + "</ul>")


def measure(client, path: str, *, cold: bool = False) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """Return p50 and p95 in ms; `cold` empties the listing cache before every request."""
    from django.core.cache import cache

    client.get(path)  # warm the database's and Python's own caches
    times = []
    for _ in range(REPEAT):
        if cold:
            cache.clear()
        start = time.perf_counter()
        response = client.get(path)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (path, response.status_code)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1]


def main() -> None:
    sizes = [int(s) for s in sys.argv[1:]] or [10_000, 100_000]
    if len(sizes) > 1:  # one process per size: Django settings are set once per process
        import subprocess

        for size in sizes:
            subprocess.run([sys.executable, __file__, str(size)], check=True)
        return
    size = sizes[0]
    started = time.perf_counter()
    setup(size)
    print(f"\n{size} projects (made in {time.perf_counter() - started:.0f} s)")
    from django.test import Client
    from django.urls import path

    from projektkatalog import urls

    urls.urlpatterns.append(path("bench-peer/", peer))
    client = Client()
    pages = {
        "peer: 50 titles, no facets": "/bench-peer/",
        "catalogue": "/",
        "catalogue, filtered": "/?kategori=kategori-3&status=ended",
        "search": "/?q=erosion",
        "project page": "/projekt/projekt-4242/",
    }
    print(f"  {'':30} {'cached listing':>26}   {'cold (cache emptied)':>26}")
    for label, url in pages.items():
        p50, p95 = measure(client, url)
        c50, c95 = measure(client, url, cold=True)
        print(f"  {label:30} p50 {p50:7.1f} p95 {p95:7.1f} ms   p50 {c50:7.1f} p95 {c95:7.1f} ms")


if __name__ == "__main__":
    main()
