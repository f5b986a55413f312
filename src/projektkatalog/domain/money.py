"""Find amounts of money in Swedish, English, Danish, Norwegian and Finland-Swedish writing.

"EUR 1,39 miljoner", "EUR 1.87 M", "cirka 250 000 Euro", "2.708 euro", "1,5 milj. €",
"14,5 miljoner kronor", "3,2 mio. kr.", "tre miljoner svenska kronor": each becomes a Decimal
amount, an ISO 4217 currency, a kind (total budget, EU funding, grant, co-financing) and whether
the source hedged it ("cirka").

Nothing is guessed silently: an amount whose currency the text does not give keeps an empty
currency, and whatever was inferred (crowns read by the page's language, "SEK 11.8" read as
millions) is named in `Amount.inferred`, so that the import can report it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache

from projektkatalog.domain.curated import curated_load
from projektkatalog.domain.text import text_clean, words_alternation, words_regex
from projektkatalog.domain.word_search import words_found

# What `Amount.inferred` may name.
INFERRED_NO_CURRENCY = "no-currency"  # the text gives no currency; `currency` is ""
INFERRED_CURRENCY_FROM_LANGUAGE = "currency-from-language"  # "kr." read as DKK on a Danish page
INFERRED_MILLIONS = "millions-implied"  # "SEK 11.8" in a text about millions
INFERRED_CURRENCY_FROM_CONTEXT = "currency-from-context"  # "7 miljoner" among "N miljoner kronor"


@dataclass(frozen=True)
class Amount:
    amount: Decimal
    currency: str
    kind: str
    approximate: bool
    text: str
    inferred: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Vocabulary:
    currencies: dict[str, str]  # word -> ISO code, or "?word" when the language decides
    ambiguous: dict[str, dict[str, str]]  # word -> language -> ISO code
    multipliers: dict[str, int]
    number_words: dict[str, int]
    hedges: tuple[str, ...]
    kinds: tuple[tuple[re.Pattern[str], str], ...]
    amount: re.Pattern[str]  # amounts in digits
    amount_or_words: re.Pattern[str]  # and in words ("tre miljoner"), tried only where needed
    millions: re.Pattern[str]
    bare_follow: re.Pattern[str]
    abbreviations: frozenset[str]
    adjective: re.Pattern[str]  # a currency adjective right after an amount
    adjectives: dict[str, str]


_NUMBER = (
    r"\d{1,3}(?:[ \u00a0.,]\d{3})+(?:[.,]\d+)?"  # 1 348 720, 1.374.779, 1,234,567.50
    r"|\d+,\s\d{1,2}(?=\s*(?:milj|mill|mio))"  # "3, 1 miljoner": a stray space after the comma
    r"|\d+(?:[.,]\d+)?"
)


@cache
def _vocabulary() -> _Vocabulary:
    data = curated_load("money")
    currencies = {w: code for code, words in data["currencies"].items() for w in words}
    ambiguous = dict(data["ambiguous_currency"])
    for word in ambiguous:
        currencies.setdefault(word, "?" + word)
    multipliers = {w: int(power) for power, words in data["multipliers"].items() for w in words}
    number_words = {w: int(n) for n, words in data["number_words"].items() for w in words}
    kinds = tuple((re.compile(p, re.IGNORECASE), k) for p, k in data["kinds"]["patterns"])
    adjectives = {w: code for code, words in data["currency_adjectives"].items() for w in words}
    cur = words_alternation(currencies)
    mul = words_alternation(multipliers)
    long_mul = words_alternation(w for w in multipliers if len(w) >= 3)
    numeral = words_alternation(number_words)
    tail = rf"(?:\s*(?P<mul>{mul})(?!\w))?(?:\s*(?P<cur>{cur})(?!\w))?"
    # The number comes first, so that the regex engine can skip to the next digit; a currency
    # written before the number is looked for behind it (`pre`).
    digits = rf"(?P<num>{_NUMBER})(?!\d)"
    words = rf"(?<!\w)(?P<word>{numeral})(?=\s+(?:{long_mul})(?!\w))"
    amount = re.compile(rf"{digits}(?P<word>(?!))?{tail}", re.IGNORECASE)
    amount_or_words = re.compile(rf"(?:{digits}|{words}){tail}", re.IGNORECASE)
    return _Vocabulary(
        currencies,
        ambiguous,
        multipliers,
        number_words,
        tuple(data["hedges"]["approximate"]),
        kinds,
        amount,
        amount_or_words,
        words_regex(tuple(data["million_words"]["words"])),
        re.compile(
            rf"^\s*(?:{words_alternation(data['bare_amount']['followed_by'])})(?!\w)",
            re.IGNORECASE,
        ),
        frozenset(data["bare_amount"]["money_abbreviations"]),
        re.compile(
            rf"\s+({words_alternation(adjectives)})\s+(?:och|og|and|samt|,)\s",
            re.IGNORECASE,
        ),
        adjectives,
    )


_DIGIT = re.compile(r"\d")
_SPACED_GROUPS = re.compile(r"\d{1,3}(?: \d{3})+(?:,\d+)?")
_DOTTED_GROUPS = re.compile(r"\d{1,3}(?:\.\d{3}){2,}(?:,\d+)?")
_ONE_GROUP = re.compile(r"(\d{1,3})([.,])(\d{3})")
_COMMA_GROUPS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")


def money_number(text: str, *, scaled: bool = False, language: str = "sv") -> Decimal | None:
    """Return the number written as `text` with Nordic, German or English separators.

    "1 348 720", "1.374.779" and "1,234,567.50" group thousands. A lone group of three digits
    ("2.708", "2,708") is thousands unless a multiplier follows (`scaled`): "1,870 miljoner" is
    1.87 million, except in English, where "1,870 million" is 1870 million.
    """
    t = text.replace("\u00a0", " ").strip()
    if _SPACED_GROUPS.fullmatch(t) or _DOTTED_GROUPS.fullmatch(t):
        t = t.replace(" ", "").replace(".", "").replace(",", ".")
    elif m := _ONE_GROUP.fullmatch(t):
        thousands = not scaled or (language == "en" and m.group(2) == ",")
        t = m.group(1) + ("" if thousands else ".") + m.group(3)
    elif _COMMA_GROUPS.fullmatch(t):
        t = t.replace(",", "")
    elif re.fullmatch(r"\d{1,3}(?:\.\d{3})+,\d+", t):
        t = t.replace(".", "").replace(",", ".")
    else:
        t = t.replace(" ", "").replace(",", ".")
    try:
        return Decimal(t)
    except InvalidOperation:
        return None


_YEAR = re.compile(r"(?:19|20)\d\d")
_DATE_GOES_ON = re.compile(r"[.\-/]\d")


def _looks_like_date_or_year(clean: str, m: re.Match[str]) -> bool:
    """Return whether a bare number is a year, a date or a share rather than an amount."""
    num = m.group("num")
    after = clean[m.end("num") : m.end("num") + 2]
    before = clean[max(m.start("num") - 1, 0) : m.start("num")]
    if _YEAR.fullmatch(num) or after[:1] in ("%", "-", "–", "/"):
        return True
    return bool(_DATE_GOES_ON.match(after)) or before in ("-", "/", "–")


def amounts_find(
    text: str,
    *,
    kind: str | None = None,
    language: str = "sv",
    context: str = "",
    bare: bool = False,
) -> list[Amount]:
    """Return every amount of money in `text`.

    `kind` is the kind the field's label gave ("Budget:" is a total budget); without one, the
    words before the amount in its sentence decide, and "other" when none does. `language`
    decides whose crowns "kr." are; `context` is the text around `text` (its paragraph or
    section), read to tell whether the text speaks of millions and, for `bare` amounts, which
    currency it uses.

    With `bare`, a number that states no currency is an amount too, with an empty currency and
    `INFERRED_NO_CURRENCY`: under a money label ("Total budget: 83 460"), or in prose a number of
    millions followed by "till"/"for" or after words naming money ("18 miljoner till ...").
    When the amounts of `context` are all in one currency, a bare amount takes it, marked
    `INFERRED_CURRENCY_FROM_CONTEXT`. Without `bare` such numbers are skipped, as callers that
    handle them themselves expect.
    """
    vocab = _vocabulary()
    has_digits = _DIGIT.search(text) is not None
    in_words = vocab.millions.search(text) is not None
    if not has_digits and not in_words:
        return []
    clean = text_clean(text)
    found: list[Amount] = []
    previous_end = 0
    for m in (vocab.amount_or_words if in_words else vocab.amount).finditer(clean):
        if (
            m.group("num")
            and m.start()
            and (clean[m.start() - 1].isalnum() or clean[m.start() - 1] in ".,")
        ):
            continue  # inside a word or a longer number: "Tidsperiod2011", "v1.2"
        inferred: list[str] = []
        mul_word = (m.group("mul") or "").lower()
        cur_word = (m.group("cur") or "").lower()
        pre_word = "" if cur_word else _currency_before(clean, m.start(), vocab)
        cur_word = pre_word.lower() or cur_word
        if not cur_word and mul_word in vocab.currencies:  # "2,5 MSEK", "1 200 tkr"
            cur_word = mul_word
        adjective_currency = "" if cur_word else _currency_adjective(clean, m.end(), vocab)
        if not cur_word and not adjective_currency and not bare:
            continue  # a number without a currency is no amount unless the caller asks
        factor = vocab.multipliers.get(mul_word, 1)
        if cur_word in vocab.multipliers:  # "mnkr", "tkr", "MSEK" carry their own multiplier
            factor = max(factor, vocab.multipliers[cur_word])
        if m.group("word"):
            value: Decimal | None = Decimal(vocab.number_words[m.group("word").lower()])
        else:
            value = money_number(m.group("num"), scaled=factor > 1, language=language)
        if value is None:
            continue
        start = clean.rfind(pre_word, 0, m.start()) if pre_word else m.start()
        sentence_start = max(clean.rfind(". ", 0, start) + 1, 0)
        before = clean[sentence_start:start].lower()
        if adjective_currency:
            currency = adjective_currency
        elif not cur_word:
            if not bare or not _bare_is_money(clean, m, before, kind, factor, value, vocab):
                continue
            currency = _currency_from_context(context, language, inferred)
        else:
            currency = vocab.currencies[cur_word]
            if currency.startswith("?"):
                by_language = vocab.ambiguous[currency[1:]]
                currency = by_language.get(language, "SEK")
                if language in ("da", "no", "nb"):
                    inferred.append(INFERRED_CURRENCY_FROM_LANGUAGE)
        if factor == 1 and _millions_implied(m, pre_word, value, clean, context, vocab):
            # "SEK 11.8" among sentences about millions: nobody grants eleven crowns eighty.
            factor = 1_000_000
            inferred.append(INFERRED_MILLIONS)
        amount = (value * factor).normalize()
        amount = amount.quantize(Decimal(1)) if amount == amount.to_integral() else amount
        approximate = _hedged(clean[max(start - 25, 0) : start], vocab)
        between = clean[previous_end:start].lower() if found else None
        found_kind = _kind_found(clean, m.end(), between, before, kind, vocab)
        previous_end = m.end()
        found.append(
            Amount(
                amount,
                currency,
                found_kind,
                approximate,
                clean[start : m.end()].strip(" ."),
                tuple(inferred),
            )
        )
    return found


def _currency_before(clean: str, end: int, vocab: _Vocabulary) -> str:
    """Return the currency word written just before position `end` ("SEK 2 500", "€1.2"), or ""."""
    head = clean[max(end - 24, 0) : end].rstrip()
    if not head or head[-1].isdigit():
        return ""
    if head[-1] in "€$£":
        return head[-1]
    tokens = head.rsplit(None, 2)
    for n in (2, 1):
        if len(tokens) < n:
            continue
        words = " ".join(tokens[-n:]).lstrip("([")
        if words.lower() in vocab.currencies and not words[:1].isdigit():
            return words
    return ""


def currencies_named(text: str, *, language: str = "sv") -> set[str]:
    """Return the currencies of the amounts written in `text` ("5 miljoner kronor" -> {"SEK"})."""
    return {a.currency for a in amounts_find(text, language=language) if a.currency}


# Only words that follow the amount directly (or after "är", "(") describe it; after a dash or
# a comma the next item of a list begins.
_AFTER_LEAD = re.compile(r"^\s*\(?\s*(?:(?:är|er|is|are|utgör|i|in|som|av|of)\s+)?", re.IGNORECASE)
_AFTER_END = re.compile(r"\d|\.\s|;")


def _kind_after(clean: str, end: int, vocab: _Vocabulary) -> str | None:
    """Return the kind the words right after an amount name ("... EUR är EU-stöd"), or None."""
    window = clean[end : end + 48]
    if stop := _AFTER_END.search(window):
        window = window[: stop.start()]
    window = window.lower()
    lead = _AFTER_LEAD.match(window)
    assert lead is not None  # every part of the pattern is optional
    window = window[lead.end() :]
    if not window or not window[0].isalpha():
        return None
    return next((k for pattern, k in vocab.kinds if pattern.match(window)), None)


def _hedged(window: str, vocab: _Vocabulary) -> bool:
    """Return whether the words just before an amount hedge it ("cirka", "ca.", "about").

    A full stop ends the window unless it ends a hedge itself: "ca. 2 mio. kr." is hedged,
    "Det pågår över tre år. 2 miljoner ..." is not.
    """
    cut = window.rfind(". ")
    if cut >= 0:
        last_word = window[: cut + 1].rsplit(None, 1)[-1].lower()
        if last_word not in vocab.hedges:
            window = window[cut + 1 :]
    return words_found(window, vocab.hedges)


_CROWN_WORD = re.compile(r"(?<!\w)(?:kronor|kroner|crowns|kr\.?)(?!\w)", re.IGNORECASE)


def _currency_adjective(clean: str, end: int, vocab: _Vocabulary) -> str:
    """Return the currency of "3 miljoner svenska och 2 miljoner norska kronor"'s first amount."""
    m = vocab.adjective.match(clean, end)
    if m is None:
        return ""
    rest = clean[m.end() : m.end() + 60]
    if not _CROWN_WORD.search(rest.split(". ")[0]):
        return ""
    return vocab.adjectives[m.group(1).lower()]


