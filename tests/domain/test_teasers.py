"""Archive pages: teasers whose "Läs mer…" link is run into the text, and archive headers."""

import pytest

from projektkatalog.domain.build import page_read
from projektkatalog.domain.readers.blocks import Block
from projektkatalog.domain.readers.furniture import furniture_dropped, is_furniture, teaser_end_cut
from tests.conftest import TODAY


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Ny brygga byggs vid sjön Läs Mer…", "Ny brygga byggs vid sjön"),
        ("Skolgården får nya träd. Läs mer...", "Skolgården får nya träd."),
        ("The ferry link reopens in May Read more »", "The ferry link reopens in May"),
        ("Bygdegården får nytt tak les mer", "Bygdegården får nytt tak"),
        ("Kyläkoulu saa uuden katon Lue lisää", "Kyläkoulu saa uuden katon"),
    ],
)
def test_teaser_link_cut_from_the_line(text, kept):
    block = Block("line", 0, text, 4)
    cut = teaser_end_cut(block)
    assert cut.text == kept
    assert (cut.kind, cut.depth, cut.line) == ("line", 0, 4)


@pytest.mark.parametrize(
    "text",
    [
        "Vi vill att du läs mer om oss på sidan om föreningen",  # words inside a sentence stay
        "Läs mer",  # alone it is furniture, dropped whole, not cut
        "Läsåret börjar i augusti",
    ],
)
def test_lines_without_a_run_in_link_stay_whole(text):
    block = Block("line", 0, text, 1)
    assert teaser_end_cut(block) is block


@pytest.mark.parametrize(
    "text", ["Månadsarkiv april 2021", "Kategoriarkiv: Projekt", "Monthly Archives: May 2020"]
)
def test_archive_headers_are_furniture(text):
    assert is_furniture(text)


def test_furniture_dropped_keeps_order_and_other_blocks():
    blocks = [
        Block("heading", 1, "Månadsarkiv maj 2022", 1),
        Block("line", 0, "Bygdens nya mötesplats öppnar i juni Läs mer…", 2),
        Block("line", 0, "Läs Mer…", 3),
        Block("line", 0, "Föreningen har sökt stöd för en lekplats.", 4),
    ]
    out = furniture_dropped(blocks)
    assert [(b.kind, b.text, b.line) for b in out] == [
        ("line", "Bygdens nya mötesplats öppnar i juni", 2),
        ("line", "Föreningen har sökt stöd för en lekplats.", 4),
    ]


def test_archive_page_is_not_titled_by_its_archive_header():
    page = """Månadsarkiv oktober 2020

Ny glasbruksled i skogen

Leaderföreningen har beviljat stöd till projektet, en vandringsled mellan glasbruken. Läs mer…
"""
    record = page_read(page, source="a.txt", today=TODAY)
    titles = [p.title for p in record.projects]
    assert titles == ["Ny glasbruksled i skogen"], titles
    assert "Läs mer" not in record.projects[0].description


TEASER_ARCHIVE = """• Enligt en ny enkät trivs de flesta som flyttat till landsbygden under de senaste åren bättre än de trodde, och många av dem tänker stanna kvar länge […]

  Läs mer

 • Bidragen till byarna har blivit fler under året, och mer än hälften av dem gick till föreningar som aldrig sökt stöd förut […]

  Läs mer

 • Strandrock samlade hela byn

  ”Projekt Strandrock är ett bevis på att en liten förening kan ordna en festival som hela bygden ställer upp för, från grannarna till skolan och
"""


def test_teasers_are_no_titles_the_project_their_text_names_is():
    record = page_read(TEASER_ARCHIVE, source="t.txt", today=TODAY)
    assert [p.title for p in record.projects] == ["Strandrock"]
    assert record.projects[0].language == "sv"
    assert any(f.code == "guessed-from-prose" for f in record.findings)


def test_teasers_that_name_no_project_stay_as_they_were():
    page = TEASER_ARCHIVE.replace("Projekt Strandrock", "Festivalen")
    titles = [p.title for p in page_read(page, source="t.txt", today=TODAY).projects]
    assert titles and titles != ["Strandrock"]
