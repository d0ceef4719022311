"""What the HTML report adds around a finding's evidence: the quote's speaker and the dates.

A misattributed quote is only clear when both speakers are in view, so each side's speaker is
found from that side's quote fact and marked in its article. A date is shown with its month
spelled out ("Thursday 12 March 2026"), never as 04-08-2025, which readers in different
countries read as different days.
"""

from __future__ import annotations

import datetime as dt

from factcheck.models import Document, Evidence, Fact
from factcheck.report.highlight import locate
from factcheck.report.page import esc

# How far from its quote a speaker's name is looked for, in characters.
_SPEAKER_WINDOW = 400
_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def fact_for(facts: tuple[Fact, ...], kind: str, document: Document, ev: Evidence) -> Fact | None:
    """The fact of `kind` whose text is this evidence (or overlaps it), if there is one."""
    where = locate(document.text, ev)
    if where is None:
        return None
    start, end = where
    exact = [f for f in facts if f.kind == kind and (f.start, f.end) == (start, end)]
    if exact:
        return exact[0]
    overlapping = [f for f in facts if f.kind == kind and f.start < end and start < f.end]
    return overlapping[0] if overlapping else None


def speaker_span(document: Document, speaker: str, near: tuple[int, int]) -> tuple[int, int] | None:
    """Where the speaker's name is written closest to the quote at `near`, within a window."""
    text = document.text
    low = max(near[0] - _SPEAKER_WINDOW, 0)
    high = min(near[1] + _SPEAKER_WINDOW, len(text))
    window = text[low:high].casefold()
    needle = speaker.casefold()
    best: tuple[int, int] | None = None
    at = window.find(needle)
    while needle and at >= 0:
        start = low + at
        distance = near[0] - (start + len(needle)) if start < near[0] else start - near[1]
        if best is None or distance < best[0]:
            best = (distance, start)
        at = window.find(needle, at + 1)
    return None if best is None else (best[1], best[1] + len(speaker))


def long_date(day: dt.date) -> str:
    """'Thursday 12 March 2026': no reader can take the day for the month."""
    return f"{_WEEKDAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]} {day.year}"


def time_html(value: object) -> str | None:
    """A <time> element for an ISO date value (a date fact's value), or None if it is not one."""
    try:
        day = dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None
    return f'<time datetime="{day.isoformat()}">{esc(long_date(day))}</time>'
