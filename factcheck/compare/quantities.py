"""When two figures state the same quantity, and when they cannot be the same.

A figure is read as a quantity: a value, a family (a currency, "%", a measure such as length
with its factor to a base unit, or a bare count), and a qualifier written before it ("at least",
"nearly", "jusqu'à"). Two figures *agree* when one is the other rounded, converted ("510 miles",
"820 km") or inside the other's bound; they *conflict* only when they are of one family and
cannot agree. Everything else (two figures of different families) is neither.
"""

from __future__ import annotations

import functools
import json
import math
import re
from dataclasses import dataclass
from importlib import resources
from typing import Literal

from factcheck.models import Fact

Qualifier = Literal["min", "max", "approx"]
ROUNDING = 0.05  # relative: a figure rounded to fewer digits still agrees up to this far
ROUNDING_SHIFT = 0.25  # relative: no rounding to the precision written moves a value further
APPROX = 0.15  # relative: "about 3,000" agrees with anything this close
BOUND_REACH = 1.5  # "at least 68" agrees with 72 or 100, not with 150: a bound is stated near
MAGNITUDE = 10  # loosely typed figures this many times apart are not one figure changed
CONVERSION = 0.05  # relative slack on a unit conversion (both sides rounded, often coarsely)

_WORDS_BEFORE = re.compile(r"([^\d\n]{0,40})\Z")
_DIGIT_RUN = re.compile(r"\d+(?:[.,\u00a0\u202f ]\d+)*")
_SCALES = (1.0, 1e3, 1e6, 1e9, 1e12)  # what a scale word multiplies a written figure by


@dataclass(frozen=True, slots=True)
class Quantity:
    """A figure as a comparable quantity."""

    value: float
    family: str  # "count", "%", "USD", "length", ...
    base: float  # value in the family's base unit
    qualifier: Qualifier | None
    worded: bool = False  # the family comes from a measure word ("miles"), not a symbol
    # the precision the figure is written to: 0.01 for "8.44", 1 for "8", 100,000 for "3.2
    # million"; None when it cannot be read off the text (spelled-out figures)
    step: float | None = None


@functools.cache
def _table() -> dict:
    data = resources.files("factcheck.compare").joinpath("data/quantities.json")
    loaded: dict = json.loads(data.read_text(encoding="utf-8"))
    return loaded


@functools.cache
def _qualifier_pattern() -> re.Pattern[str]:
    phrases = [(phrase, kind) for kind, words in _table()["qualifiers"].items() for phrase in words]
    alternation = "|".join(
        re.escape(p).replace(r"\ ", r"\s+") for p, _ in sorted(phrases, key=lambda x: -len(x[0]))
    )
    return re.compile(rf"(?<!\w)({alternation})\s*(?:[$€£¥]|us\$|rp\.?)?\s*\Z", re.IGNORECASE)


@functools.cache
def _qualifier_kinds() -> dict[str, Qualifier]:
    kinds: dict[str, Qualifier] = {}
    for kind, words in _table()["qualifiers"].items():
        for phrase in words:
            kinds.setdefault(" ".join(phrase.casefold().split()), kind)
    return kinds


@functools.cache
def _measures() -> dict[str, tuple[str, float]]:
    return {
        word.casefold(): (family, float(factor))
        for family, words in _table()["measures"].items()
        for word, factor in words.items()
    }


@functools.cache
def _measure_pattern() -> re.Pattern[str]:
    words = sorted(_measures(), key=len, reverse=True)
    alternation = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)
    return re.compile(rf"[\s\u00a0-]*({alternation})(?!\w)", re.IGNORECASE)


def _measure_after(text: str, end: int) -> tuple[str, float] | None:
    """The measure written right after a figure ("500,000 square feet", "46.500 vierkante meter")."""
    m = _measure_pattern().match(text, end, end + 40)
    return _measures().get(" ".join(m.group(1).casefold().split())) if m else None


def qualifier_before(text: str, start: int) -> Qualifier | None:
    """The bound or approximation written just before a figure at `start`, if any."""
    m = _qualifier_pattern().search(text, max(0, start - 40), start)
    if not m:
        return None
    return _qualifier_kinds().get(" ".join(m.group(1).casefold().split()))


