"""The page corpus under ../shared/corpus: the reader keeps the share of facts it reads right.

The comparison is the corpus's own (`score.py`'s `facts` and `Catalogue`), run in-process on
`page_read`'s record shaped as the JSON export; the floor is in corpus_floor.json and a fall of
more than two points fails.
"""

import json
from pathlib import Path

import pytest

from tests.domain.corpus_scoring import CORPUS, corpus_module, corpus_score

FLOOR = json.loads((Path(__file__).parent / "corpus_floor.json").read_text())["percent"]
TOLERANCE = 2  # points the figure may fall below the floor before the test fails


@pytest.fixture(scope="module")
def scored():  # type: ignore[no-untyped-def]
    module = corpus_module()
    if module is None:
        pytest.skip(f"the page corpus is not at {CORPUS} (set PROJEKTKATALOG_SHARED)")
    return corpus_score(module)


def test_corpus_fidelity_holds_its_floor(scored):
    passed, total, _, shown = scored
    percent = 100.0 * passed / total
    failing = "\n".join(line for line in shown if not line.startswith("ok"))
    assert percent >= FLOOR - TOLERANCE, f"{passed}/{total} facts ({percent:.0f}%):\n{failing}"


def test_no_corpus_page_crashes_or_finds_no_project(scored):
    _, _, per_page, shown = scored
    assert not [line for line in shown if line.startswith("CRASH")]
    assert all(ok > 0 for ok, _ in per_page.values()), per_page