def _kind_of(before: str, vocab: _Vocabulary) -> str:
    return next((k for pattern, k in vocab.kinds if pattern.search(before)), "other")


def _currency_from_context(context: str, language: str, inferred: list[str]) -> str:
    """Return the one currency the amounts of `context` share, or "" (noting which in
    `inferred`): a number without a currency takes it, or stays without one."""
    named = currencies_named(context, language=language) if context else set()
    if len(named) == 1:
        inferred.append(INFERRED_CURRENCY_FROM_CONTEXT)
        return named.pop()
    inferred.append(INFERRED_NO_CURRENCY)
    return ""


def _millions_implied(
    m: re.Match[str],
    pre_word: str,
    value: Decimal,
    clean: str,
    context: str,
    vocab: _Vocabulary,
) -> bool:
    """Return whether a small decimal after a currency ("SEK 11.8") counts millions: it has one
    decimal, or the text or its context speaks of millions."""
    return bool(
        m.group("num")
        and pre_word
        and value < 1000
        and value != value.to_integral()
        and (
            len(m.group("num").rpartition(".")[2].rpartition(",")[2]) == 1
            or vocab.millions.search(clean)
            or (context and vocab.millions.search(context))
        )
    )


def _kind_found(
    clean: str,
    end: int,
    between: str | None,
    before: str,
    kind: str | None,
    vocab: _Vocabulary,
) -> str:
    """Return what an amount is: from the words right after it, else (for a later amount) from
    the words `between` it and the amount before, else the field's kind or the words before."""
    if after_kind := _kind_after(clean, end, vocab):
        # "209 362 SEK beviljat projektstöd", "356 220 EUR är EU-stöd": the words right
        # after an amount in a breakdown say what it is.
        return after_kind
    if between is not None:
        # "Budget: 10 miljoner, varav EU-stöd 4 miljoner": later amounts take their kind
        # from the words between them and the amount before.
        return next(
            (k for pattern, k in vocab.kinds if pattern.search(between)),
            kind or _kind_of(before, vocab),
        )
    return kind or _kind_of(before, vocab)


