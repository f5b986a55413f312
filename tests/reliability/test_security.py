"""Security headers, the deployment check, the log-in page and CSRF on workspace changes."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from projektkatalog.catalogue import models as m

ROOT = Path(__file__).resolve().parents[2]
PUBLIC_PAGES = [
    "/",
    "/?q=projekt",
    "/en/",
    "/organisationer/",
    "/program/",
    "/tidslinje/",
    "/statistik/",
    "/tillganglighet/",
    "/data/ordlista/",
    "/finns-inte/",
    "/api/v1/docs",
]
WORKSPACE_PAGES = [
    "/admin/",
    "/admin/catalogue/project/",
    "/admin/catalogue/organisation/",
    "/admin/import/",
    "/admin/kvalitet/",
]


class _Inline(HTMLParser):
    """Collect what a strict policy would block: inline scripts, style blocks and attributes,
    event-handler attributes and javascript: links."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):  # type: ignore[no-untyped-def]
        a = dict(attrs)
        data_block = (a.get("type") or "").startswith("application/")  # JSON, never run
        if tag == "script" and not a.get("src") and not a.get("nonce") and not data_block:
            self.found.append("inline script")
        if tag == "style":
            self.found.append("style element")
        for name, value in attrs:
            if name == "style":
                self.found.append(f"style attribute on {tag}")
            if name.startswith("on"):
                self.found.append(f"{name} on {tag}")
            if name in ("href", "src", "action") and (value or "").strip().lower().startswith(
                "javascript:"
            ):
                self.found.append(f"javascript: in {name}")


def _inline(html: str) -> list[str]:
    reader = _Inline()
    reader.feed(html)
    return reader.found


def _policy(response) -> dict[str, str]:  # type: ignore[no-untyped-def]
    header = response["Content-Security-Policy"]
    return dict(
        (part.strip().split(" ", 1) + [""])[:2] for part in header.split(";") if part.strip()
    )


def _assert_strict(response) -> None:  # type: ignore[no-untyped-def]
    policy = _policy(response)
    assert policy["frame-ancestors"] == "'none'"
    assert "'unsafe-inline'" not in policy["script-src"]
    assert "'unsafe-inline'" not in policy["style-src"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert _inline(response.content.decode()) == []


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_public_pages_carry_a_strict_policy_and_nothing_inline(client, demo_catalogue, url):
    response = client.get(url)
    assert response.status_code in (200, 404)
    _assert_strict(response)


def test_project_page_has_nothing_inline_but_its_json_ld(client, demo_catalogue):
    slug = m.Project.objects.values_list("slug", flat=True).first()
    response = client.get(f"/projekt/{slug}/")
    assert '<script type="application/ld+json">' in response.content.decode()  # data, not run
    _assert_strict(response)


def test_login_page_carries_the_policy(client, db):
    _assert_strict(client.get("/admin/login/"))


@pytest.mark.parametrize("url", WORKSPACE_PAGES)
def test_workspace_pages_carry_the_policy_and_nothing_inline(strict_client, demo_catalogue, url):
    response = strict_client.get(url)
    assert response.status_code == 200
    _assert_strict(response)


def test_project_change_page_has_nothing_inline(strict_client, demo_catalogue):
    project = m.Project.objects.first()
    response = strict_client.get(f"/admin/catalogue/project/{project.pk}/change/")
    assert response.status_code == 200
    _assert_strict(response)


def _deploy_env(tmp_path) -> dict[str, str]:
    """The environment docs/RELIABILITY.md documents for production."""
    # Not the browser tests' DJANGO_ALLOW_ASYNC_UNSAFE (Playwright's event loop), which leaks
    # into os.environ when they run first and which a production environment never has.
    inherited = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    return {
        **inherited,
        "DJANGO_SETTINGS_MODULE": "projektkatalog.settings.production",
        "DJANGO_SECRET_KEY": "x" * 20 + "-a-long-random-production-key-" + "y" * 30,
        "DJANGO_ALLOWED_HOSTS": "projekt.example.se",
        "PROJEKTKATALOG_VAR": str(tmp_path),
    }


def test_deploy_check_is_clean_with_the_documented_environment(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
        env=_deploy_env(tmp_path),
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_production_settings_redirect_to_https_with_hsts_and_throttle(tmp_path):
    code = (
        "from django.conf import settings as s; "
        "print(s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE, "
        "s.CSRF_COOKIE_SECURE, s.DEBUG, s.PROJEKTKATALOG_THROTTLE)"
    )
    env = _deploy_env(tmp_path)

    def settings_printed() -> list[str]:
        return subprocess.run(
            [sys.executable, "-c", f"import django; django.setup(); {code}"],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()

    assert settings_printed() == ["True", "31536000", "True", "True", "False", "120/60"]
    env["PROJEKTKATALOG_SSL_REDIRECT"] = "0"
    env["PROJEKTKATALOG_HSTS_SECONDS"] = "0"
    assert settings_printed()[:2] == ["False", "0"]


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = _deploy_env(tmp_path)
    del env["DJANGO_SECRET_KEY"]
    result = subprocess.run(
        [sys.executable, "-m", "django", "check"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def _login(client, username: str, password: str):  # type: ignore[no-untyped-def]
    return client.post("/admin/login/?next=/admin/", {"username": username, "password": password})


def _error_text(response) -> str:  # type: ignore[no-untyped-def]
    html = response.content.decode()
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def test_login_does_not_tell_an_unknown_user_from_a_wrong_password(client, editor):
    unknown = _login(client, "ingen-sadan", "fel-losenord-123")
    wrong = _login(client, editor.username, "fel-losenord-123")
    assert unknown.status_code == wrong.status_code == 200
    # The page differs only in the name typed back into the field.
    assert _error_text(unknown).replace("ingen-sadan", "NAME") == _error_text(wrong).replace(
        editor.username, "NAME"
    )


def test_a_change_without_the_csrf_token_is_refused_and_changes_nothing(
    strict_client, demo_catalogue
):
    project = m.Project.objects.first()
    before = list(m.Project.objects.order_by("pk").values())
    url = f"/admin/catalogue/project/{project.pk}/delete/"
    assert strict_client.post(url, {"post": "yes"}).status_code == 403
    assert (
        strict_client.post(f"/admin/catalogue/project/{project.pk}/change/", {}).status_code == 403
    )
    assert strict_client.post("/admin/import/", {}).status_code == 403
    assert strict_client.post("/admin/kvalitet/", {}).status_code == 403
    assert list(m.Project.objects.order_by("pk").values()) == before


def test_reading_a_delete_page_deletes_nothing(strict_client, demo_catalogue):
    project = m.Project.objects.first()
    before = m.Project.objects.count()
    response = strict_client.get(f"/admin/catalogue/project/{project.pk}/delete/?post=yes")
    assert response.status_code in (200, 403)
    assert m.Project.objects.count() == before


def test_logout_is_only_by_post(strict_client):
    assert strict_client.get("/admin/logout/").status_code == 405
    assert strict_client.get("/admin/").status_code == 200  # still logged in
