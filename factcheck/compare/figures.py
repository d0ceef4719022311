"""Numbers and dates: a change needs the same subject, an omission or addition only a value.

- A figure or date of one side is *carried* by the other when a figure that agrees with it
  (rounding, conversion, bounds: `quantities`) or a compatible date is written anywhere there.
- A *mismatch* is stricter: the two facts sit in aligned sentences (`align`), are of one family
  (a currency, %, a measure, a count; a date of the same precision), neither value is carried by
  the aligned sentence, and the candidate's value is supported nowhere in the reference. A value
  "found" elsewhere in the other article does not hide a change in the sentence that states it.
- What is left is `missing_*` (the reference's, low) or `added_*` (the candidate's, medium when
  it is a figure that matters or a dated day; low for small bare counts and bare years).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from typing import TypeVar

from factcheck.compare.align import Alignment, Sentence, align_sentences
from factcheck.compare.quantities import (
    Quantity,
    conflict,
    equivalent,
    quantity,
    same_value,
)
from factcheck.compare.severity import severity
from factcheck.compare.side import Side, excerpt, same_language, words
from factcheck.models import Discrepancy, Fact

LARGE_COUNT = 10  # a bare count from this size up is a figure worth stating as added
DAY = len("2024-07-09")
DATELINE = 200  # characters: a date this early that is the publication date is metadata

F = TypeVar("F", bound=Fact)
_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")


def _in(sentence: Sentence, facts: Sequence[F]) -> list[F]:
    return [f for f in facts if sentence.start <= f.start < sentence.end]


def _pairs(
    alignment: Alignment, ref_facts: list[F], cand_facts: list[F]
) -> list[tuple[Sentence, Sentence, str, list[F], list[F]]]:
    """Aligned sentence pairs (and how they were aligned) with the facts of each sentence."""
    out = []
    for i, (j, how) in sorted(alignment.pairs.items()):
        rs, cs = alignment.reference[i], alignment.candidate[j]
        r, c = _in(rs, ref_facts), _in(cs, cand_facts)
        if r and c:
            out.append((rs, cs, how, r, c))
    return out


def _trusted(alignment: Alignment, how: str, same_subject: bool, bare: bool) -> bool:
    """Whether a conflict in aligned sentences is about one fact. Sentence for sentence
    (a translation, a light edit), the alignment alone says so. Between independent reports a
    sentence also holds other facts of the same kind: a bare count or a date needs the same
    counted noun or event words (one language), a figure with a unit a sentence anchored on
    shared names and figures."""
    if alignment.parallel:
        return True
    return same_subject if bare else (how == "anchored" or same_subject)


def _match_one(
    left: list[F], right: list[F], related: Callable[[F, F], bool], closer: Callable[[F, F], bool]
) -> list[tuple[F, F]]:
    """Pairs of related facts where the pairing is unambiguous: one on each side, or one that
    is also `closer` (the same counted noun) when a sentence holds several."""
    found = []
    for a in left:
        options = [b for b in right if related(a, b)]
        if len(options) > 1 or (options and sum(related(x, options[0]) for x in left) > 1):
            options = [b for b in options if closer(a, b)]
            if len(options) != 1 or sum(closer(x, options[0]) for x in left) != 1:
                continue
        if len(options) == 1:
            found.append((a, options[0]))
    return found


def _about(fact: Fact) -> str:
    return f" for {excerpt(fact.context, 40)}" if fact.context else ""


def _quantities(side: Side) -> list[tuple[Fact, Quantity]]:
    cached = side.memo.get("quantities")
    if cached is None:
        text = side.document.text
        cached = [(f, q) for f in side.numbers if (q := quantity(f, text)) is not None]
        side.memo["quantities"] = cached
    return cached


def _values_in(text: str) -> set[float]:
    """Every value written in digits in `text`, read both ways ("1,500" is 1500 or 1.5)."""
    values = set()
    for m in _DIGITS.finditer(text):
        raw = m.group(0)
        for group, decimal in ((",", "."), (".", ",")):
            try:
                values.add(float(raw.replace(group, "").replace(decimal, ".")))
            except ValueError:
                continue
    return values


def _written_values(side: Side) -> set[float]:
    """Every value written in digits anywhere in the text, and the years of its dates: "Flight
    574", "the 85th anniversary", "the 1990s" carry a figure the extractor rightly does not take
    as one."""
    cached = side.memo.get("written_values")
    if cached is None:
        cached = _values_in(side.document.text)
        cached |= {
            float(str(d.value)[:4]) for d in side.dates if isinstance(d.value, str) and d.value
        }
        side.memo["written_values"] = cached
    return cached


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

    def carried(q: Quantity, pool: list[tuple[Fact, Quantity]], written: set[float]) -> bool:
        # A bare count may be a figure whose unit an extractor missed, and digits the extractor
        # did not take ("Flight 574", "9 months ago") still state a value: the value is enough.
        # But "21%" is not carried by "21 kilometres": two explicit units that differ.
        same = [p for _, p in pool if same_value(q.value, p.value)]
        if any(equivalent(q, p) or _loose_unit(q, p) for p in same):
            return True
        if any(equivalent(q, p) for _, p in pool):
            return True
        return not same and q.value in written

    found: list[Discrepancy] = []
    used: set[int] = set()
    alignment = align_sentences(ref, cand)
    monolingual = same_language(ref, cand)
    for r_sentence, c_sentence, how, r_facts, c_facts in _pairs(
        alignment, ref.numbers, cand.numbers
    ):
        in_sentence = _values_in(cand.document.text[c_sentence.start : c_sentence.end])
        r_left = [
            r
            for r in r_facts
            if id(r) in by_fact
            and by_fact[id(r)].value not in in_sentence  # "1967" read as a year over there
            and not any(
                equivalent(by_fact[id(r)], by_fact[id(c)]) for c in c_facts if id(c) in by_fact
            )
            # Between independent reports, a figure the candidate gives elsewhere was moved.
            and (alignment.parallel or not carried(by_fact[id(r)], cq, set()))
        ]
        c_left = [
            c
            for c in c_facts
            if id(c) in by_fact
            and id(c) not in used
            and not any(equivalent(by_fact[id(c)], q) for _, q in rq)
            and by_fact[id(c)].value
            not in _values_in(ref.document.text[r_sentence.start : r_sentence.end])
        ]

        def related(r: Fact, c: Fact, how: str = how) -> bool:
            # Digits against words ("5,000" and "twee verdiepingen") are rarely one figure.
            qr, qc = by_fact[id(r)], by_fact[id(c)]
            if _has_digits(r) != _has_digits(c) or not conflict(qr, qc):
                return False
            bare = qr.family == "count"
            if bare and (_year_like(r) or _year_like(c)):
                return False  # "1997" and "0": a year is no count
            same_subject = monolingual and _same_words(r, c)
            return _trusted(alignment, how, same_subject, bare)

        for r, c in _match_one(r_left, c_left, related, _same_words):
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
    changed_from = [by_fact[i].value for i in used if i in ref_ids]
    changed_to = [by_fact[i].value for i in used if i not in ref_ids]
    reported: list[float] = list(changed_from)
    for r, q in rq:
        if id(r) in used or carried(q, cq, cand_written):
            continue
        if any(same_value(q.value, seen) for seen in reported):
            continue  # the same figure said twice is one finding
        reported.append(q.value)
        found.append(
            Discrepancy(
                "missing_number",
                severity("missing_number"),
                f"The reference gives {r.text}{_about(r)}; the candidate gives no such figure.",
                reference=ref.evidence(r),
            )
        )
    reported = list(changed_to)
    for c, q in cq:
        if id(c) in used or carried(q, rq, ref_written):
            continue
        if any(same_value(q.value, seen) for seen in reported):
            continue
        reported.append(q.value)
        # Spelled-out figures ("dieci", "a third") are rephrased freely ("a decade", "33%"); a
        # figure in material the reference does not cover at all (background, page furniture)
        # adds to the story less than one added to a sentence both articles tell.
        measured = (
            _has_digits(c)
            and (q.family != "count" or abs(q.value) >= LARGE_COUNT)
            and alignment.aligned_candidate(c.start)
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


def _year_like(fact: Fact) -> bool:
    text = fact.text.strip()
    return len(text) == 4 and text.isdigit() and 1000 <= int(text) <= 2100


def _has_digits(fact: Fact) -> bool:
    return any(ch.isdigit() for ch in fact.text)


def _compatible(a: str, b: str) -> bool:
    """Whether two ISO dates can be the same day ("2024-07" and "2024-07-09" can)."""
    return a.startswith(b) or b.startswith(a)


def _resolved(side: Side) -> list[Fact]:
    return [d for d in side.dates if isinstance(d.value, str) and d.value]


def _metadata(side: Side, fact: Fact) -> bool:
    """A dateline: the article's first date, at its top, and its own publication date."""
    published = side.document.published
    first = min((d.start for d in side.dates), default=-1)
    return (
        fact.start == first
        and fact.start < DATELINE
        and published is not None
        and str(fact.value) == published.isoformat()
    )


