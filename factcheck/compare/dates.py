"""Dates: a change needs the same event in aligned sentences; an omission or addition a value.

A date of one side is carried by the other when a compatible date (same day, or one inside the
other: "2024-07" and "2024-07-09", a day inside a range of days, the same day and month when a
year was not written: `date_values`) is written there. A mismatch needs aligned sentences, dates of
one precision, neither settled by the aligned sentence, the candidate's date stated nowhere else
in the reference, and (between independent reports) the same event words. A dateline is the
article's publication date: metadata, never compared. A date inferred from "Thursday" enters a
mismatch only when it is clearly apart from the other (not a whole number of weeks).

When neither article says when it was published, "Thursday" or "20 years ago" has no value on
either side; two such phrases in aligned sentences are still compared (`_undated_findings`):
they conflict when no publication day could make them name one date.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from functools import lru_cache

from factcheck.compare.align import Alignment, align_sentences
from factcheck.compare.date_values import compatible, precision
from factcheck.compare.pairing import copied, match_one, retold, same_words, sentence_pairs, trusted
from factcheck.compare.severity import severity
from factcheck.compare.side import Side, excerpt, is_brief, same_language
from factcheck.models import Discrepancy, Document, Fact

DAY = len("2024-07-09")
YEAR = len("2024")
_YEAR = re.compile(r"(?<!\d)(?:1[5-9]|20|21)\d\d(?!\d)")
DATELINE = 200  # characters: a date this early that is the publication date is metadata
_STAMP_AFTER = re.compile(r"[ \t,|–-]{0,3}\d{1,2}:\d\d(?!\d)")  # "2004 8:16 PM", "2004-7:07AM"
_STAMP_BEFORE = re.compile(r"(?<![\d:])\d{1,2}:\d\d(?:\s*[ap]\.?m\.?)?[ \t,]*\Z", re.IGNORECASE)
DATELINE_LINE = 40  # characters: a line this short that holds the first date is a dateline
# Publication days tried for two undated relative phrases: one of each weekday.
UNDATED_DAYS = tuple(dt.date(2001, 1, 1) + dt.timedelta(days=n) for n in range(7))
# Two undated phrases whose dates stay this many units apart whatever the day ("yesterday" and
# "three days ago", "20 years ago" and "35 years ago") cannot be one date written on two
# neighbouring days; one unit apart ("last year", "two years ago") they can.
UNDATED_GAP = 2


def _resolved(side: Side) -> list[Fact]:
    return [d for d in side.dates if isinstance(d.value, str) and d.value]


def _metadata(side: Side, fact: Fact) -> bool:
    """A dateline: the article's first date, at its top, and its own publication date; or,
    when the publication date is not known, that date alone on a short line of its own
    ("Updated 4/9/2007 6:04 PM", "April 10, 2007-7:07AM"). A date stamped with a clock time
    anywhere ("Saturday November 13, 2004 8:16 PM AP Photo", "26.11.2004 16:43", "updated
    1:32 pm December 28, 2004") is a page's timestamp too: prose dates an event with "at"."""
    text = side.document.text
    if _STAMP_AFTER.match(text, fact.end) or _STAMP_BEFORE.search(
        text, max(0, fact.start - 16), fact.start
    ):
        return True
    published = side.document.published
    first = min((d.start for d in side.dates), default=-1)
    if fact.start != first or fact.start >= DATELINE:
        return False
    if published is not None:
        return str(fact.value) == published.isoformat()
    start = text.rfind("\n", 0, fact.start) + 1
    end = text.find("\n", fact.start)
    return len(text[start : end if end >= 0 else len(text)].strip()) <= DATELINE_LINE


def date_findings(ref: Side, cand: Side) -> list[Discrepancy]:
    """Changed, missing and added dates (unresolved relative dates are skipped)."""
    ref_dates, cand_dates = _resolved(ref), _resolved(cand)
    ref_values = [str(d.value) for d in ref_dates]
    alignment = align_sentences(ref, cand)
    found: list[Discrepancy] = []
    used: set[int] = set()
    monolingual = same_language(ref, cand)
    # Sentence for sentence, only a date the reference writes out means another fact: "next
    # year" resolved to a year may be translated as "soon", or not resolved on the other side.
    elsewhere = _explicit(ref_dates) if alignment.parallel else ref_values
    surplus = (
        _surplus(_explicit(ref_dates), _explicit(cand_dates)) if alignment.parallel else Counter()
    )
    for r_sentence, c_sentence, how, r_facts, c_facts in sentence_pairs(
        alignment, ref_dates, cand_dates
    ):
        r_written = _years_in(ref.document.text[r_sentence.start : r_sentence.end])
        c_written = _years_in(cand.document.text[c_sentence.start : c_sentence.end])
        # A year the other sentence writes settles it, taken as a date or not ("until at least
        # 2014" that an extractor read as a bound, "around 2020").
        r_left = [
            r
            for r in r_facts
            if not any(compatible(r, c) for c in c_facts)
            and not (_is_year(r) and str(r.value) in c_written)
        ]
        # A coarser date elsewhere ("June 2005", "this year") does not settle a day; the very
        # same date stated elsewhere in the reference means another fact, not a changed one,
        # unless a translation states it more often than the reference does (one is changed).
        c_left = [
            c
            for c in c_facts
            if id(c) not in used
            and (str(c.value) not in elsewhere or surplus[str(c.value)] > 0)
            and not any(
                str(r.value).startswith(str(c.value)) or (_is_range(r) and compatible(r, c))
                for r in r_facts
            )
            and not (_is_year(c) and str(c.value) in r_written)
        ]

        kept = retold(monolingual, r_sentence, c_sentence)
        copy = copied(monolingual, r_sentence, c_sentence)

        def related(r: Fact, c: Fact, how: str = how, kept: bool = kept, copy: bool = copy) -> bool:
            # A dateline is a publication date, not a fact of the story: a retelling is
            # routinely published on another day.
            if _metadata(ref, r) or _metadata(cand, c):
                return False
            if precision(str(r.value)) != precision(str(c.value)):
                return False
            if (r.relative or c.relative) and not _clearly_apart(str(r.value), str(c.value)):
                return False
            if alignment.parallel or monolingual:
                return trusted(alignment, how, monolingual and same_words(r, c), True, kept, copy)
            # Across languages event words cannot be compared: two days (an inferred one only
            # when clearly apart, above), in sentences anchored on shared names and figures.
            return precision(str(r.value)) == "day" and how == "anchored"

        for r, c in match_one(r_left, c_left, related, same_words):
            used.update((id(r), id(c)))
            what = f" {excerpt(r.context, 40)}" if r.context else " the event"
            found.append(
                Discrepancy(
                    "date_mismatch",
                    severity("date_mismatch"),
                    f"The reference dates{what} to {r.value} ({r.text}); the candidate, in the"
                    f" same sentence, to {c.value} ({c.text}).",
                    reference=ref.evidence(r),
                    candidate=cand.evidence(c),
                )
            )
    found.extend(_undated_findings(ref, cand, alignment, monolingual))
    relative = [c for c in cand.dates if not c.value]
    reported: set[str] = set()
    for r in ref_dates:
        value = str(r.value)
        if id(r) in used or value in reported or any(compatible(r, c) for c in cand_dates):
            continue
        if _metadata(ref, r):
            continue  # the reference's own dateline is no fact of the story
        reported.add(value)
        what = f" {excerpt(r.context, 40)}" if r.context else " an event"
        vague = next((c for c in relative if same_words(r, c)), None)
        ending = f"only says “{vague.text}”" if vague else "gives no such date"
        found.append(
            Discrepancy(
                "missing_date",
                severity("missing_date"),
                f"The reference dates{what} to {value} ({r.text}); the candidate {ending}.",
                reference=ref.evidence(r),
                candidate=cand.evidence(vague) if vague else None,
            )
        )
    reported = set()
    brief = is_brief(ref, cand)
    for c in cand_dates:
        value = str(c.value)
        if id(c) in used or value in reported or any(compatible(c, r) for r in ref_dates):
            continue
        if _metadata(cand, c):
            continue
        reported.add(value)
        what = f" {excerpt(c.context, 40)}" if c.context else " an event"
        found.append(
            Discrepancy(
                "added_date",
                severity(
                    "added_date",
                    _added_date_case(c, value, alignment.aligned_candidate(c.start), brief),
                ),
                f"The candidate dates{what} to {value} ({c.text}); the reference gives no such"
                " date.",
                candidate=cand.evidence(c),
            )
        )
    return found


def _undated_findings(
    ref: Side, cand: Side, alignment: Alignment, monolingual: bool
) -> list[Discrepancy]:
    """Two relative phrases left without a value, in aligned sentences about one event, that no
    publication day could make one date ("Thursday" and "Friday", "20 years ago" and "35 years
    ago"). Only when neither article gives its publication date: with one known, the phrases
    have values and are compared above. In one language or sentence for sentence only."""
    if ref.document.published is not None or cand.document.published is not None:
        return []
    if not (monolingual or alignment.parallel):
        return []
    r_open = [d for d in ref.dates if not d.value and d.relative]
    c_open = [d for d in cand.dates if not d.value and d.relative]
    if not r_open or not c_open:
        return []
    found: list[Discrepancy] = []
    for r_sentence, c_sentence, how, r_facts, c_facts in sentence_pairs(alignment, r_open, c_open):
        kept = retold(monolingual, r_sentence, c_sentence)
        copy = copied(monolingual, r_sentence, c_sentence)

        def related(r: Fact, c: Fact, how: str = how, kept: bool = kept, copy: bool = copy) -> bool:
            if not _never_one_date(
                _readings(r.text, ref.document.language), _readings(c.text, cand.document.language)
            ):
                return False
            return trusted(alignment, how, monolingual and same_words(r, c), True, kept, copy)

        for r, c in match_one(r_facts, c_facts, related, same_words):
            what = f" {excerpt(r.context, 40)}" if r.context else " the event"
            found.append(
                Discrepancy(
                    "date_mismatch",
                    severity("date_mismatch", "undated"),
                    f"The reference dates{what} to “{r.text}”; the candidate, in the same"
                    f" sentence, to “{c.text}”: no publication day makes them one date.",
                    reference=ref.evidence(r),
                    candidate=cand.evidence(c),
                )
            )
    return found


@lru_cache(maxsize=4096)
def _readings(phrase: str, language: str | None) -> tuple[str, ...] | None:
    """The values of a relative phrase read on each of `UNDATED_DAYS` (None when one fails)."""
    from factcheck.extract.rules.dates import find_dates

    values = []
    for day in UNDATED_DAYS:
        document = Document(path="", text=phrase, sha256="", language=language, published=day)
        dates = find_dates(document)
        if len(dates) != 1 or not isinstance(dates[0].value, str) or not dates[0].value:
            return None
        values.append(dates[0].value)
    return tuple(values)


def _never_one_date(a: tuple[str, ...] | None, b: tuple[str, ...] | None) -> bool:
    """Whether two phrases' readings differ on every publication day tried: days that are not
    a whole number of weeks apart (a weekday named on each side, "Monday" and "last Monday"
    being one reading apart), and a fixed gap of `UNDATED_GAP` units or more."""
    if a is None or b is None:
        return False
    gaps = []
    for x, y in zip(a, b, strict=True):
        unit = precision(x)
        if unit != precision(y) or unit not in ("day", "month", "year") or "/" in x + y:
            return False
        gaps.append(_gap(x, y, unit))
    if any(gap == 0 for gap in gaps):
        return False
    if len(set(gaps)) == 1:  # "N units ago" on both sides: the gap is the day's own
        return abs(gaps[0]) >= UNDATED_GAP
    return all(gap % 7 for gap in gaps)  # weekdays: apart on every day, never whole weeks


def _gap(a: str, b: str, unit: str) -> int:
    """How many days, months or years (`unit`) date `a` lies after date `b`."""
    if unit == "day":
        return (dt.date.fromisoformat(a) - dt.date.fromisoformat(b)).days
    years = int(a[:4]) - int(b[:4])
    return years if unit == "year" else 12 * years + int(a[5:7]) - int(b[5:7])


def _explicit(dates: list[Fact]) -> list[str]:
    """The values of the dates written out, not inferred from "next year" or "Monday"."""
    return [str(d.value) for d in dates if not d.relative]


def _surplus(ref_values: list[str], cand_values: list[str]) -> Counter[str]:
    """How many more times the candidate states each date than the reference does."""
    return Counter(cand_values) - Counter(ref_values)


def _is_range(fact: Fact) -> bool:
    """A range of days ("7-9 December"): a day inside it is no other date."""
    return "/" in str(fact.value)


def _is_year(fact: Fact) -> bool:
    return len(str(fact.value)) == YEAR


def _years_in(text: str) -> set[str]:
    """Every four-digit year written in `text`."""
    return set(_YEAR.findall(text))


def _clearly_apart(a: str, b: str) -> bool:
    """Whether a date inferred from "Thursday" or "last week" surely differs from another: two
    days not a whole number of weeks apart ("Monday" and "last Monday" are one reading apart)."""
    if len(a) != DAY or len(b) != DAY:
        return False
    gap = abs((dt.date.fromisoformat(a) - dt.date.fromisoformat(b)).days)
    return gap % 7 != 0


def _added_date_case(fact: Fact, value: str, retold: bool, brief: bool) -> str:
    """The severity case of a date only the candidate gives. A brief has no background: a date
    it adds, a year too, is part of what it claims (`is_brief`)."""
    if fact.relative:
        return "relative"
    if value.startswith("--"):
        return "year_less"
    if brief:
        return "default"
    if not retold:
        return "background"
    return "year" if len(value) == 4 else "default"
