"""Time and peak memory to export a large catalogue, and API list throughput.

Builds a synthetic catalogue (the site benchmark's), then exports it to CSV, XLSX and JSON,
each measured for time and peak traced memory. The peer in the same run is the standard
library writing the same rows with csv and json and nothing else: what the formats cost by
themselves. API throughput is requests per second for a page of 50 projects.

    .venv/bin/python bench/bench_exports.py [SIZE] [PART ...]   # default 100000, all parts

PART is any of: peer, document, csv, xlsx, json, api.
"""

from __future__ import annotations

import csv
import io
import json
import sys
import time
import tracemalloc

import bench_site  # noqa: E402 - the sibling benchmark module


def measure(label: str, func) -> None:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    size = len(func())
    seconds = time.perf_counter() - start
    tracemalloc.start()
    func()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(
        f"  {label:34} {seconds:7.2f} s   peak {peak / 2**20:8.1f} MiB   {size / 2**20:7.1f} MiB out"
    )


def main() -> None:
    size = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    parts = set(sys.argv[2:]) or {"peer", "document", "csv", "xlsx", "json", "api"}
    bench_site.setup(size)
    import datetime as dt

    from django.test import Client

    from projektkatalog.catalogue.selectors import catalogue_export
    from projektkatalog.opendata import writers as exports

    print(f"\n{size} projects")
    today = dt.date(2026, 11, 27)
    document = catalogue_export(today=today, contacts=False)
    rows = exports.project_rows(document)

    def peer_csv() -> bytes:
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
        return out.getvalue().encode()

    if "peer" in parts:
        measure("peer: stdlib csv of ready rows", peer_csv)
        measure("peer: stdlib json of ready document", lambda: json.dumps(document).encode())
    if "document" in parts:
        measure(
            "export document from database",
            lambda: json.dumps(catalogue_export(today=today, contacts=False)).encode(),
        )
    if "csv" in parts:
        measure(
            "CSV (the projects table)",
            lambda: exports.table_csv(catalogue_export(today=today, contacts=False), "projects"),
        )
    if "xlsx" in parts:
        measure(
            "XLSX (all sheets)",
            lambda: exports.xlsx_export(catalogue_export(today=today, contacts=False)),
        )
    if "json" in parts:
        measure(
            "JSON (contract)", lambda: exports.json_text(catalogue_export(today=today)).encode()
        )
    if "api" not in parts:
        return
    client = Client()
    for path in (
        "/api/v1/projects?page=1",
        "/api/v1/projects?page=1000",
        "/api/v1/projects?status=ended&q=erosion",
    ):
        client.get(path)
        count, start = 0, time.perf_counter()
        while time.perf_counter() - start < 5:
            assert client.get(path).status_code == 200
            count += 1
        print(f"  API {path:40} {count / (time.perf_counter() - start):7.1f} requests/s")


if __name__ == "__main__":
    sys.path.insert(0, str(__import__("pathlib").Path(__file__).parent))
    main()
