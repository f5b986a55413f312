"""Load and soak: 64 connections for 60 s over the public pages, the API and the downloads,
served by `projektkatalog serve` (gunicorn).

By default on the sample catalogue in a throw-away SQLite database; with `--database URL` (and
`--var FOLDER`, the server's var/ with its secret key and cache) on a catalogue already loaded,
e.g. 100,000 benchmark projects (bench_load.py, ../shared/perf). Twenty project pages (from the
API's first page) are among the URLs.

Prints requests a second, p50/p95/p99, errors, the p99 of each URL, and the server's memory (RSS
of gunicorn and its workers) after the first sample and at the end. The peer in the same run is
`/healthz` under the same connections: the cheapest answer the same stack gives, so the
difference is what the catalogue's own pages cost.

The load comes from wrk (a C client, `make system-deps`): each request a random one of the
pages, API answers and project pages, over CONNECTIONS less the downloads' share; the downloads'
share of connections is driven meanwhile by this script's own threads (first 64 KiB with
--first-bytes). Then each URL alone for a few seconds (its own p99 under the same connections).
`--client python` drives everything from this script's threads instead, as the bench did first
(measured, those threads used about a tenth of the server's CPU, but their timing shares the
interpreter's lock with the threads reading the answers). Both print the CPU seconds the client
and the server used, so that what was measured can be judged.

    .venv/bin/python bench/bench_soak.py [SECONDS] [CONNECTIONS] [WORKERS]   # default 60 64 3
    .venv/bin/python bench/bench_soak.py 60 64 3 --database sqlite:///var/perf.sqlite3 --var var
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT.parent / "shared" / "samples" / "region-skane-projekt-och-samarbeten.txt"
DEMO = ROOT / "src" / "projektkatalog" / "demo" / "demo-page.txt"
PAGES = [
    "/",
    "/?q=energi",
    "/?status=ended",
    "/organisationer/",
    "/program/",
    "/tidslinje/",
    "/statistik/",
    "/en/",
    "/api/v1/projects",
    "/api/v1/projects?q=vatten",
    "/api/v1/organisations",
    "/data/projekt.json",
    "/data/projekt.csv",
    "/feed.atom",
]


# With --first-bytes, a download counts as answered when its first 64 KiB have arrived: at
# 100,000 projects the files are 80 and 250 MB, and reading them in this one Python process
# over loopback would measure the client, not the server.
FIRST_BYTES = False


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _tree_rss(pid: int) -> list[int]:
    """Return the resident memory in KB of a process and of each of its children."""
    sizes, queue = [], [pid]
    while queue:
        current = queue.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            sizes.append(
                int(next(x for x in status.splitlines() if x.startswith("VmRSS")).split()[1])
            )
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except (OSError, StopIteration):
            continue
        queue += [int(c) for c in children]
    return sizes


def _load(
    port: int, paths: list[str], seconds: float, connections: int
) -> tuple[list[tuple[str, float]], int]:
    """Run `connections` keep-alive clients over `paths` for `seconds`; return (path, seconds)
    of each answer and the number of errors."""
    timings: list[tuple[str, float]] = []
    errors = [0]
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def client(offset: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        n = offset
        mine: list[tuple[str, float]] = []
        failed = 0
        while time.monotonic() < stop:
            path = paths[n % len(paths)]
            n += 1
            started = time.perf_counter()
            try:
                conn.request("GET", path)
                response = conn.getresponse()
                if FIRST_BYTES and path.startswith("/data/"):
                    response.read(1 << 16)  # the answer has begun: hang up, as a client may
                    conn.close()
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                else:
                    response.read()
                if response.status != 200:
                    failed += 1
            except (OSError, http.client.HTTPException):
                failed += 1
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                continue
            mine.append((path, time.perf_counter() - started))
        with lock:
            timings.extend(mine)
            errors[0] += failed

    threads = [threading.Thread(target=client, args=(i,)) for i in range(connections)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return timings, errors[0]


def _quantiles(values: list[float]) -> list[float]:
    return statistics.quantiles(values, n=100) if len(values) > 1 else [*values, 0.0] * 99


def _report(
    name: str, timings: list[tuple[str, float]], errors: int, seconds: float, each: bool = False
) -> None:
    q = _quantiles([t for _, t in timings])
    print(
        f"{name:10} {len(timings) / seconds:7.0f} req/s  p50 {q[49] * 1000:6.0f} ms  "
        f"p95 {q[94] * 1000:6.0f} ms  p99 {q[98] * 1000:6.0f} ms  errors {errors}"
    )
    if not each:
        return
    by_path: dict[str, list[float]] = {}
    for path, t in timings:
        by_path.setdefault(
            path.split("/projekt/")[0] + ("/projekt/…" if "/projekt/" in path else ""), []
        ).append(t)
    for path, values in sorted(by_path.items(), key=lambda kv: -_quantiles(kv[1])[98]):
        q = _quantiles(values)
        print(
            f"    {path:34} {len(values):6} answers  p50 {q[49] * 1000:6.0f} ms  p99 {q[98] * 1000:6.0f} ms"
        )


def _project_pages(port: int, count: int = 20) -> list[str]:
    """Return the pages of the first `count` projects the API lists."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    conn.request("GET", "/api/v1/projects")
    answer = json.loads(conn.getresponse().read())
    conn.close()
    items = answer["results"]
    return [f"/projekt/{p['id']}/" for p in items[:count]]


