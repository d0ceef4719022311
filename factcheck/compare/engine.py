"""The comparison of a candidate article with its reference: pure, no I/O."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from factcheck.compare.claims import claim_findings
from factcheck.compare.consult import consult
from factcheck.compare.dates import date_findings
from factcheck.compare.entities import entity_findings
from factcheck.compare.figures import number_findings
from factcheck.compare.judge import Judge
from factcheck.compare.names import speaker_matches
from factcheck.compare.phrases import phrase_findings
from factcheck.compare.quote_findings import empty_quotes, quote_findings
from factcheck.compare.quotes import align_quotes
from factcheck.compare.side import Side, is_brief, is_empty_quote
from factcheck.compare.story import Profile, profile, profiles_differ
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

# What `different_story` still reports: the same fact stated differently, and empty quotes.
CONFLICTS = frozenset(
    {
        "empty_quote",
        "altered_quote",
        "misattributed_quote",
        "date_mismatch",
        "number_mismatch",
        "contradicted_claim",
    }
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
    is `different_story` and only conflicts (a fact stated differently in aligned sentences, an
    altered or misattributed quote) and the candidate's empty quotes are reported.
    """
    ref = Side.of("reference", reference, reference_facts)
    return _compare_sides(ref, Side.of("candidate", candidate, candidate_facts), judge, run)


def compare_each(
    reference: Document,
    reference_facts: Sequence[Fact],
    candidates: Iterable[tuple[Document, Sequence[Fact]]],
) -> Iterator[Comparison]:
    """`compare` (rules only) of the reference with each candidate in turn, the reference read
    once: its sentences, names, figures and word index serve every pair of its story."""
    ref = Side.of("reference", reference, reference_facts)
    for candidate, candidate_facts in candidates:
        yield _compare_sides(ref, Side.of("candidate", candidate, candidate_facts), None, None)


def _profile(side: Side) -> Profile:
    found: Profile | None = side.memo.get("profile")
    if found is None:
        found = side.memo["profile"] = profile(side.document, side.facts)
    return found


def _compare_sides(ref: Side, cand: Side, judge: Judge | None, run: RunInfo | None) -> Comparison:
    run = run or RunInfo()
    flags = tuple(
        Flag("ai_disclaimer", side.role, side.evidence(fact), fact.disclosure or "ai_written")
        for side in (ref, cand)
        for fact in side.disclaimers
    )
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
    new_voices = [q.speaker for q in alignment.candidate if q.speaker]
    found = [
        *empty_quotes(ref, cand),
        *quote_findings(ref, cand, alignment),
        *date_findings(ref, cand),
        *number_findings(ref, cand),
        *entity_findings(ref, cand, skip=unquoted, new_voices=new_voices),
        *claim_findings(ref, cand),
        *claims,
    ]
    found.extend(phrase_findings(ref, cand, found))
    verdict: Verdict = "discrepancies" if found else "consistent"
    if ref.document.text != cand.document.text and profiles_differ(
        _profile(ref), profile(cand.document, cand.facts), is_brief(ref, cand)
    ):
        # Too little in common for omissions and additions to mean anything; a conflict the
        # alignment still found (same sentence, same quote) is reported all the same.
        verdict = "different_story"
        found = [d for d in found if d.kind in CONFLICTS and d.candidate is not None]
    return Comparison(
        reference=ref.document,
        candidate=cand.document,
        verdict=verdict,
        discrepancies=tuple(sorted(found, key=_order)),
        flags=flags,
        reference_facts=ref.facts,
        candidate_facts=cand.facts,
        run=run,
    )
