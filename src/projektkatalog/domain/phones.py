"""Normalise phone numbers to E.164 with Google's libphonenumber rules (`phonenumbers`).

Swedish, Norwegian, Danish, Finnish and Åland numbers: a number with a country code names its
own country (+358 18 is Åland); one without takes the region the page's language or the body's
country gives (`phone_region`). Danish and Norwegian numbers have no trunk 0 ("22 33 44 55"),
so they are read only where such a region is given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

import phonenumbers

from projektkatalog.domain.curated import curated_load

_CANDIDATE = re.compile(r"\+?\(?\d[\d ()\u00a0./–-]{5,}\d")
_SEPARATED = re.compile(r"\s*[,;/]\s*|\s+(?:och|og|and|eller|or)\s+")


@dataclass(frozen=True)
class Phone:
    number: str  # E.164
    kind: str  # "work" or "mobile"


@cache
def _regions() -> dict[str, Any]:
    return curated_load("contacts")["phone_regions"]


def phone_region(*, country: str | None = None, language: str | None = None) -> str:
    """Return the numbering region for numbers without a country code ("NO" for a Norwegian page).

    A body's country wins over the page's language; Sweden when neither says.
    """
    data = _regions()
    by_country: dict[str, str] = data["by_country"]
    by_language: dict[str, str] = data["by_language"]
    if country and country.upper() in by_country:
        return by_country[country.upper()]
    if language and language.lower() in by_language:
        return by_language[language.lower()]
    return "SE"


def _parse(raw: str, kind: str | None, region: str) -> Phone | None:
    raw = re.sub(r"\s*[–-]\s*", "-", raw.strip())
    international = raw.lstrip("(").startswith("+") or raw.startswith("00")
    trunk_zero: list[str] = _regions()["trunk_zero"]
    if not international and region in trunk_zero and not raw.lstrip("(").startswith("0"):
        return None  # these regions write local numbers with the trunk 0
    try:
        parsed = phonenumbers.parse(raw, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(parsed):
        return None
    if not international and region not in trunk_zero:
        # "22 33 44 55" is a number only in a region that writes numbers without a trunk 0,
        # and only when it is written in groups as such numbers are, not as one long figure.
        if raw.isdigit() or len(re.sub(r"\D", "", raw)) != 8:
            return None
    e164 = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
    if kind is None:
        number_type = phonenumbers.number_type(parsed)
        is_mobile = number_type == phonenumbers.PhoneNumberType.MOBILE
        kind = "mobile" if is_mobile else "work"
    return Phone(e164, kind)


def phones_find(text: str, *, kind: str | None = None, region: str = "SE") -> list[Phone]:
    """Return every valid phone number in `text` as E.164, in order, each once.

    "+46 23 778 41 96, +47 61 28 73 05" is two numbers; so is "22 33 44 55 / 98 76 54 32" on a
    Norwegian page. `region` is the numbering of numbers written without a country code.
    """
    found: list[Phone] = []
    for match in _CANDIDATE.finditer(text):
        candidate = match.group(0)
        phone = _parse(candidate, kind, region)
        pieces = [phone] if phone else [_parse(p, kind, region) for p in _pieces(candidate)]
        for piece in pieces:
            if piece is not None and all(p.number != piece.number for p in found):
                found.append(piece)
    return found


def _pieces(candidate: str) -> list[str]:
    """Return the parts of a candidate that may hold several numbers ("070-1 / 070-2")."""
    parts = _SEPARATED.split(candidate)
    if len(parts) > 1:
        return parts
    # "+46 23 778 41 96 +47 61 28 73 05": a second country code starts a second number.
    return [p for p in re.split(r"\s+(?=\+)", candidate) if p]


def phone_parse(text: str, *, kind: str | None = None, region: str = "SE") -> Phone | None:
    """Return the first valid phone number in `text` as E.164, or None.

    `kind` comes from the label ("Mobilnummer" is mobile); without a label, the number's own
    range decides (Swedish 07x numbers are mobiles).
    """
    found = phones_find(text, kind=kind, region=region)
    return found[0] if found else None


def phone_display(e164: str) -> str:
    """Return an E.164 number written the national way ("044-309 39 27" for Sweden)."""
    parsed = phonenumbers.parse(e164, None)
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL)
