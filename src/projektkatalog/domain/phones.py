"""Normalise phone numbers to E.164 with Google's libphonenumber rules (`phonenumbers`)."""

from __future__ import annotations

import re
from dataclasses import dataclass

import phonenumbers

_CANDIDATE = re.compile(r"\+?\(?\d[\d ()\u00a0./–-]{5,}\d")


@dataclass(frozen=True)
class Phone:
    number: str  # E.164
    kind: str  # "work" or "mobile"


def phone_parse(text: str, *, kind: str | None = None, region: str = "SE") -> Phone | None:
    """Return the first valid phone number in `text` as E.164, or None.

    `kind` comes from the label ("Mobilnummer" is mobile); without a label, the number's own
    range decides (Swedish 07x numbers are mobiles).
    """
    for match in _CANDIDATE.finditer(text):
        raw = re.sub(r"\s*[–-]\s*", "-", match.group(0))
        if region == "SE" and not raw.lstrip("(").startswith(("+", "0")):
            continue  # Swedish numbers are written with the trunk 0 or in international form
        try:
            parsed = phonenumbers.parse(raw, region)
        except phonenumbers.NumberParseException:
            continue
        if not phonenumbers.is_valid_number(parsed):
            continue
        e164 = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
        if kind is None:
            is_mobile = phonenumbers.number_type(parsed) == phonenumbers.PhoneNumberType.MOBILE
            kind = "mobile" if is_mobile else "work"
        return Phone(e164, kind)
    return None


def phone_display(e164: str) -> str:
    """Return an E.164 number written the national way ("044-309 39 27" for Sweden)."""
    parsed = phonenumbers.parse(e164, None)
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL)