# wrk: each request a random path of the file named in PATHS; the figures as one JSON line.
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
  io.write(string.format('RESULT {"p50": %f, "p95": %f, "p99": %f, "n": %d, "bad": %d}\\n',
    latency:percentile(50) / 1e6, latency:percentile(95) / 1e6, latency:percentile(99) / 1e6,
    summary.requests, bad))
end
"""


def _tree_cpu(pid: int) -> float:
    """Return the CPU seconds a process, its children and its reaped children have used."""
    total, queue, tick = 0.0, [pid], os.sysconf("SC_CLK_TCK")
    while queue:
        current = queue.pop()
        try:
            fields = Path(f"/proc/{current}/stat").read_text().rsplit(")", 1)[1].split()
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except OSError:
            continue
        total += sum(int(x) for x in fields[11:15]) / tick  # utime stime cutime cstime
        queue += [int(c) for c in children]
    return total


def _own_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


class Wrk:
    """wrk runs over a list of paths, each request a random one of them."""

    def __init__(self, port: int, folder: Path) -> None:
        self.port = port
        self.folder = folder
        self.script = folder / "soak-random-paths.lua"
        self.script.write_text(WRK_SCRIPT)
        self.cpu = 0.0  # CPU seconds of every wrk run so far

    def run(self, paths: list[str], connections: int, seconds: float) -> dict:  # type: ignore[type-arg]
        """Drive `paths` for `seconds`; return p50/p95/p99 (seconds), answers and failures."""
        listing = self.folder / "soak-paths.txt"
        listing.write_text("\n".join(paths) + "\n")
        command = ["wrk", "-t2", f"-c{connections}", f"-d{max(1, round(seconds))}s"]
        command += ["--timeout", "30s", "-s", str(self.script), f"http://127.0.0.1:{self.port}"]
        with tempfile.TemporaryFile(mode="w+") as out:
            process = subprocess.Popen(
                command, env={**os.environ, "PATHS": str(listing)}, stdout=out, text=True
            )
            _, status, usage = os.wait4(process.pid, 0)
            self.cpu += usage.ru_utime + usage.ru_stime
            if os.waitstatus_to_exitcode(status):
                sys.exit(f"bench: wrk failed: {' '.join(command)}")
            out.seek(0)
            line = next(x for x in out.read().splitlines() if x.startswith("RESULT "))
        return json.loads(line[len("RESULT ") :])  # type: ignore[no-any-return]


def _wrk_line(name: str, figures: dict, seconds: float) -> None:  # type: ignore[type-arg]
    print(
        f"{name:34} {figures['n'] / seconds:7.0f} req/s  p50 {figures['p50'] * 1000:6.0f} ms  "
        f"p95 {figures['p95'] * 1000:6.0f} ms  p99 {figures['p99'] * 1000:6.0f} ms  "
        f"errors {figures['bad']}"
    )


def _group(path: str) -> str:
    return path.split("/projekt/")[0] + ("/projekt/…" if "/projekt/" in path else "")


def soak_wrk(
    server: int, port: int, paths: list[str], seconds: float, connections: int, per_url: float
) -> None:
    """The mixed run with wrk (the downloads' share from this script's threads meanwhile), then
    each URL (the project pages as one) alone, then the peer."""
    folder = Path(tempfile.mkdtemp(prefix="soak-wrk-"))
    try:
        wrk = Wrk(port, folder)
        downloads = [p for p in paths if p.startswith("/data/")]
        pages = [p for p in paths if p not in downloads]
        share = round(connections * len(downloads) / len(paths)) if downloads else 0
        found: dict[str, object] = {}

        def download_load() -> None:
            found["timings"], found["errors"] = _load(port, downloads, seconds, share)

        side = threading.Thread(target=download_load) if share else None
        cpu, server_cpu = _own_cpu(), _tree_cpu(server)
        if side:
            side.start()
        mixed = wrk.run(pages, connections - share, seconds)
        if side:
            side.join()
        cpu_downloads, server_cpu = _own_cpu() - cpu, _tree_cpu(server) - server_cpu
        _wrk_line(f"pages, API ({connections - share} conn.)", mixed, seconds)
        if side:
            _report("downloads", found["timings"], found["errors"], seconds, each=True)  # type: ignore[arg-type]
        print(
            f"CPU over the mix: server {server_cpu:.1f} s, client: wrk {wrk.cpu:.1f} s, "
            f"the downloads' threads {cpu_downloads:.1f} s"
        )
        if per_url:
            print(f"each URL alone, {connections - share} connections, {per_url:.0f} s:")
            for group in dict.fromkeys(_group(p) for p in pages):
                _wrk_line(
                    f"    {group}",
                    wrk.run([p for p in pages if _group(p) == group], connections - share, per_url),
                    per_url,
                )
        peer_seconds = max(5.0, seconds / 6)
        _wrk_line("peer: /healthz", wrk.run(["/healthz"], connections, peer_seconds), peer_seconds)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def soak_python(server: int, port: int, paths: list[str], seconds: float, connections: int) -> None:
    """The first bench's client: every connection a thread of this script, in turn over `paths`."""
    cpu, server_cpu = _own_cpu(), _tree_cpu(server)
    timings, errors = _load(port, paths, seconds, connections)
    cpu, server_cpu = _own_cpu() - cpu, _tree_cpu(server) - server_cpu
    print(
        f"CPU over the run: server {server_cpu:.1f} s, client (this script's threads) {cpu:.1f} s"
    )
    _report("catalogue", timings, errors, seconds, each=True)
    peer_seconds = max(5.0, seconds / 6)
    timings, errors = _load(port, ["/healthz"], peer_seconds, connections)
    _report("peer", timings, errors, peer_seconds)


