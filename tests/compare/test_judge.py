"""The Judge seam: what it is asked, and how its verdicts become findings."""

from __future__ import annotations

from factcheck.compare import (
    ClaimVerdict,
    JudgeRequest,
    JudgeResult,
    QuoteVerdict,
    compare,
)
from factcheck.errors import TransientError
from factcheck.models import Fact, Source
from tests.compare.helpers import doc, fact, kinds, mentions, quote

LLM = Source("llm", "fake", "judge-1")

REF = (
    'Mayor Maria Santos said: "The bridge will open to traffic before the summer of 2027." '
    'A statement added: "Nobody will pay a toll to cross the new bridge."'
)
CAND = (
    "La maire Maria Santos a déclaré : « Le pont ouvrira avant l'hiver 2028. »"
    " Le communiqué ajoute : « Personne ne paiera de péage. »"
    " Selon l'article, le pont a coûté deux fois son budget."
)


class FakeJudge:
    """Answers from a table of verdicts by item id, and records what it was asked."""

    def __init__(self, quotes: dict[str, str] | None = None, claims: dict[str, str] | None = None):
        self.quotes, self.claims = quotes or {}, claims or {}
        self.requests: list[JudgeRequest] = []

    def judge(self, request: JudgeRequest) -> JudgeResult:
        self.requests.append(request)
        return JudgeResult(
            quotes=tuple(
                QuoteVerdict(p.id, self.quotes[p.id], f"reason for {p.id}", LLM)  # type: ignore[arg-type]
                for p in request.quote_pairs
                if p.id in self.quotes
            ),
            claims=tuple(
                ClaimVerdict(c.id, self.claims[c.id], "the reference gives no cost", LLM)  # type: ignore[arg-type]
                for c in request.claims
                if c.id in self.claims
            ),
        )


class FailingJudge:
    def judge(self, request: JudgeRequest) -> JudgeResult:
        raise TransientError("overloaded", provider="fake")


def _pair():
    ref, cand = doc(REF), doc(CAND, language="fr")
    ref_facts = [
        quote(ref, '"The bridge will open to traffic before the summer of 2027."', "Maria Santos"),
        quote(ref, '"Nobody will pay a toll to cross the new bridge."'),
        *mentions(ref, "Maria Santos", "person"),
    ]
    cand_facts: list[Fact] = [
        quote(cand, "« Le pont ouvrira avant l'hiver 2028. »", "Maria Santos"),
        quote(cand, "« Personne ne paiera de péage. »", "le communiqué"),
        *mentions(cand, "Maria Santos", "person"),
        fact(cand, "claim", "le pont a coûté deux fois son budget", value="the bridge cost double"),
    ]
    return ref, ref_facts, cand, cand_facts


def test_without_a_judge_rules_see_across_languages_only_a_changed_figure_and_a_lost_quote():
    ref, ref_facts, cand, cand_facts = _pair()
    result = compare(ref, ref_facts, cand, cand_facts)
    # "summer of 2027" retold as "l'hiver 2028": the year is evidence; the season needs a judge.
    assert kinds(result.discrepancies) == [("altered_quote", "high"), ("missing_quote", "low")]
    assert "2027 became 2028" in result.discrepancies[0].message


def test_the_judge_is_asked_about_cross_language_pairs_unmatched_quotes_and_claims():
    ref, ref_facts, cand, cand_facts = _pair()
    judge = FakeJudge()
    compare(ref, ref_facts, cand, cand_facts, judge=judge)
    (request,) = judge.requests
    assert (request.reference_language, request.candidate_language) == ("en", "fr")
    by_id = {p.id: (p.reference.speaker, p.candidate.speaker) for p in request.quote_pairs}
    assert by_id["m0"] == ("Maria Santos", "Maria Santos")
    assert by_id["u0.0"] == (None, "le communiqué")
    assert [c.claim.text for c in request.claims] == ["le pont a coûté deux fois son budget"]


def test_judge_verdicts_become_findings_with_the_judges_source():
    ref, ref_facts, cand, cand_facts = _pair()
    judge = FakeJudge(quotes={"m0": "altered", "u0.0": "same"}, claims={"c0": "not_mentioned"})
    result = compare(ref, ref_facts, cand, cand_facts, judge=judge)
    assert kinds(result.discrepancies) == [
        ("altered_quote", "high"),
        ("unsupported_claim", "medium"),
    ]
    altered, claim = result.discrepancies
    assert altered.source == LLM and "reason for m0" in altered.message
    assert altered.reference is not None and altered.candidate is not None
    assert claim.source == LLM and claim.candidate is not None
    assert "the bridge cost double" in claim.message


def test_a_different_verdict_unpairs_quotes_and_a_contradiction_is_high():
    ref, ref_facts, cand, cand_facts = _pair()
    judge = FakeJudge(quotes={"m0": "different"}, claims={"c0": "contradicted"})
    result = compare(ref, ref_facts, cand, cand_facts, judge=judge)
    found = kinds(result.discrepancies)
    assert ("contradicted_claim", "high") in found
    missing = [d for d in result.discrepancies if d.kind == "missing_quote"]
    assert any(d.source == LLM and "Maria Santos" in d.message for d in missing)


def test_a_failing_judge_leaves_the_rules_result_and_a_notice():
    ref, ref_facts, cand, cand_facts = _pair()
    result = compare(ref, ref_facts, cand, cand_facts, judge=FailingJudge())
    assert kinds(result.discrepancies) == [("altered_quote", "high"), ("missing_quote", "low")]
    assert result.run.degraded
    assert "judge failed" in result.run.notices[0]