def quantity(fact: Fact, text: str) -> Quantity | None:
    """`fact` (a number) as a quantity, reading its qualifier from the document `text`."""
    if fact.kind != "number" or not isinstance(fact.value, int | float):
        return None
    value = float(fact.value)
    family, base = "count", value
    step = written_step(fact.text, value)
    if fact.unit:
        family = fact.unit
    else:
        measure = _measure_after(text, fact.end) or _measures().get((fact.context or "").casefold())
        if measure:
            return Quantity(
                value,
                measure[0],
                value * measure[1],
                qualifier_before(text, fact.start),
                True,
                step,
            )
    return Quantity(value, family, base, qualifier_before(text, fact.start), step=step)


def written_step(text: str, value: float) -> float | None:
    """The precision of a figure as written: one unit of its last written digit, times the
    scale word after it ("8.44": 0.01; "3.2 million": 100,000; "300": 1). Trailing zeros of a
    whole number count as written ("300" is not "about 300"); None without digits."""
    m = _DIGIT_RUN.search(text)
    if m is None or value == 0:
        return None
    for reading, decimals in _readings(m.group(0)):
        if reading == 0:
            continue
        factor = value / reading
        for scale in _SCALES:
            if math.isclose(factor, scale, rel_tol=1e-9):
                return scale * 10.0**-decimals
    return None


def _readings(raw: str) -> list[tuple[float, int]]:
    """A digit run read with its last separator as a decimal mark and as a thousands group:
    (value, digits after the decimal mark)."""
    compact = re.sub(r"[\u00a0\u202f ]", "", raw)
    marks = [i for i, ch in enumerate(compact) if ch in ".,"]
    if not marks:
        return [(float(compact), 0)]
    last = marks[-1]
    whole = re.sub(r"[.,]", "", compact[:last])
    tail = compact[last + 1 :]
    readings = [(float(f"{whole or 0}.{tail}"), len(tail))]
    if len(tail) == 3:
        readings.append((float(whole + tail), 0))
    return readings


def _close(a: float, b: float, tolerance: float) -> bool:
    return math.isclose(a, b, rel_tol=tolerance, abs_tol=1e-9)


def _rounded(a: Quantity, b: Quantity) -> bool:
    """Whether one value is the other written with fewer digits: "88.93 %" and "89 %",
    "11.5bn" and "11.47 billion", "8%" and "8.44", "3.2 million" and "3,150,000" ("1,000" and
    "1,400" are not: the gap is over `ROUNDING`, and "1,000" is written to the unit)."""
    if to_precision(a, b):
        return True
    if not _close(a.value, b.value, ROUNDING):
        return False
    digits = min(_significant(a.value), _significant(b.value))
    return _round(a.value, digits) == _round(b.value, digits)


def to_precision(a: Quantity, b: Quantity) -> bool:
    """Whether the more precisely written figure, rounded to the precision the other is written
    to, gives the other ("8%" and "8.44": 8.44 is 8 to the unit)."""
    if a.step is None or b.step is None or a.step == b.step:
        return False
    coarse, fine = (a, b) if a.step > b.step else (b, a)
    assert coarse.step is not None
    if not _close(coarse.value, fine.value, ROUNDING_SHIFT):
        return False  # "1%" is not "0.5%" to the unit: rounding a small value changes it all
    gap, half = abs(coarse.value - fine.value), coarse.step / 2
    if math.isclose(gap, half, rel_tol=1e-9):
        return abs(coarse.value) > abs(fine.value)  # half rounds up: 3.15 is 3.2, not 3.1
    return gap < half


def _significant(value: float) -> int:
    """Significant digits of a value as written (trailing zeros of a whole number are not)."""
    mantissa = f"{abs(value):.10g}"
    if "e" in mantissa:
        mantissa = mantissa.split("e")[0]
    return max(len(mantissa.replace(".", "").strip("0")), 1)


def _round(value: float, digits: int) -> float:
    if value == 0:
        return 0.0
    step = 10.0 ** (math.floor(math.log10(abs(value))) - digits + 1)
    return math.floor(value / step + 0.5) * step


