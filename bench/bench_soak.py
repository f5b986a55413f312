"""Load and soak: 64 connections for 60 s over the public pages, the API and the downloads of the
sample catalogue, served by `projektkatalog serve` (gunicorn) on a throw-away SQLite database.

Prints requests a second, p50/p95/p99, errors, and the server's memory (RSS of gunicorn and its
workers) after the first quarter and at the end. The peer in the same run is `/healthz` under the
same 64 connections: the cheapest answer the same stack gives, so the difference is what the
catalogue's own pages cost.

    .venv/bin/python bench/bench_soak.py [SECONDS] [CONNECTIONS] [WORKERS]   # default 60 64 3
"""

from __future__ import annotations

import http.client
import os
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


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _tree_rss(pid: int) -> int:
    """Return the resident memory in KB of a process and all its children."""
    total, queue = 0, [pid]
    while queue:
        current = queue.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            total += int(next(x for x in status.splitlines() if x.startswith("VmRSS")).split()[1])
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except (OSError, StopIteration):
            continue
        queue += [int(c) for c in children]
    return total


def _load(port: int, paths: list[str], seconds: float, connections: int) -> tuple[list, int]:  # type: ignore[type-arg]
    """Run `connections` keep-alive clients over `paths` for `seconds`; return timings, errors."""
    timings: list[float] = []
    errors = [0]
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def client(offset: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        n = offset
        mine: list[float] = []
        failed = 0
        while time.monotonic() < stop:
            path = paths[n % len(paths)]
            n += 1
            started = time.perf_counter()
            try:
                conn.request("GET", path)
                response = conn.getresponse()
                response.read()
                if response.status != 200:
                    failed += 1
            except (OSError, http.client.HTTPException):
                failed += 1
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                continue
            mine.append(time.perf_counter() - started)
        with lock:
            timings.extend(mine)
            errors[0] += failed

    threads = [threading.Thread(target=client, args=(i,)) for i in range(connections)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return timings, errors[0]


def _report(name: str, timings: list[float], errors: int, seconds: float) -> None:
    q = statistics.quantiles(timings, n=100) if len(timings) > 1 else [0.0] * 99
    print(
        f"{name:10} {len(timings) / seconds:7.0f} req/s  p50 {q[49] * 1000:6.0f} ms  "
        f"p95 {q[94] * 1000:6.0f} ms  p99 {q[98] * 1000:6.0f} ms  errors {errors}"
    )


def main() -> int:
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 60
    connections = int(sys.argv[2]) if len(sys.argv) > 2 else 64
    workers = sys.argv[3] if len(sys.argv) > 3 else "3"
    folder = tempfile.mkdtemp(prefix="projektkatalog-soak-")
    env = dict(
        os.environ,
        PROJEKTKATALOG_VAR=folder,
        DATABASE_URL=f"sqlite:///{folder}/soak.sqlite3",
        DJANGO_SETTINGS_MODULE="projektkatalog.settings.base",
        PROJEKTKATALOG_REQUEST_LOG="WARNING",
    )
    command = [sys.executable, "-m", "projektkatalog.cli"]
    page = SAMPLE if SAMPLE.exists() else DEMO
    subprocess.run([*command, "import", str(page)], env=env, check=True, capture_output=True)
    port = _free_port()
    server = subprocess.Popen(
        [*command, "serve", "--port", str(port), "--workers", workers],
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
        _load(port, PAGES, 3, 4)  # warm: downloads written once, caches filled
        print(f"{page.name}, {connections} connections, {workers} workers, {seconds:.0f} s")
        rss: list[int] = []
        sampler_stop = threading.Event()

        def sample() -> None:
            while not sampler_stop.wait(seconds / 8):
                rss.append(_tree_rss(server.pid))

        sampler = threading.Thread(target=sample)
        sampler.start()
        timings, errors = _load(port, PAGES, seconds, connections)
        sampler_stop.set()
        sampler.join()
        _report("catalogue", timings, errors, seconds)
        peer_seconds = max(5.0, seconds / 6)
        timings, errors = _load(port, ["/healthz"], peer_seconds, connections)
        _report("peer", timings, errors, peer_seconds)
        if len(rss) >= 3:
            first, last = rss[1], rss[-1]
            print(
                f"RSS after the first quarter {first / 1024:.0f} MB, at the end {last / 1024:.0f} MB "
                f"({(last - first) / first * 100:+.1f} %)"
            )
    finally:
        server.terminate()
        server.wait(timeout=30)
    return 0


if __name__ == "__main__":
    sys.exit(main())
