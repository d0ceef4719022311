"""From a found date phrase to its value: where its year comes from (the phrase, a dated phrase
of the same sentence, the publication date, the date before it) and the date arithmetic: ISO
values at a precision, relative shifts, year guesses."""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import re
from dataclasses import dataclass, field
from typing import Literal, NamedTuple

Precision = Literal["day", "week", "month", "year"]
LEAP = 2000  # a leap year: "--02-29" is a day some year has
PIVOT = 40  # two-digit years below it are this century's ("08" 2008), the others the last's
_SENTENCE_BREAK = re.compile(r"[.!?。؟]\s+|\n")


@dataclass(frozen=True, slots=True)
class Found:
    """A date phrase before resolution; `rank` breaks ties between overlapping matches."""

    start: int
    end: int
    rank: int
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    precision: Precision = "day"
    relative: bool = False  # the value depends on the publication date or a previous date
    units: dict[str, int] = field(default_factory=dict)  # "last month" -> {"months": -1}
    last_weekday: bool = False  # "Selasa lalu": strictly before publication
    chained: int = 0  # "le lendemain" +1, "la veille" -1: from the previous date in the text
    explicit_year: bool = False
    direction: int = 0  # "el próximo 6 de abril" +1, "le 6 avril dernier" -1: from publication
    # a range of days ("7-9 December"): its last day as (month, day), in the start's year or
    # the next one when the month comes round ("30 December to 2 January")
    until: tuple[int, int] | None = None


def iso(day: dt.date, precision: Precision) -> str:
    """`day` written as ISO 8601 at `precision`: 2024-07-09, 2024-W28, 2024-07 or 2024."""
    if precision == "day":
        return day.isoformat()
    if precision == "week":
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"
    if precision == "month":
        return f"{day.year:04d}-{day.month:02d}"
    return f"{day.year:04d}"


def safe_date(year: int, month: int, day: int) -> dt.date | None:
    """The date, or None when the numbers do not make one (31/2, month 13)."""
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def shift(
    base: dt.date, *, days: int = 0, weeks: int = 0, months: int = 0, years: int = 0
) -> dt.date:
    """`base` moved by whole calendar units (months clamp to the month's last day)."""
    moved = base + dt.timedelta(days=days, weeks=weeks)
    if months or years:
        total = moved.year * 12 + moved.month - 1 + months + 12 * years
        year, month = divmod(total, 12)
        day = moved.day
        while (result := safe_date(year, month + 1, day)) is None:
            day -= 1
        moved = result
    return moved


def precision_of(units: dict[str, int]) -> Precision:
    """The precision a relative phrase speaks at: 'last month' is a month, 'yesterday' a day."""
    if "days" in units:
        return "day"
    if "weeks" in units:
        return "week"
    if "months" in units:
        return "month"
    return "year"


def last_weekday(published: dt.date, weekday: int, *, strictly_before: bool) -> dt.date:
    """The most recent `weekday` (0 = Monday) before `published` (or on it, when allowed)."""
    back = (published.weekday() - weekday) % 7
    if back == 0 and strictly_before:
        back = 7
    return published - dt.timedelta(days=back)


def next_weekday(published: dt.date, weekday: int) -> dt.date:
    """The first `weekday` (0 = Monday) after `published`: "next Friday" read as the coming one
    (English also uses it for the Friday of next week; nothing in the phrase tells them apart)."""
    return published + dt.timedelta(days=(weekday - published.weekday() - 1) % 7 + 1)


def two_digit_year(year: int) -> int:
    """24 -> 2024, 98 -> 1998, 68 -> 1968: news looks back further than it looks ahead."""
    return year + (2000 if year < PIVOT else 1900)


