"""The comparison of a candidate article with its reference: pure, no I/O."""

from __future__ import annotations

from collections.abc import Sequence

from factcheck.compare.consult import consult
from factcheck.compare.entities import entity_findings
from factcheck.compare.figures import date_findings, number_findings
from factcheck.compare.judge import Judge
from factcheck.compare.names import speaker_matches
from factcheck.compare.quote_findings import empty_quotes, quote_findings
from factcheck.compare.quotes import align_quotes
from factcheck.compare.side import Side, is_empty_quote
from factcheck.compare.story import different_story
from factcheck.models import (
    DISCREPANCY_KINDS,
    SEVERITY_RANK,
    Comparison,
    Discrepancy,
    Document,
    Fact,
    Flag,
    RunInfo,
    Verdict,
)


def _order(found: Discrepancy) -> tuple[int, int, int]:
    where = found.reference or found.candidate
    return (
        -SEVERITY_RANK[found.severity],
        DISCREPANCY_KINDS.index(found.kind),
        where.start if where else 0,
    )


def compare(
    reference: Document,
    reference_facts: Sequence[Fact],
    candidate: Document,
    candidate_facts: Sequence[Fact],
    *,
    judge: Judge | None = None,
    run: RunInfo | None = None,
) -> Comparison:
    """Where `candidate` departs from `reference`, with evidence from one or both articles.

    With `judge`, cross-language quote pairs, unmatched quotes and candidate claims are also put
    to it; without, the rules alone decide. When the articles tell different stories the verdict
    is `different_story` and only the candidate's empty quotes (its own defect, whatever it is
    compared with) are reported.
    """
    ref = Side.of("reference", reference, reference_facts)
    cand = Side.of("candidate", candidate, candidate_facts)
    run = run or RunInfo()
    flags = tuple(
        Flag("ai_disclaimer", side.role, side.evidence(fact))
        for side in (ref, cand)
        for fact in side.disclaimers
    )
    found: list[Discrepancy]
    verdict: Verdict
    if different_story(ref, cand):
        found = [d for d in empty_quotes(ref, cand) if d.candidate is not None]
        verdict = "different_story"
    else:
        alignment = align_quotes(ref, cand)
        claims: list[Discrepancy] = []
        if judge is not None:
            claims, run = consult(judge, ref, cand, alignment, run)
        cand_speakers = [q.speaker for q in cand.quotes if q.speaker and not is_empty_quote(q)]
        unquoted = [
            q.speaker
            for q in alignment.reference
            if q.speaker and not any(speaker_matches(q.speaker, s) for s in cand_speakers)
        ]
        found = [
            *empty_quotes(ref, cand),
            *quote_findings(ref, cand, alignment),
            *date_findings(ref, cand),
            *number_findings(ref, cand),
            *entity_findings(ref, cand, skip=unquoted),
            *claims,
        ]
        verdict = "discrepancies" if found else "consistent"
    return Comparison(
        reference=reference,
        candidate=candidate,
        verdict=verdict,
        discrepancies=tuple(sorted(found, key=_order)),
        flags=flags,
        reference_facts=tuple(reference_facts),
        candidate_facts=tuple(candidate_facts),
        run=run,
    )
