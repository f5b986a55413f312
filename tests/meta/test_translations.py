"""Every interface string has an English translation, and the compiled catalogue is current."""

import gettext
import re
from pathlib import Path

LOCALE = (
    Path(__file__).resolve().parents[2] / "src" / "projektkatalog" / "locale" / "en" / "LC_MESSAGES"
)


def _msgids(po: str) -> list[str]:
    ids = []
    for block in po.split("\n\n")[1:]:
        m = re.search(r'^msgid ((?:".*"\n?)+)', block, re.M)
        if m:
            ids.append(
                "".join(re.findall(r'"(.*)"', m.group(1)))
                .encode()
                .decode("unicode_escape")
                .encode("latin-1")
                .decode("utf-8")
            )
    return [i for i in ids if i]


def test_every_string_translated_and_compiled():
    po = (LOCALE / "django.po").read_text(encoding="utf-8")
    assert 'msgstr ""\n\n' not in po.split("\n\n", 1)[1] + "\n\n", (
        "an untranslated string in django.po"
    )
    assert "#, fuzzy" not in po
    with open(LOCALE / "django.mo", "rb") as handle:
        catalogue = gettext.GNUTranslations(handle)._catalog  # noqa: SLF001
    compiled = {k[0] if isinstance(k, tuple) else k for k in catalogue}
    missing = [i for i in _msgids(po) if i not in compiled]
    assert not missing, f"django.mo is older than django.po; run `make messages`: {missing[:3]}"
