"""Folding a text a character at a time gives what folding it whole gave."""

import unicodedata

from hypothesis import example, given, settings
from hypothesis import strategies as st

from projektkatalog.domain.text import _FOLD_EXTRA, text_fold


def _whole(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.translate(_FOLD_EXTRA))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@settings(max_examples=500)
@given(st.text())
@example("Malmö Ålands ØRESUND Straße İstanbul ﬁ Ǆ e\u0301\u0327 Ⅻ")
def test_text_fold_is_the_whole_text_folded(text: str) -> None:
    assert text_fold(text) == _whole(text)
