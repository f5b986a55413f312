"""Resolve programme names ("Interreg BSR", "Östersjöprogrammet") to one canonical programme,
from a "Program:" field or from running text ("financed by the European Social Fund")."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from projektkatalog.domain.curated import curated_load
from projektkatalog.domain.matching.names import name_key
from projektkatalog.domain.text import text_clean, trie_pattern, words_alternation


@dataclass
class Programme:
    name: str
    short: str = ""
    fund: str = ""
    aliases: list[str] = field(default_factory=list)
    umbrella: bool = False  # names a family ("Interreg") without saying which programme

    @property
    def eu_funded(self) -> bool:
        return bool(self.fund)


def _within(prog: Programme, umbrella: Programme) -> bool:
    """Return whether `prog` is one of the programmes the umbrella name covers."""
    if prog is umbrella or prog.umbrella:
        return False
    stem = name_key(umbrella.name)
    return any(name_key(n).startswith(stem + " ") for n in (prog.name, prog.short) if n)


def _case_sensitive(alias: str) -> bool:
    """Short all-capital aliases (ESF, LIFE, CEF) match only in capitals: "Life Science" is not LIFE."""
    letters = [c for c in alias if c.isalpha()]
    return len(alias) <= 5 and all(c.isupper() for c in letters)


@cache
def programmes_curated() -> tuple[Programme, ...]:
    """Return the curated programmes."""
    return tuple(
        Programme(
            p["name"],
            p.get("short", ""),
            p.get("fund", ""),
            list(p["aliases"]),
            p.get("umbrella", False),
        )
        for p in curated_load("programmes")["programme"]
    )


# After a family's name ("Interreg"): an optional strand ("V-A", "IV A"), then places joined by
# hyphens and a programme noun. Such a name is the family's programme for those places.
_MEMBER = re.compile(
    r"\s+(?:[IVX]{1,3}[ -]?[A-C]\s+)?"
    r"(?P<name>[A-ZÅÄÖÆØ][^\W\d_]+(?:-[A-ZÅÄÖÆØ][^\W\d_]+)+)"
    r"\s+(?i:program|programme|programmet|programma|ohjelma)(?!\w)"
)


@cache
def _membership() -> re.Pattern[str]:
    """Return the pattern of a sentence saying the project belongs to a programme named in one
    word with a programme noun at its end, after up to three words in lower case."""
    data = curated_load("programmes")
    cues = words_alternation(data["membership_cues"])
    nouns = words_alternation(data["programme_nouns"])
    return re.compile(
        rf"(?<!\w)(?i:{cues})\s+(?:[a-zåäöæø-]+\s+){{0,3}}"
        rf"(?P<name>(?P<stem>[A-ZÅÄÖÆØ][^\W\d_-]{{2,}}?-?)(?i:{nouns}))(?!\w)"
    )


class ProgrammeIndex:
    """Programmes known so far, looked up by any of their names."""

    def __init__(self, known: list[Programme] | None = None) -> None:
        self.programmes: list[Programme] = []
        self._by_key: dict[str, Programme] = {}
        # Names of programmes read from running text by their shape, known nowhere before:
        # the build reports each, as it does a programme field's unknown value.
        self.inferred: set[str] = set()
        for prog in [*programmes_curated(), *(known or [])]:
            self.add(Programme(prog.name, prog.short, prog.fund, list(prog.aliases), prog.umbrella))
        self._prose = self._prose_regex()

    def add(self, prog: Programme) -> Programme:
        existing = self._by_key.get(name_key(prog.name))
        if existing is not None:
            for alias in prog.aliases:
                if alias not in existing.aliases and alias != existing.name:
                    existing.aliases.append(alias)
                self._by_key.setdefault(name_key(alias), existing)
            return existing
        self.programmes.append(prog)
        for spelling in [prog.name, prog.short, *prog.aliases]:
            if spelling:
                self._by_key.setdefault(name_key(spelling), prog)
        return prog

    def _prose_regex(self) -> tuple[re.Pattern[str], dict[str, Programme]]:
        """Return one regex for every spelling, and the programme each folded spelling names."""
        names: dict[str, Programme] = {}
        exact: list[str] = []
        folded: list[str] = []
        for prog in self.programmes:
            for spelling in {prog.name, prog.short, *prog.aliases} - {""}:
                (exact if _case_sensitive(spelling) else folded).append(spelling)
                names.setdefault(
                    spelling if _case_sensitive(spelling) else spelling.casefold(), prog
                )

        # Longest spellings first, so "Interreg Östersjöregionen" wins over "Interreg".
        # Folded spellings go into the trie in lower case, matched without regard to case.
        folded_trie = trie_pattern(w.lower() for w in folded)
        # A name ends where a word does; a hyphen may follow only when a word of funding or a
        # compound's ending goes on from it ("Interreg Tyskland-Danmark-finansierede",
        # "Sverige-Norge-midler"): any other word continues a longer name ("Interreg
        # Nord-Norge" is not Interreg Nord, "ÖKS-regionen" is a region).
        after = words_alternation(curated_load("programmes")["hyphen_word_starts"])
        pattern = (
            rf"(?<![\w-])(?:(?P<exact>{trie_pattern(exact)})|(?i:(?P<folded>{folded_trie})))"
            rf"(?!\w)(?!-(?!(?i:{after})))"
        )
        return re.compile(pattern), names

    def find(self, text: str) -> Programme | None:
        """Return the programme `text` names exactly (case and diacritics aside), or None."""
        return self._by_key.get(name_key(text_clean(text)))

    def resolve(self, text: str) -> tuple[Programme, bool]:
        """Return the programme a "Program:" value names and whether it was known before."""
        clean = text_clean(text).strip(" .,;")
        found = self.find(clean) or next(iter(self.mentions(clean)), None)
        if found is not None:
            if name_key(clean) not in self._by_key and clean not in found.aliases:
                found.aliases.append(clean)
                self._by_key[name_key(clean)] = found
            # A programme the index inferred from the text (a family and its places) was not
            # known before: its field is reported as one.
            return found, found.name not in self.inferred
        prog = self.add(Programme(clean))
        self._prose = self._prose_regex()
        return prog, False

    def _member(self, family: Programme, places: str) -> Programme:
        """Return the family's programme for `places`, added when the index lacks it."""
        name = f"{family.short or family.name} {places}"
        if (known := self.find(name)) is not None:
            return known
        prog = self.add(Programme(name, fund=family.fund))
        self.inferred.add(prog.name)
        self._prose = self._prose_regex()
        return prog

    def mentions(self, text: str) -> list[Programme]:
        """Return the programmes running text mentions, in order of first mention."""
        pattern, names = self._prose
        ordered: list[Programme] = []
        for m in pattern.finditer(text):
            key = m.group("exact") if m.group("exact") else m.group("folded").casefold()
            prog = names.get(key)
            if prog is not None and prog.umbrella and (member := _MEMBER.match(text, m.end())):
                # "Interreg V-A Strandia-Fjellmark programme": a programme of the family that
                # the list does not know yet, named by the places it joins.
                prog = self._member(prog, member.group("name"))
            if prog is not None and prog not in ordered:
                ordered.append(prog)
        if (member := _membership().search(text)) is not None:
            # "Prosjektet inngår i det nasjonale Byutviklingsprogrammet": the programme the
            # text says the project belongs to, known or not.
            name = member.group("name")
            prog = self.find(name) or self.find(member.group("stem").rstrip("-"))
            if prog is None:
                prog = self.add(Programme(name))
                self.inferred.add(prog.name)
                self._prose = self._prose_regex()
            if prog not in ordered:
                ordered.append(prog)
        # "Interreg" gives way to the Interreg programme the same text names.
        return [p for p in ordered if not (p.umbrella and any(_within(o, p) for o in ordered))]
