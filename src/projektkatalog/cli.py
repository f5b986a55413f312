"""The `projektkatalog` command: import, export, quality, serve, demo.

Every failure the user can cause (a missing, empty, binary or non-UTF-8 file, a page with no
projects) ends in one line on stderr and a non-zero exit, with the database unchanged.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import time
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from projektkatalog.opendata.formats import FORMATS

if TYPE_CHECKING:
    from collections.abc import Callable

    from django.core.handlers.wsgi import WSGIHandler

DEMO_PAGE = Path(__file__).parent / "demo" / "demo-page.txt"


class UserError(Exception):
    """A problem with the user's input, reported in one line."""


def _setup(*, migrate: bool = True) -> None:
    """Start Django; apply pending migrations for the commands that write or serve. Commands
    that only read (export, quality) never change the database's schema behind one's back."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "projektkatalog.settings.base")
    import django
    from django.core.management import call_command

    django.setup()
    if migrate:
        call_command("migrate", verbosity=0, interactive=False)
        return
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        raise UserError("the database is not up to date: run `projektkatalog migrate` first")


def _mapping(name: str) -> dict[str, Any]:
    """Return a mapping file by path, or one shipped with Projektkatalog by its name."""
    from projektkatalog.mappings import MappingFileError, mapping_load

    try:
        return mapping_load(name)
    except MappingFileError as error:
        raise UserError(str(error)) from None


def _read_bytes(path: Path) -> bytes:
    """Return a file's bytes, or a one-line error for a missing, folder or empty file."""
    if not path.exists():
        raise UserError(f"{path}: no such file")
    if path.is_dir():
        raise UserError(f"{path}: is a folder, not a file")
    data = path.read_bytes()
    if not data.strip():
        raise UserError(f"{path}: the file is empty")
    return data


def _path_checked(path: Path) -> Path:
    """Return the path of a file that is there and not empty (its content is read as the
    import goes), or a one-line error like `_read_bytes`'s."""
    if not path.is_file():
        _read_bytes(path)  # says what the path is instead
    with path.open("rb") as handle:
        if not handle.read(65536).strip() and path.stat().st_size <= 65536:
            raise UserError(f"{path}: the file is empty")
    return path


class _Progress:
    """What the import has done, on standard error: projects stored, rows read and the rate,
    rewritten in place on a terminal, one line each time otherwise."""

    def __init__(self) -> None:
        import time

        self.clock = time.monotonic
        self.started = self.clock()
        self.terminal = sys.stderr.isatty()

    def __call__(self, projects: int, rows: int) -> None:
        seconds = max(self.clock() - self.started, 1e-9)
        read = f", {rows:,} rows read" if rows else ""
        text = f"  {projects:,} projects stored{read} ({projects / seconds:,.0f} projects/s)"
        print(text, end="\r" if self.terminal else "\n", file=sys.stderr, flush=True)

    def close(self) -> None:
        if self.terminal:
            print(file=sys.stderr)


def cmd_import(args: argparse.Namespace) -> int:
    path = Path(args.file)
    mapping = _mapping(args.mapping) if args.mapping else None
    # A table read through a mapping is read from the file as the import goes.
    data: bytes | Path = _path_checked(path) if mapping is not None else _read_bytes(path)
    _setup()
    from projektkatalog.catalogue.imports import file_import
    from projektkatalog.catalogue.sources import SourceError

    shown = getattr(args, "progress", False) or sys.stderr.isatty()
    progress = _Progress() if shown else None

    def waiting() -> None:
        print("another import is running: waiting for it to finish", file=sys.stderr)

    try:
        result = file_import(
            path.name,
            data,
            mapping=mapping,
            comment=f"Import av {path.name} (kommandoraden)",
            dry_run=args.dry_run,
            keep=False,
            progress=progress,
            waiting=waiting,
        )
    except SourceError as error:
        if progress is not None:
            progress.close()
        raise UserError(str(error).replace(path.name, str(path), 1)) from None
    if progress is not None:
        progress.close()
    record, summary = result.record, result.summary
    if args.dry_run:
        print("dry run: nothing was changed; the import would give:")
        for label, ids in (
            ("add", summary.added_ids),
            ("change", summary.changed_ids),
            ("remove", summary.removed_ids),
        ):
            for slug in ids:
                print(f"  would {label}: {slug}")
    print(
        f"{path.name}: {_counted(summary.projects, 'project')} ({summary.added} added, "
        f"{summary.changed} changed, {summary.unchanged} unchanged, {summary.removed} removed), "
        f"{_counted(len(record.categories), 'category', 'categories')}, "
        f"{_counted(summary.organisations, 'organisation')}, {_counted(summary.findings, 'finding')}"
    )
    return 0