def _within(bound: Quantity, other: Quantity) -> bool:
    """Whether `other` is a value the bound allows, and near enough that a reporter would state
    it so: "more than 300" is said of 320 or 400, not of 700."""
    if bound.qualifier == "min":
        return bound.base * (1 - ROUNDING) <= other.base <= bound.base * BOUND_REACH
    if bound.qualifier == "max":
        return bound.base / BOUND_REACH <= other.base <= bound.base * (1 + ROUNDING)
    return _close(bound.base, other.base, APPROX)


def equivalent(a: Quantity, b: Quantity) -> bool:
    """Whether two figures are one value, rounded or converted: what "the other article gives
    this figure too" means. Bounds are left out: "more than 40" does not give every count."""
    if a.family != b.family:
        return False
    if a.value == b.value or _close(a.value, b.value, 1e-6):
        return True
    if (a.base != a.value or b.base != b.value) and _close(a.base, b.base, CONVERSION):
        return True
    return _rounded(a, b)


def agree(a: Quantity, b: Quantity) -> bool:
    """Whether two figures about one thing can both be right (rounding, conversion, bounds)."""
    if a.family != b.family:
        return False
    if a.value == b.value or _close(a.value, b.value, 1e-6):
        return True
    measured = a.base != a.value or b.base != b.value  # a measure: compare in the base unit
    if measured and _close(a.base, b.base, CONVERSION):
        return True
    if _rounded(a, b):
        return True
    if a.qualifier is not None and a.qualifier == b.qualifier:
        # "more than 300" and "more than 700" state one bound with two values.
        return a.qualifier == "approx" and _close(a.base, b.base, APPROX)
    return (a.qualifier is not None and _within(a, b)) or (
        b.qualifier is not None and _within(b, a)
    )


def conflict(a: Quantity, b: Quantity) -> bool:
    """Whether two figures of one family cannot state the same quantity. A bare count and a
    figure measured by a word are of one family too: the measure word of one language may be
    missing from the other's lexicon ("9,420 nautical miles", "9.420 zeemijl")."""
    if a.family != b.family:
        # Loosely typed: only a change within one order of magnitude reads as the same figure
        # ("9,420" and "5,420"), not a figure misread or cut ("8,500" and "8").
        if not _word_or_count(a, b) or not same_magnitude(a.value, b.value):
            return False
        a, b = _as_count(a), _as_count(b)
    return not agree(a, b)


def currency_swapped(a: Quantity, b: Quantity) -> bool:
    """Whether two sums in different currencies also differ in amount ("$12 million" and "62
    milioni di euro"): sentence for sentence, a translation keeps the amount of a sum; a change
    of symbol with the same amount (`same_amount`) is left to the reader."""
    if not _two_currencies(a, b) or not same_magnitude(a.value, b.value):
        return False
    return not agree(_as_count(a), _as_count(b))


def same_amount(a: Quantity, b: Quantity) -> bool:
    """Whether two sums in different currencies state one amount ("€2.73" and "$2,73")."""
    return _two_currencies(a, b) and agree(_as_count(a), _as_count(b))


def _two_currencies(a: Quantity, b: Quantity) -> bool:
    money = all(len(q.family) == 3 and q.family.isupper() for q in (a, b))
    return money and a.family != b.family


def same_magnitude(a: float, b: float) -> bool:
    """Whether two values are less than `MAGNITUDE` times apart (and neither is zero)."""
    small, large = sorted((abs(a), abs(b)))
    return small > 0 and large / small < MAGNITUDE


def _word_or_count(a: Quantity, b: Quantity) -> bool:
    return {a.family, b.family} == {"count", (b if a.family == "count" else a).family} and (
        a.worded or b.worded
    )


def _as_count(q: Quantity) -> Quantity:
    return Quantity(q.value, "count", q.value, q.qualifier, step=q.step)


def same_value(a: float, b: float) -> bool:
    """Whether two bare values are equal up to the noise of scaling and conversion (units
    aside). Two whole numbers are that only when equal: "457 deaths" and "458 deaths" are two
    counts, whatever their ratio; "1.8 billion" and "1,800,000,000" are the same whole number."""
    if a == b:
        return True
    if a.is_integer() and b.is_integer():
        return False
    return _close(a, b, 0.005)
