"""Import throughput and peak memory on a large synthetic page, against a plain-text peer.

The peer is the cheapest possible reader of the same page (splitting it into lines and bullets
with no normalising), so the figures say what our parsing costs over merely reading the text.

    .venv/bin/python bench/bench_import.py [ENTRIES]
"""

from __future__ import annotations

import datetime as dt
import sys
import time
import tracemalloc

from projektkatalog.domain.build import page_read

TEMPLATE = """  • Projekt {n} för hållbar utveckling
   Projektet {n} utvecklar nya arbetssätt tillsammans med kommuner och företag i regionen.
   Lead Partner: Region Skåne
   Övriga partners: Lunds universitet, Malmö stad, Företag {m} AB, Helsingborg och Ystad
   Projektperiod: 2019-01-01 – 2022-12-31
   Program: Interreg ÖKS
   ERDF-medel: EUR 1,{m} miljoner
   Webb: Projekt{n}.example.se
   Kontakt
   • Anna Andersson{m} Projektledare
   • Telefon 040-675 {m:02d} {m:02d}
"""


def synthetic_page(entries: int) -> str:
    parts = ["Projekt och samarbeten", ""]
    for n in range(entries):
        if n % 200 == 0:
            parts.append(f" • Kategori {n // 200}")
        parts.append(TEMPLATE.format(n=n, m=n % 97))
    return "\n".join(parts)


def peer_read(text: str) -> int:
    """The peer: count bullet lines, the least a reader of this format must do."""
    return sum(1 for line in text.splitlines() if line.lstrip().startswith("•"))


def measure(label: str, func, text: str, entries: int) -> None:  # type: ignore[no-untyped-def]
    """Time a run on its own (tracemalloc slows Python several times), then trace its memory."""
    start = time.perf_counter()
    func(text)
    seconds = time.perf_counter() - start
    tracemalloc.start()
    func(text)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(
        f"{label:28} {entries:7d} entries  {seconds:7.2f} s  {entries / seconds:9.0f} entries/s  "
        f"peak {peak / 2**20:7.1f} MiB"
    )


def main() -> None:
    entries = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    text = synthetic_page(entries)
    page_read(synthetic_page(20), source="warm-up", today=dt.date(2026, 11, 27))  # load data files
    print(f"synthetic page: {len(text) / 2**20:.1f} MiB, {entries} entries")
    measure("peer (split lines)", peer_read, text, entries)
    measure(
        "projektkatalog page_read",
        lambda t: page_read(t, source="bench", today=dt.date(2026, 11, 27)),
        text,
        entries,
    )


if __name__ == "__main__":
    main()
