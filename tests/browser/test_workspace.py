"""The editors' workspace in Chromium: log in, edit a period, publish, see it on the public page;
axe-core finds no WCAG 2.1 A/AA violations on the workspace's main pages."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.test_accessibility import AXE_OPTIONS

PASSWORD = "ett-långt-lösenord-1"


@pytest.fixture
def accounts(site):  # type: ignore[no-untyped-def]
    from django.contrib.auth import get_user_model

    from projektkatalog.catalogue.roles import roles_ensure

    editors, administrators = roles_ensure()
    users = get_user_model().objects
    editor = users.create_user("redaktor", "r@example.se", PASSWORD, is_staff=True)
    editor.groups.add(editors)
    admin = users.create_user("admin", "a@example.se", PASSWORD, is_staff=True, is_superuser=True)
    admin.groups.add(administrators)
    return site


def _log_in(page, site: str, username: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{site}/admin/login/?next=/admin/")
    page.get_by_label("Användarnamn:").fill(username)
    page.get_by_label("Lösenord:").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url(f"{site}/admin/")


def test_editor_edits_period_publishes_and_sees_it(accounts, page, browser):
    from projektkatalog.catalogue import models as m

    site = accounts
    project = m.Project.objects.filter(kind="project").order_by("position").first()
    m.Project.objects.filter(pk=project.pk).update(state="draft")
    anonymous = browser.new_context(locale="sv-SE").new_page()
    assert anonymous.goto(f"{site}/projekt/{project.slug}/").status == 404

    _log_in(page, site, "redaktor")
    page.goto(f"{site}/admin/catalogue/project/{project.pk}/change/")
    page.get_by_label("Start:", exact=True).fill("")
    page.get_by_label("Slut:", exact=True).fill("")
    page.get_by_label("Period i ord:").fill("hösten 2020 till juni 2021")
    page.get_by_label("Publicering:").select_option("published")
    page.get_by_role("button", name="Spara och fortsätt redigera").click()
    page.wait_for_load_state()
    assert "Ändrade projekt" in page.locator(".messagelist").inner_text()
    assert "hösten 2020" in page.locator(".field-period_shown").inner_text()

    response = anonymous.goto(f"{site}/projekt/{project.slug}/")
    assert response.status == 200
    facts = anonymous.locator("dl.facts").inner_text()
    assert "hösten 2020" in facts and "juni 2021" in facts
    anonymous.context.close()


WORKSPACE_PAGES = {
    "index": "/admin/",
    "projects": "/admin/catalogue/project/",
    "project": "/admin/catalogue/project/{project}/change/",
    "project-history": "/admin/catalogue/project/{project}/history/",
    "organisations": "/admin/catalogue/organisation/",
    "organisation": "/admin/catalogue/organisation/{organisation}/change/",
    "organisation-split": "/admin/catalogue/organisation/{organisation}/dela/",
    "contacts": "/admin/catalogue/contact/",
    "quality": "/admin/kvalitet/",
    "import": "/admin/import/",
    "personal-data": "/admin/personuppgifter/?q=Exempel",
}


def test_login_page_has_no_axe_violations(site, page):
    page.goto(f"{site}/admin/login/")
    results = Axe().run(page, options=AXE_OPTIONS)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("name", list(WORKSPACE_PAGES))
def test_workspace_pages_have_no_axe_violations(accounts, page, screenshots, name):
    from projektkatalog.catalogue import models as m

    site = accounts
    _log_in(page, site, "admin")
    targets = {
        "project": m.Project.objects.order_by("position").first().pk,
        "organisation": m.Organisation.objects.order_by("name").first().pk,
    }
    response = page.goto(site + WORKSPACE_PAGES[name].format(**targets))
    assert response.status == 200
    results = Axe().run(page, options=AXE_OPTIONS)
    assert results.violations_count == 0, results.generate_report()
    page.screenshot(path=screenshots / f"workspace-{name}-1280.png", full_page=True)


def test_import_review_has_no_axe_violations_and_changes_nothing(accounts, page):
    from projektkatalog.catalogue import models as m
    from tests.conftest import DEMO

    site = accounts
    before = m.Project.objects.count()
    _log_in(page, site, "redaktor")
    page.goto(f"{site}/admin/import/")
    page.get_by_label("Fil", exact=True).set_input_files(str(DEMO))
    page.get_by_role("button", name="Förhandsgranska").click()
    page.wait_for_url("**/admin/import/*/")
    assert "Läggs till" in page.content()
    results = Axe().run(page, options=AXE_OPTIONS)
    assert results.violations_count == 0, results.generate_report()
    assert m.Project.objects.count() == before
    page.get_by_role("button", name="Avbryt").click()
    page.wait_for_url("**/admin/import/")
    assert m.Project.objects.count() == before


def test_restoring_one_project_leaves_the_rest_of_the_catalogue(
    live_server, transactional_db, page
):
    """The whole path an editor takes: import a page in the workspace, edit two projects,
    open one's history, compare, restore its first version, undo the restore."""
    from django.contrib.auth import get_user_model

    from projektkatalog.catalogue import models as m
    from projektkatalog.catalogue.roles import roles_ensure
    from tests.conftest import DEMO
    from tests.workspace.test_restore import catalogue_state

    site = live_server.url
    editors, _ = roles_ensure()
    editor = get_user_model().objects.create_user("redaktor", "r@example.se", PASSWORD)
    editor.groups.add(editors)
    _log_in(page, site, "redaktor")
    page.goto(f"{site}/admin/import/")
    page.get_by_label("Fil", exact=True).set_input_files(str(DEMO))
    page.get_by_role("button", name="Förhandsgranska").click()
    page.wait_for_url("**/admin/import/*/")
    page.get_by_role("button", name="Importera").click()
    page.wait_for_load_state()
    great = m.Project.objects.get(slug__startswith="great")
    for project, title in (
        (great, "GREAT, omskriven"),
        (m.Project.objects.get(slug="sydkustleden"), "Sydkustleden 2"),
    ):
        page.goto(f"{site}/admin/catalogue/project/{project.pk}/change/")
        page.locator("#id_title").fill(title)
        page.get_by_role("button", name="Spara och fortsätt redigera").click()
        page.wait_for_load_state()
    before = catalogue_state(without={great.pk})
    edited = catalogue_state()

    page.goto(f"{site}/admin/catalogue/project/{great.pk}/history/")
    page.get_by_role("link", name="Jämför med nu").last.click()
    page.wait_for_load_state()
    assert "GREAT, omskriven" in page.locator("#compare-fields").inner_text(timeout=5000)
    results = Axe().run(page, options=AXE_OPTIONS)
    assert results.violations_count == 0, results.generate_report()
    assert catalogue_state() == edited  # looking changes nothing
    page.get_by_role("button", name="Återställ den här versionen").click()
    page.wait_for_load_state()
    assert "är återställd" in page.locator(".messagelist").inner_text()
    assert catalogue_state(without={great.pk}) == before
    assert m.Project.objects.get(pk=great.pk).title.startswith("GREAT –")

    page.get_by_role("link", name="Ångra återställningen").click()
    page.get_by_role("button", name="Återställ den här versionen").click()
    page.wait_for_load_state()
    assert catalogue_state() == edited


