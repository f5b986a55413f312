"""Loading the benchmark dataset through the mapping importer, beside the sqlite3 shell.

Makes N projects with ../shared/perf/gen.py, turns them into rows with to_rows.py, and loads
them with `projektkatalog import ROWS.json --mapping ../shared/perf/mapping.toml` into a fresh
SQLite database, then again (a re-import that changes nothing). The peer in the same run is
the sqlite3 command-line shell loading the same JSON rows into one flat table (json_each over
readfile): what storing the rows costs with no matching, normalising or history at all.
Prints seconds, projects/s, rows/s, CPU seconds and peak resident memory for each, and the
load average before and after (the machine may be shared: CPU seconds are what the load
itself cost). `--postgres` loads the same rows once more into a throw-away PostgreSQL server
(tests.support.pgserver).

`--before=DIR` loads the same rows once more with the code of an earlier version unpacked in
DIR (`git archive COMMIT | tar -x -C DIR`), for a before-and-after in the same run.

    .venv/bin/python bench/bench_load.py [N] [--postgres] [--before=DIR]      # default 10000
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PERF = Path(os.environ.get("PROJEKTKATALOG_SHARED", ROOT.parent / "shared")) / "perf"

PEER_SQL = """
CREATE TABLE rows AS SELECT value ->> 'id' AS id, value ->> 'title' AS title,
  value ->> 'description' AS description, value ->> 'category' AS category,
  value ->> 'programme' AS programme, value ->> 'start' AS start, value ->> 'end' AS "end",
  value ->> 'org' AS org, value ->> 'role' AS role, value ->> 'country' AS country,
  value ->> 'budget' AS budget
FROM json_each(readfile('{rows}'));
SELECT count(*), count(DISTINCT id) FROM rows;
"""


def timed(command: list[str], env: dict[str, str] | None = None) -> tuple[float, float, float, str]:
    """Run `command`; return (seconds, CPU seconds, its peak resident memory in MiB, its
    standard output)."""
    with tempfile.TemporaryFile(mode="w+") as out:
        start = time.perf_counter()
        process = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode:
            raise SystemExit(f"failed: {' '.join(command)}")
        out.seek(0)
        cpu = usage.ru_utime + usage.ru_stime
        return seconds, cpu, usage.ru_maxrss / 1024, out.read()


def line(label: str, figures: tuple[float, float, float, str], projects: int, rows: int) -> None:
    seconds, cpu, peak, _ = figures
    print(
        f"  {label:34} {seconds:8.1f} s {projects / seconds:7.0f} projects/s "
        f"{rows / seconds:8.0f} rows/s  CPU {cpu:7.1f} s  peak RSS {peak:6.0f} MiB",
        flush=True,
    )


def load_average() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def ours_load(env: dict[str, str], rows: Path, size: int, count: int, label: str) -> None:
    """Migrate, then import `rows` twice (the second time changes nothing)."""
    command = [sys.executable, "-m", "projektkatalog.cli"]
    subprocess.run([*command, "migrate"], env=env, check=True, capture_output=True)
    mapping = ["--mapping", str(PERF / "mapping.toml")]
    for again in ("", " again"):
        figures = timed([*command, "import", str(rows), *mapping], env=env)
        line(f"{label}{again}", figures, size, count)
        print(f"    {figures[3].strip()}")


def postgres_inner(rows: Path, size: int, count: int) -> None:
    """Inside pgserver: make its database, then load the rows into it as into SQLite."""
    import psycopg

    url = os.environ["DATABASE_URL"]
    server, name = url.rsplit("/", 1)
    with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')  # pgserver names it; it does not make it
    work = rows.parent / "pg-var"
    work.mkdir(exist_ok=True)
    env = dict(
        os.environ,
        PROJEKTKATALOG_VAR=str(work),
        DJANGO_SETTINGS_MODULE="projektkatalog.settings.base",
    )
    ours_load(env, rows, size, count, "projektkatalog import (PostgreSQL)")


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    size = int(args[0]) if args else 10_000
    work = Path(tempfile.mkdtemp(prefix="bench-load-"))
    try:
        data, rows = work / "perf.db", work / "rows.json"
        subprocess.run(
            [sys.executable, PERF / "gen.py", str(size), data], check=True, capture_output=True
        )
        made = subprocess.run(
            [sys.executable, PERF / "to_rows.py", data, rows],
            check=True,
            capture_output=True,
            text=True,
        )
        count = int(made.stdout.split()[0])  # "550836 rows"
        print(f"\n{size} projects, {count} rows ({rows.stat().st_size / 2**20:.0f} MiB of JSON)")
        print(f"load average before: {load_average()}")
        sql = PEER_SQL.format(rows=rows)
        line(
            "sqlite3 shell, one flat table",
            timed(["sqlite3", str(work / "peer.db"), sql]),
            size,
            count,
        )
        env = dict(
            os.environ,
            PROJEKTKATALOG_VAR=str(work),
            DATABASE_URL=f"sqlite:///{work}/catalogue.sqlite3",
            DJANGO_SETTINGS_MODULE="projektkatalog.settings.base",
        )
        ours_load(env, rows, size, count, "projektkatalog import (SQLite)")
        before = next((a.split("=", 1)[1] for a in sys.argv if a.startswith("--before=")), None)
        if before:
            old = work / "before"
            old.mkdir()
            old_env = dict(
                env,
                PROJEKTKATALOG_VAR=str(old),
                DATABASE_URL=f"sqlite:///{old}/catalogue.sqlite3",
                PYTHONPATH=str(Path(before).resolve() / "src"),
            )
            ours_load(old_env, rows, size, count, "the same, code before")
        if "--postgres" in sys.argv:
            inner = [sys.executable, __file__, "--inner-postgres", str(rows), str(size), str(count)]
            subprocess.run(
                [sys.executable, "-m", "tests.support.pgserver", "--", *inner],
                cwd=ROOT,
                check=True,
                stderr=subprocess.DEVNULL,
            )
        print(f"load average after: {load_average()}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--inner-postgres":
        postgres_inner(Path(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]))
    else:
        main()
