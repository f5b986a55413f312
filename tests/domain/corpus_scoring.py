"""Score the page reader on the shared corpus in-process, with the corpus's own comparison.

The corpus (`../shared/corpus` beside the repository) holds pages and what an editor reads from
them; its `score.py` runs our command per page. Here the same facts are checked against the
record `page_read` returns, exported the way the catalogue's JSON export shapes it, so the whole
corpus scores in seconds. Run it as a script to see the failing facts: `python -m
tests.domain.corpus_scoring [PAGE] [-v]`.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import sys
from types import ModuleType

from projektkatalog.domain.build import page_read
from projektkatalog.domain.records import CatalogueRecord
from tests.conftest import SHARED

CORPUS = SHARED / "corpus"  # ../shared/corpus beside the repository, unless the environment says
TODAY = dt.date(2026, 11, 27)


def corpus_module() -> ModuleType | None:
    """Return the corpus's score module, or None when the corpus is absent."""
    path = CORPUS / "score.py"
    if not path.is_file():
        return None
    spec = importlib.util.spec_from_file_location("corpus_score", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def record_exported(record: CatalogueRecord) -> dict:
    """Return the record shaped as the JSON export's projects, organisations and programmes."""
    projects = []
    for p in record.projects:
        projects.append(
            {
                "title": p.title,
                "period": {"start": p.period_start, "end": p.period_end},
                "participants": [
                    {"organisation": x.organisation, "role": x.role} for x in p.participants
                ],
                "programmes": list(p.programmes),
                "funding": [{"amount": str(f.amount), "currency": f.currency} for f in p.funding],
                "contacts": [
                    {
                        "name": c.name,
                        "email": c.email,
                        "phones": [{"number": n.number} for n in c.phones],
                    }
                    for c in p.contacts
                ],
                "links": [{"url": lk.url} for lk in p.links],
                "language": p.language,
            }
        )
    organisations = [
        {"id": o.name, "name": o.name, "aliases": [*o.aliases, *o.unreviewed]}
        for o in record.organisations
    ]
    programmes = [
        {"id": g.name, "name": g.name, "aliases": [*g.aliases, g.short]} for g in record.programmes
    ]
    return {"projects": projects, "organisations": organisations, "programmes": programmes}


def corpus_score(
    module: ModuleType, *, page: str | None = None, verbose: bool = False
) -> tuple[int, int, dict[str, tuple[int, int]], list[str]]:
    """Return (facts passed, facts, per page, lines to show) over the corpus's pages."""
    passed = total = 0
    per_page: dict[str, tuple[int, int]] = {}
    shown: list[str] = []
    for gold_path in sorted((CORPUS / "gold").glob("*.json")):
        stem = gold_path.stem
        if page and stem != page:
            continue
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        text = module.page_body(str(CORPUS / "pages" / f"{stem}.txt"))
        try:
            record = page_read(text, source=f"{stem}.txt", today=TODAY)
            catalogue = module.Catalogue(record_exported(record)) if record.projects else None
        except Exception as error:  # noqa: BLE001 - a crash fails the page's facts, not the run
            catalogue = None
            shown.append(f"CRASH {stem}: {type(error).__name__}: {error}")
        ok_here = n_here = 0
        for name, predicate in module.facts(gold):
            n_here += 1
            why = ""
            try:
                ok = catalogue is not None and bool(predicate(catalogue))
            except Exception as error:  # noqa: BLE001 - a missing project fails the fact
                ok, why = False, f" ({error})"
            ok_here += ok
            if verbose or not ok:
                shown.append(f"{'ok  ' if ok else 'FAIL'} {stem}: {name}{why}")
        per_page[stem] = (ok_here, n_here)
        passed += ok_here
        total += n_here
    return passed, total, per_page, shown


def main(argv: list[str]) -> int:
    """Print the failing facts and the corpus figure."""
    module = corpus_module()
    if module is None:
        print(f"no corpus at {CORPUS}", file=sys.stderr)
        return 2
    page = next((a for a in argv if not a.startswith("-")), None)
    passed, total, per_page, shown = corpus_score(module, page=page, verbose="-v" in argv)
    print("\n".join(shown))
    if "-p" in argv:
        for stem, (ok, n) in per_page.items():
            print(f"{ok:3}/{n:3} {stem}")
    print(f"corpus fidelity: {passed}/{total} facts ({100.0 * passed / max(total, 1):.0f}%)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
