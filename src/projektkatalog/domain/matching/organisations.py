"""Resolve organisation names to one body each, never merging two different bodies.

Order of trust: a curated or already-known spelling; the same name without its legal form;
a bare place name from the municipality gazetteer; and last a conservative fuzzy match that is
always reported for review. Two names whose type words differ (a municipality and a university
of the same town, a city and a regional council of the same name) are never merged.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from projektkatalog.domain.curated import curated_load
from projektkatalog.domain.matching.fuzzy import FUZZY_CUTOFF, FuzzyKeys, _compatible
from projektkatalog.domain.matching.names import key_types, name_key, name_key_bare
from projektkatalog.domain.text import text_clean, words_alternation

__all__ = ["FUZZY_CUTOFF", "FuzzyKeys", "Organisation", "OrganisationIndex", "Resolution"]

# The curated organisation files: a mixed list, Swedish public bodies, Nordic public bodies.
ORGANISATION_FILES = ("organisations", "organisations_sweden", "organisations_nordic")


@dataclass
class Organisation:
    """A body in the catalogue, with every spelling seen for it."""

    name: str
    country: str | None = None
    aliases: list[str] = field(default_factory=list)
    unreviewed: list[str] = field(default_factory=list)  # aliases from fuzzy merges


@dataclass(frozen=True)
class Resolution:
    organisation: Organisation
    spelling: str  # the name as the source wrote it
    unit: str = ""
    method: str = "exact"  # exact | legal-form | municipality | fuzzy | new
    score: float = 100.0


_MUNICIPALITY_SUFFIX = {
    "SE": " kommun",
    "DK": " Kommune",
    "NO": " kommune",
    "AX": " kommun",
    "FI": " kommun",
}


@cache
def _municipalities() -> tuple[dict[str, tuple[str, str]], dict[str, tuple[str, str]]]:
    """Return (folded bare place name, folded official name) -> (official name, country).

    A place whose name is also an ordinary word ("Mark", "Nora") is only in the second.
    """
    data = curated_load("municipalities")
    places: dict[str, tuple[str, str]] = {}
    officials: dict[str, tuple[str, str]] = {}
    for country, suffix in _MUNICIPALITY_SUFFIX.items():
        table = data[country]
        official = table.get("official", {})
        ambiguous = set(table.get("ambiguous", ()))
        for place in table["names"]:
            if place in official:
                name = official[place]
            elif country in ("SE", "AX", "FI"):
                # Swedish genitive: "Ystads kommun", but "Lomma kommun" and "Höganäs kommun".
                name = place + ("" if place[-1] in "sxzaeiouyåäö" else "s") + suffix
            else:
                name = place + suffix
            officials.setdefault(name_key(name), (name, country))
            if place not in ambiguous:
                places.setdefault(name_key(place), (name, country))
        for variant, place in table.get("spellings", {}).items():
            if name_key(place) in places:
                places.setdefault(name_key(variant), places[name_key(place)])
    return places, officials


def _gazetteer() -> dict[str, tuple[str, str]]:
    """Return folded place name -> (official municipality name, country)."""
    return _municipalities()[0]


def municipality_lookup(place: str) -> tuple[str, str] | None:
    """Return (official name, country) of the municipality a bare place name stands for."""
    return _gazetteer().get(name_key(place))


def _official_names() -> dict[str, tuple[str, str]]:
    """Return folded official municipality name -> (official name, country)."""
    return _municipalities()[1]


@cache
def _official_fuzzy() -> FuzzyKeys:
    return FuzzyKeys(_official_names())


@cache
def _official_countries() -> dict[str, str]:
    return {key: country for key, (_, country) in _official_names().items()}


def country_guess(name: str) -> str | None:
    """Return the country a name's ending or the gazetteer points to, or None."""
    key = name_key(name)
    if key in _official_countries():
        return _official_countries()[key]
    lowered = " " + text_clean(name).casefold()
    for country, endings in curated_load("org_terms")["country_by_suffix"].items():
        if any(lowered.endswith(e) for e in endings):
            return country
    return None


_PLACE = r"[A-ZÅÄÖÆØ][\w-]*(?:\s[A-ZÅÄÖÆØ][\w-]*)?"
_JOIN = r"(?:,\s*|\s+(?:och|og|samt|and|&|,\s*och|,\s*and)\s+)"


