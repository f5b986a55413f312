#!/usr/bin/env bash
# Install the system programs the test suite needs (PostgreSQL server, Chromium) where missing,
# and wrk for bench/bench_vs_datasette.py.
# Debian packages only; runs apt-get only when something is absent.
set -euo pipefail
need=()
if ! command -v chromium >/dev/null 2>&1; then
  need+=(chromium)
fi
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && ! command -v initdb >/dev/null 2>&1; then
  need+=(postgresql)
fi
if ! command -v wrk >/dev/null 2>&1; then
  need+=(wrk)
fi
if [ ${#need[@]} -eq 0 ]; then exit 0; fi
if [ "$(id -u)" -ne 0 ]; then
  echo "system-deps: please install: ${need[*]} (needs root)" >&2
  exit 1
fi
echo "system-deps: installing ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