def _counted(count: int, one: str, many: str = "") -> str:
    """A count with its noun, singular for one: the summary an editor reads after an import
    said "1 projects"."""
    return f"{count:,} {one if count == 1 else many or one + 's'}"


def _write_atomically(path: Path, write: Callable[[IO[bytes]], None]) -> None:
    """Write a file to `path` with `write` so that the name holds the old file or the whole new
    one, never half of it: a temporary file in the same folder, flushed to disk, then renamed
    over it."""
    import tempfile

    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise UserError(f"{path}: the folder {folder} does not exist")
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as f:
            write(f)
            f.flush()
            os.fsync(f.fileno())
        os.replace(temporary, path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise UserError(f"{path}: could not write the file ({error.strerror or error})") from None
    except BaseException:  # the database failed while the file was written: nothing is left
        Path(temporary).unlink(missing_ok=True)
        raise


def _database_error_text(error: Exception) -> str | None:
    """Return what to do about a database that cannot be written or reached, or None."""
    if type(error).__name__ not in ("OperationalError", "InterfaceError"):
        return None
    text = str(error).lower()
    if "readonly" in text or "read-only" in text:
        return "the database is read-only: check the permissions of its file and folder"
    if "locked" in text:
        return "the database is busy with another write; try again when it has finished"
    if "connect" in text or "connection" in text:
        return "cannot reach the database server (DATABASE_URL): is it running?"
    return None


def cmd_export(args: argparse.Namespace) -> int:
    """Export the catalogue; JSON is the operator's full backup unless --public is given."""
    if args.format in ("xlsx", "csv") and not args.output:
        raise UserError(f"--format {args.format} writes a binary file: give it with -o FILE")
    _setup(migrate=False)
    from projektkatalog.catalogue.selectors import catalogue_export_stream

    today = dt.date.fromisoformat(args.today) if args.today else None
    # Read from the database while it is written, so that memory does not grow with the
    # catalogue (a million projects export on a small machine).
    document = catalogue_export_stream(
        today=today, contacts=not args.public, drafts=not args.public
    )
    from projektkatalog.catalogue.export_rows import read_snapshot
    from projektkatalog.opendata.addresses import base_url

    base = args.base_url.rstrip("/") or base_url()  # the option wins over the setting
    if FORMATS[args.format].needs_base_url and not base:
        raise UserError(
            f"--format {args.format} names every page by its full address: "
            "give --base-url URL or set PROJEKTKATALOG_BASE_URL"
        )
    output = FORMATS[args.format]
    with read_snapshot():  # every table read as of one moment, however long the writing takes
        if args.output:
            _write_atomically(Path(args.output), lambda out: output.stream(document, base, out))
        else:  # only the text formats reach here (checked above)
            sys.stdout.flush()
            output.stream(document, base, sys.stdout.buffer)
            sys.stdout.buffer.flush()
    return 0


def cmd_quality(args: argparse.Namespace) -> int:
    _setup(migrate=False)
    from projektkatalog.catalogue.quality import quality_report

    findings = quality_report(dt.date.today())
    if args.format == "json":
        print(json.dumps(findings, ensure_ascii=False, indent=2))
        return 0
    by_code: dict[str, int] = {}
    for f in findings:
        code = str(f["code"])
        by_code[code] = by_code.get(code, 0) + 1
        where = f"{f['source']}:{f['line']}" if f["line"] else (f["source"] or "")
        print(
            f"{f['severity']:7} {f['code']:24} {f['project'] or '-':40} {where}\n        {f['message']}"
        )
    print(
        f"\n{len(findings)} findings: " + ", ".join(f"{n} {c}" for c, n in sorted(by_code.items()))
    )
    return 0


def cmd_migrate(args: argparse.Namespace) -> int:
    """Create or update the database's tables (serve and import also do it first)."""
    _setup()
    print("the database is up to date")
    return 0


def _count(text: str) -> int:
    """An option's whole number, zero or more (argparse reports anything else in one line)."""
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of 0 or more")
    return value


def cmd_serve(args: argparse.Namespace) -> int:
    """Serve the site with gunicorn, a production WSGI server: several worker processes, each
    with a few threads, static files by WhiteNoise, one cache for all (settings CACHES).
    Django's development server (reloading on every change) only when asked, with --dev."""
    _setup()
    if args.dev:
        from django.core.management import call_command

        call_command("runserver", f"{args.host}:{args.port}")
        return 0
    from gunicorn.app.base import BaseApplication

    from projektkatalog.wsgi import application

    workers = args.workers or min(2 * (os.cpu_count() or 1) + 1, 9)

    class Server(BaseApplication):
        def load_config(self) -> None:
            options = {
                "bind": f"{args.host}:{args.port}",
                "workers": workers,
                "worker_class": "gthread",
                "threads": 4,
                "timeout": 60,
                "graceful_timeout": 20,
                "accesslog": "-" if args.access_log else None,
                "errorlog": "-",
                # A worker is replaced after this many requests (a guard against a slow leak),
                # not more often: a new one starts Python, Django and its listing index again
                # (a second at 100,000 projects), which showed as the slowest answers under load.
                # 0 never replaces one: how the soak shows that memory stays flat by itself.
                "max_requests": args.max_requests,
                "max_requests_jitter": args.max_requests // 10,
            }
            for key, value in options.items():
                if value is not None:
                    self.cfg.set(key, value)

        def load(self) -> WSGIHandler:
            return application

    print(f"serving http://{args.host}:{args.port}/ with {workers} workers", file=sys.stderr)
    Server().run()
    return 0


def cmd_warm(args: argparse.Namespace) -> int:
    """Have today's listing index, the catalogue's first page and the search's word list ready
    before anyone asks: what an import does at its end (`imports.catalogue_warm`), for the day
    turning (statuses change at midnight, and the editors' saves since the last import are in
    the search's log) or a server that starts on a catalogue no process has indexed yet."""
    _setup(migrate=False)
    from projektkatalog.catalogue.imports import catalogue_warm
    from projektkatalog.catalogue.labels import today

    started = time.perf_counter()
    failed = catalogue_warm()
    if failed:
        raise UserError(f"could not prepare {' and '.join(failed)} (see the log)")
    print(f"the listing of {today()} is ready ({time.perf_counter() - started:.1f} s)")
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    """Write a consistent copy of the whole database while the site keeps running."""
    _setup(migrate=False)
    from projektkatalog.catalogue.backup import BackupError, database_backup

    try:
        manifest = database_backup(Path(args.output))
    except BackupError as error:
        raise UserError(str(error)) from None
    print(f"{args.output}: backup of the {manifest['engine']} database at {manifest['created']}")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    """Bring a backup back into an empty database (a SQLite one also into PostgreSQL), bring its
    tables up to date, and have ready what an import leaves ready."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "projektkatalog.settings.base")
    django.setup()
    from projektkatalog.catalogue.backup import BackupError, database_restore
    from projektkatalog.catalogue.imports import catalogue_warm

    started = time.perf_counter()
    try:
        manifest = database_restore(Path(args.file), force=args.force)
    except BackupError as error:
        raise UserError(str(error)) from None
    _setup()  # a backup from an older version gets the newer migrations
    failed = catalogue_warm()  # what an import leaves ready: the search's words, the listing
    took = time.perf_counter() - started
    if "rows" in manifest:
        print(
            f"{args.file}: restored the SQLite backup of {manifest['created']} into PostgreSQL "
            f"({manifest['rows']} rows of {manifest['tables']} tables, {took:.0f} s)"
        )
    else:
        print(f"{args.file}: restored the backup of {manifest['created']}")
    if failed:
        print(f"could not prepare {' and '.join(failed)} (see the log)", file=sys.stderr)
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    """Load the demo catalogue (our own restatement of a region's page)."""
    return cmd_import(argparse.Namespace(file=str(DEMO_PAGE), mapping=None, dry_run=False))


def cmd_createadmin(args: argparse.Namespace) -> int:
    """Create the first administrator (or make an existing user one), password from the
    environment variable PROJEKTKATALOG_ADMIN_PASSWORD or asked for twice."""
    import getpass

    password = os.environ.get("PROJEKTKATALOG_ADMIN_PASSWORD")
    if not password:
        if not sys.stdin.isatty():
            raise UserError(
                "give the password in PROJEKTKATALOG_ADMIN_PASSWORD or run in a terminal"
            )
        password = getpass.getpass("Password: ")
        if password != getpass.getpass("Password (again): "):
            raise UserError("the passwords differ")
    _setup()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    from projektkatalog.catalogue.roles import roles_ensure

    user_model = get_user_model()
    user = user_model.objects.filter(username=args.username).first() or user_model(
        username=args.username
    )
    try:
        validate_password(password, user)
    except ValidationError as error:
        raise UserError(" ".join(error.messages)) from None
    user.email = args.email or user.email
    user.is_staff = user.is_superuser = user.is_active = True
    user.set_password(password)
    user.save()
    _, administrators = roles_ensure()
    user.groups.add(administrators)
    print(f"{args.username}: administrator; log in at /admin/")
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="projektkatalog", description="A public body's catalogue of projects."
    )
    sub = p.add_subparsers(dest="command", required=True)
    s = sub.add_parser(
        "import", help="import a project page (text or HTML), or a table with --mapping"
    )
    s.add_argument("file")
    s.add_argument(
        "--mapping", help="mapping file (or the name of a shipped one) for JSON, CSV or XLSX rows"
    )
    s.add_argument(
        "--dry-run", action="store_true", help="show what would be added, changed and removed"
    )
    s.add_argument(
        "--progress",
        action="store_true",
        help="show projects stored, rows read and the rate on standard error (always shown "
        "on a terminal)",
    )
    s.set_defaults(func=cmd_import)
    s = sub.add_parser("export", help="export the whole catalogue")
    s.add_argument(
        "--format",
        choices=list(FORMATS),
        default="json",
        help="json (the full contract), jsonld (schema.org), csv (the projects table), xlsx",
    )
    s.add_argument("-o", "--output", help="write to this file instead of standard output")
    s.add_argument("--public", action="store_true", help="leave out contact persons (JSON)")
    s.add_argument(
        "--base-url",
        default="",
        help="site address for links in CSV, XLSX, JSON-LD (default: PROJEKTKATALOG_BASE_URL)",
    )
    s.add_argument("--today", help="the date statuses are computed for (YYYY-MM-DD)")
    s.set_defaults(func=cmd_export)
    s = sub.add_parser("quality", help="the data-quality report")
    s.add_argument("--format", choices=["text", "json"], default="text")
    s.set_defaults(func=cmd_quality)
    s = sub.add_parser("serve", help="serve the website")
    s.add_argument("--host", default="127.0.0.1")
    s.add_argument("--port", type=int, default=8000)
    s.add_argument(
        "--workers", type=int, default=0, help="worker processes (default: 2 × cores + 1)"
    )
    s.add_argument("--access-log", action="store_true", help="log every request to stderr")
    s.add_argument(
        "--max-requests",
        type=_count,
        default=50_000,
        metavar="N",
        help="replace a worker after about N requests (default 50000; 0: never)",
    )
    s.add_argument(
        "--dev", action="store_true", help="Django's development server instead (one process)"
    )
    s.set_defaults(func=cmd_serve)
    s = sub.add_parser("warm", help="build today's listing index and first page before anyone asks")
    s.set_defaults(func=cmd_warm)
    s = sub.add_parser("migrate", help="create or update the database's tables")
    s.set_defaults(func=cmd_migrate)
    s = sub.add_parser("createadmin", help="create the first administrator of the workspace")
    s.add_argument("username")
    s.add_argument("--email", default="")
    s.set_defaults(func=cmd_createadmin)
    s = sub.add_parser("backup", help="write a backup of the whole database (safe while serving)")
    s.add_argument("-o", "--output", required=True, help="the backup file to write")
    s.set_defaults(func=cmd_backup)
    s = sub.add_parser(
        "restore",
        help="restore a backup into an empty database (SQLite's also into PostgreSQL)",
    )
    s.add_argument("file")
    s.add_argument(
        "--force", action="store_true", help="replace whatever the database holds already"
    )
    s.set_defaults(func=cmd_restore)
    s = sub.add_parser("demo", help="load the demo catalogue")
    s.set_defaults(func=cmd_demo)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except UserError as error:
        print(f"projektkatalog: error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (`projektkatalog quality | head`): stop quietly, as Unix tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except Exception as error:  # noqa: BLE001 - the promise is one line, never a traceback
        if os.environ.get("PROJEKTKATALOG_DEBUG"):
            raise
        said = _database_error_text(error) or f"{type(error).__name__}: {error}"
        print(f"projektkatalog: error: {said}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
