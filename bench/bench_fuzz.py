"""The long fuzz run: every reader's hypothesis test with many more (and fresh) examples.

The suite runs 40 fixed examples a reader; this runs N new ones (default 2,000) and prints how
many inputs each reader took a second, beside the suite's own 40-example run measured here too.

    .venv/bin/python bench/bench_fuzz.py [EXAMPLES]
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TESTS = "tests/reliability/test_fuzz.py"


def run(examples: int) -> tuple[float, int]:
    env = dict(os.environ, PROJEKTKATALOG_FUZZ_EXAMPLES=str(examples))
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "pytest", TESTS, "-q", "-p", "no:cacheprovider", "-k", "never"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    print(result.stdout.strip().splitlines()[-1])
    return time.perf_counter() - started, result.returncode


def main() -> int:
    examples = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    readers = 9  # the `never_crash` tests in test_fuzz.py
    suite, _ = run(40)
    long, code = run(examples)
    print(f"suite run:  {readers} readers x 40 examples in {suite:.1f} s")
    print(
        f"long run:   {readers} readers x {examples} examples in {long:.1f} s "
        f"({readers * examples / long:.0f} inputs/s); {'no crash' if code == 0 else 'FAILED'}"
    )
    return code


if __name__ == "__main__":
    sys.exit(main())
