"""Date arithmetic for the date finder: ISO values at a precision, relative shifts, year guesses."""

from __future__ import annotations

import datetime as dt
import functools
from typing import Literal

Precision = Literal["day", "week", "month", "year"]
PIVOT = 40  # two-digit years below it are this century's ("08" 2008), the others the last's


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


@functools.lru_cache(maxsize=512)
def parse_ago(phrase: str, language: str | None, published: dt.date) -> dt.date | None:
    """A phrase like "il y a deux semaines" our tables could not count, via dateparser."""
    import dateparser  # slow to import: only for the rare phrase the tables cannot do

    base = dt.datetime.combine(published, dt.time(12))
    settings = {"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past"}
    languages = [language] if language else None
    parsed = dateparser.parse(phrase, languages=languages, settings=settings)
    return parsed.date() if parsed else None
