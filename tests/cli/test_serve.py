"""`projektkatalog serve` runs a production WSGI server (gunicorn) with the demo catalogue, and
the read-only commands leave the database's schema alone."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _server_env(tmp_path: os.PathLike[str]) -> dict[str, str]:
    """The environment the `cli` fixture gives its commands: the server sees their database."""
    return dict(
        os.environ,
        PROJEKTKATALOG_VAR=str(tmp_path),
        DATABASE_URL=f"sqlite:///{tmp_path}/db.sqlite3",
        DJANGO_SETTINGS_MODULE="projektkatalog.settings.base",
    )


def test_serve_answers_with_gunicorn_and_static_files(cli, tmp_path):
    assert cli("demo").returncode == 0
    port = _free_port()
    env = _server_env(tmp_path)
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "projektkatalog.cli",
            "serve",
            "--port",
            str(port),
            "--workers",
            "2",
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:
                    page = response.read().decode()
                    server_header = response.headers.get("Server", "")
                break
            except OSError:
                assert time.monotonic() < deadline, server.stderr.read() if server.poll() else ""
                time.sleep(0.3)
        assert "gunicorn" in server_header.lower()
        assert "Scand Tick Innovation" in page
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/projects", timeout=5) as r:
            assert r.status == 200
        # The listing went to the cache the workers share: files under var/, not one process.
        assert any((tmp_path / "cache").iterdir())
        # HEAD: the GET's status and length, no body on the wire (gunicorn warned of one).
        for path in ("/", "/api/v1/organisations"):
            status, length, body = _head(port, path)
            assert status == 200 and int(length) > 0 and body == b"", path
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert "body bytes" not in server.stderr.read()


def _head(port: int, path: str) -> tuple[int, str, bytes]:
    """Ask for `path` with HEAD over a raw connection; return the status, the Content-Length
    and whatever bytes came after the headers."""
    import socket

    with socket.create_connection(("127.0.0.1", port), timeout=10) as conn:
        conn.sendall(
            f"HEAD {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode()
        )
        data = b""
        while chunk := conn.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = dict(line.split(": ", 1) for line in lines[1:] if ": " in line)
    return int(lines[0].split()[1]), headers.get("Content-Length", ""), body


def test_serve_dev_runs_djangos_development_server(cli, tmp_path):
    assert cli("demo").returncode == 0
    port = _free_port()
    env = _server_env(tmp_path)
    command = [sys.executable, "-m", "projektkatalog.cli", "serve", "--dev", "--port", str(port)]
    server = subprocess.Popen(
        command,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # the reloader starts a child: stop the whole group
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:
                    server_header = response.headers.get("Server", "")
                    assert "Scand Tick Innovation" in response.read().decode()
                break
            except OSError:
                assert time.monotonic() < deadline, server.stderr.read() if server.poll() else ""
                time.sleep(0.3)
        assert "WSGIServer" in server_header and "gunicorn" not in server_header.lower()
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def test_read_only_commands_do_not_migrate(cli, tmp_path):
    result = cli("quality")
    assert result.returncode == 2
    assert "projektkatalog migrate" in result.stderr and "Traceback" not in result.stderr
    assert cli("migrate").returncode == 0
    assert cli("quality").returncode == 0


def test_the_shared_cache_is_files_under_var_or_redis_when_asked(tmp_path):
    code = "from projektkatalog.settings import base; print(base.CACHES['default'])"

    def cache_setting(**extra: str) -> str:
        env = {k: v for k, v in os.environ.items() if k != "REDIS_URL"}
        env.update(PROJEKTKATALOG_VAR=str(tmp_path), **extra)
        command = [sys.executable, "-c", code]
        return subprocess.run(command, env=env, capture_output=True, text=True, check=True).stdout

    files = cache_setting()
    assert "FileCache" in files and str(tmp_path / "cache") in files
    redis = cache_setting(REDIS_URL="redis://127.0.0.1:6390/2")
    assert "RedisCache" in redis and "redis://127.0.0.1:6390/2" in redis


def _children(pid: int) -> set[int]:
    children: set[int] = set()
    for task in os.listdir(f"/proc/{pid}/task"):
        with open(f"/proc/{pid}/task/{task}/children") as listing:
            children.update(int(child) for child in listing.read().split())
    return children


def test_serve_replaces_a_worker_after_max_requests(cli, tmp_path):
    """--max-requests N: gunicorn starts a fresh worker after about N answers (0: never), the
    guard against a slow leak that the soak bench turns off to show memory stays flat alone."""
    assert cli("demo").returncode == 0
    port = _free_port()
    command = [sys.executable, "-m", "projektkatalog.cli", "serve", "--port", str(port)]
    server = subprocess.Popen(
        [*command, "--workers", "1", "--max-requests", "5"],
        env=_server_env(tmp_path),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        workers: set[int] = set()
        answered = 0
        while answered < 40 and time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as r:
                    answered += r.status == 200
            except OSError:
                assert server.poll() is None, server.stderr.read()
                time.sleep(0.3)
            workers |= _children(server.pid)
        assert answered == 40
        assert len(workers) >= 3  # 40 answers, a fresh worker after at most 5 or 6 each
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_serve_refuses_a_negative_max_requests(cli):
    result = cli("serve", "--max-requests", "-3")
    assert result.returncode == 2
    assert "not a whole number of 0 or more" in result.stderr
    assert "Traceback" not in result.stderr
