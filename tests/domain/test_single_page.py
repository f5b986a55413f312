"""A page read as one project must be about a project; a menu or a note about the weather is not,
however it is headed."""

from __future__ import annotations

import pytest

from projektkatalog.domain.build import page_read


@pytest.mark.parametrize(
    "page",
    [
        "Startsida\nOm oss\nKontakta oss\nSök på webbplatsen\n",
        "Väder i dag\n\nDet regnar på förmiddagen och klarnar upp mot kvällen. Ta med paraply.\n",
        "Öppettider\n\nBiblioteket har öppet vardagar 10–18 och lördagar 11–15.\n",
    ],
)
def test_a_page_about_no_project_gives_no_project(page):
    assert page_read(page, source="p.txt").projects == []


@pytest.mark.parametrize(
    ("page", "title"),
    [
        (
            "Fiskevägar i Lillån\n\nKommunen har fått klartecken för ett restaureringsprojekt som "
            "öppnar ån för öring. Arbetet pågår under två somrar.\n",
            "Fiskevägar i Lillån",
        ),
        (
            "Grönt tak på skolan\n\nSkolan och föreningen Takodlarna bygger ett grönt tak "
            "tillsammans.\nBudget: 400 000 kronor\n",
            "Grönt tak på skolan",
        ),
    ],
)
def test_a_page_about_one_project_is_that_project(page, title):
    record = page_read(page, source="p.txt")
    assert [p.title for p in record.projects] == [title]
    if "Budget:" not in page:  # a heading over field lines is an entry, not a guess
        assert any(f.code == "guessed-title" for f in record.findings)
