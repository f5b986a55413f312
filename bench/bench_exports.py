"""Time and peak memory of the streamed exports, beside the sqlite3 shell dumping the same rows.

Each export runs in a process of its own, as the site writes a download (the document streamed
from the database into a file), measured for its own time (Django's start-up left out) and the
process's peak resident memory; once for a
tenth of the catalogue and once for all of it, so that memory growing with the catalogue shows.
The peer in the same run is the sqlite3 command-line shell writing the projects table with
`.mode csv`: the same rows, with no joins, no formatting and no Python at all. The machine's
load average is printed as each size starts and at the end, since other work on it slows every
figure alike. Last, for the whole
catalogue, `projektkatalog export -o FILE`: the operator's full JSON backup (drafts, contacts
and findings), timed with the command's start-up.

    .venv/bin/python bench/bench_exports.py [SIZE]                 # a synthetic catalogue
    .venv/bin/python bench/bench_exports.py --database sqlite:///var/perf100k/catalogue.sqlite3

With --database, an existing SQLite catalogue (e.g. 100,000 benchmark projects loaded by
bench_load.py) is exported instead of a synthetic one of SIZE projects (default 100,000).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent
FORMATS = ["csv", "json", "jsonld", "xlsx", "participations"]
PEER_SQL = (
    "SELECT slug, title, short_name, kind, period_start, period_end, period_text, language, "
    "description FROM catalogue_project WHERE state = 'published' {where} "
    "ORDER BY position, slug;"
)


def child(name: str, limit: int, out: str) -> None:
    """Write the export `name` of the first `limit` projects (by id; 0: all) to `out`."""
    import django

    django.setup()
    import datetime as dt

    from projektkatalog.catalogue import models as m
    from projektkatalog.catalogue.selectors import catalogue_export_stream
    from projektkatalog.opendata.formats import FORMATS as OUT
    from projektkatalog.opendata.formats import TABLES

    queryset = m.Project.objects.public().filter(id__lte=limit) if limit else None
    start = time.perf_counter()
    document = catalogue_export_stream(
        today=dt.date(2026, 11, 27), contacts=False, projects_queryset=queryset
    )
    with open(out, "wb") as f:
        {**OUT, **TABLES}[name].stream(document, "https://projekt.example.se", f)
    status = Path("/proc/self/status").read_text()
    peak = next(x for x in status.splitlines() if x.startswith("VmHWM")).split()[1]
    print(time.perf_counter() - start, int(peak) / 1024)  # the export's own time, peak MiB


def make(size: int) -> None:
    """Build the synthetic catalogue (in a process of its own, so that the measuring process
    stays small: a child's peak memory counts what it was forked from)."""
    sys.path.insert(0, str(ROOT))
    import bench_site

    bench_site.setup(size)
    print(os.environ["DATABASE_URL"], os.environ["PROJEKTKATALOG_VAR"])


def timed(command: list[str]) -> tuple[float, float]:
    """Run the child `command`; return (the export's seconds, its peak resident memory in MiB)."""
    done = subprocess.run(command, check=True, capture_output=True, text=True)
    seconds, peak = done.stdout.split()
    return float(seconds), float(peak)


def line(label: str, seconds: float, projects: int, peak: float, out: Path) -> None:
    print(
        f"  {label:30} {seconds:7.2f} s {projects / seconds:9.0f} projects/s   "
        f"peak RSS {peak:6.0f} MiB   {out.stat().st_size / 2**20:7.1f} MiB out"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("size", nargs="?", type=int, default=100_000)
    parser.add_argument("--database", help="an existing SQLite catalogue's DATABASE_URL")
    parser.add_argument("--formats", default=",".join(FORMATS))
    args = parser.parse_args()
    if args.database:
        os.environ["DATABASE_URL"] = args.database
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "projektkatalog.settings.base")
        os.environ.setdefault("PROJEKTKATALOG_VAR", tempfile.mkdtemp(prefix="bench-exports-"))
    else:
        made = subprocess.run(
            [sys.executable, __file__, "--make", str(args.size)],
            check=True,
            capture_output=True,
            text=True,
        )
        url, var = made.stdout.split()[-2:]
        os.environ.update(
            DATABASE_URL=url,
            PROJEKTKATALOG_VAR=var,
            DJANGO_SETTINGS_MODULE="projektkatalog.settings.base",
        )
    database = os.environ["DATABASE_URL"].removeprefix("sqlite:///")
    import sqlite3

    with sqlite3.connect(database) as db:
        ids = [r[0] for r in db.execute("SELECT id FROM catalogue_project ORDER BY id")]
    work = Path(tempfile.mkdtemp(prefix="bench-exports-"))
    out = work / "out"
    sizes = [(len(ids) // 10, ids[len(ids) // 10 - 1]), (len(ids), 0)]
    for count, limit in sizes:
        load = " ".join(f"{x:.1f}" for x in os.getloadavg())
        print(f"\n{count} projects (of {len(ids)}), load average {load}")
        where = f"AND id <= {limit}" if limit else ""
        command = ["sqlite3", "-csv", "-header", database, PEER_SQL.format(where=where)]
        start = time.perf_counter()
        with out.open("wb") as f:
            process = subprocess.Popen(command, stdout=f)
            _, _, usage = os.wait4(process.pid, 0)
        line(
            "peer: sqlite3 .mode csv",
            time.perf_counter() - start,
            count,
            usage.ru_maxrss / 1024,
            out,
        )
        for name in args.formats.split(","):
            seconds, peak = timed([sys.executable, __file__, "--child", name, str(limit), str(out)])
            line(name, seconds, count, peak, out)
        if not limit:
            command = [sys.executable, "-m", "projektkatalog.cli", "export", "-o", str(out)]
            start = time.perf_counter()
            process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
            _, status, usage = os.wait4(process.pid, 0)
            if os.waitstatus_to_exitcode(status):
                raise SystemExit(f"failed: {' '.join(command)}")
            seconds = time.perf_counter() - start
            line("projektkatalog export (JSON)", seconds, count, usage.ru_maxrss / 1024, out)
    print(f"\nload average {' '.join(f'{x:.1f}' for x in os.getloadavg())} at the end")
    out.unlink(missing_ok=True)
    work.rmdir()


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--child":
        child(sys.argv[2], int(sys.argv[3]), sys.argv[4])
    elif len(sys.argv) == 3 and sys.argv[1] == "--make":
        make(int(sys.argv[2]))
    else:
        main()
