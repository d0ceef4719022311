"""Figures: a change needs the same subject; an omission or an addition only a value.

- A figure of one side is *carried* by the other when a figure that is the same value (rounded,
  converted: `quantities`) is written anywhere there.
- A *mismatch* is stricter: the two figures sit in aligned sentences (`align`), are of one
  family (a currency, %, a measure, a count), cannot agree (rounding, conversion, bounds), and
  neither is carried by the aligned sentence. A value "found" elsewhere in the other article does
  not hide a change in the sentence that states it. Between independent reports (not
  sentence-parallel) a bare count also needs the same counted noun (`pairing.trusted`).
- What is left is `missing_number` (low) or `added_number` (medium for a figure that matters in
  a sentence both articles tell; low otherwise).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable

from factcheck.compare.align import Sentence, align_sentences
from factcheck.compare.pairing import copied, match_one, retold, same_words, sentence_pairs, trusted
from factcheck.compare.quantities import (
    Quantity,
    agree,
    conflict,
    currency_swapped,
    equivalent,
    quantity,
    same_magnitude,
    same_value,
    to_precision,
)
from factcheck.compare.settle import Placed, glued_values, readings_of, unsettled
from factcheck.compare.severity import severity
from factcheck.compare.side import Side, excerpt, is_brief, same_language
from factcheck.models import Discrepancy, Fact

LARGE_COUNT = 10  # a bare count from this size up is a figure worth stating as added
TABLE_TOKENS = 4  # a line of at least this many tokens ...
TABLE_SHARE = 0.4  # ... this share of them figures is a table row
LIST_RUN = 4  # a line whose counts run 1, 2, 3, 4 (or any k to k + 3) numbers a list

_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
_COUNT = re.compile(r"(?<![\w.,])\d{1,3}(?![\w.,]\d)")


def _about(fact: Fact) -> str:
    return f" for {excerpt(fact.context, 40)}" if fact.context else ""


def _quantities(side: Side) -> list[tuple[Fact, Quantity]]:
    cached = side.memo.get("quantities")
    if cached is None:
        text = side.document.text
        cached = [(f, q) for f in side.numbers if (q := quantity(f, text)) is not None]
        side.memo["quantities"] = cached
    return cached


def _valuesfacts_in(text: str) -> set[float]:
    """Every value written in digits in `text`, read both ways ("1,500" is 1500 or 1.5)."""
    return {v for m in _DIGITS.finditer(text) for v in readings_of(m.group(0))}


# Sizes below this are where `same_value`'s absolute tolerance may count (see _Reported).
TINY = 1e-6


def _written_values(side: Side) -> set[float]:
    """Every value written in digits anywhere in the text, and the years of its dates: "Flight
    574", "the 85th anniversary", "the 1990s" carry a figure the extractor rightly does not take
    as one. Digits with a scale letter glued on ("70m") carry both values: the extractor reads
    the letter only on money ("5m" may be five metres), but "70 millones" is carried all the same.
    """
    cached = side.memo.get("written_values")
    if cached is None:
        cached = _valuesfacts_in(side.document.text) | glued_values(side.document.text)
        cached |= {
            float(d.value[:4])
            for d in side.dates
            if isinstance(d.value, str) and d.value[:4].isdigit()
        }
        side.memo["written_values"] = cached
    return cached


def _held_by(q: Quantity, pool: list[Quantity]) -> tuple[bool, bool]:
    """Whether some figure of `pool` has `q`'s value, and whether one carries `q` (the same
    value in a unit an extractor may miss, rounded, converted, or to fewer digits)."""
    same = [p for p in pool if same_value(q.value, p.value)]
    if any(equivalent(q, p) or _loose_unit(q, p) for p in same):
        return bool(same), True
    # "China with 8.44" beside "China 8%": one figure written to fewer digits
    if any(_loose_unit(q, p) and to_precision(q, p) for p in pool):
        return bool(same), True
    return bool(same), any(equivalent(q, p) for p in pool)


def _spent(
    facts: Iterable[Fact],
    still_open: list[Fact],
    by_fact: dict[int, Quantity],
    counts: Counter[Quantity],
) -> frozenset[Quantity]:
    """The values a pair of sentences settled that their side states nowhere else: each
    stands for its counterpart there, and cannot also stand for another figure."""
    opened = {id(f) for f in still_open}
    here = Counter(by_fact[id(f)] for f in facts if id(f) in by_fact and id(f) not in opened)
    return frozenset(q for q, n in here.items() if counts[q] <= n)


def _unspent(pool: list[Quantity], spent: frozenset[Quantity]) -> list[Quantity]:
    return [p for p in pool if p not in spent]


def _loose_unit(a: Quantity, b: Quantity) -> bool:
    """Units that may be misread: a bare count (unit missed), or two currencies (the symbol is
    the least sure part of a figure: "2,73 $" beside "€2.73" is left to the reader)."""
    return "count" in (a.family, b.family) or (_money(a.family) and _money(b.family))


def _money(family: str) -> bool:
    return len(family) == 3 and family.isupper()


def number_findings(ref: Side, cand: Side) -> list[Discrepancy]:
    """Changed, missing and added figures."""
    rq, cq = _quantities(ref), _quantities(cand)
    by_fact = {id(f): q for f, q in (*rq, *cq)}
    ref_ids = {id(f) for f, _ in rq}
    ref_written, cand_written = _written_values(ref), _written_values(cand)

    monolingual = same_language(ref, cand)

    def carried(
        q: Quantity,
        pool: list[tuple[Fact, Quantity]],
        written: set[float],
        fact: Fact | None = None,
    ) -> bool:
        # A bare count may be a figure whose unit an extractor missed, and digits the extractor
        # did not take ("Flight 574", "9 months ago") still state a value: the value is enough.
        # But "21%" is not carried by "21 kilometres": two explicit units that differ.
        key = (q, id(pool))
        if key not in held_by:
            held_by[key] = _held_by(q, distinct(pool))
        same, held = held_by[key]
        if held:
            return True
        # "at least 68 people" and "72 people" both hold: a bound the other figure about the
        # same counted thing satisfies carries it.
        if fact is not None and monolingual:
            bounds = [(f, p) for f, p in pool if q.qualifier or p.qualifier]
            if any(agree(q, p) and same_words(fact, f) for f, p in bounds):
                return True
        return not same and q.value in written

    # Each figure is checked against the other side's: a text that repeats one figure thousands
    # of times (a table, a fuzzer's input) is checked against it once (issue 16).
    kinds: dict[int, list[Quantity]] = {}
    held_by: dict[tuple[Quantity, int], tuple[bool, bool]] = {}

    def distinct(pool: list[tuple[Fact, Quantity]]) -> list[Quantity]:
        if id(pool) not in kinds:
            kinds[id(pool)] = list(dict.fromkeys(p for _, p in pool))
        return kinds[id(pool)]

    found: list[Discrepancy] = []
    used: set[int] = set()
    ref_counts, cand_counts = Counter(q for _, q in rq), Counter(q for _, q in cq)
    alignment = align_sentences(ref, cand)
    for r_sentence, c_sentence, how, r_facts, c_facts in sentence_pairs(
        alignment, ref.numbers, cand.numbers
    ):

        def place(
            fact: Fact, r_sentence: Sentence = r_sentence, c_sentence: Sentence = c_sentence
        ) -> float:
            sentence = r_sentence if id(fact) in ref_ids else c_sentence
            return (fact.start - sentence.start) / max(sentence.end - sentence.start, 1)

        r_open, c_open = unsettled(
            Placed(ref, r_sentence, [r for r in r_facts if id(r) in by_fact]),
            Placed(
                cand, c_sentence, [c for c in c_facts if id(c) in by_fact and id(c) not in used]
            ),
            by_fact,
            place,
        )
        # A figure this very pair of sentences settled states its own value, not another's:
        # "touched 0.505%, breaching the 0.5% cap" retold with "0.503%" keeps the cap, which
        # no longer stands for 0.505% (a rounding of it) on either side.
        spent_r = _spent(r_facts, r_open, by_fact, ref_counts)
        spent_c = _spent(c_facts, c_open, by_fact, cand_counts)
        # Between independent reports, a figure the candidate gives elsewhere was moved.
        r_left = [
            r
            for r in r_open
            if alignment.parallel
            or not carried(by_fact[id(r)], cq, set())
            or (spent_c and not _held_by(by_fact[id(r)], _unspent(distinct(cq), spent_c))[1])
        ]
        # A figure the reference gives elsewhere is another fact, not a changed one; unless a
        # translation gives it more often than the reference does (one of them is changed).
        c_left = [
            c
            for c in c_open
            if not any(equivalent(by_fact[id(c)], q) for _, q in rq if q not in spent_r)
            or (alignment.parallel and _surplus(by_fact[id(c)], rq, cq))
        ]

        kept = retold(monolingual, r_sentence, c_sentence)
        copy = copied(monolingual, r_sentence, c_sentence)

        def related(r: Fact, c: Fact, how: str = how, kept: bool = kept, copy: bool = copy) -> bool:
            # Digits against words ("5,000" and "twee verdiepingen") are rarely one figure.
            qr, qc = by_fact[id(r)], by_fact[id(c)]
            if _has_digits(r) != _has_digits(c):
                return False
            if not conflict(qr, qc) and not (alignment.translated and currency_swapped(qr, qc)):
                return False
            bare = "count" in (qr.family, qc.family)  # a bare count on either side
            if bare and (_year_like(r) or _year_like(c)):
                return False  # "1997" and "0": a year is no count
            if bare and not alignment.translated and not same_magnitude(qr.value, qc.value):
                return False  # "four robbers" and "two-million-euro": not one count changed
            same_subject = monolingual and same_words(r, c)
            return trusted(alignment, how, same_subject, bare, kept, copy)

        if not alignment.parallel and _apart(r_sentence, c_sentence, r_facts, c_facts):
            continue
        for r, c in match_one(r_left, c_left, related, same_words, alignment.parallel, place):
            used.update((id(r), id(c)))
            found.append(
                Discrepancy(
                    "number_mismatch",
                    severity("number_mismatch"),
                    f"The reference gives {r.text}{_about(r)}; the candidate gives {c.text}"
                    " in the same sentence.",
                    reference=ref.evidence(r),
                    candidate=cand.evidence(c),
                )
            )
    # A changed figure repeated elsewhere (the headline and the body) is one finding.
    ref_text, cand_text = ref.document.text, cand.document.text
    changed_from = [by_fact[i].value for i in used if i in ref_ids]
    changed_to = [by_fact[i].value for i in used if i not in ref_ids]
    reported = _Reported(changed_from)
    for r, q in rq:
        if id(r) in used or carried(q, cq, cand_written, r) or _list_position(ref_text, r):
            continue
        if q.value in reported:
            continue  # the same figure said twice is one finding
        reported.add(q.value)
        found.append(
            Discrepancy(
                "missing_number",
                severity("missing_number"),
                f"The reference gives {r.text}{_about(r)}; the candidate gives no such figure.",
                reference=ref.evidence(r),
            )
        )
    reported = _Reported(changed_to)
    brief = is_brief(ref, cand)
    for c, q in cq:
        if id(c) in used or carried(q, rq, ref_written, c) or _list_position(cand_text, c):
            continue
        if q.value in reported:
            continue
        reported.add(q.value)
        # Spelled-out figures ("dieci", "a third") are rephrased freely ("a decade", "33%"); a
        # figure in material the reference does not cover at all (background, page furniture)
        # adds to the story less than one added to a sentence both articles tell. A brief has
        # no background (`is_brief`).
        measured = (
            _has_digits(c)
            and (q.family != "count" or abs(q.value) >= LARGE_COUNT)
            and (brief or alignment.aligned_candidate(c.start))
            and not _in_table(cand.document.text, c.start)
        )
        found.append(
            Discrepancy(
                "added_number",
                severity("added_number", "measured" if measured else "default"),
                f"The candidate gives {c.text}{_about(c)}; the reference gives no such figure.",
                candidate=cand.evidence(c),
            )
        )
    return found


class _Reported:
    """The values already reported, each found again up to `same_value`'s rounding without
    reading them all (a long article adds thousands of figures: a list made this quadratic).

    Values are kept by sign and by steps of `_STEP` in the logarithm of their size, wider than
    `same_value`'s tolerance, so a value equal to a kept one is in its own step or the next.
    Values near zero, where the absolute tolerance counts, are also kept in one list."""

    _STEP = 0.01

    def __init__(self, values: list[float]) -> None:
        self._steps: dict[tuple[bool, int], list[float]] = {}
        self._small: list[float] = []  # every value under 2 * TINY, whatever its sign
        for value in values:
            self.add(value)

    @classmethod
    def _step(cls, value: float) -> tuple[bool, int]:
        return value < 0, math.floor(math.log(max(abs(value), TINY)) / cls._STEP)

    def add(self, value: float) -> None:
        self._steps.setdefault(self._step(value), []).append(value)
        if abs(value) < 2 * TINY:
            self._small.append(value)

    def __contains__(self, value: float) -> bool:
        negative, step = self._step(value)
        near = [v for d in (-1, 0, 1) for v in self._steps.get((negative, step + d), ())]
        if abs(value) < 2 * TINY:
            near += self._small
        return any(same_value(value, seen) for seen in near)


def _surplus(
    q: Quantity, ref: list[tuple[Fact, Quantity]], cand: list[tuple[Fact, Quantity]]
) -> bool:
    """Whether the candidate gives a value more often than the reference does (units aside:
    one side may have missed the unit of one of them)."""
    return sum(same_value(q.value, p.value) for _, p in cand) > sum(
        same_value(q.value, p.value) for _, p in ref
    )


def _apart(
    r_sentence: Sentence, c_sentence: Sentence, r_facts: list[Fact], c_facts: list[Fact]
) -> bool:
    """Whether two sentences of independent reports that each give several figures share none
    of them, nor a date: a figure changed in a retold sentence sits among figures that did not,
    and sentences with nothing in common report other days or other things ("the index gained
    34.50 points, closing at 2,115" against "it fell 40.75 points, or 2.3%, to 1,769")."""
    if len(r_facts) < 2 or len(c_facts) < 2:
        return False
    shared = r_sentence.anchors & c_sentence.anchors
    return not any(a.startswith(("n:", "d:")) for a in shared)


def _in_table(text: str, offset: int) -> bool:
    """Whether the line holding `offset` reads as a table row or a scorecard (many of its
    tokens are figures): a cell adds a number, not a claim."""
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    tokens = text[start : end if end >= 0 else len(text)].split()
    figures = sum(1 for t in tokens if any(ch.isdigit() for ch in t))
    return len(tokens) >= TABLE_TOKENS and figures >= TABLE_SHARE * len(tokens)


def _list_position(text: str, fact: Fact) -> bool:
    """Whether a count numbers an item of a list written on one line ("1 Matthew Hayden,
    2 Justin Langer, 3 ..."): its line's counts run k, k + 1, k + 2 ... through it. A position
    in a list is no figure of the story."""
    if not fact.text.isdigit():
        return False
    start = text.rfind("\n", 0, fact.start) + 1
    end = text.find("\n", fact.start)
    counts = [int(t) for t in _COUNT.findall(text, start, end if end >= 0 else len(text))]
    value = int(fact.text)
    return any(
        counts[i : i + LIST_RUN] == list(range(counts[i], counts[i] + LIST_RUN))
        and counts[i] <= value < counts[i] + LIST_RUN
        for i in range(len(counts) - LIST_RUN + 1)
    )


def _year_like(fact: Fact) -> bool:
    text = fact.text.strip()
    return len(text) == 4 and text.isdigit() and 1000 <= int(text) <= 2100


def _has_digits(fact: Fact) -> bool:
    return any(ch.isdigit() for ch in fact.text)
