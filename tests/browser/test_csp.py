"""Chromium reports no Content-Security-Policy violation on the main pages and the workspace,
so the strict policy blocks nothing the site needs (styles, scripts, the admin's widgets)."""

from __future__ import annotations

import pytest

from tests.browser.test_workspace import _log_in

# Recorded before any page script runs; Playwright's init scripts are not subject to the policy.
LISTEN = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
});
"""
PUBLIC = ["/", "/?q=projekt", "/en/", "/organisationer/", "/tidslinje/", "/statistik/"]
WORKSPACE = [
    "/admin/",
    "/admin/catalogue/project/",
    "/admin/catalogue/project/{project}/change/",
    "/admin/catalogue/organisation/",
    "/admin/import/",
    "/admin/kvalitet/",
]


def _violations(page, url: str) -> list[str]:  # type: ignore[no-untyped-def]
    console: list[str] = []
    page.on(
        "console",
        lambda message: (
            console.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    response = page.goto(url)
    assert response.status == 200, url
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    page.wait_for_load_state("networkidle")
    return [*page.evaluate("window.__cspViolations"), *console]


@pytest.fixture
def watched(page):  # type: ignore[no-untyped-def]
    page.context.add_init_script(LISTEN)
    return page


def test_public_pages_report_no_violation(site, watched):
    from projektkatalog.catalogue import models as m

    slug = m.Project.objects.order_by("position").first().slug
    for path in [*PUBLIC, f"/projekt/{slug}/", "/api/v1/docs"]:
        assert _violations(watched, site + path) == [], path


def test_workspace_pages_report_no_violation(site, watched):
    from django.contrib.auth import get_user_model

    from projektkatalog.catalogue import models as m

    get_user_model().objects.create_superuser("admin", "a@example.se", "ett-långt-lösenord-1")
    _log_in(watched, site, "admin")
    project = m.Project.objects.order_by("position").first().pk
    for path in WORKSPACE:
        url = site + path.format(project=project)
        assert _violations(watched, url) == [], path
    # The project form's widgets (autocomplete, inline rows) still work under the policy.
    watched.goto(site + f"/admin/catalogue/project/{project}/change/")
    assert watched.locator(".select2-container").count() > 0