@functools.lru_cache(maxsize=4096)
def year_for(month: int, day: int, weekday: int | None, anchor: dt.date) -> int | None:
    """The year that puts day/month nearest `anchor`, on `weekday` when one is given.

    Only the anchor's year and its neighbours are candidates: a weekday that fits none of them
    is more likely a slip than a date years away ("mardi 22 janvier" in a 2016 article is not
    2019), so it then gives way to the nearest date.
    """
    best: tuple[bool, int, int] | None = None
    for year in range(anchor.year - 1, anchor.year + 2):
        candidate = safe_date(year, month, day)
        if candidate is None:
            continue
        off_weekday = weekday is not None and candidate.weekday() != weekday
        rank = (off_weekday, abs((candidate - anchor).days), year)
        if best is None or rank < best:
            best = rank
    return best[2] if best else None


def year_toward(month: int, day: int, anchor: dt.date, direction: int) -> int | None:
    """The year of the first day/month after `anchor` (direction 1: "next 6 April") or of the
    last one before it (-1: "6 avril dernier"); a 29 February may be four years away."""
    years = (
        range(anchor.year, anchor.year + 5)
        if direction > 0
        else range(anchor.year, anchor.year - 5, -1)
    )
    for year in years:
        candidate = safe_date(year, month, day)
        if candidate is not None and (candidate - anchor).days * direction > 0:
            return year
    return None


@functools.lru_cache(maxsize=512)
def parse_ago(phrase: str, language: str | None, published: dt.date) -> dt.date | None:
    """A phrase like "il y a deux semaines" our tables could not count, via dateparser."""
    import dateparser  # slow to import: only for the rare phrase the tables cannot do

    base = dt.datetime.combine(published, dt.time(12))
    settings = {"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past"}
    languages = [language] if language else None
    parsed = dateparser.parse(phrase, languages=languages, settings=settings)
    return parsed.date() if parsed else None


def _sentence_breaks(norm: str, found: list[Found]) -> list[int]:
    """Where sentences end, except the periods inside a date phrase ("Dec. 10")."""
    breaks: list[int] = []
    i = 0
    for m in _SENTENCE_BREAK.finditer(norm):
        at = m.start()
        while i < len(found) and found[i].end <= at:
            i += 1
        if i < len(found) and found[i].start <= at:
            continue
        breaks.append(at)
    return breaks


class Breaks:
    """Where sentences end (offsets of ". ", "\n" ...), found once, when first needed."""

    def __init__(self, norm: str, found: list[Found]) -> None:
        self._norm, self._found = norm, found
        self._breaks: list[int] | None = None

    @property
    def offsets(self) -> list[int]:
        if self._breaks is None:
            self._breaks = _sentence_breaks(self._norm, self._found)
        return self._breaks


class Dated:
    """The phrases with a year, for the one nearest a year-less date in its sentence (by
    bisection: a text of thousands of year-less dates must not compare each with every dated
    phrase)."""

    def __init__(self, dated: list[Found], breaks: Breaks) -> None:
        self.dated = dated  # in text order
        self.starts = [f.start for f in dated]
        self._breaks = breaks

    def nearest(self, item: Found) -> Found | None:
        """The dated phrase nearest `item` in the same sentence; of two as near, the earlier.

        A year elsewhere in the text says nothing about this date ("In 1968 he was born. On
        Dec. 10 ..."): only the sentence's own dates, or the publication date, may lend a year.
        """
        if not self.dated:
            return None
        breaks = self._breaks.offsets
        b = bisect.bisect_left(breaks, item.start)
        low = breaks[b - 1] if b else -1
        high_index = bisect.bisect_left(breaks, item.end)
        high = breaks[high_index] if high_index < len(breaks) else None
        i = bisect.bisect_left(self.starts, item.start)
        near = [
            f
            for f in self.dated[max(0, i - 1) : i + 1]
            if f.start > low and (high is None or f.start < high)
        ]
        return min(near, key=lambda f: abs(f.start - item.start)) if near else None


