"""axe-core finds no WCAG 2.1 A/AA violations on any page type, in Swedish and English."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

PAGES = {
    "catalogue": "/",
    "filtered": "/?status=ended&kategori={category}",
    "search": "/?q=projekt",
    "search-empty": "/?q=xyzzy",
    "project": "/projekt/{project}/",
    "organisation": "/organisationer/region-skane/",
    "organisations": "/organisationer/",
    "programme": "/program/{programme}/",
    "timeline": "/tidslinje/",
    "statistics": "/statistik/",
    "accessibility": "/tillganglighet/",
    "data-dictionary": "/data/ordlista/",
}
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def _targets():  # type: ignore[no-untyped-def]
    from projektkatalog.catalogue import models as m

    project = m.Project.objects.filter(contacts__isnull=False).order_by("position").first()
    return {
        "category": m.Category.objects.filter(projects__isnull=False)
        .order_by("position")
        .first()
        .slug,
        "project": project.slug,
        "programme": m.Programme.objects.order_by("slug").first().slug,
    }


@pytest.mark.parametrize("language", ["", "/en"])
@pytest.mark.parametrize("name", list(PAGES))
def test_no_axe_violations(site, page, screenshots, name, language):
    path = language + PAGES[name].format(**_targets())
    response = page.goto(site + path)
    assert response.status == 200
    if name == "project":
        page.click("summary")  # the contacts, opened
        assert page.locator("details[open]").count() == 1
    results = Axe().run(page, options=AXE_OPTIONS)
    assert results.violations_count == 0, results.generate_report()
    if not language:
        page.screenshot(path=screenshots / f"{name}-1280.png", full_page=True)
        page.set_viewport_size({"width": 375, "height": 800})
        page.screenshot(path=screenshots / f"{name}-375.png", full_page=True)
        page.set_viewport_size({"width": 320, "height": 800})
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 320, f"{name} scrolls sideways at 320 px ({width} px wide)"


def test_project_page_prints_contacts_without_navigation(site, page):
    from projektkatalog.catalogue import models as m

    project = m.Project.objects.filter(contacts__isnull=False).order_by("position").first()
    page.goto(f"{site}/projekt/{project.slug}/")
    page.emulate_media(media="print")
    assert not page.locator("nav.main").is_visible()
    assert page.locator("details li").first.is_visible()


@pytest.mark.parametrize("language", ["", "/en"])
def test_the_organisations_pages_pass_axe_and_each_leads_to_the_next(
    site, page, monkeypatch, language
):  # type: ignore[no-untyped-def]
    """A few organisations a page, so that the sample has several pages: the middle one passes
    axe, and following "next" from the first reaches every organisation once."""
    from projektkatalog.catalogue import models as m
    from projektkatalog.site.views import entities

    monkeypatch.setattr(entities, "ORGANISATIONS_PER_PAGE", 5)
    public = m.Organisation.objects.filter(participations__project__state="published")
    expected = list(public.distinct().order_by("name", "pk").values_list("name", flat=True))
    page.goto(f"{site}{language}/organisationer/")
    seen: list[str] = []
    while True:
        seen += page.locator("ul.projects li > a").all_inner_texts()
        if len(seen) == 10:  # the second page: its links both ways
            assert page.locator("nav.pagination a[rel=prev]").count() == 1
            results = Axe().run(page, options=AXE_OPTIONS)
            assert results.violations_count == 0, results.generate_report()
        following = page.locator("nav.pagination a[rel=next]")
        if not following.count():
            break
        with page.expect_navigation():
            following.click()
    assert seen == expected
    assert len(expected) > 10
