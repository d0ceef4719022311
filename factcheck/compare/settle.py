"""Which figures of two aligned sentences the other sentence already states.

Each figure settles at most one on the other side, the nearest in place, so a figure said twice
in one sentence and once in the other leaves one open (a translation that changed one of two
"800"s). First figure against figure: the same value, rounded or converted, or one amount
under another currency symbol (a translator's slip left to the reader). Then digits that no
figure was taken from ("A380-800", "Flight 574"), which pair with each other first: digits both
sentences write settle nothing else. What digits remain settle a figure of the other side of the
same value ("1967" read as a year there). Digits read as the language writes them: "5,000" is
five thousand in English, "5.000" in Spanish; a token not grouped that way reads both ways.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from factcheck.compare.align import Sentence
from factcheck.compare.quantities import Quantity, equivalent, same_amount
from factcheck.compare.side import Side
from factcheck.extract.rules.numbers_data import table
from factcheck.models import Fact

_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
_GROUPED = {sep: re.compile(rf"\d{{1,3}}(?:{re.escape(sep)}\d{{3}})+") for sep in ",."}


@dataclass(frozen=True, slots=True)
class Placed:
    """The figures of one sentence of one side."""

    side: Side
    sentence: Sentence
    facts: list[Fact]


@dataclass(frozen=True, slots=True)
class Written:
    """Digits written in a sentence: where (0 to 1 in the sentence), their span and readings."""

    at: float
    start: int
    end: int
    readings: frozenset[float]


def unsettled(
    ref: Placed, cand: Placed, by_fact: dict[int, Quantity], place: Callable[[Fact], float]
) -> tuple[list[Fact], list[Fact]]:
    """The figures of each sentence that the other does not state (see the module docstring)."""
    done_r, done_c = nearest_pairs(
        (abs(place(r) - place(c)), i, k)
        for i, r in enumerate(ref.facts)
        for k, c in enumerate(cand.facts)
        if equivalent(by_fact[id(r)], by_fact[id(c)]) or same_amount(by_fact[id(r)], by_fact[id(c)])
    )
    settled_r = [r for i, r in enumerate(ref.facts) if i in done_r]
    settled_c = [c for k, c in enumerate(cand.facts) if k in done_c]
    written_r, written_c = _free(ref, settled_r), _free(cand, settled_c)
    # Digits outside every figure on both sides ("NX-800" in both) pair with each other first.
    loose_r = [k for k, w in enumerate(written_r) if not _inside(w, ref.facts)]
    loose_c = [k for k, w in enumerate(written_c) if not _inside(w, cand.facts)]
    both_r, both_c = nearest_pairs(
        (abs(written_r[i].at - written_c[k].at), i, k)
        for i in loose_r
        for k in loose_c
        if written_r[i].readings & written_c[k].readings
    )
    written_r = [w for k, w in enumerate(written_r) if k not in both_r]
    written_c = [w for k, w in enumerate(written_c) if k not in both_c]
    left_r = [r for i, r in enumerate(ref.facts) if i not in done_r]
    left_c = [c for k, c in enumerate(cand.facts) if k not in done_c]
    return (
        _not_written(left_r, written_c, by_fact, place),
        _not_written(left_c, written_r, by_fact, place),
    )


def _free(placed: Placed, settled: list[Fact]) -> list[Written]:
    """The digits of a sentence outside the figures already settled."""
    side, sentence = placed.side, placed.sentence
    width = max(sentence.end - sentence.start, 1)
    return [
        Written((start - sentence.start) / width, start, end, readings)
        for start, end, readings in written_in(
            side.document.text, sentence.start, sentence.end, side.language
        )
        if not any(f.start <= start and end <= f.end for f in settled)
    ]


def _inside(written: Written, facts: list[Fact]) -> bool:
    return any(f.start <= written.start and written.end <= f.end for f in facts)


def _not_written(
    facts: list[Fact],
    written: list[Written],
    by_fact: dict[int, Quantity],
    place: Callable[[Fact], float],
) -> list[Fact]:
    """`facts` whose value no digits of the other sentence write, one for one by place."""
    done, _ = nearest_pairs(
        (abs(w.at - place(fact)), i, k)
        for i, fact in enumerate(facts)
        for k, w in enumerate(written)
        if by_fact[id(fact)].value in w.readings
    )
    return [fact for i, fact in enumerate(facts) if i not in done]


def nearest_pairs(options: Iterable[tuple[float, int, int]]) -> tuple[set[int], set[int]]:
    """One for one, the nearest (distance, left index, right index) options first."""
    left: set[int] = set()
    right: set[int] = set()
    for _, i, k in sorted(options):
        if i not in left and k not in right:
            left.add(i)
            right.add(k)
    return left, right


def readings_of(raw: str) -> set[float]:
    """A digit token read both ways ("1,500" is 1500 or 1.5)."""
    values = set()
    for group, decimal in ((",", "."), (".", ",")):
        try:
            values.add(float(raw.replace(group, "").replace(decimal, ".")))
        except ValueError:
            continue
    return values


def written_in(
    text: str, start: int, end: int, language: str | None
) -> list[tuple[int, int, frozenset[float]]]:
    """Every value written in digits in `text[start:end]`, with its readings."""
    group = _group_separator(language)
    found = []
    for m in _DIGITS.finditer(text, start, end):
        raw = m.group(0)
        if group and _GROUPED[group].fullmatch(raw):
            readings = {float(raw.replace(group, ""))}
        else:
            readings = readings_of(raw)
        found.append((m.start(), m.end(), frozenset(readings)))
    return found


@functools.cache
def _glued() -> tuple[re.Pattern[str], dict[str, float]]:
    data = table()
    scales = {
        letters.casefold(): float(factor)
        for by_language in (*data["glued_scales"].values(), data["scales"]["*"])
        for letters, factor in by_language.items()
    }
    alternation = "|".join(sorted(map(re.escape, scales), key=len, reverse=True))
    # A match starts only where a number starts, and its digits never give back what they took
    # (possessive): on a 30,000-character run of "1,234,567.89..." the plain pattern retried
    # from every digit and backtracked over the whole run each time (quadratic: minutes).
    number = r"(?<!\d)(?<!\d[.,])(\d++(?:[.,]\d++)*+)"
    return re.compile(rf"{number}({alternation})(?!\w)", re.IGNORECASE), scales


def glued_values(text: str) -> set[float]:
    """The scaled values of digits with a scale letter glued on ("70m", "1.5bn")."""
    pattern, scales = _glued()
    return {
        value * scales[m.group(2).casefold()]
        for m in pattern.finditer(text)
        for value in readings_of(m.group(1))
    }


def _group_separator(language: str | None) -> str | None:
    """The thousands separator of a language ("," in English, "." in Spanish), if known."""
    if not language:
        return None
    return "." if language in table()["decimal_comma"] else ","
