"""Dates, absolute and relative, found with the month and weekday tables of data/dates.json.

Every phrase is found by our own patterns (dateparser's whole-text search is unreliable and
slow); dateparser only reads the rare "il y a quelques jours" our tables cannot count.
Relative dates resolve against `document.published`; without it they stay relative facts with
no value. A day and month without a year take it from a dated day or month of the same
sentence, else the year nearest the publication date (on the right weekday when one is given,
"Selasa (25/6)"), else a year stated in the same sentence; a year elsewhere in the text never
lends itself. "Next" and "last" words ("el próximo 6 de abril", "le 6 avril dernier") make it the
first such day after publication or the last one before it. Each fact says its granularity and where its value came from (dates_resolve).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import replace

from factcheck.extract.rules import cjk
from factcheck.extract.rules import dates_resolve as res
from factcheck.extract.rules.dates_context import words_after, words_before
from factcheck.extract.rules.dates_data import (
    Patterns,
    capitalised_only,
    digit_led,
    key,
    normalise,
    patterns,
    tokens,
)
from factcheck.extract.rules.dates_resolve import Breaks, Dated, Found, resolve
from factcheck.extract.rules.numbers_data import anchor_words
from factcheck.models import Document, Fact

CONTEXT_WORDS = 2
_DECIMAL_POINT = frozenset({"en", "ar", None})  # "4.22" is a decimal there, never a date
_DASHES = frozenset("-–—")


def find_dates(document: Document) -> list[Fact]:
    """Every date phrase in `document`, normalised to ISO when it can be resolved."""
    text = document.text
    norm = normalise(text)
    pats = patterns(document.language)
    language = document.language
    candidates = [
        _with_direction(norm, pats, _with_weekday(norm, pats, f, language))
        for f in _candidates(norm, pats, language)
    ]
    found = _join_months(_choose(candidates), norm, pats)
    skip = frozenset(pats.months)
    breaks = Breaks(norm, found)
    dated = Dated([f for f in found if f.explicit_year and f.year is not None], breaks)
    precise = Dated([f for f in dated.dated if f.precision in ("day", "month")], breaks)
    facts: list[Fact] = []
    previous: dt.date | None = None
    for i, item in enumerate(found):
        resolved = resolve(
            item, (precise, dated), document.published, previous, document.language, text
        )
        if resolved.day is not None:
            previous = resolved.day
        phrase = text[item.start : item.end]
        # another date's words never describe this one ("mardi dernier, hier, ...")
        floor = found[i - 1].end if i else 0
        stop = found[i + 1].start if i + 1 < len(found) else None
        context = words_before(text, item.start, CONTEXT_WORDS, skip, floor=floor) or words_after(
            text, item.end, CONTEXT_WORDS, skip, stop=stop
        )
        facts.append(
            Fact(
                kind="date",
                text=phrase,
                start=item.start,
                end=item.end,
                value=resolved.value,
                relative=phrase if item.relative else None,
                context=" ".join(context) or None,
                granularity=_granularity(item) if resolved.value else None,
                anchor=resolved.anchor,
            )
        )
    return facts


def _granularity(item: Found) -> str:
    """The precision a resolved phrase speaks at (weekdays and "the next day" are days)."""
    return "day" if item.weekday is not None or item.chained else item.precision


def _ok_case(match: re.Match[str], group: str, language: str | None) -> bool:
    """False for "may"/"minggu" written lowercase: there they are ordinary words."""
    word = match.group(group)
    return word is None or key(word) not in capitalised_only(language) or word[0].isupper()


def _matches(
    norm: str, pats: Patterns, language: str | None
) -> Iterator[tuple[str, re.Match[str]]]:
    """(pattern name, match) for every pattern tried where a token can start it."""
    index = tokens(norm, anchor_words(language))
    hits = [
        (
            start,
            digit_led(
                norm[end : end + 1] if norm[end : end + 1] in "/.-" else "", end - start == 4
            ),
        )
        for start, end in zip(index.digits, index.digit_ends, strict=True)
    ]
    hits += index.at(pats.anchors, pats.follows)
    for pos, names in hits:
        for name in names:
            m = getattr(pats, name).match(norm, pos)
            if m:
                yield name, m
    for start, end in zip(index.digits, index.digit_ends, strict=True):
        # "Oct2", "Dec31, 1994": a day written onto its month's name (rare: a letter before)
        if start and end - start <= 2 and norm[start - 1].isalpha():
            month = pats.month_before_digits.search(norm, max(0, start - 12), start)
            if month and (m := pats.month_glued.match(norm, month.start())):
                yield "month_glued", m


def _candidates(norm: str, pats: Patterns, language: str | None) -> list[Found]:
    out: list[Found] = []
    for name, m in _matches(norm, pats, language):
        found = _HANDLERS[name](m, pats, language)
        if isinstance(found, tuple):
            out.extend(found)
        elif found is not None:
            out.append(found)
    if cjk.HAS_CJK.search(norm):
        out.extend(_cjk_dates(norm))
    return out


def _cjk_dates(norm: str) -> Iterator[Found]:
    """ "2020年1月1日", "2020年6月", "4 月 22 日", "2024년 3월 5일"."""
    for m in cjk.DATE.finditer(norm):
        year = int(m["y"]) if m["y"] else None
        month = int(m["m"])
        if m["d"]:
            yield Found(m.start(), m.end(), 0, year, month, int(m["d"]), explicit_year=bool(year))
        elif year is not None:
            yield Found(m.start(), m.end(), 0, year, month, precision="month", explicit_year=True)


def _iso(m: re.Match[str], pats: Patterns, language: str | None) -> Found | None:
    return Found(m.start(), m.end(), 0, int(m["y"]), int(m["m"]), int(m["d"]), explicit_year=True)


def _numeric(m: re.Match[str], pats: Patterns, language: str | None) -> Found | None:
    year = int(m["y"]) if len(m["y"]) == 4 else res.two_digit_year(int(m["y"]))
    a, b = int(m["a"]), int(m["b"])
    # en-US writes month first; dotted dates and every other language write the day first
    month_first = (language == "en" and m["sep"] != "." and a <= 12) or b > 12
    day, month = (b, a) if month_first else (a, b)
    return Found(m.start(), m.end(), 1, year, month, day, explicit_year=True)


def _dashed(m: re.Match[str], pats: Patterns, language: str | None) -> Found | None:
    if m["y"] is None:
        if not _ok_case(m, "mon", language):
            return None
        month = pats.months[key(m["mon"])]
        return Found(m.start(), m.end(), 1, None, month, int(m["d"]))
    year = int(m["y"]) if len(m["y"]) == 4 else res.two_digit_year(int(m["y"]))
    month = pats.months[key(m["mon"])]
    return Found(m.start(), m.end(), 0, year, month, int(m["d"]), explicit_year=True)


def _month_dashed(m: re.Match[str], pats: Patterns, language: str | None) -> Found | None:
    if not _ok_case(m, "mon", language):
        return None
    month = pats.months[key(m["mon"])]
    if m["y3"]:  # "Dec-2018"
        return Found(
            m.start(), m.end(), 1, int(m["y3"]), month, precision="month", explicit_year=True
        )
    year = int(m["y"]) if m["y"] else None
    return Found(m.start(), m.end(), 1, year, month, int(m["d"]), explicit_year=year is not None)


def _year_dashed(m: re.Match[str], pats: Patterns, language: str | None) -> Found | None:
    month = pats.months[key(m["mon"])]
    return Found(m.start(), m.end(), 0, int(m["y"]), month, int(m["d"]), explicit_year=True)


def _numeric_day_month(m: re.Match[str], pats: Patterns, language: str | None) -> Found | None:
    """ "on 22/04", "am 15.1.", "(25/6)": a day and month in digits, a date only where the words
    around it say so; "3/4 of the vote" and "24/7" are not dates, "4.22" in English is a decimal."""
    norm, start = m.string, m.start()
    dotted = m["sep"] == "."
    if dotted and language in _DECIMAL_POINT:
        return None
    introduced = pats.date_before.search(norm, max(0, start - 24), start) is not None
    # "22/04" is a date by its shape; "08.30" is a time and "10.4." a version number
    padded = not dotted and len(m["a"]) == 2 and len(m["b"]) == 2 and "0" in (m["a"][0], m["b"][0])
    if not (introduced or padded or m["y"]):
        return None  # "08/12,15" is a date by its padding or its word, not by its short year
    if pats.fraction_after.match(norm, m.end()):
        return None
    a, b = int(m["a"]), int(m["b"])
    month_first = not dotted and ((language == "en" and a <= 12) or b > 12)
    day, month = (b, a) if month_first else (a, b)
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    if m["y"] or m["y2"]:  # "08/12, 2015", "08/12,15"
        year = int(m["y"]) if m["y"] else res.two_digit_year(int(m["y2"]))
        return Found(start, m.end(), 1, year, month, day, explicit_year=True)
    end = m.end() if m["dot"] and (dotted or introduced) else m.end("b")
    return Found(start, end, 1, None, month, day)


def _year_range(m: re.Match[str], pats: Patterns, language: str | None) -> tuple[Found, ...] | None:
    """Both ends of "from 1973 to 1990" or "2008-2009": a range keeps both years."""
    opened = pats.year_opener.search(m.string, max(0, m.start() - 24), m.start()) is not None
    if not opened and m["join"] not in _DASHES:
        return None  # "2008 and 2009" may be counts; "between 2008 and 2009" are years
    first, second = int(m["y1"]), int(m["y2"])
    if second <= first:
        return None
    return (
        Found(m.start("y1"), m.end("y1"), 3, first, precision="year", explicit_year=True),
        Found(m.start("y2"), m.end("y2"), 3, second, precision="year", explicit_year=True),
    )


def _weekday_numeric(m: re.Match[str], pats: Patterns, language: str | None) -> Found | None:
    if not _ok_case(m, "wd", language):
        return None
    year = int(m["y"]) if m["y"] else None
    if year is not None and year < 100:
        year = res.two_digit_year(year)
    wd = pats.weekdays[key(m["wd"])]
    day, month = int(m["d"]), int(m["m"])
    if language == "en" and day <= 12:
        day, month = month, day  # "Friday 7/6" is July 6 in American English
    return Found(m.start(), m.end(), 0, year, month, day, wd, explicit_year=year is not None)


def _day_month(m: re.Match[str], pats: Patterns, language: str | None) -> Found | None:
    return _month_match(m, pats, int(m["d"])) if _ok_case(m, "mon", language) else None


def _month_day(m: re.Match[str], pats: Patterns, language: str | None) -> Found | None:
    # Month first is English order: elsewhere "mars 5 personnes" counts people. "may 5" is a
    # verb; "january 12th" in lowercase English is still a date.
    if not m["mon"][0].isupper() and (language != "en" or not _ok_case(m, "mon", language)):
        return None
    return _month_match(m, pats, int(m["d"]))


def _day_range(m: re.Match[str], pats: Patterns, language: str | None) -> Found | None:
    """ "7-9 December", "del 7 al 9 de diciembre", "vom 7. bis 9. Dezember": one date, two days."""
    if not _ok_case(m, "mon", language) or not _range_joined(m, pats):
        return None
    found = _month_match(m, pats, int(m["d1"]), rank=0)
    return replace(found, until=(found.month, int(m["d"]))) if found.month else None


def _month_glued(m: re.Match[str], pats: Patterns, language: str | None) -> Found | None:
    """ "Oct2", "October2": a day glued to a capitalised month name ("oct2" is some code)."""
    return _month_match(m, pats, int(m["d"])) if m["mon"][0].isupper() else None


def _month_day_range(m: re.Match[str], pats: Patterns, language: str | None) -> Found | None:
    """ "April 20-21, 2001", "December 28th and 29th" after "between": one date, two days."""
    if not m["mon"][0].isupper() and (language != "en" or not _ok_case(m, "mon", language)):
        return None
    if not _range_joined(m, pats):
        return None
    found = _month_match(m, pats, int(m["d1"]), rank=0)
    return replace(found, until=(found.month, int(m["d"]))) if found.month else None


def _range_joined(m: re.Match[str], pats: Patterns) -> bool:
    """Whether two days joined by `join` make a range: the second is later, and "and" ("et",
    "y") joins a range only after "between" ("entre"): "on 7 and 9 December" lists two days."""
    if not int(m["d1"]) < int(m["d"]) <= 31:
        return False
    if key(m["join"]) not in pats.pair_joiners:
        return True
    return pats.day_range_opener.search(m.string, max(0, m.start() - 16), m.start()) is not None


def _month_year(m: re.Match[str], pats: Patterns, language: str | None) -> Found | None:
    return _month_match(m, pats, None, rank=2) if _ok_case(m, "mon", language) else None


def _year_month(m: re.Match[str], pats: Patterns, language: str | None) -> Found | None:
    """ "2017 Nisan'da": the year first, as Turkish writes a month."""
    if not _ok_case(m, "mon", language):
        return None
    month = pats.months[key(m["mon"])]
    end = m.end("mon")  # the case ending ("'da") is not part of the date
    return Found(m.start(), end, 2, int(m["y"]), month, precision="month", explicit_year=True)


def _year_after_word(m: re.Match[str], pats: Patterns, language: str | None) -> Found | None:
    # the year alone is the date: "en 2021" and "pada 2021" must compare equal
    return Found(m.start("y"), m.end("y"), 3, int(m["y"]), precision="year", explicit_year=True)


def _month_match(m: re.Match[str], pats: Patterns, day: int | None, rank: int = 1) -> Found:
    end = m.end()
    if m.group().endswith(".") and len(key(m["mon"])) > 4 and not m["y"]:
        end -= 1  # "9 Juli." ends the sentence; only abbreviations own their period
    year = int(m["y"]) if m["y"] else None
    if year is None and m.re.groupindex.get("y2") and m["y2"]:
        year = res.two_digit_year(int(m["y2"]))
    return Found(
        m.start(),
        end,
        rank,
        year,
        pats.months[key(m["mon"])],
        day,
        precision="day" if day is not None else "month",
        explicit_year=year is not None,
    )


def _relative_phrase(m: re.Match[str], pats: Patterns, language: str | None) -> Found | None:
    units = pats.relative[key(m["rel"])]
    precision = res.precision_of(units)
    return Found(m.start(), m.end(), 1, precision=precision, relative=True, units=units)


def _last_weekday(m: re.Match[str], pats: Patterns, language: str | None) -> Found | None:
    group = "wd" if m["wd"] else "wd2"
    if not _ok_case(m, group, language):
        return None
    wd = pats.weekdays[key(m[group])]
    return Found(m.start(), m.end(), 2, weekday=wd, relative=True, last_weekday=True)


def _next_weekday(m: re.Match[str], pats: Patterns, language: str | None) -> Found | None:
    group = "wd" if m["wd"] else "wd2"
    if not _ok_case(m, group, language):
        return None
    wd = pats.weekdays[key(m[group])]
    return Found(m.start(), m.end(), 2, weekday=wd, relative=True, direction=1)


def _bare_weekday(m: re.Match[str], pats: Patterns, language: str | None) -> Found | None:
    if not _ok_case(m, "wd", language):
        return None
    return Found(m.start(), m.end(), 4, weekday=pats.weekdays[key(m["wd"])], relative=True)


def _next_day(m: re.Match[str], pats: Patterns, language: str | None) -> Found | None:
    return Found(m.start(), m.end(), 1, relative=True, chained=1)


def _previous_day(m: re.Match[str], pats: Patterns, language: str | None) -> Found | None:
    return Found(m.start(), m.end(), 1, relative=True, chained=-1)


def _ago(m: re.Match[str], pats: Patterns, language: str | None) -> Found | None:
    amount, unit = (m["n1"], m["u1"]) if m["n1"] else (m["n2"], m["u2"])
    unit_name = pats.ago_units[key(unit)]
    count = int(amount) if amount.isdigit() else pats.ago_amounts.get(key(amount))
    # an amount our tables cannot count ("quelques") leaves `units` empty: dateparser reads it
    units = {unit_name: -count} if count is not None else {}
    precision = res.precision_of({unit_name: 0})
    return Found(m.start(), m.end(), 1, precision=precision, relative=True, units=units)


_Handler = Callable[[re.Match[str], Patterns, "str | None"], "Found | tuple[Found, ...] | None"]
_HANDLERS: dict[str, _Handler] = {
    "iso": _iso,
    "numeric": _numeric,
    "numeric_day_month": _numeric_day_month,
    "dashed": _dashed,
    "month_dashed": _month_dashed,
    "year_dashed": _year_dashed,
    "year_range": _year_range,
    "weekday_numeric": _weekday_numeric,
    "day_month": _day_month,
    "month_day": _month_day,
    "month_glued": _month_glued,
    "day_range": _day_range,
    "month_day_range": _month_day_range,
    "month_year": _month_year,
    "year_month": _year_month,
    "year_after_word": _year_after_word,
    "relative_phrase": _relative_phrase,
    "last_weekday": _last_weekday,
    "next_weekday": _next_weekday,
    "bare_weekday": _bare_weekday,
    "next_day": _next_day,
    "previous_day": _previous_day,
    "ago": _ago,
}


def _choose(candidates: list[Found]) -> list[Found]:
    """The longest non-overlapping matches (rank breaks ties), in text order."""
    chosen: list[Found] = []
    taken = bytearray()
    for item in sorted(candidates, key=lambda f: (f.start - f.end, f.rank, f.start)):
        if len(taken) < item.end:
            taken.extend(bytes(item.end - len(taken)))
        if any(taken[item.start : item.end]):
            continue
        taken[item.start : item.end] = b"\x01" * (item.end - item.start)
        chosen.append(item)
    chosen.sort(key=lambda f: f.start)
    return chosen


def _join_months(found: list[Found], norm: str, pats: Patterns) -> list[Found]:
    """Join two dated days that a joiner links into one range across months ("30 April to 2
    May", "December 30, 2004 - January 2, 2005"); "and" only after "between"."""
    joined: list[Found] = []
    for item in found:
        first = joined[-1] if joined else None
        if first is not None and _spans_months(first, item, norm, pats):
            year = first.year if first.year is not None else item.year
            if (
                year is not None
                and item.year is not None
                and (item.month or 0) < (first.month or 0)
            ):
                year = item.year - 1  # "30 December to 2 January 2005": the first is 2004
            joined[-1] = replace(
                first,
                end=item.end,
                year=year,
                explicit_year=first.explicit_year or item.explicit_year,
                until=(item.month or 0, item.day or 0),
            )
            continue
        joined.append(item)
    return joined


def _spans_months(first: Found, second: Found, norm: str, pats: Patterns) -> bool:
    days = (first, second)
    if any(f.relative or f.day is None or f.month is None or f.until for f in days):
        return False
    if first.month == second.month or (first.year and second.year and second.year - first.year > 1):
        return False
    m = pats.day_range_joiner.fullmatch(norm, first.end, second.start)
    if m is None or first.end == second.start:
        return False
    if key(norm[first.end : second.start]) in pats.pair_joiners:
        return pats.day_range_opener.search(norm, max(0, first.start - 16), first.start) is not None
    return True


def _with_direction(norm: str, pats: Patterns, item: Found) -> Found:
    """Mark a day and month without a year that "next" or "last" ("el próximo", "dernier")
    points forward or back from publication."""
    if item.day is None or item.year is not None or item.relative or item.weekday is not None:
        return item  # a weekday fixes the year itself: "el próximo viernes 12 de mayo"
    m = pats.direction_before.search(norm, max(0, item.start - 24), item.start) or (
        pats.direction_after.match(norm, item.end)
    )
    if m is None:
        return item
    return replace(item, direction=1 if m["next"] else -1)


def _with_weekday(norm: str, pats: Patterns, item: Found, language: str | None) -> Found:
    """Join a weekday to the date it opens ("mardi 25 juin"): it fixes a missing year."""
    if item.day is None or item.weekday is not None or item.relative:
        return item
    m = pats.weekday_before.search(norm, max(0, item.start - 24), item.start)
    if not m or (m.start() > 0 and norm[m.start() - 1].isalnum()):
        return item
    if not _ok_case(m, "wd", language):
        return item
    return replace(item, start=m.start(), weekday=pats.weekdays[key(m["wd"])])
