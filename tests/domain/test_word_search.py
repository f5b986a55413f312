"""Whether a text holds a word of a list: the prefix-factored regex answers as the alternation."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from projektkatalog.domain.curated import curated_load
from projektkatalog.domain.text import words_regex
from projektkatalog.domain.word_search import words_finder, words_found

# Words that share beginnings, differ in case only, or stand inside one another.
WORDS = ("lead", "Lead partner", "leder", "ledare", "ägs", "Äger", "ägs av", "och", "part")
PIECES = [*WORDS, "leading", "partner", "xlead", "lead-", "ÄGS", " ", ".", ",", "\n", "och"]


@given(st.lists(st.sampled_from(PIECES), max_size=12), st.lists(st.sampled_from(WORDS), min_size=1))
def test_the_same_answer_as_the_alternation(pieces, words):
    text = " ".join(pieces)
    expected = words_regex(tuple(words)).search(text) is not None
    assert words_found(text, tuple(words)) is expected


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Projektet ägs av Region Skåne.", True),
        ("Ägaren är Region Skåne.", False),  # a word containing one is not the word
        ("Lead partner: Lunds universitet", True),
        ("Misleading figures", False),
        ("", False),
    ],
)
def test_whole_words_case_aside(text, found):
    assert words_found(text, ("ägs", "lead partner")) is found


def test_the_curated_trigger_words_answer_alike():
    triggers = tuple(curated_load("roles")["prose_lists"]["triggers"])
    for text in ("Partnerna är A och B.", "Inga ord här.", "PROJEKTÄGARE är C", "deltagande"):
        assert (words_finder(triggers).search(text) is None) is (
            words_regex(triggers).search(text) is None
        )


def test_an_empty_word_is_left_to_the_alternation():
    assert words_found("vad som helst", ("", "x")) is (
        words_regex(("", "x")).search("vad") is not None
    )