def test_project_form_names_every_header_and_focus_follows_a_new_row(accounts, page):
    """axe-core's empty-table-header rule (best practice, beyond WCAG's tags) finds nothing, and
    "add another" puts the keyboard in the new row rather than leaving it on the link."""
    from projektkatalog.catalogue import models as m

    site = accounts
    _log_in(page, site, "redaktor")
    project = m.Project.objects.order_by("position").first()
    page.goto(f"{site}/admin/catalogue/project/{project.pk}/change/")
    rule = {"runOnly": {"type": "rule", "values": ["empty-table-header"]}}
    results = Axe().run(page, options=rule)
    assert results.violations_count == 0, results.generate_report()
    for group, prefix in (("#links-group", "links"), ("#participations-group", "participations")):
        before = int(page.locator(f"#id_{prefix}-TOTAL_FORMS").input_value())
        page.locator(f"{group} .add-row a").focus()
        page.keyboard.press("Enter")
        # A locator, not wait_for_function: that evaluates a string in the page, which the
        # workspace's Content-Security-Policy (no 'unsafe-eval') rightly refuses.
        page.locator(f"#{prefix}-{before} :focus").wait_for()
        page.keyboard.type("Ex")  # typing goes into the new row
        assert page.evaluate("document.activeElement.closest('tr').id") == f"{prefix}-{before}"