def _rss_sampler(
    pid: int, seconds: float
) -> tuple[threading.Event, threading.Thread, list[list[int]]]:
    rss: list[list[int]] = []
    stop = threading.Event()
    every = 60.0 if seconds >= 480 else seconds / 8  # a long soak: after each minute

    def sample() -> None:
        while not stop.wait(every):
            rss.append(_tree_rss(pid))

    thread = threading.Thread(target=sample)
    thread.start()
    return stop, thread, rss


def _rss_report(samples: list[list[int]], seconds: float) -> None:
    """The whole server's memory (gunicorn and its workers) after the first minute and at the
    end, every sample between, and the largest single process seen (a worker's own size)."""
    if len(samples) < 3:
        return
    rss = [sum(sizes) for sizes in samples]
    every = 60.0 if seconds >= 480 else seconds / 8
    at = 0 if every == 60 else 1  # after the first minute, or the first quarter
    first, last = rss[at], rss[-1]
    print(
        f"RSS after {every * (at + 1):.0f} s {first / 1024:.0f} MB, "
        f"at the end {last / 1024:.0f} MB ({(last - first) / first * 100:+.1f} %)"
    )
    print(f"RSS every {every:.0f} s, MB: {' '.join(f'{kb / 1024:.0f}' for kb in rss)}")
    largest = max(max(sizes) for sizes in samples)
    print(f"largest single process (a worker) over the run: {largest / 1024:.0f} MB")


