"""A project read from a sentence in the definite form takes the name the page quotes (written
by us, invented funds and bodies)."""

from projektkatalog.domain.build import page_read
from projektkatalog.domain.readers.anaphors import named_by_quote
from tests.conftest import TODAY

DANISH = """Kystfond og Pulje til små projekter

Blandt de godkendte projekter er en ”Kystfond” og en ”Pulje til små projekter”.

Kystfonden dækker hele kysten. Kystfonden modtager 2,5 mio. euro.

Puljen er for nye aktører. Puljen modtager 1,5 mio. euro.
"""


def test_a_definite_subject_takes_the_quoted_name_it_refers_to():
    record = page_read(DANISH, source="x", today=TODAY)
    titles = [p.title for p in record.projects]
    assert "Kystfond" in titles
    assert "Pulje til små projekter" in titles
    assert "Puljen" not in titles and "Kystfonden" not in titles
    pulje = next(p for p in record.projects if p.title == "Pulje til små projekter")
    assert [int(f.amount) for f in pulje.funding] == [1500000]
    assert any(f.code == "guessed-title" and f.project == pulje.slug for f in record.findings)


def test_only_one_word_whose_stem_starts_exactly_one_quoted_name():
    names = ["Kystfond", "Pulje til små projekter", "Pulje til store projekter"]
    assert named_by_quote("Kystfonden", names) == "Kystfond"
    assert named_by_quote("Puljen", names) is None  # two pools: which one is unsaid
    assert named_by_quote("Kystfonden modtager", names) is None
    assert named_by_quote("Havnen", names) is None
    assert named_by_quote("Puljen", ["Pulje til små projekter", "pulje til Små Projekter"]) == (
        "Pulje til små projekter"
    )