def _bare_is_money(
    clean: str,
    m: re.Match[str],
    before: str,
    kind: str | None,
    factor: int,
    value: Decimal,
    vocab: _Vocabulary,
) -> bool:
    """Return whether a number without a currency is still an amount of money.

    Under a money label it is ("Total budget: 83 460"), unless it is a year or a date; in prose,
    only a number of millions followed by "till"/"for" or after words naming money is.
    """
    if m.group("num") and _looks_like_date_or_year(clean, m):
        return False
    if kind:
        return factor > 1 or value >= 100
    if factor < 1_000_000 or m.group("mul") is None or len(m.group("mul")) < 2:
        return False
    if m.group("mul").lower() in vocab.abbreviations:
        return True  # "1,2 milj." is money wherever it is written
    return bool(vocab.bare_follow.match(clean[m.end() :])) or any(
        pattern.search(before) for pattern, _ in vocab.kinds
    )


_CROWNS = re.compile(r"(?<!\w)(?:kr\.?|kroner|kronor)(?!\w)", re.IGNORECASE)


def currency_for_language(amount: Amount, language: str) -> Amount:
    """Return `amount` with "kr"/"kroner" read as the crown of the page's language."""
    local = curated_load("money")["ambiguous_currency"]["kroner"].get(language)
    if (
        local
        and local != amount.currency
        and amount.currency == "SEK"
        and _CROWNS.search(amount.text)
        and not re.search(r"svenska|svensk|sek", amount.text, re.IGNORECASE)
    ):
        return Amount(
            amount.amount,
            local,
            amount.kind,
            amount.approximate,
            amount.text,
            (*amount.inferred, INFERRED_CURRENCY_FROM_LANGUAGE),
        )
    return amount
