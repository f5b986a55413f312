"""`projektkatalog createadmin`: the first administrator, with Django's password rules."""

from __future__ import annotations

import sqlite3


def _users(tmp_path) -> list[tuple]:  # type: ignore[no-untyped-def]
    with sqlite3.connect(tmp_path / "db.sqlite3") as db:
        return db.execute(
            "SELECT u.username, u.is_staff, u.is_superuser, u.password, g.name "
            "FROM auth_user u JOIN auth_user_groups ug ON ug.user_id = u.id "
            "JOIN auth_group g ON g.id = ug.group_id"
        ).fetchall()


def test_createadmin_makes_an_administrator_with_an_argon2_password(cli, tmp_path):
    result = cli(
        "createadmin",
        "anna",
        "--email",
        "anna@example.se",
        env={"PROJEKTKATALOG_ADMIN_PASSWORD": "korrekt-häst-batteri-9"},
    )
    assert result.returncode == 0, result.stderr
    [(name, staff, superuser, password, group)] = _users(tmp_path)
    assert (name, staff, superuser, group) == ("anna", 1, 1, "Administratör")
    assert password.startswith("argon2$")
    # Run again: the same user, still one administrator.
    again = cli("createadmin", "anna", env={"PROJEKTKATALOG_ADMIN_PASSWORD": "ett-annat-lösen-42"})
    assert again.returncode == 0 and len(_users(tmp_path)) == 1


def test_weak_or_missing_password_is_one_line_and_creates_no_one(cli, tmp_path):
    weak = cli("createadmin", "bo", env={"PROJEKTKATALOG_ADMIN_PASSWORD": "123"})
    assert weak.returncode == 2
    assert weak.stderr.count("\n") == 1 and "Traceback" not in weak.stderr
    missing = cli("createadmin", "bo", env={"PROJEKTKATALOG_ADMIN_PASSWORD": ""}, stdin="")
    assert missing.returncode == 2 and "PROJEKTKATALOG_ADMIN_PASSWORD" in missing.stderr
    assert _users(tmp_path) == []