def _warm(port: int, paths: list[str]) -> None:
    started = time.perf_counter()
    for path in paths:  # warm, one at a time: downloads written once, caches filled
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=900)
        conn.request("GET", path)
        conn.getresponse().read()
        conn.close()
    _load(port, paths, 3, 4)  # and once more in every worker
    print(f"warming took {time.perf_counter() - started:.1f} s")


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("seconds", nargs="?", type=float, default=60)
    parser.add_argument("connections", nargs="?", type=int, default=64)
    parser.add_argument("workers", nargs="?", default="3")
    parser.add_argument("--database", help="DATABASE_URL of a catalogue already loaded")
    parser.add_argument("--var", help="the server's var/ folder (with --database)")
    parser.add_argument("--first-bytes", action="store_true", help="downloads: first 64 KiB")
    parser.add_argument("--client", choices=["wrk", "python"], default="wrk")
    parser.add_argument(
        "--max-requests",
        default="50000",
        help="serve's --max-requests: a worker replaced after about N answers (0: never, "
        "to see whether memory stays flat without gunicorn's guard)",
    )
    parser.add_argument(
        "--per-url", type=float, default=3, help="seconds of wrk per URL after the mix (0: none)"
    )
    args = parser.parse_args()
    if args.client == "wrk" and not shutil.which("wrk"):
        sys.exit("bench: wrk not found; run `make system-deps` (or use --client python)")
    return args


def main() -> int:
    args = _arguments()
    global FIRST_BYTES
    FIRST_BYTES = args.first_bytes
    seconds, connections, workers = args.seconds, args.connections, args.workers
    folder = args.var or tempfile.mkdtemp(prefix="projektkatalog-soak-")
    env = dict(
        os.environ,
        PROJEKTKATALOG_VAR=folder,
        DATABASE_URL=args.database or f"sqlite:///{folder}/soak.sqlite3",
        DJANGO_SETTINGS_MODULE="projektkatalog.settings.base",
        PROJEKTKATALOG_REQUEST_LOG="WARNING",
    )
    command = [sys.executable, "-m", "projektkatalog.cli"]
    page = SAMPLE if SAMPLE.exists() else DEMO
    if not args.database:
        subprocess.run([*command, "import", str(page)], env=env, check=True, capture_output=True)
    port = _free_port()
    server = subprocess.Popen(
        [*command, "serve", "--port", str(port), "--workers", workers]
        + ["--max-requests", args.max_requests],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.2)
        paths = PAGES + _project_pages(port)
        random.Random(14).shuffle(paths)
        _warm(port, paths)
        name = args.database or page.name
        print(
            f"{name}, {connections} connections, {workers} workers, {seconds:.0f} s, {args.client}, "
            f"a worker replaced after {args.max_requests} answers (0: never)"
        )
        print(f"load average before: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
        stop, sampler, rss = _rss_sampler(server.pid, seconds)
        if args.client == "wrk":
            soak_wrk(server.pid, port, paths, seconds, connections, args.per_url)
        else:
            soak_python(server.pid, port, paths, seconds, connections)
        stop.set()
        sampler.join()
        print(f"load average after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
        _rss_report(rss, seconds)
    finally:
        server.terminate()
        server.wait(timeout=30)
    return 0


if __name__ == "__main__":
    sys.exit(main())
