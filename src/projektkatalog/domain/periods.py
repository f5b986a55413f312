"""Read a project's period from the many ways people write it, and store it as EDTF.

EDTF (the Library of Congress Extended Date/Time Format) keeps a date's true precision: `2015`
is a year, `2016-04` a month, `2019-22` the summer of 2019. A date that does not exist
(`2019-04-31`) is cut back to what is certain (`2019-04`) and reported, never guessed.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cache, lru_cache

from edtf import parse_edtf, struct_time_to_date

from projektkatalog.domain.curated import curated_load
from projektkatalog.domain.text import text_clean, words_alternation
from projektkatalog.domain.word_search import words_finder, words_found

OPEN = ".."
_YEAR = re.compile(
    r"(?:19|20)\d\d"
)  # EDTF's mark for an open end: the work goes on with no end date.


@dataclass(frozen=True)
class DatePoint:
    """One end of a period as found in text."""

    edtf: str
    start: int  # character offsets in the text it was read from
    end: int
    problem: str | None = None


@dataclass(frozen=True)
class Period:
    """A period with EDTF ends; `end` is OPEN for open-ended work, None when unknown."""

    start: str | None
    end: str | None
    approximate: bool = False
    problems: tuple[str, ...] = field(default=())
    text: str = ""


@cache
def _vocabulary() -> tuple[dict[str, int], dict[str, int], dict[str, list[str]]]:
    data = curated_load("months")
    months = {name: int(num) for num, names in data["months"].items() for name in names}
    seasons = {name: int(code) for code, names in data["seasons"].items() for name in names}
    return months, seasons, data["words"]


def _alternation(words: list[str]) -> str:
    return words_alternation(words)


@cache
def _date_regex() -> re.Pattern[str]:
    months, seasons, _ = _vocabulary()
    month = rf"(?:{_alternation(list(months))})\.?"
    season = rf"(?:{_alternation(list(seasons))})"
    year = r"(?:19|20)\d{2}"
    forms = [
        rf"(?P<iso_d>(?<!\d)(?P<iy>{year})-(?P<im>\d{{1,2}})-(?P<id>\d{{1,2}})(?!\d))",
        rf"(?P<iso_m>(?<!\d)(?P<my>{year})-(?P<mm>0[1-9]|1[0-2])(?!\d)(?!-\d))",
        rf"(?P<dmy>(?<!\w)(?:den\s+)?(?P<dd>\d{{1,2}})(?:\.|:e|:a)?\s*(?P<dm>{month})\s+(?P<dy>{year})(?!\d))",
        rf"(?P<mdy>(?<!\w)(?P<mdm>{month})\s+(?P<mdd>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<mdyy>{year})(?!\d))",
        rf"(?P<my_>(?<!\w)(?P<mym>{month})\s+(?P<myy>{year})(?!\d))",
        rf"(?P<num>(?<![\d.])(?P<nd>\d{{1,2}})[./](?P<nm>\d{{1,2}})(?:[./]|\s+)\s*(?P<ny>{year})(?!\d))",
        rf"(?P<season>(?<!\w)(?P<ss>{season})\s+(?P<sy>{year})(?!\d))",
        rf"(?P<year>(?<![\d\w])(?P<yy>{year})(?![\d])(?!-?tal))",  # "1990-talet" is a decade
    ]
    return re.compile("|".join(forms), re.IGNORECASE)


def _day_edtf(year: int, month: int, day: int) -> tuple[str, str | None]:
    """Return the EDTF of a calendar day, cut back to the month or year when it cannot exist."""
    if not 1 <= month <= 12:
        return f"{year:04d}", f"{year:04d}-{month:02d}-{day:02d} has no month {month}; kept {year}"
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        kept = f"{year:04d}-{month:02d}"
        return kept, f"{year:04d}-{month:02d}-{day:02d} does not exist; kept {kept}"
    return f"{year:04d}-{month:02d}-{day:02d}", None


def dates_find(text: str) -> list[DatePoint]:
    """Return every date in `text`, in order, each as EDTF with its position."""
    if not _YEAR.search(text):
        return []  # every form below names a year; most text has none
    months, seasons, _ = _vocabulary()
    points: list[DatePoint] = []
    for m in _date_regex().finditer(text):
        g = m.groupdict()
        problem = None
        if g["iso_d"]:
            edtf, problem = _day_edtf(int(g["iy"]), int(g["im"]), int(g["id"]))
        elif g["iso_m"]:
            edtf = f"{g['my']}-{g['mm']}"
        elif g["dmy"]:
            month = months[g["dm"].rstrip(".").lower()]
            edtf, problem = _day_edtf(int(g["dy"]), month, int(g["dd"]))
        elif g["mdy"]:
            month = months[g["mdm"].rstrip(".").lower()]
            edtf, problem = _day_edtf(int(g["mdyy"]), month, int(g["mdd"]))
        elif g["my_"]:
            edtf = f"{g['myy']}-{months[g['mym'].rstrip('.').lower()]:02d}"
        elif g["num"]:
            edtf, problem = _day_edtf(int(g["ny"]), int(g["nm"]), int(g["nd"]))
        elif g["season"]:
            edtf = f"{g['sy']}-{seasons[g['ss'].lower()]}"
        else:
            edtf = g["yy"]
        points.append(DatePoint(edtf, m.start(), m.end(), problem))
    return points


def _has_word(text: str, words: list[str]) -> bool:
    return words_found(text, tuple(words))


def period_parse(text: str) -> Period | None:
    """Return the period written in `text`, or None when it names no date.

    Two dates make a start and an end. One date preceded by "till"/"until" is an end, by
    "från"/"from" a start; a lone year ("Projekttid: 2018") is both. "tills vidare" and the like
    leave the end open.
    """
    clean = text_clean(text)
    _, _, words = _vocabulary()
    points = dates_find(clean)
    open_end = _has_word(clean, words["open_end"])
    approximate = _has_word(clean, words["approximate"])
    if not points:
        if open_end:
            return Period(None, OPEN, approximate, (), clean)
        return None
    problems = tuple(p.problem for p in points if p.problem)
    if len(points) >= 2:
        first, last = points[0], points[-1]
        return Period(first.edtf, last.edtf, approximate, problems, clean)
    point = points[0]
    before = clean[: point.start]
    after = clean[point.end :].strip()
    if _has_word(before, words["until"]) and not _has_word(before, words["from"]):
        return Period(None, point.edtf, approximate, problems, clean)
    if _has_word(before, words["from"]) or open_end or re.match(r"^[-–—]\s*$", after):
        return Period(point.edtf, OPEN if open_end or after else None, approximate, problems, clean)
    return Period(point.edtf, point.edtf, approximate, problems, clean)


_PROSE_START = re.compile(
    r"(?:med start|startar|startade|start|påbörjas|påbörjades|inleds|från och med|begins|began|starting"
    r"|med början|början av|början|sedan|siden|since|fra og med|starter|startede)"
    r"\s+(?:i\s+|in\s+|den\s+|on\s+)?$",
    re.IGNORECASE,
)
_PROSE_END = re.compile(
    r"(?:och slut|slut|avslutas|avslutades|pågår till|pågå till|löper till|till och med|ends|ended|"
    r"till slutet av|till utgången av|til slutten av|til udgangen af|til utgangen av|"
    r"until the end of|to the end of|"
    r"until|runs until|through)\s+(?:i\s+|in\s+|den\s+|on\s+)?$",
    re.IGNORECASE,
)


def period_from_prose(text: str) -> Period | None:
    """Return the period that running text states with cue words ("med start 2018 och slut
    sommaren 2019"), or None. Dates without a cue are left alone: prose mentions many years;
    so are those of a sentence about an earlier project."""
    clean = _earlier_dropped(text_clean(text))
    start = end = None
    problems: list[str] = []
    for point in dates_find(clean):
        before = clean[max(0, point.start - 30) : point.start]
        if start is None and _PROSE_START.search(before):
            start = point
        elif end is None and _PROSE_END.search(before):
            end = point
        if point.problem and point in (start, end):
            problems.append(point.problem)
    if start is None and end is None:
        return _range_in_prose(clean)
    if (
        start is None
        and end is not None
        and (ranged := _range_in_prose(clean)) is not None
        and ranged.end == end.edtf
    ):
        return ranged  # "löper från 1 mars 2021 till och med 31 augusti 2023"
    return Period(
        start.edtf if start else None,
        end.edtf if end else None,
        False,
        tuple(problems),
        clean,
    )


@cache
def _earlier() -> re.Pattern[str]:
    return words_finder(tuple(curated_load("page")["periods"]["earlier"]))


_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖÆØ\"”])")


def _earlier_dropped(text: str) -> str:
    """Return `text` without its sentences about an earlier project."""
    if not _earlier().search(text):
        return text
    return " ".join(s for s in _SENTENCE.split(text) if not _earlier().search(s))


_RANGE_CUE = re.compile(
    # "programperioden 2021-2027" and "the programme period" date the programme, not a project.
    r"(?<![\w-])(?<!programme )(?<!program )"
    r"(?:pågår|pågick|löper|genomförs|genomfördes|pågå|period(?:en)?|under åren|mellan|runs|ran|"
    r"from|between|løber|forløber|perioden)\s+(?:under\s+)?(?:perioden\s+)?(?:åren\s+)?"
    r"(?:från\s+|fra\s+|from\s+)?$",
    re.IGNORECASE,
)
_RANGE_JOIN = re.compile(
    r"^\s*(?:-|–|—|till och med|till|to|through|until|och|and|til og med|til|og)\s*$", re.IGNORECASE
)


def _range_in_prose(clean: str) -> Period | None:
    """Return a range such as "Projektet pågår 2021–2023" stated in running text, or None."""
    points = dates_find(clean)
    for first, second in zip(points, points[1:], strict=False):
        if _RANGE_JOIN.match(clean[first.end : second.start]) and _RANGE_CUE.search(
            clean[max(0, first.start - 40) : first.start]
        ):
            problems = tuple(p.problem for p in (first, second) if p.problem)
            return Period(first.edtf, second.edtf, False, problems, clean)
    return None


_SIMPLE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_SEASON_MONTHS = {
    21: (3, 5),
    22: (6, 8),
    23: (9, 11),
    24: (12, 12),
}  # as the edtf library reads them


@lru_cache(maxsize=65536)
def edtf_bounds(edtf: str | None) -> tuple[dt.date | None, dt.date | None]:
    """Return the first and last day an EDTF date can mean (None for unknown or open).

    The forms the readers write (year, month, day, season) are computed directly; anything else
    goes to the edtf library, whose grammar takes milliseconds a date.
    """
    if not edtf or edtf == OPEN:
        return None, None
    if m := _SIMPLE.match(edtf):
        year = int(m.group(1))
        if m.group(2) is None:
            return dt.date(year, 1, 1), dt.date(year, 12, 31)
        second = int(m.group(2))
        if m.group(3) is None:
            if second in _SEASON_MONTHS:
                first, last = _SEASON_MONTHS[second]
                return dt.date(year, first, 1), dt.date(
                    year, last, calendar.monthrange(year, last)[1]
                )
            if 1 <= second <= 12:
                return dt.date(year, second, 1), dt.date(
                    year, second, calendar.monthrange(year, second)[1]
                )
        else:
            try:
                day = dt.date(year, second, int(m.group(3)))
            except ValueError:
                pass
            else:
                return day, day
    parsed = parse_edtf(edtf)
    return struct_time_to_date(parsed.lower_strict()), struct_time_to_date(parsed.upper_strict())


def edtf_valid(edtf: str) -> bool:
    """Return whether `edtf` is a valid EDTF date (or the open mark)."""
    if edtf == OPEN:
        return True
    try:
        parse_edtf(edtf)
    except Exception:
        return False
    return True
