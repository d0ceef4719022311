"""The LLM judge: one batched call per article pair for what rules cannot settle.

The comparison engine hands over the quote pairs it could not decide (across languages, above
all) and the candidate's claims; the model answers same/altered/different per pair and
supported/contradicted/not_mentioned per claim. Items it leaves out stay with the rules.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from factcheck.compare.judge import ClaimVerdict, JudgeRequest, JudgeResult, QuoteVerdict
from factcheck.models import Fact, Source

if TYPE_CHECKING:
    from factcheck.backend import Backend

MAX_CONTEXT_FACTS = 80  # per side: enough for the model to see the article's substance


def _fact_line(fact: Fact) -> str:
    if fact.kind == "quote":
        who = fact.speaker or "unattributed"
        gloss = f" (English: {fact.gloss_en})" if fact.gloss_en else ""
        return f"- quote by {who}: «{fact.value}»{gloss}"
    if fact.kind == "claim":
        return f"- claim: {fact.text}" + (f" (English: {fact.gloss_en})" if fact.gloss_en else "")
    value = f"{fact.value:g}" if isinstance(fact.value, float) else fact.value
    extra = " ".join(x for x in (fact.unit, fact.context) if x)
    return f"- {fact.kind}: {fact.text} = {value} {extra}".rstrip()


def _facts_block(facts: Iterable[Fact]) -> str:
    chosen = [f for f in facts if f.kind in ("quote", "claim", "number", "date")]
    return "\n".join(_fact_line(f) for f in chosen[:MAX_CONTEXT_FACTS]) or "(none)"


def render_judge_prompt(request: JudgeRequest) -> tuple[str, str, str]:
    """(system, user, prompt id) for one judge request."""
    from factcheck.prompts import load_prompt

    prompt = load_prompt("judge")
    pairs = "\n".join(
        f"{pair.id}: REFERENCE quote by {pair.reference.speaker or 'unattributed'}: "
        f"«{pair.reference.value}» | CANDIDATE quote by "
        f"{pair.candidate.speaker or 'unattributed'}: «{pair.candidate.value}»"
        for pair in request.quote_pairs
    )
    claims = "\n".join(f"{item.id}: {item.claim.text}" for item in request.claims)
    system, user = prompt.render(
        reference_language=request.reference_language or "unknown",
        candidate_language=request.candidate_language or "unknown",
        reference_facts=_facts_block(request.reference_facts),
        candidate_facts=_facts_block(request.candidate_facts),
        quote_pairs=pairs or "(none)",
        claims=claims or "(none)",
    )
    return system, user, prompt.id


class LLMJudge:
    """A `Judge` backed by the run's LLM chain."""

    def __init__(self, backend: Backend) -> None:
        self.backend = backend

    def judge(self, request: JudgeRequest) -> JudgeResult:
        """Verdicts for the request's quote pairs and claims (empty when the LLM is down)."""
        if not (request.quote_pairs or request.claims) or not self.backend.llm_available():
            return JudgeResult()
        from factcheck.extract.llm import llm_schema
        from factcheck.providers.base import Message, Request

        system, user, prompt_id = render_judge_prompt(request)
        chain = self.backend.chain
        assert chain is not None
        completion = self.backend.call_llm(
            chain.complete(
                Request(
                    system=system,
                    messages=(Message("user", user),),
                    schema=llm_schema("llm_judge"),
                    schema_name="judgement",
                    prompt_version=prompt_id,
                )
            )
        )
        if completion is None:
            return JudgeResult()
        source = Source("llm", completion.provider, completion.model)
        pair_ids = {pair.id for pair in request.quote_pairs}
        claim_ids = {item.id for item in request.claims}
        return JudgeResult(
            quotes=tuple(
                QuoteVerdict(v["id"], v["verdict"], v["reason"], source)
                for v in completion.data["quotes"]
                if v["id"] in pair_ids
            ),
            claims=tuple(
                ClaimVerdict(v["id"], v["verdict"], v["reason"], source)
                for v in completion.data["claims"]
                if v["id"] in claim_ids
            ),
        )
