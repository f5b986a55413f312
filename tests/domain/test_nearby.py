"""The pairs index finds exactly what a full scan of every key finds."""

from hypothesis import example, given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz, process

from projektkatalog.domain.matching.names import name_key
from projektkatalog.domain.matching.nearby import NearbyKeys

WORDS = st.text(alphabet="aeiklnorsu ", min_size=1, max_size=24)


def _scan(keys: list[str], key: str, cutoff: float) -> tuple[str, float] | None:
    match = process.extractOne(key, keys, scorer=fuzz.ratio, score_cutoff=cutoff)
    return None if match is None else (match[0], float(match[1]))


@settings(max_examples=300, deadline=None)
@given(st.lists(WORDS, max_size=40), WORDS, st.sampled_from([80.0, 90.0, 95.0]))
def test_best_is_the_full_scan(keys: list[str], key: str, cutoff: float) -> None:
    assert NearbyKeys(keys).best(key, cutoff) == _scan(keys, key, cutoff)


@settings(max_examples=200, deadline=None)
@given(st.lists(WORDS, min_size=1, max_size=30), st.data())
def test_a_slightly_changed_key_is_found(keys: list[str], data: st.DataObject) -> None:
    original = data.draw(st.sampled_from(keys))
    at = data.draw(st.integers(0, len(original)))
    key = original[:at] + "x" + original[at:]
    assert NearbyKeys(keys).best(key, 90.0) == _scan(keys, key, 90.0)


def test_names_of_the_catalogue() -> None:
    keys = ["lunds universitet", "region skane", "malmo stad", "lunds kommun"]
    assert NearbyKeys(keys).best("lunds universitett", 90.0) == _scan(
        keys, "lunds universitett", 90.0
    )
    assert NearbyKeys(keys).best("lunds universitett", 90.0)[0] == "lunds universitet"
    assert NearbyKeys(keys).best("goteborgs stad", 90.0) is None


NAME_WORDS = st.sampled_from(
    [
        "lunds",
        "lund",
        "kristianstad",
        "kristianstads",
        "kommun",
        "kommune",
        "universitet",
        "univeristet",
        "ab",
        "hav",
        "havs",
    ]
    + ["bio", "bil", "region", "skane", "8811", "8812", "stad", "malmo", "malmö"]
    # a swapped pair in a long word, a type word and its near spellings
    + ["kristainstad", "hogskolan", "hogskola", "hgoskolan", "regionen", "regoin"]
)
NAMES = st.lists(NAME_WORDS, min_size=1, max_size=4).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(st.lists(NAMES, max_size=30), NAMES)
@example(["kristianstads kommun", "lunds kommun"], "kristianstad kommun")
@example(["lunds hav kommun", "lund havs kommun"], "lunds havs kommun")
@example(["kristianstads hogskolan", "lunds kommun"], "kristainstads hogskolan")
@example(["region skane hgoskolan"], "region skane hogskolan")
def test_the_fuzzy_step_merges_exactly_as_a_full_scan(names: list[str], name: str) -> None:
    """What the fuzzy step may merge is what the best key of a full scan allowed."""
    from projektkatalog.domain.matching.organisations import (
        FUZZY_CUTOFF,
        FuzzyKeys,
        Organisation,
        OrganisationIndex,
        _compatible,
    )

    index = OrganisationIndex([Organisation(n) for n in names], curated=False)
    key = name_key(name)
    if key in index._by_key:
        return
    full = _scan(list(index._by_key), key, FUZZY_CUTOFF)
    found = index._fuzzy.closest(key)
    assert FuzzyKeys(names_keys := list(index._by_key)).closest(key) == found
    assert names_keys == index._fuzzy._all.keys
    if full is not None and _compatible(key, full[0]):
        assert found == full
    else:
        assert found is None or not _compatible(key, found[0])