def _anchor(
    item: Found, dated: tuple[Dated, Dated], published: dt.date | None
) -> tuple[dt.date | None, str | None]:
    """What a year-less date is nearest to, and which: a day or month with its year in the same
    sentence ("Dec. 10, 1968 ... Dec. 12"), else the publication date, else any dated phrase of
    the sentence ("in 2019 ... on 5 March"). A year elsewhere in the text never counts."""
    precise, every = dated
    near = precise.nearest(item)
    if near is None and published is not None:
        return published, "published"
    near = near or every.nearest(item)
    if near is None:
        return None, None
    assert near.year is not None
    day = safe_date(near.year, near.month or 7, near.day or 1) or dt.date(near.year, 7, 1)
    return day, "sentence"


class _Resolved(NamedTuple):
    value: str | None  # ISO at the phrase's precision
    day: dt.date | None  # the day itself at day precision (for "le lendemain")
    anchor: str | None  # "text", "published", "sentence" or "previous"


_UNRESOLVED = _Resolved(None, None, None)


def resolve(
    item: Found,
    dated: tuple[Dated, Dated],
    published: dt.date | None,
    previous: dt.date | None,
    language: str | None,
    text: str,
) -> _Resolved:
    """The ISO value of `item`, its day at day precision, and what fixed it."""
    if not item.relative:
        year = item.year
        anchor: str | None = "text"
        if year is None and item.month is not None and item.day is not None:
            near, anchor = _anchor(item, dated, published)
            if near is not None and item.direction and anchor == "published":
                year = year_toward(item.month, item.day, near, item.direction)
            else:
                year = year_for(item.month, item.day, item.weekday, near) if near else None
        if year is None:
            # "8/9" without a year may be 8 September or August 9: only a named month is sure
            named = any(ch.isalpha() for ch in text[item.start : item.end])
            return _year_less(item) if named else _UNRESOLVED
        day = safe_date(year, item.month or 1, item.day or 1)
        if day is None:
            return _UNRESOLVED
        if item.until is not None:
            return _range(day, item.until, anchor)
        return _Resolved(iso(day, item.precision), _at_day(day, item), anchor)
    if item.chained:
        if previous is None:
            return _UNRESOLVED
        day = previous + dt.timedelta(days=item.chained)
        return _Resolved(day.isoformat(), day, "previous")
    if published is None:
        return _UNRESOLVED
    if item.weekday is not None:
        if item.direction > 0:
            day = next_weekday(published, item.weekday)
        else:
            day = last_weekday(published, item.weekday, strictly_before=item.last_weekday)
        return _Resolved(day.isoformat(), day, "published")
    if not item.units:
        parsed = parse_ago(text[item.start : item.end], language, published)
        if parsed is None:
            return _UNRESOLVED
        return _Resolved(iso(parsed, item.precision), _at_day(parsed, item), "published")
    day = shift(published, **item.units)
    return _Resolved(iso(day, item.precision), _at_day(day, item), "published")


def _year_less(item: Found) -> _Resolved:
    """A day and month whose year nothing gives ("on Jan. 26" in an undated page): the
    year-less ISO form "--01-26" ("--12-07/--12-09" for a range), so that it still agrees with
    "January 26, 2005" elsewhere. Nothing else is known without a year."""
    if item.month is None or item.day is None or safe_date(LEAP, item.month, item.day) is None:
        return _UNRESOLVED
    value = f"--{item.month:02d}-{item.day:02d}"
    if item.until is not None:
        month, day = item.until
        if safe_date(LEAP, month, day) is None:
            return _UNRESOLVED
        value += f"/--{month:02d}-{day:02d}"
    return _Resolved(value, None, None)


def _range(first: dt.date, until: tuple[int, int], anchor: str | None) -> _Resolved:
    """A range of days as an ISO interval ("2001-04-20/2001-04-21"); its last day is what a
    following "the next day" counts from."""
    month, day = until
    year = first.year + (1 if (month, day) < (first.month, first.day) else 0)
    last = safe_date(year, month, day)
    if last is None or last <= first:
        return _Resolved(first.isoformat(), first, anchor)
    return _Resolved(f"{first.isoformat()}/{last.isoformat()}", last, anchor)


def _at_day(day: dt.date, item: Found) -> dt.date | None:
    return day if item.precision == "day" else None
