"""A keyboard-only visit: tab to the search, search, open a project, open its contacts with Enter."""

from __future__ import annotations


def _tab_to(page, predicate: str, limit: int = 60) -> None:  # type: ignore[no-untyped-def]
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(() => {{ const el = document.activeElement; return {predicate}; }})()"):
            return
    raise AssertionError(f"Tab never reached: {predicate}")


def test_keyboard_only_journey(site, page):
    from projektkatalog.catalogue import models as m

    project = m.Project.objects.filter(contacts__isnull=False).order_by("position").first()
    word = project.title.split()[0]
    page.goto(site + "/")
    _tab_to(page, "el.id === 'q'")
    page.keyboard.type(word)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "q=" in page.url
    _tab_to(page, f"el.getAttribute('href') === '/projekt/{project.slug}/'")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(f"/projekt/{project.slug}/")
    _tab_to(page, "el.tagName === 'SUMMARY'")
    page.keyboard.press("Enter")
    assert page.locator("details[open]").count() == 1
    assert page.locator("details[open] li").first.is_visible()


def test_skip_link_is_first_and_visible_on_focus(site, page):
    page.goto(site + "/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#main"
    box = page.locator("a.skip").bounding_box()
    assert box is not None and box["x"] >= 0