@cache
def _distributed() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, str], dict[str, str]]:
    data = curated_load("org_terms")["distributed"]
    before: dict[str, str] = data["before"]
    after: dict[str, str] = data["after"]
    places = rf"(?P<places>{_PLACE}(?:{_JOIN}{_PLACE})+)"
    return (
        re.compile(rf"(?<!\w)(?i:(?P<head>{words_alternation(before)}))\s+{places}"),
        re.compile(rf"{places}\s+(?i:(?P<tail>{words_alternation(after)}))(?!\w)"),
        {k.casefold(): v for k, v in before.items()},
        {k.casefold(): v for k, v in after.items()},
    )


def organisations_distributed(text: str) -> list[str]:
    """Return the bodies plural phrases in `text` name, one for each place.

    "Länsstyrelserna i Jönköping och Östergötland" -> ["Länsstyrelsen i Jönköping",
    "Länsstyrelsen i Östergötland"]; "Lunds och Ystads kommuner" -> ["Lunds kommun",
    "Ystads kommun"]. Text without such a phrase gives [].
    """
    if "," not in text and not _HAS_JOIN.search(text):
        return []
    before, after, by_head, by_tail = _distributed()
    found: list[str] = []
    for pattern, templates, group in ((before, by_head, "head"), (after, by_tail, "tail")):
        for m in pattern.finditer(text):
            template = templates[m.group(group).casefold()]
            for place in re.split(_JOIN, m.group("places")):
                name = _distributed_name(template, place.strip())
                if name not in found:
                    found.append(name)
    return found


_HAS_JOIN = re.compile(r"\s(?:och|og|samt|and|&)\s")


def _distributed_name(template: str, place: str) -> str:
    if template == "{municipality}":
        official = municipality_lookup(place)
        return official[0] if official else place
    return template.format(place)


@cache
def _public_types() -> frozenset[str]:
    """Return the type words of public bodies (a company they own is another body)."""
    return frozenset(name_key(w) for w in curated_load("org_terms")["public_type_words"])


@cache
def organisations_curated() -> tuple[dict[str, Any], ...]:
    """Return every curated organisation entry (name, country, aliases) of every file."""
    return tuple(e for name in ORGANISATION_FILES for e in curated_load(name)["organisation"])


