"""Asking a `Judge` about what rules cannot settle, and folding its verdicts back in."""

from __future__ import annotations

import dataclasses

from factcheck.compare.judge import ClaimItem, Judge, JudgeRequest, QuotePair
from factcheck.compare.names import speaker_matches
from factcheck.compare.quotes import QuoteAlignment, QuoteMatch
from factcheck.compare.severity import severity
from factcheck.compare.side import Side, excerpt, same_language
from factcheck.errors import FactcheckError
from factcheck.models import Discrepancy, DiscrepancyKind, Fact, RunInfo

MAX_OPTIONS = 2  # candidate quotes offered for each reference quote left without a match


def _options(ref: Side, cand: Side, quote: Fact, pool: list[Fact]) -> list[Fact]:
    """The candidate quotes most likely to be `quote`: same speaker first, then nearest."""
    return sorted(
        pool,
        key=lambda c: (
            not speaker_matches(quote.speaker, c.speaker),
            abs(ref.position(quote) - cand.position(c)),
        ),
    )[:MAX_OPTIONS]


def consult(
    judge: Judge, ref: Side, cand: Side, alignment: QuoteAlignment, run: RunInfo
) -> tuple[list[Discrepancy], RunInfo]:
    """Ask `judge` about cross-language quote pairs, unmatched quotes and claims.

    Updates `alignment` in place; returns the claim findings and the run (with a notice when the
    judge failed, in which case the rules' alignment stands).
    """
    pairs: list[QuotePair] = []
    matched: dict[str, QuoteMatch] = {}
    if not same_language(ref, cand):
        for n, match in enumerate(alignment.matches):
            if match.how in ("sentence", "speaker", "cues"):
                pairs.append(QuotePair(f"m{n}", match.reference, match.candidate))
                matched[f"m{n}"] = match
    offered: dict[str, tuple[Fact, Fact]] = {}
    for i, quote in enumerate(alignment.reference):
        for j, option in enumerate(_options(ref, cand, quote, alignment.candidate)):
            pairs.append(QuotePair(f"u{i}.{j}", quote, option))
            offered[f"u{i}.{j}"] = (quote, option)
    claims = tuple(ClaimItem(f"c{n}", fact) for n, fact in enumerate(cand.claims))
    if not pairs and not claims:
        return [], run
    request = JudgeRequest(ref.language, cand.language, ref.facts, cand.facts, tuple(pairs), claims)
    try:
        result = judge.judge(request)
    except FactcheckError as error:
        notice = f"The judge failed ({error}); quotes were compared by rules alone."
        return [], dataclasses.replace(run, degraded=True, notices=(*run.notices, notice))

    for verdict in result.quotes:
        pending = matched.get(verdict.id)
        if pending is None:
            continue
        if verdict.verdict == "altered":
            pending.altered, pending.source = verdict.reason, verdict.source
        elif verdict.verdict == "different":
            alignment.matches.remove(pending)
            alignment.reference.append(pending.reference)
            alignment.candidate.append(pending.candidate)
            alignment.judged_missing[pending.reference.start] = verdict.source

    refused: dict[int, int] = {}
    for verdict in result.quotes:
        pair = offered.get(verdict.id)
        if pair is None:
            continue
        quote, option = pair
        if quote not in alignment.reference:
            continue  # already matched by an earlier verdict
        if verdict.verdict == "different" or option not in alignment.candidate:
            refused[quote.start] = refused.get(quote.start, 0) + 1
            if refused[quote.start] >= sum(1 for q, _ in offered.values() if q is quote):
                alignment.judged_missing[quote.start] = verdict.source
            continue
        alignment.reference.remove(quote)
        alignment.candidate.remove(option)
        alignment.judged_missing.pop(quote.start, None)
        altered = verdict.reason if verdict.verdict == "altered" else None
        alignment.matches.append(QuoteMatch(quote, option, "judge", None, altered, verdict.source))
    alignment.matches.sort(key=lambda m: m.reference.start)

    facts = {item.id: item.claim for item in claims}
    found: list[Discrepancy] = []
    for claim_verdict in result.claims:
        claim = facts.get(claim_verdict.id)
        if claim is None or claim_verdict.verdict == "supported":
            continue
        said = excerpt(str(claim.value or claim.text), 80)
        reason = claim_verdict.reason.strip().rstrip(".")
        kind: DiscrepancyKind = (
            "contradicted_claim" if claim_verdict.verdict == "contradicted" else "unsupported_claim"
        )
        verb = "contradicts" if kind == "contradicted_claim" else "does not support"
        found.append(
            Discrepancy(
                kind,
                severity(kind),
                f"The reference {verb} the candidate's claim “{said}”: {reason}.",
                candidate=cand.evidence(claim),
                source=claim_verdict.source,
            )
        )
    return found, run
