"""Loading the benchmark dataset through the mapping importer, beside the sqlite3 shell.

Makes N projects with ../shared/perf/gen.py, turns them into rows with to_rows.py, and loads
them with `projektkatalog import ROWS.json --mapping ../shared/perf/mapping.toml` into a fresh
SQLite database, then again (a re-import that changes nothing). The peer in the same run is
the sqlite3 command-line shell loading the same JSON rows into one flat table (json_each over
readfile): what storing the rows costs with no matching, normalising or history at all.
Prints seconds, projects/s, rows/s and peak resident memory for each.

    .venv/bin/python bench/bench_load.py [N]      # default 10000
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


def timed(command: list[str], env: dict[str, str] | None = None) -> tuple[float, float, str]:
    """Run `command`; return (seconds, its peak resident memory in MiB, its standard output)."""
    with tempfile.TemporaryFile(mode="w+") as out:
        start = time.perf_counter()
        process = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode:
            raise SystemExit(f"failed: {' '.join(command)}")
        out.seek(0)
        return seconds, usage.ru_maxrss / 1024, out.read()


def line(label: str, seconds: float, projects: int, rows: int, peak: float) -> None:
    print(
        f"  {label:34} {seconds:8.1f} s {projects / seconds:9.0f} projects/s "
        f"{rows / seconds:9.0f} rows/s   peak RSS {peak:7.0f} MiB"
    )


def main() -> None:
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
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
        sql = PEER_SQL.format(rows=rows)
        seconds, peak, _ = timed(["sqlite3", str(work / "peer.db"), sql])
        line("sqlite3 shell, one flat table", seconds, size, count, peak)
        env = dict(
            os.environ,
            PROJEKTKATALOG_VAR=str(work),
            DATABASE_URL=f"sqlite:///{work}/catalogue.sqlite3",
            DJANGO_SETTINGS_MODULE="projektkatalog.settings.base",
        )
        command = [sys.executable, "-m", "projektkatalog.cli"]
        subprocess.run([*command, "migrate"], env=env, check=True, capture_output=True)
        mapping = ["--mapping", str(PERF / "mapping.toml")]
        for label in ("projektkatalog import", "projektkatalog import again"):
            seconds, peak, out = timed([*command, "import", str(rows), *mapping], env=env)
            line(label, seconds, size, count, peak)
            print(f"    {out.strip()}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