class OrganisationIndex:
    """Every organisation known so far, looked up by any of its spellings."""

    def __init__(self, known: Iterable[Organisation] = (), *, curated: bool = True) -> None:
        self.organisations: list[Organisation] = []
        self._by_key: dict[str, Organisation] = {}
        self._by_bare: dict[str, Organisation] = {}
        self._fuzzy = FuzzyKeys()  # the keys of `_by_key`, for the fuzzy step
        self._curated: set[int] = set()
        self._exact: dict[str, tuple[Organisation, str]] = {}  # name -> (body, spelling)
        if curated:
            for entry in organisations_curated():
                org = Organisation(entry["name"], entry.get("country"), list(entry["aliases"]))
                self.add(org)
                self._curated.add(id(org))
        for org in known:
            self.add(org)

    def add(self, org: Organisation) -> Organisation:
        """Add `org`, or merge it into the known body with the same name; return the body kept."""
        existing = self._by_key.get(name_key(org.name))
        if existing is not None and existing is not org:
            for spelling in [org.name, *org.aliases]:
                self._remember(existing, spelling)
            if org.country and not existing.country:
                existing.country = org.country
            return existing
        self.organisations.append(org)
        for spelling in [org.name, *org.aliases]:
            self._index(org, spelling)
        return org

    def _index(self, org: Organisation, spelling: str) -> None:
        key = name_key(spelling)
        if key not in self._by_key:
            self._by_key[key] = org
            self._fuzzy.add(key)
        self._by_bare.setdefault(name_key_bare(spelling), org)

    def _remember(self, org: Organisation, spelling: str) -> None:
        spelling = text_clean(spelling)
        if spelling != org.name and spelling not in org.aliases:
            org.aliases.append(spelling)
        self._index(org, spelling)

    def find(self, name: str) -> Organisation | None:
        """Return the body `name` certainly names (no fuzzy matching), or None."""
        return self._by_key.get(name_key(name)) or self._by_bare.get(name_key_bare(name))

    def is_known(self, name: str) -> bool:
        return self.find(name) is not None or municipality_lookup(name) is not None

    def looks_like_organisation(self, text: str) -> bool:
        """Return whether `text` names a body: known, a municipality, or carrying a type word."""
        text = text_clean(text)
        if not text or not text[0].isupper():
            return False
        return self.is_known(text) or bool(key_types(name_key(text)))

    def resolve(self, name: str, *, country: str | None = None) -> Resolution:
        """Return the body `name` stands for, adding a new one when nothing matches."""
        if (seen := self._exact.get(name)) is not None:
            # A spelling once found exactly is found so again: its key stays with its body.
            self._set_country(seen[0], country)
            return Resolution(seen[0], seen[1], "", "exact")
        spelling = text_clean(name).strip(" ,;.")
        found = self._resolve_known(spelling, country)
        if found is not None:
            if found.method == "exact":
                self._exact[name] = (found.organisation, spelling)
            return found
        for sep in ("/", ":", " - ", " – ", ", "):
            # "Region Skåne/Regionfastigheter", "Lund University - Centre for Sustainability Studies",
            # "Lunds Universitet, Department of Chemical Engineering": a known body and its unit.
            head, _, unit = spelling.partition(sep)
            if unit.strip() and (org := self.find(head.strip())) is not None:
                self._remember(org, head.strip())
                return Resolution(org, head.strip(), unit.strip(), "exact")
        head, comma, unit = spelling.partition(", ")
        if comma and unit[:1].islower():  # "Lunds universitet, molekylärmedicinsk ..."
            inner = self.resolve(head, country=country)
            return Resolution(inner.organisation, head, unit, inner.method, inner.score)
        org = self.add(Organisation(spelling, country or country_guess(spelling)))
        # Met again, the same spelling is this body's own name: found exactly, as the key
        # lookup would find it, without looking it up (a body stands on some six rows).
        self._exact[name] = (org, spelling)
        return Resolution(org, spelling, "", "new")

    def _resolve_known(self, spelling: str, country: str | None) -> Resolution | None:
        key = name_key(spelling)
        if (org := self._by_key.get(key)) is not None:
            self._remember(org, spelling)
            self._set_country(org, country)
            return Resolution(org, spelling, "", "exact")
        bare = name_key_bare(spelling)
        # "NetPort Science Park AB" is "NetPort Science Park"; "Oslo kommun AB" is a company
        # owned by a municipality, not the municipality.
        public_body = bare != key and bool(key_types(bare) & _public_types())
        if not public_body and (org := self._by_bare.get(bare)) is not None:
            self._remember(org, spelling)
            self._set_country(org, country)
            return Resolution(org, spelling, "", "legal-form")
        official = _official_names().get(key)
        if official is not None and country in (None, official[1]):
            org = self._by_key.get(name_key(official[0])) or self.add(Organisation(*official))
            self._remember(org, spelling)
            return Resolution(
                org, spelling, "", "exact" if spelling == official[0] else "municipality"
            )
        place = municipality_lookup(spelling)
        if place is not None and (country in (None, place[1])):
            place_name, place_country = place
            org = self._by_key.get(name_key(place_name)) or self.add(
                Organisation(place_name, place_country)
            )
            self._remember(org, spelling)
            return Resolution(org, spelling, "", "municipality")
        if len(key) >= 6:
            for keys in (self._fuzzy, _official_fuzzy()):
                match = keys.closest(key)
                if match is None or not _compatible(key, match[0]):
                    continue
                if match[0] in self._by_key:
                    org = self._by_key[match[0]]
                else:  # an official municipality name not yet in the catalogue
                    org = self.add(Organisation(*_official_names()[match[0]]))
                if country and org.country and country != org.country:
                    continue
                self._remember(org, spelling)
                if spelling not in org.unreviewed and spelling != org.name:
                    org.unreviewed.append(spelling)
                return Resolution(org, spelling, "", "fuzzy", float(match[1]))
        return None

    def _set_country(self, org: Organisation, country: str | None) -> None:
        if country and not org.country:
            org.country = country

    def is_curated(self, org: Organisation) -> bool:
        return id(org) in self._curated
