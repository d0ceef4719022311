"""A date fact's value as the stretch of days it covers, and when two such values can agree.

Values are ISO 8601: a day "2004-12-07", a week "2004-W50", a month "2004-12", a year "2004",
a range of days "2004-12-07/2004-12-09", and a day without its year "--12-07" (or a range of
them, "--12-07/--12-09"). Two values *can be one date* when their stretches meet: "2004-12" holds
"2004-12-08", and so does the range "7-9 December". Two ranges agree only end for end: "7-9
December" and "7-10 December" state the end differently. A day whose year was never written
(year-less, or inferred from the publication date: "on 12 March") agrees with that day and month
in any year: the inference, not the article, would be wrong.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import NamedTuple

from factcheck.models import Fact

LEAP = 2000  # the year a year-less day is placed in to compare months and days ("--02-29")
YEAR_DAYS = 364  # a stretch this long (Jan. 1 to Dec. 31) is a whole year
INFERRED = frozenset({"published", "sentence"})  # anchors of a year the text did not write

_DAY = re.compile(r"(\d{4})-(\d\d)-(\d\d)\Z")
_MONTH = re.compile(r"(\d{4})-(\d\d)\Z")
_YEAR = re.compile(r"(\d{4})\Z")
_WEEK = re.compile(r"(\d{4})-W(\d\d)\Z")
_YEAR_LESS = re.compile(r"--(\d\d)-(\d\d)\Z")


class Stretch(NamedTuple):
    """The first and last day a value covers; `year_less` when its year is not known."""

    first: dt.date
    last: dt.date
    year_less: bool
    is_range: bool


@functools.lru_cache(maxsize=4096)
def stretch(value: str) -> Stretch | None:
    """The days `value` covers, or None when it is no ISO form we know."""
    first, sep, second = value.partition("/")
    a = _point(first)
    if not sep:
        return a
    b = _point(second)
    if a is None or b is None or a.year_less != b.year_less:
        return None
    return Stretch(a.first, b.last, a.year_less, True)


def _point(value: str) -> Stretch | None:
    try:
        if m := _DAY.match(value):
            day = dt.date(int(m[1]), int(m[2]), int(m[3]))
            return Stretch(day, day, False, False)
        if m := _YEAR_LESS.match(value):
            day = dt.date(LEAP, int(m[1]), int(m[2]))
            return Stretch(day, day, True, False)
        if m := _MONTH.match(value):
            first = dt.date(int(m[1]), int(m[2]), 1)
            following = dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
            return Stretch(first, following - dt.timedelta(days=1), False, False)
        if m := _WEEK.match(value):
            monday = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return Stretch(monday, monday + dt.timedelta(days=6), False, False)
        if m := _YEAR.match(value):
            return Stretch(dt.date(int(m[1]), 1, 1), dt.date(int(m[1]), 12, 31), False, False)
    except ValueError:
        return None
    return None


def _without_year(s: Stretch) -> Stretch | None:
    """`s` moved into the comparison year, or None when it spans more than one year (a year
    compared with a day and month alone says nothing either way)."""
    if s.year_less:
        return s
    try:
        first, last = s.first.replace(year=LEAP), s.last.replace(year=LEAP)
    except ValueError:
        return None
    if s.first.year != s.last.year or (s.last - s.first).days >= YEAR_DAYS:
        return None
    return Stretch(first, last, True, s.is_range)


def compatible(a: Fact, b: Fact) -> bool:
    """Whether two date facts can state one date (see the module docstring)."""
    return values_compatible(str(a.value), str(b.value), _inferred(a), _inferred(b))


def values_compatible(a: str, b: str, a_inferred: bool = False, b_inferred: bool = False) -> bool:
    """Whether two date values can state one date; a value whose year was inferred agrees on
    its day and month alone."""
    if a.startswith(b) or b.startswith(a):
        return True
    sa, sb = stretch(a), stretch(b)
    if sa is None or sb is None:
        return False
    if not (sa.is_range or sb.is_range or sa.year_less or sb.year_less):
        # two plain values: one inside the other as written (above), or, when a year was
        # inferred, the same day or month of another year; a week ("next week") never
        # stands in for a day
        return (a_inferred or b_inferred) and _same_in_year(a, b)
    if a_inferred or b_inferred or sa.year_less or sb.year_less:
        ya, yb = _without_year(sa), _without_year(sb)
        if ya is None or yb is None:
            return False  # a year against a day with no year: the year is not given
        sa, sb = ya, yb
    if sa.is_range and sb.is_range:
        return sa.first == sb.first and sa.last == sb.last
    return sa.first <= sb.last and sb.first <= sa.last


def _same_in_year(a: str, b: str) -> bool:
    """Whether two days or months ("2005-03-12", "2004-03") name one day or month of the year."""
    if not (_DAY.match(a) or _MONTH.match(a)) or not (_DAY.match(b) or _MONTH.match(b)):
        return False
    return a[5:].startswith(b[5:]) or b[5:].startswith(a[5:])


def precision(value: str) -> str:
    """The precision of a value, for pairing dates of one kind: "day" (a range of days too),
    "week", "month", "year" or "" for a value we cannot read."""
    s = stretch(value)
    if s is None:
        return ""
    if s.year_less or s.is_range or s.first == s.last:
        return "day"
    span = (s.last - s.first).days
    return "week" if span == 6 else "month" if span < 31 else "year"


def _inferred(fact: Fact) -> bool:
    return not fact.relative and fact.anchor in INFERRED and fact.granularity in ("day", "month")
