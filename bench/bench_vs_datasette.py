"""Projektkatalog against Datasette 0.65.5 on the same benchmark data, over HTTP, in one run.

    .venv/bin/python bench/bench_vs_datasette.py N [--seconds S] [--postgres]

Makes N projects with `../shared/perf/gen.py` (Datasette serves that SQLite file as it is),
loads the same projects into our catalogue the way an operator would (`to_rows.py`, then
`projektkatalog import ROWS.json --mapping ../shared/perf/mapping.toml`), serves both on
loopback and drives them with wrk, each request a random path from a list:

- catalogue with facets (one URL, so both may answer from a cache);
- the catalogue filtered by one of the 40 programmes;
- a search for one of 276 words drawn from the projects' own text, rare to common;
- a project page, one of 2,000 projects.

Datasette answers JSON with the same three facets (category, programme, status) and 50 rows a
page, the work our HTML page does; `suggest_facets` is off and its time limits are raised so
that it answers in full rather than timing out. One process each: Datasette is one asyncio
process (reads in its thread pool), ours `projektkatalog serve --workers 1` (gunicorn, one
process with threads). Prints p50/p95 at one connection, requests a second at eight, and the
ratios. `--postgres` repeats our side on a throw-away PostgreSQL server (tests.support.pgserver);
`--replica` then once more with a streaming standby of the loaded database in
DATABASE_REPLICA_URLS, so that the public reads go to the standby (on one machine this shows what routing costs, not what a second
machine adds). The PostgreSQL database is filled by `projektkatalog restore` of a backup of our
SQLite catalogue (how a catalogue that outgrows SQLite moves), or imported when there is none,
and kept as a pg_dump in the folder for the next run.

Everything lives in `var/bench-vs/N/` and is reused on the next run (delete it to start
afresh), except our shared cache, emptied before each server starts. A benchmark, not a test: it asserts nothing about speed.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import random
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PERF = ROOT.parent / "shared" / "perf"
VAR = ROOT / "var"
DATASETTE_VENV = VAR / "datasette-venv"
DATASETTE_VERSION = "0.65.5"
FACETS = ["category", "programme", "status"]
CASES = ["catalogue with facets", "filtered by programme", "search", "project page"]

# wrk: a random path per request from the file in PATHS; at the end, the figures as one JSON line.
WRK_SCRIPT = """
local paths = {}
for line in io.lines(os.getenv("PATHS")) do paths[#paths + 1] = line end
math.randomseed(os.time())
request = function()
  return wrk.format("GET", paths[math.random(#paths)])
end
done = function(summary, latency, requests)
  local bad = summary.errors.status + summary.errors.connect + summary.errors.read
    + summary.errors.write + summary.errors.timeout
  io.write(string.format('RESULT {"p50": %f, "p95": %f, "rps": %f, "n": %d, "bad": %d}\\n',
    latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    summary.requests / (summary.duration / 1e6), summary.requests, bad))
end
"""


def run(command: list[str], **kwargs: object) -> None:
    subprocess.run(command, check=True, **kwargs)  # type: ignore[call-overload]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def data_make(n: int, folder: Path) -> Path:
    """Return the benchmark database of n projects, made by gen.py once."""
    db = folder / "datasette.db"
    if not db.exists():
        print(f"gen.py {n} ...", file=sys.stderr)
        run([sys.executable, str(PERF / "gen.py"), str(n), str(db)], stdout=subprocess.DEVNULL)
    return db


def ours_environment(database_url: str, folder: Path) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "PROJEKTKATALOG_VAR": str(folder),
        "DJANGO_SETTINGS_MODULE": "projektkatalog.settings.base",
        "DJANGO_DEBUG": "0",
    }


def ours_load(db: Path, env: dict[str, str], folder: Path) -> float:
    """Import the benchmark rows through the mapping importer; return the seconds it took."""
    rows = folder / "rows.json"
    if not rows.exists():
        run(
            [sys.executable, str(PERF / "to_rows.py"), str(db), str(rows)],
            stdout=subprocess.DEVNULL,
        )
    rows_one_per_line(rows)
    command = [str(ROOT / ".venv/bin/projektkatalog"), "import", str(rows)]
    print("projektkatalog import ... (about 40 projects a second today)", file=sys.stderr)
    started = time.perf_counter()
    run([*command, "--mapping", str(PERF / "mapping.toml")], env=env, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def rows_one_per_line(rows: Path) -> None:
    """Rewrite to_rows.py's JSON (one line) with one row a line, the same document: the
    importer refuses a line over a million characters, which 10,000 projects' rows exceed."""
    with rows.open("rb") as f:
        if len(f.readline()) < 1_000_000:
            return
    data = json.loads(rows.read_text(encoding="utf-8"))
    lines = ",\n".join(json.dumps(row, ensure_ascii=False) for row in data)
    rows.write_text(f"[\n{lines}\n]\n", encoding="utf-8")


def datasette_install() -> Path:
    """Return Datasette's command, installed once into a throw-away virtualenv under var/."""
    binary = DATASETTE_VENV / "bin" / "datasette"
    if not binary.exists():
        run([sys.executable, "-m", "venv", str(DATASETTE_VENV)])
        pip = [str(DATASETTE_VENV / "bin/pip"), "install", "-q"]
        run([*pip, f"datasette=={DATASETTE_VERSION}"])
    return binary


def words_pick(db: Path, count: int = 276) -> list[str]:
    """Return `count` words of the projects' text, spread evenly from the most to the least common."""
    counts: collections.Counter[str] = collections.Counter()
    for title, description in sqlite3.connect(db).execute("SELECT title, description FROM project"):
        counts.update(set(re.findall(r"[a-zåäöéü]{5,}", f"{title} {description}".lower())))
    ranked = [w for w, _ in counts.most_common()]
    step = max(1, len(ranked) // count)
    return ranked[::step][:count]


def paths_make(db: Path, ours: dict[str, list[str]]) -> dict[str, tuple[list[str], list[str]]]:
    """Return, per case, the paths for Datasette and for us (the same projects, words and
    programmes)."""
    rng = random.Random(13)
    con = sqlite3.connect(db)
    facets = "&".join(f"_facet={f}" for f in FACETS) + "&_size=50"
    ids = [i for (i,) in con.execute("SELECT id FROM project ORDER BY id")]
    chosen = sorted(rng.sample(ids, min(2000, len(ids))))
    # Our importer files some of gen.py's programmes under a known one (the three Leader areas
    # under Leader): the slug a programme's first project got is that programme's filter here.
    first = "SELECT programme, MIN(id) FROM project GROUP BY programme ORDER BY 1"
    programmes = {p: ours["programmes"][i - 1] for p, i in con.execute(first)}
    words = words_pick(db)
    q = urllib.parse.quote
    return {
        "catalogue with facets": ([f"/datasette/project.json?{facets}"], ["/"]),
        "filtered by programme": (
            [f"/datasette/project.json?programme={q(p)}&{facets}" for p in programmes],
            [f"/?program={slugs[0]}" for slugs in programmes.values() if slugs],
        ),
        "search": (
            [f"/datasette/project.json?_search={q(w)}&{facets}" for w in words],
            [f"/?q={q(w)}" for w in words],
        ),
        "project page": (
            [f"/datasette/project/{i}.json" for i in chosen],
            [f"/projekt/{ours['projects'][i - 1]}/" for i in chosen],
        ),
    }


OURS_NAMES = """
import json
from projektkatalog.catalogue import models as m
# Two plain queries: a prefetch asks for every project id at once, more than SQLite's
# variables allow at 1,000,000 projects.
first = {}
links = m.ProjectProgramme.objects.order_by("project_id", "position", "pk")
for project, programme in links.values_list("project_id", "programme__slug").iterator():
    first.setdefault(project, programme)
projects = list(m.Project.objects.order_by("position").values_list("pk", "slug"))
print(json.dumps({
    "projects": [slug for _, slug in projects],
    "programmes": [[first[pk]] if pk in first else [] for pk, _ in projects],
}))
"""


def ours_names(env: dict[str, str]) -> dict:  # type: ignore[type-arg]
    """Return our slugs in import order (gen.py's ids): the projects' and their programmes'."""
    code = "import django; django.setup()\n" + OURS_NAMES
    out = subprocess.run(
        [str(ROOT / ".venv/bin/python"), "-c", code],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(out)  # type: ignore[no-any-return]


def server_wait(port: int, process: subprocess.Popen, path: str) -> None:  # type: ignore[type-arg]
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"bench: the server on port {port} stopped (exit {process.returncode})")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=30) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    sys.exit(f"bench: the server on port {port} did not answer within a minute")


def server_stop(process: subprocess.Popen) -> None:  # type: ignore[type-arg]
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def wrk(port: int, paths: list[str], connections: int, seconds: int, script: Path) -> dict:  # type: ignore[type-arg]
    """Drive the server with wrk for `seconds`; return p50/p95 (ms), req/s and failures."""
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as f:
        f.write("\n".join(paths) + "\n")
    threads = min(connections, 2)
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "30s"]
    out = subprocess.run(
        [*command, "-s", str(script), f"http://127.0.0.1:{port}"],
        env={**os.environ, "PATHS": f.name},
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    os.unlink(f.name)
    line = next(x for x in out.splitlines() if x.startswith("RESULT "))
    return json.loads(line[len("RESULT ") :])  # type: ignore[no-any-return]


def measure(port: int, paths: dict[str, list[str]], seconds: int, script: Path) -> dict:  # type: ignore[type-arg]
    figures = {}
    for case in CASES:
        for path in paths[case][:20]:  # warm: first compilation, connections, page cache
            urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=60).read()
        one = wrk(port, paths[case], 1, seconds, script)
        eight = wrk(port, paths[case], 8, seconds, script)
        figures[case] = {"p50": one["p50"], "p95": one["p95"], "rps": eight["rps"]}
        figures[case]["bad"] = one["bad"] + eight["bad"]
        print(f"  {case}: {figures[case]}", file=sys.stderr)
    return figures


def ours_serve(env: dict[str, str], port: int) -> subprocess.Popen:  # type: ignore[type-arg]
    # Start from an empty cache, as Datasette starts: pages an earlier run kept would flatter us.
    shutil.rmtree(Path(env["PROJEKTKATALOG_VAR"]) / "cache", ignore_errors=True)
    command = [str(ROOT / ".venv/bin/projektkatalog"), "serve", "--workers", "1"]
    return subprocess.Popen(
        [*command, "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def datasette_serve(binary: Path, db: Path, port: int) -> subprocess.Popen:  # type: ignore[type-arg]
    settings = {
        "suggest_facets": "off",
        "sql_time_limit_ms": "30000",
        "facet_time_limit_ms": "30000",
    }
    options = [x for name, value in settings.items() for x in ("--setting", name, value)]
    return subprocess.Popen(
        [str(binary), "serve", str(db), "-h", "127.0.0.1", "-p", str(port), *options],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def load_average() -> str:
    """Return the machine's load average, to print beside the figures: on a shared machine a
    side measured while other work runs is slower for that alone."""
    one, five, _ = os.getloadavg()
    return f"load average {one:.1f} (1 min), {five:.1f} (5 min), {os.cpu_count()} cores"


def side_measure(name: str, start, paths, seconds, script) -> dict:  # type: ignore[no-untyped-def]
    port = free_port()
    process = start(port)
    try:
        server_wait(port, process, paths[CASES[0]][0])
        print(f"{name} on port {port}, {load_average()}", file=sys.stderr)
        figures = measure(port, paths, seconds, script)
        print(f"{name} done, {load_average()}", file=sys.stderr)
        return figures
    finally:
        server_stop(process)


def table_print(title: str, peer: dict, ours: dict) -> None:  # type: ignore[type-arg]
    print(f"\n{title}")
    head = "| case | Datasette p50/p95 ms (c=1) | ours p50/p95 ms (c=1) | Datasette req/s (c=8) "
    print(head + "| ours req/s (c=8) | ratio req/s |")
    print("|---|---|---|---|---|---|")
    for case in CASES:
        d, o = peer[case], ours[case]
        ratio = o["rps"] / d["rps"] if d["rps"] else float("nan")
        print(
            f"| {case} | {d['p50']:.1f} / {d['p95']:.1f} | {o['p50']:.1f} / {o['p95']:.1f} "
            f"| {d['rps']:.0f} | {o['rps']:.0f} | {ratio:.2f}× |"
        )
    failures = {
        c: (peer[c]["bad"], ours[c]["bad"]) for c in CASES if peer[c]["bad"] or ours[c]["bad"]
    }
    if failures:
        print(f"failed requests (Datasette, ours): {failures}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="how many projects (gen.py N)")
    parser.add_argument("--seconds", type=int, default=10, help="seconds per wrk run (default 10)")
    parser.add_argument("--postgres", action="store_true", help="also measure ours on PostgreSQL")
    parser.add_argument(
        "--replica", action="store_true", help="and on PostgreSQL reading a streaming standby"
    )
    args = parser.parse_args()
    if args.n < 1:
        sys.exit("bench: N must be a positive number of projects")
    for tool in ("wrk",):
        if subprocess.run(["which", tool], capture_output=True).returncode:
            sys.exit("bench: wrk not found; run `make system-deps` (apt-get install wrk)")
    folder = VAR / "bench-vs" / str(args.n)
    folder.mkdir(parents=True, exist_ok=True)
    script = folder / "random-paths.lua"
    script.write_text(WRK_SCRIPT)
    db = data_make(args.n, folder)
    binary = datasette_install()
    ours_db = folder / "ours.sqlite3"
    env = ours_environment(f"sqlite:///{ours_db}", folder)
    if not ours_db.exists():
        seconds = ours_load(db, env, folder)
        print(f"import: {args.n} projects in {seconds:.0f} s", file=sys.stderr)
    paths = {}
    names = ours_names(env)
    both = paths_make(db, names)
    peer_paths = {c: both[c][0] for c in CASES}
    paths = {c: both[c][1] for c in CASES}
    print(f"{args.n} projects; cases: " + ", ".join(f"{c} ({len(paths[c])} paths)" for c in CASES))
    peer = side_measure(
        "Datasette", lambda p: datasette_serve(binary, db, p), peer_paths, args.seconds, script
    )
    ours = side_measure("ours (SQLite)", lambda p: ours_serve(env, p), paths, args.seconds, script)
    table_print(
        f"SQLite, {args.n} projects, wrk {args.seconds} s per cell, one process each", peer, ours
    )
    if args.postgres or args.replica:
        pg = postgres_measure(folder, args.seconds, replica=args.replica)
        table_print(f"PostgreSQL (ours), {args.n} projects", peer, pg["primary"])
        if args.replica:
            table_print(f"PostgreSQL, public reads on a standby, {args.n}", peer, pg["replica"])
    return 0


def postgres_measure(folder: Path, seconds: int, *, replica: bool) -> dict:  # type: ignore[type-arg]
    """Load and measure ours on a throw-away PostgreSQL server (started by tests.support.pgserver
    around this same script with --inner-postgres), with a standby too if `replica`."""
    out = folder / "postgres.json"
    command = [str(ROOT / ".venv/bin/python"), "-m", "tests.support.pgserver", "--"]
    inner = [
        str(ROOT / ".venv/bin/python"),
        __file__,
        "--inner-postgres",
        str(folder),
        str(seconds),
        "replica" if replica else "alone",
    ]
    run([*command, *inner], cwd=ROOT)
    return json.loads(out.read_text())  # type: ignore[no-any-return]


def postgres_load(url: str, env: dict[str, str], folder: Path) -> None:
    """Fill the empty database at `url`: from the dump an earlier run kept; else by restoring a
    backup of our SQLite catalogue of the same run, as an operator moves a catalogue that has
    outgrown SQLite (`projektkatalog restore`); else by importing the benchmark rows. Then kept
    as a dump for the next run."""
    import psycopg
    from tests.support.pgserver import _binary

    server, name = url.rsplit("/", 1)
    with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')  # pgserver names it; it does not make it
    dump = folder / "postgres.dump"
    if dump.exists():
        started = time.perf_counter()
        run([_binary("pg_restore"), "--no-owner", "-d", url, str(dump)])
        with psycopg.connect(url, autocommit=True) as connection:
            connection.execute("ANALYZE")
        print(f"PostgreSQL restored from {dump.name}: {time.perf_counter() - started:.0f} s")
        return
    if (folder / "ours.sqlite3").exists():
        postgres_restore_sqlite(folder / "ours.sqlite3", env, folder)
    else:
        took = ours_load(folder / "datasette.db", env, folder)
        print(f"import into PostgreSQL: {took:.0f} s", file=sys.stderr)
    started = time.perf_counter()
    run([_binary("pg_dump"), "-Fc", "-f", f"{dump}.partial", url])
    Path(f"{dump}.partial").replace(dump)
    print(f"pg_dump kept for the next run: {time.perf_counter() - started:.0f} s", file=sys.stderr)


def postgres_restore_sqlite(database: Path, env: dict[str, str], folder: Path) -> None:
    """Back up our SQLite catalogue (opened read-only: it is never written) and restore the
    backup into the empty PostgreSQL database, printing the time of each step; the backup is
    removed after (at 1M it is as large as the catalogue)."""
    from projektkatalog.catalogue.backup import sqlite_file_backup

    backup = folder / "ours-sqlite.backup.tar"
    started = time.perf_counter()
    sqlite_file_backup(database, backup)
    backed = time.perf_counter() - started
    print(f"backup of {database.name}: {backed:.0f} s, {load_average()}", file=sys.stderr)
    try:
        started = time.perf_counter()
        run([str(ROOT / ".venv/bin/projektkatalog"), "restore", str(backup)], env=env)
        took = time.perf_counter() - started
        print(f"restore into PostgreSQL: {took:.0f} s, {load_average()}", file=sys.stderr)
    finally:
        backup.unlink(missing_ok=True)


def postgres_inner(folder: Path, seconds: int, replica: bool) -> int:
    """Inside pgserver: load its database, serve it, measure; with `replica`, start a streaming
    standby of the loaded database (tests.support.pgserver.standby, so that it does not replay
    the import meanwhile) and measure again with the public reads going to it. Writes
    postgres.json."""
    sys.path.insert(0, str(ROOT))  # tests.support, from this script run by path
    from tests.support.pgserver import standby

    url = os.environ["DATABASE_URL"]
    env = ours_environment(url, folder / "pg-var")
    (folder / "pg-var").mkdir(exist_ok=True)
    postgres_load(url, env, folder)
    both = paths_make(folder / "datasette.db", ours_names(env))
    paths = {c: both[c][1] for c in CASES}
    script = folder / "random-paths.lua"
    figures = {
        "primary": side_measure(
            "ours (PostgreSQL)", lambda p: ours_serve(env, p), paths, seconds, script
        )
    }
    if replica:
        with standby(url) as server:
            env = {**env, "DATABASE_REPLICA_URLS": server.url()}
            figures["replica"] = side_measure(
                "ours (PostgreSQL, reading the standby)",
                lambda p: ours_serve(env, p),
                paths,
                seconds,
                script,
            )
    (folder / "postgres.json").write_text(json.dumps(figures))
    return 0


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "--inner-postgres":
        sys.exit(postgres_inner(Path(sys.argv[2]), int(sys.argv[3]), sys.argv[4] == "replica"))
    sys.exit(main())
