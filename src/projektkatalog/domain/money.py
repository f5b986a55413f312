"""Find amounts of money in Swedish, English, Danish and Norwegian writing.

"EUR 1,39 miljoner", "EUR 1.87 M", "cirka 250 000 Euro", "2,6 miljoner Euro", "953 000 kr",
"14,5 miljoner kronor": each becomes a Decimal amount, an ISO 4217 currency, a kind (total budget,
EU funding, grant, co-financing) and whether the source hedged it ("cirka").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache

from projektkatalog.domain.curated import curated_load
from projektkatalog.domain.text import text_clean, words_alternation, words_regex


@dataclass(frozen=True)
class Amount:
    amount: Decimal
    currency: str
    kind: str
    approximate: bool
    text: str


@cache
def _vocabulary() -> tuple[
    dict[str, str], dict[str, int], list[str], list[tuple[re.Pattern[str], str]]
]:
    data = curated_load("money")
    currencies = {w: code for code, words in data["currencies"].items() for w in words}
    for word in data["ambiguous_currency"]:
        currencies.setdefault(word, "?" + word)
    multipliers = {w: int(power) for power, words in data["multipliers"].items() for w in words}
    kinds = [(re.compile(p, re.IGNORECASE), k) for p, k in data["kinds"]["patterns"]]
    return currencies, multipliers, data["hedges"]["approximate"], kinds


def _alt(words: Iterable[str]) -> str:
    return words_alternation(words)


@cache
def _amount_regex() -> re.Pattern[str]:
    currencies, multipliers, _, _ = _vocabulary()
    cur = _alt(currencies)
    mul = _alt(multipliers)
    number = r"\d{1,3}(?:[ \u00a0.,]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?"
    tail = rf"(?:\s*(?P<mul>{mul})(?![\w]))?(?:\s*(?P<cur>{cur})(?![\w]))?"
    return re.compile(
        rf"(?:(?P<pre>{cur})\s*)?(?<![\w.,])(?P<num>{number})(?![\d]){tail}",
        re.IGNORECASE,
    )


def _number(text: str) -> Decimal | None:
    """Return the number written as `text` with Swedish or English separators."""
    t = text.replace("\u00a0", " ")
    if (
        re.fullmatch(r"\d{1,3}(?:[ .]\d{3})+(?:,\d+)?", t)
        and not re.fullmatch(r"\d{1,3}\.\d{3}", t)
        or re.fullmatch(r"\d{1,3}(?: \d{3})+", t)
    ):
        t = t.replace(" ", "").replace(".", "").replace(",", ".")
    elif re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", t):
        t = t.replace(",", "")
    else:
        t = t.replace(" ", "").replace(",", ".")
    try:
        return Decimal(t)
    except InvalidOperation:
        return None


def amounts_find(text: str, *, kind: str | None = None, language: str = "sv") -> list[Amount]:
    """Return every amount of money in `text`.

    `kind` is the kind the field's label gave ("Budget:" is a total budget); without one, the
    words before the amount in its sentence decide, and "other" when none does.
    """
    if not any(c.isdigit() for c in text):
        return []
    clean = text_clean(text)
    currencies, multipliers, hedges, kinds = _vocabulary()
    found: list[Amount] = []
    previous_end = 0
    for m in _amount_regex().finditer(clean):
        cur_word = (m.group("pre") or m.group("cur") or "").lower()
        mul_word = (m.group("mul") or "").lower()
        if not cur_word and mul_word in currencies:  # "2,5 MSEK", "1 200 tkr"
            cur_word = mul_word
        if not cur_word:
            continue  # a bare number is not money
        currency = currencies[cur_word]
        if currency.startswith("?"):
            currency = curated_load("money")["ambiguous_currency"][currency[1:]].get(
                language, "SEK"
            )
        value = _number(m.group("num"))
        if value is None:
            continue
        factor = multipliers.get(mul_word, 1)
        if cur_word in multipliers:  # "mnkr", "tkr", "MSEK" carry their own multiplier
            factor = max(factor, multipliers[cur_word])
        amount = (value * factor).normalize()
        amount = amount.quantize(Decimal(1)) if amount == amount.to_integral() else amount
        sentence_start = max(clean.rfind(". ", 0, m.start()) + 1, 0)
        before = clean[sentence_start : m.start()].lower()
        approximate = bool(words_regex(tuple(hedges)).search(before[-25:]))
        if kind and found:
            # "Budget: 10 miljoner, varav EU-stöd 4 miljoner": later amounts in a labelled
            # value take their kind from the words just before them.
            between = clean[previous_end : m.start()].lower()
            found_kind = next((k for pattern, k in kinds if pattern.search(between)), kind)
        else:
            found_kind = kind or next(
                (k for pattern, k in kinds if pattern.search(before)), "other"
            )
        previous_end = m.end()
        found.append(Amount(amount, currency, found_kind, approximate, m.group(0).strip(" .")))
    return found


_CROWNS = re.compile(r"(?<!\w)(?:kr\.?|kroner|kronor)(?!\w)", re.IGNORECASE)


def currency_for_language(amount: Amount, language: str) -> Amount:
    """Return `amount` with "kr"/"kroner" read as the crown of the page's language."""
    local = curated_load("money")["ambiguous_currency"]["kroner"].get(language)
    if (
        local
        and local != amount.currency
        and amount.currency == "SEK"
        and _CROWNS.search(amount.text)
    ):
        return Amount(amount.amount, local, amount.kind, amount.approximate, amount.text)
    return amount
