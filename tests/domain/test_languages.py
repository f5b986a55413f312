import pytest
from hypothesis import given
from hypothesis import strategies as st

from projektkatalog.domain.curated import curated_load
from projektkatalog.domain.languages import language_detect, language_scores, languages_known

CASES = [
    ("Föreningen har fått stöd för att rusta upp den gamla kvarnen i byn.", "sv"),
    # Finland-Swedish and Åland Swedish are Swedish.
    (
        "NTM-centralen har beviljat bidrag till kartläggningen av viken, och arbetet görs i talko.",
        "sv",
    ),
    ("Landskapsregeringen stöder projektet som drivs av byalaget på ön.", "sv"),
    ("The partners will develop new methods for monitoring coastal water quality.", "en"),
    (
        "Foreningen har fået tilskud af fonden til en ny bane, og arbejdet går i gang efter sommeren.",
        "da",
    ),
    ("Prosjektet har fått tilskudd av fylkeskommunen, og arbeidet starter etter sommeren.", "no"),
    ("Bestyrelsen har indstillet projektet til støtte, men der mangler stadig penge.", "da"),
    ("Det nye prosjektet skal gjøre det enklere å komme seg ut på fjellet.", "no"),
    ("Hankkeen tavoitteena on kehittää alueen matkailua yhdessä kuntien kanssa.", "fi"),
    ("Yliopisto ja kaupunki ovat mukana hankkeessa, joka alkaa vuonna 2021.", "fi"),
]


@pytest.mark.parametrize(("text", "language"), CASES)
def test_language_detect(text, language):
    assert language_detect(text) == language


@pytest.mark.parametrize(
    ("text", "default"),
    [("Kvarken Energy Hub", "no"), ("”Båtbygge”, Segelsällskapet.", "da"), ("", "en")],
)
def test_too_short_to_tell_keeps_the_default(text, default):
    assert language_detect(text, default=default) == default


def test_danish_and_norwegian_spellings_part():
    danish = language_scores("projektet blev udviklet af kommunen efter planen")
    norwegian = language_scores("prosjektet ble utviklet av kommunen etter planen")
    assert danish["da"] > danish["no"]
    assert norwegian["no"] > norwegian["da"]


def test_every_language_has_function_words_or_marks():
    assert set(languages_known()) == {"sv", "en", "da", "no", "fi"}
    marks = curated_load("language_marks")
    for lang, words in marks.items():
        assert len(words) == len(set(words)), lang
        assert all(w == w.casefold() for w in words), lang


@given(st.text(max_size=300))
def test_language_detect_always_answers_a_known_language(text):
    assert language_detect(text) in languages_known()


def test_a_mark_is_no_ordinary_word_of_another_language():
    """A word marking Norwegian must not be a common Swedish word ("av", "ut"), and so on."""
    common = curated_load("languages")
    marks = curated_load("language_marks")
    clashes = [
        (word, lang, other)
        for lang, words in marks.items()
        for word in words
        for other, others in common.items()
        if other != lang and word in others and word not in marks.get(other, ())
    ]
    assert clashes == []


def test_a_one_line_swedish_entry_with_av_stays_swedish():
    line = '"Renovering av klubbstugan", Seglarklubben. 4.200 euro.'
    assert language_detect(line, default="sv") == "sv"