def date_findings(ref: Side, cand: Side) -> list[Discrepancy]:
    """Changed, missing and added dates (unresolved relative dates are skipped)."""
    ref_dates, cand_dates = _resolved(ref), _resolved(cand)
    ref_values = [str(d.value) for d in ref_dates]
    cand_values = [str(d.value) for d in cand_dates]
    alignment = align_sentences(ref, cand)
    found: list[Discrepancy] = []
    used: set[int] = set()
    monolingual = same_language(ref, cand)
    for _, _, how, r_facts, c_facts in _pairs(alignment, ref_dates, cand_dates):
        r_left = [
            r for r in r_facts if not any(_compatible(str(r.value), str(c.value)) for c in c_facts)
        ]
        # A coarser date elsewhere ("June 2005", "this year") does not settle a day; the very
        # same date stated elsewhere in the reference means another fact, not a changed one.
        c_left = [
            c
            for c in c_facts
            if id(c) not in used
            and str(c.value) not in ref_values
            and not any(str(r.value).startswith(str(c.value)) for r in r_facts)
        ]

        def related(r: Fact, c: Fact, how: str = how) -> bool:
            # A dateline is a publication date, not a fact of the story: a retelling is
            # routinely published on another day.
            if _metadata(ref, r) or _metadata(cand, c):
                return False
            if len(str(r.value)) != len(str(c.value)):
                return False
            if (r.relative or c.relative) and not _clearly_apart(str(r.value), str(c.value)):
                return False
            if alignment.parallel or monolingual:
                return _trusted(alignment, how, monolingual and _same_words(r, c), bare=True)
            # Across languages event words cannot be compared: two days (an inferred one only
            # when clearly apart, above), in sentences anchored on shared names and figures.
            return len(str(r.value)) == DAY and how == "anchored"

        for r, c in _match_one(r_left, c_left, related, _same_words):
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
    relative = [c for c in cand.dates if not c.value]
    reported: set[str] = set()
    for r in ref_dates:
        value = str(r.value)
        if id(r) in used or value in reported or any(_compatible(value, v) for v in cand_values):
            continue
        reported.add(value)
        what = f" {excerpt(r.context, 40)}" if r.context else " an event"
        vague = next((c for c in relative if _same_words(r, c)), None)
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
    for c in cand_dates:
        value = str(c.value)
        if id(c) in used or value in reported or any(_compatible(value, v) for v in ref_values):
            continue
        if _metadata(cand, c):
            continue
        reported.add(value)
        what = f" {excerpt(c.context, 40)}" if c.context else " an event"
        found.append(
            Discrepancy(
                "added_date",
                severity(
                    "added_date", _added_date_case(c, value, alignment.aligned_candidate(c.start))
                ),
                f"The candidate dates{what} to {value} ({c.text}); the reference gives no such"
                " date.",
                candidate=cand.evidence(c),
            )
        )
    return found


def _clearly_apart(a: str, b: str) -> bool:
    """Whether a date inferred from "Thursday" or "last week" surely differs from another: two
    days not a whole number of weeks apart ("Monday" and "last Monday" are one reading apart)."""
    if len(a) != DAY or len(b) != DAY:
        return False
    gap = abs((dt.date.fromisoformat(a) - dt.date.fromisoformat(b)).days)
    return gap % 7 != 0


def _added_date_case(fact: Fact, value: str, retold: bool) -> str:
    if fact.relative:
        return "relative"
    if not retold:
        return "background"
    return "year" if len(value) == 4 else "default"


def _same_words(a: Fact, b: Fact) -> bool:
    """Whether two facts name the same counted noun or event (one language)."""
    ka, kb = set(words(a.context or "").split()), set(words(b.context or "").split())
    return bool(ka and kb) and (ka <= kb or kb <= ka)
