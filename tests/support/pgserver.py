"""Run a command against a throw-away PostgreSQL server, as pytest-postgresql does.

    python -m tests.support.pgserver -- pytest

initdb makes a cluster in a temporary folder, pg_ctl starts it on a free loopback port, the
command runs with DATABASE_URL pointing at it, and the server and folder are removed after.
PostgreSQL refuses to run as root, so as root the server runs as the `postgres` user.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile


def _binary(name: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)
    if found:
        return found[0]
    path = shutil.which(name)
    if path is None:
        sys.exit(f"pgserver: {name} not found; run `make system-deps` (apt-get install postgresql)")
    return path


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main(argv: list[str]) -> int:
    if "--" in argv:
        argv = argv[argv.index("--") + 1 :]
    if not argv:
        sys.exit("usage: python -m tests.support.pgserver -- COMMAND ...")
    as_root = os.geteuid() == 0
    prefix = ["runuser", "-u", "postgres", "--"] if as_root else []
    folder = tempfile.mkdtemp(prefix="projektkatalog-pg-")
    data = os.path.join(folder, "data")
    if as_root:
        user = pwd.getpwnam("postgres")
        os.chown(folder, user.pw_uid, user.pw_gid)
    port = _free_port()
    log = os.path.join(folder, "server.log")
    try:
        subprocess.run(
            [
                *prefix,
                _binary("initdb"),
                "-D",
                data,
                "-U",
                "postgres",
                "--auth=trust",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
            ],
            check=True,
            stdout=subprocess.DEVNULL,
            cwd=folder,
        )
        subprocess.run(
            [
                *prefix,
                _binary("pg_ctl"),
                "-D",
                data,
                "-l",
                log,
                "-w",
                "-o",
                f"-p {port} -k {folder} -h 127.0.0.1 -F",
                "start",
            ],
            check=True,
            stdout=subprocess.DEVNULL,
            cwd=folder,
        )
        env = dict(os.environ, DATABASE_URL=f"postgres://postgres@127.0.0.1:{port}/projektkatalog")
        print(f"pgserver: PostgreSQL on 127.0.0.1:{port}", file=sys.stderr)
        return subprocess.run(argv, env=env).returncode
    finally:
        subprocess.run(
            [*prefix, _binary("pg_ctl"), "-D", data, "-m", "fast", "-w", "stop"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            cwd=folder,
        )
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
