"""Numbers and dates: aligned by value first, then by what they are about.

A value present on both sides is never missing, whatever the language or the words around it
(figures and ISO dates are the same in every language). Only what is left over is compared by
context, which needs the same language (or an English gloss on both facts): a reference figure
and a candidate figure about the same thing with different values are a mismatch.
"""

from __future__ import annotations

import math

from rapidfuzz import fuzz

from factcheck.compare.severity import severity
from factcheck.compare.side import Side, excerpt, same_language, words
from factcheck.models import Discrepancy, Fact

SAME_CONTEXT = 80  # fuzz.token_set_ratio of two contexts that speak of the same thing
VALUE_TOLERANCE = 0.01  # relative: 1.48 and 1.5 are the same figure rounded
LARGE_COUNT = 1000  # a bare count this large is a figure worth keeping
LEAD = 0.25  # share of the article that counts as its lead (where the main event is dated)


def _number(fact: Fact) -> float | None:
    if isinstance(fact.value, int | float) and not isinstance(fact.value, bool):
        return float(fact.value)
    return None


def _same_value(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=VALUE_TOLERANCE, abs_tol=1e-9)


def _same_context(a: Fact, b: Fact, monolingual: bool) -> bool:
    if a.gloss_en and b.gloss_en:
        return fuzz.token_set_ratio(words(a.gloss_en), words(b.gloss_en)) >= SAME_CONTEXT
    ka, kb = words(a.context or ""), words(b.context or "")
    if not ka or not kb:
        return False
    if not monolingual:
        return ka == kb
    return fuzz.token_set_ratio(ka, kb) >= SAME_CONTEXT


def _about(fact: Fact) -> str:
    return f" for {excerpt(fact.context, 40)}" if fact.context else ""


def number_findings(ref: Side, cand: Side) -> list[Discrepancy]:
    """Changed and missing figures."""
    monolingual = same_language(ref, cand)
    cand_values = [(c, v) for c in cand.numbers if (v := _number(c)) is not None]
    ref_values = [v for r in ref.numbers if (v := _number(r)) is not None]
    # Candidate figures whose value the reference never gives: the only ones that can differ.
    spare = [(c, v) for c, v in cand_values if not any(_same_value(v, rv) for rv in ref_values)]
    found: list[Discrepancy] = []
    reported: list[float] = []
    for r in ref.numbers:
        value = _number(r)
        if value is None or any(_same_value(value, cv) for _, cv in cand_values):
            continue
        if any(_same_value(value, seen) for seen in reported):
            continue  # the same figure said twice is one finding
        reported.append(value)
        unit = (r.unit or "").casefold()
        twin = next(
            (
                (c, v)
                for c, v in spare
                if (c.unit or "").casefold() == unit and _same_context(r, c, monolingual)
            ),
            None,
        )
        if twin is not None:
            spare.remove(twin)
            found.append(
                Discrepancy(
                    "number_mismatch",
                    severity("number_mismatch"),
                    f"The reference gives {r.text}{_about(r)}; the candidate gives {twin[0].text}.",
                    reference=ref.evidence(r),
                    candidate=cand.evidence(twin[0]),
                )
            )
            continue
        measured = bool(r.unit) or abs(value) >= LARGE_COUNT
        found.append(
            Discrepancy(
                "missing_number",
                severity("missing_number", "measured" if measured else "default"),
                f"The reference gives {r.text}{_about(r)}; the candidate gives no such figure.",
                reference=ref.evidence(r),
            )
        )
    return found


def _compatible(a: str, b: str) -> bool:
    """Whether two ISO dates can be the same day ("2024-07" and "2024-07-09" can)."""
    return a.startswith(b) or b.startswith(a)


def date_findings(ref: Side, cand: Side) -> list[Discrepancy]:
    """Changed and missing dates (unresolved relative dates in the reference are skipped)."""
    monolingual = same_language(ref, cand)
    cand_resolved = [c for c in cand.dates if isinstance(c.value, str) and c.value]
    ref_values = [r.value for r in ref.dates if isinstance(r.value, str) and r.value]
    spare = [c for c in cand_resolved if not any(_compatible(str(c.value), v) for v in ref_values)]
    relative = [c for c in cand.dates if not c.value]
    found: list[Discrepancy] = []
    reported: set[str] = set()
    for r in ref.dates:
        if not isinstance(r.value, str) or not r.value or r.value in reported:
            continue
        if any(_compatible(r.value, str(c.value)) for c in cand_resolved):
            continue
        reported.add(r.value)
        what = f" {excerpt(r.context, 40)}" if r.context else ""
        twin = next((c for c in spare if _same_context(r, c, monolingual)), None)
        if twin is None and len(r.value) == 10 and ref.position(r) <= LEAD:
            # The lead's date moved a few days (across languages contexts cannot be compared).
            twin = next(
                (
                    c
                    for c in spare
                    if len(str(c.value)) == 10
                    and str(c.value)[:7] == r.value[:7]
                    and cand.position(c) <= LEAD
                ),
                None,
            )
        if twin is not None:
            spare.remove(twin)
            found.append(
                Discrepancy(
                    "date_mismatch",
                    severity("date_mismatch"),
                    f"The reference dates{what or ' the event'} to {r.value} ({r.text}); the candidate"
                    f" to {twin.value} ({twin.text}).",
                    reference=ref.evidence(r),
                    candidate=cand.evidence(twin),
                )
            )
            continue
        vague = next((c for c in relative if _same_context(r, c, monolingual)), None)
        main = len(r.value) == 10 and ref.position(r) <= LEAD
        ending = f"only says “{vague.text}”" if vague else "gives no such date"
        found.append(
            Discrepancy(
                "missing_date",
                severity("missing_date", "main" if main else "default"),
                f"The reference dates{what or ' an event'} to {r.value} ({r.text}); the"
                f" candidate {ending}.",
                reference=ref.evidence(r),
                candidate=cand.evidence(vague) if vague else None,
            )
        )
    return found
