"""Rules about the code base itself."""

import ast
import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from projektkatalog.cli import parser
from projektkatalog.domain.curated import curated_load, curated_names

SRC = Path(__file__).resolve().parents[2] / "src" / "projektkatalog"
DOCS = Path(__file__).resolve().parents[2] / "docs"


def test_domain_never_imports_django():
    for path in (SRC / "domain").rglob("*.py"):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else ([node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            )
            assert not any(n.split(".")[0] == "django" for n in names), path


@pytest.mark.django_db
def test_no_pending_migrations():
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)


@pytest.mark.parametrize("name", curated_names())
def test_curated_data_loads(name):
    assert curated_load(name)


def test_every_command_is_documented():
    text = (DOCS / "cli.md").read_text()
    commands = parser()._subparsers._group_actions[0].choices  # noqa: SLF001
    for command in commands:
        assert re.search(rf"projektkatalog {command}\b", text), command


def test_every_setting_is_in_env_example():
    example = (SRC.parents[1] / ".env.example").read_text()
    base = (SRC / "settings" / "base.py").read_text()
    for variable in re.findall(r'environ\.get\("([A-Z_]+)"', base):
        assert variable in example, variable


DELIVERY = {"site", "api", "workspace", "cli"}
BELOW = {"domain", "catalogue", "opendata", "search", "mappings"}


def _imported_packages(path: Path) -> set[str]:
    """Return the projektkatalog sub-packages a module imports (at any depth of its code)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        names = (
            [a.name for a in node.names]
            if isinstance(node, ast.Import)
            else ([node.module or ""] if isinstance(node, ast.ImportFrom) else [])
        )
        for name in names:
            parts = name.split(".")
            if parts[0] == "projektkatalog" and len(parts) > 1:
                found.add(parts[1])
    return found


def _package_of(path: Path) -> str:
    relative = path.relative_to(SRC).parts
    return relative[0].removesuffix(".py")


def test_delivery_packages_never_import_one_another():
    """site, api, workspace and the CLI stand on what lies below them, never on each other."""
    for path in SRC.rglob("*.py"):
        package = _package_of(path)
        if package not in DELIVERY:
            continue
        others = _imported_packages(path) & (DELIVERY - {package})
        assert not others, f"{path.relative_to(SRC)} imports {sorted(others)}"


def test_lower_packages_never_import_delivery_packages():
    for path in SRC.rglob("*.py"):
        if _package_of(path) in BELOW and "migrations" not in path.parts:
            assert not _imported_packages(path) & DELIVERY, path.relative_to(SRC)


def test_no_function_is_longer_than_100_lines():
    """A function one can hold in one's head; migrations are generated and exempt."""
    long = []
    for path in SRC.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > 100:
                    long.append(f"{path.relative_to(SRC)}:{node.lineno} {node.name} ({length})")
    assert not long, long
