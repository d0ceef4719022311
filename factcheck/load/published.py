"""When an article was published: from metadata values, or from a dateline in its first lines."""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

_DATELINE_LINES = 4  # only the first non-empty lines can hold a dateline or byline date
_DATELINE_REACH = 80  # and only near the start of such a line
_MAX_OTHER_WORDS = 3  # a line that is "just a date" may also hold a weekday, "By Name", a zone
_ISO = re.compile(r"(?<!\d)(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?!\d)")
_ARABIC_MARKS = re.compile(r"[\u064b-\u065f\u0670\u0640]")  # harakat and tatweel
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_COPYRIGHT = re.compile(r"©|\(c\)|copyright|hak cipta|droits réservés|حقوق", re.I)
# After a dateline's date: maybe a time and zone, then "(AGENCY)" or a dash ("5 Agustus 2025 -").
# No two neighbouring parts may both match spaces: a run of spaces would be split between them
# every possible way (40,000 spaces took 12 s).
_DATELINE_TAIL = re.compile(r"[\s,]*(?:\d{1,2}[:.]\d{2}(?:\s*[A-Za-z]{1,4})?\s*)?(?:\(|[-–—|])")
_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class _Tables:
    months: dict[str, int]
    day_first: re.Pattern[str]  # "4 août 2025", "20 de noviembre del 2004"
    month_first: re.Pattern[str]  # "August 4, 2025"
    dashed: re.Pattern[str]  # "01-Mar-08"
    cue: re.Pattern[str]


def _read(package: str) -> dict[str, Any]:
    from importlib import resources

    data: dict[str, Any] = json.loads(
        resources.files(package).joinpath("data/dates.json").read_text("utf-8")
    )
    return data


@cache
def _tables() -> _Tables:
    raw = _read(__package__ or "factcheck.load")
    # the date extractor's month tables name more languages (Italian, Dutch) and abbreviations
    extractor = _read("factcheck.extract.rules")
    months = {
        name.lower(): number
        for source in (raw, extractor)
        for table in source["months"].values()
        for name, number in table.items()
    }
    names = "|".join(re.escape(name) for name in sorted(months, key=len, reverse=True))
    day_first = re.compile(
        rf"(?<!\d)(\d{{1,2}})(?:\.|er|º|°)?\s+(?:de\s+)?({names})\.?,?\s+(?:del?\s+)?(\d{{4}})(?!\d)",
        re.I,
    )
    month_first = re.compile(
        rf"(?<!\w)({names})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})(?!\d)", re.I
    )
    dashed = re.compile(
        rf"(?<![\w/-])(\d{{1,2}})([-/])({names})\.?\2(\d{{4}}|\d{{2}})(?![\w/-])", re.I
    )
    cues = sorted({cue for table in raw["cues"].values() for cue in table}, key=len, reverse=True)
    cue = re.compile("|".join(re.escape(c) for c in cues), re.I)
    return _Tables(months, day_first, month_first, dashed, cue)


def _full_year(year: str) -> int:
    """A written year; two digits are 2000-2069 or 1970-1999 ("01-Mar-08" is 2008)."""
    value = int(year)
    if len(year) == 2:
        value += 2000 if value < 70 else 1900
    return value


def find_dates(text: str) -> list[tuple[int, int, dt.date]]:
    """Every full calendar date (day, month, year) written in `text`, as (start, end, date)."""
    tables = _tables()
    months = tables.months
    found = []
    for match in tables.day_first.finditer(text):
        found.append((match, match.group(1), match.group(2), match.group(3)))
    for match in tables.month_first.finditer(text):
        found.append((match, match.group(2), match.group(1), match.group(3)))
    for match in tables.dashed.finditer(text):
        found.append((match, match.group(1), match.group(3), match.group(4)))
    dates = []
    for match, day, month, year in found:
        day_value = _valid(_full_year(year), months[month.lower()], int(day))
        if day_value:
            dates.append((match.start(), match.end(), day_value))
    for match in _ISO.finditer(text):
        iso_value = _valid(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        if iso_value:
            dates.append((match.start(), match.end(), iso_value))
    return sorted(dates, key=lambda item: item[0])


def date_from_value(value: object) -> dt.date | None:
    """A metadata value (date, datetime, ISO or written-out string) as a date, or None."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        return None
    text = _plain(value.strip())
    iso = _ISO.match(text)
    if iso:
        return _valid(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
    dates = find_dates(text)
    return dates[0][2] if dates else None


def date_from_dateline(text: str) -> dt.date | None:
    """The date of a dateline or byline in the first lines of `text`; None when there is none."""
    cue = _tables().cue
    lines = [line.strip() for line in text.split("\n", 40)[:40] if line.strip()]
    for line in lines[:_DATELINE_LINES]:
        if _COPYRIGHT.search(line):
            continue
        line = _plain(line)
        for start, end, date in find_dates(line[: _DATELINE_REACH + 30]):
            if start > _DATELINE_REACH:
                break
            before, after = line[:start], line[end:]
            if cue.search(before):
                return date
            if len(_WORD.findall(before)) <= _MAX_OTHER_WORDS and _DATELINE_TAIL.match(after):
                return date
            # A line that is little more than the date: a byline or a date line, not a sentence.
            is_sentence = line.endswith((".", "!", "?", "。"))
            if not is_sentence and len(_WORD.findall(f"{before} {after}")) <= _MAX_OTHER_WORDS:
                return date
    return None


def _plain(text: str) -> str:
    """Western digits and no Arabic vowel marks, so one pattern reads every script."""
    return _ARABIC_MARKS.sub("", text.translate(_DIGITS))


def _valid(year: int, month: int, day: int) -> dt.date | None:
    if not 1900 <= year <= 2100:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None
