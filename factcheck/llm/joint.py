"""One request for a whole comparison: both articles' facts, and the candidate's judged.

`compare` used to ask three times per pair (the reference's facts, the candidate's, then a
judgement listing the candidate's claims against the reference's facts). When the two articles fit
one request, the model now reads both and answers once: the reference's facts (each with an id),
the candidate's facts, and for each candidate claim or quote the reference fact it restates and a
verdict. Nothing is sent twice, and the comparison waits for one answer instead of two rounds.

The answer is grounded like any extraction (each fact's evidence must be in its own article) and
merged with the rules' facts. The verdicts then answer the comparison engine's questions through
`AnnotatedJudge`, so the engine runs the same code whichever way its judge was asked. A pair too
long for one request (over `MAX_JOINT_CHARS` together, more than the server's context window, or
an answer longer than the model writes) is compared the per-article way.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from factcheck.compare.judge import ClaimVerdict, JudgeRequest, JudgeResult, QuoteVerdict
from factcheck.errors import OversizeError
from factcheck.llm.extract import (
    MAX_CHUNK_CHARS,
    TOKENS_PER_FACT,
    facts_limit,
    ground_items,
    output_tokens,
    prompt_tokens,
)
from factcheck.llm.prompts import Prompt, Prompts, load_prompt, load_schema
from factcheck.llm.providers.base import Completion, Message, Provider, Request, context_window
from factcheck.models import Document, Fact, Source

if TYPE_CHECKING:
    from factcheck.compare.judge import ClaimVerdictKind, QuoteVerdictKind

# Both articles together; a longer pair is asked per article. The answer this allows is at most
# 60 facts a side, about 13,000 tokens: a model that writes less refuses the request (a 400
# "max_tokens is too large", `OutputTooLongError`), and the pair is asked per article too.
MAX_JOINT_CHARS = MAX_CHUNK_CHARS
JUDGED_KINDS = ("claim", "quote")  # the candidate facts the model gives a verdict on
VERDICT_TOKENS = 40  # what a candidate fact adds: match, verdict and a one-sentence reason


@cache
def _schema_with_limits(reference: int, candidate: int) -> dict[str, Any]:
    schema = copy.deepcopy(load_schema("compare"))
    schema["properties"]["reference"]["maxItems"] = reference
    schema["properties"]["candidate"]["maxItems"] = candidate
    return schema


def joint_request(
    reference: Document, candidate: Document, prompt: Prompt | None = None
) -> Request:
    """The one request comparing `reference` and `candidate`, sized to the two articles."""
    prompt = prompt or load_prompt("compare")
    ref_max, cand_max = facts_limit(len(reference.text)), facts_limit(len(candidate.text))

    def when(document: Document) -> str:
        return document.published.isoformat() if document.published else "unknown"

    system, user = prompt.render(
        reference_language=reference.language or "unknown",
        candidate_language=candidate.language or "unknown",
        reference_title=reference.title or "(none)",
        candidate_title=candidate.title or "(none)",
        reference_published=when(reference),
        candidate_published=when(candidate),
        reference=reference.text,
        candidate=candidate.text,
        reference_max=str(ref_max),
        candidate_max=str(cand_max),
    )
    return Request(
        system=system,
        messages=(Message("user", user),),
        schema=_schema_with_limits(ref_max, cand_max),
        schema_name="comparison",
        prompt_version=prompt.id,
        max_output_tokens=output_tokens(ref_max) + cand_max * (TOKENS_PER_FACT + VERDICT_TOKENS),
        # Too big for a provider: raise at once, so that the pair is asked per article (which
        # can cut an article in chunks) rather than passed down the chain whole.
        splittable=True,
    )


def fits(request: Request, window: int | None) -> bool:
    """Whether `request` (its instructions, both articles and its answer) fits `window`."""
    return window is None or prompt_tokens(request) + request.max_output_tokens <= window


@dataclass(frozen=True)
class Annotation:
    """What the model said of one candidate claim or quote: the reference fact it restates (as
    grounded; None when it named none, or one that was dropped) and its verdict."""

    fact: Fact
    match: Fact | None
    verdict: str
    reason: str | None


@dataclass(frozen=True)
class JointFacts:
    """The grounded answer of a joint request."""

    reference: tuple[Fact, ...]
    candidate: tuple[Fact, ...]
    annotations: tuple[Annotation, ...]
    dropped: int
    source: Source


@dataclass(frozen=True)
class JointAnswer:
    """A joint request's answer, not yet grounded (`grounded`: CPU work, done off the loop)."""

    reference: Document
    candidate: Document
    completion: Completion

    def grounded(self) -> JointFacts:
        completion = self.completion
        source = Source("llm", completion.provider, completion.model)
        ref_items = completion.data.get("reference", [])
        cand_items = completion.data.get("candidate", [])
        ref_facts = ground_items(self.reference, 0, self.reference.text, ref_items, source)
        cand_facts = ground_items(self.candidate, 0, self.candidate.text, cand_items, source)
        by_id: dict[str, Fact] = {}
        for item, fact in zip(ref_items, ref_facts, strict=True):
            if fact is not None:
                by_id.setdefault(str(item.get("id") or "").strip(), fact)
        annotations = []
        for item, fact in zip(cand_items, cand_facts, strict=True):
            verdict = item.get("verdict")
            if fact is None or fact.kind not in JUDGED_KINDS or not verdict:
                continue
            match = by_id.get(str(item.get("match") or "").strip())
            annotations.append(Annotation(fact, match, verdict, item.get("reason")))
        kept_ref = tuple(f for f in ref_facts if f is not None)
        kept_cand = tuple(f for f in cand_facts if f is not None)
        dropped = len(ref_facts) + len(cand_facts) - len(kept_ref) - len(kept_cand)
        return JointFacts(kept_ref, kept_cand, tuple(annotations), dropped, source)


async def llm_joint(
    reference: Document, candidate: Document, provider: Provider, prompts: Prompts | None = None
) -> JointAnswer | None:
    """The model's one answer for the pair; None when the pair is too long for one request (the
    caller then asks per article)."""
    if len(reference.text) + len(candidate.text) > MAX_JOINT_CHARS:
        return None
    request = joint_request(
        reference, candidate, prompts["compare"] if prompts is not None else None
    )
    if not fits(request, await context_window(provider)):
        return None
    try:
        completion = await provider.complete(request)
    except OversizeError:
        return None
    return JointAnswer(reference, candidate, completion)


def _overlaps(a: Fact, b: Fact) -> bool:
    return a.start < b.end and b.start < a.end


_QUOTE_VERDICT: dict[str, QuoteVerdictKind] = {
    "same": "same",
    "altered": "altered",
    "contradicted": "altered",
    "not_in_reference": "different",
}
_CLAIM_VERDICT: dict[str, ClaimVerdictKind] = {
    "same": "supported",
    "altered": "contradicted",
    "contradicted": "contradicted",
    "not_in_reference": "not_mentioned",
}
_NO_REASON = {
    "altered": "the model found the words or meaning changed",
    "contradicted": "the model found the reference says otherwise",
    "not_in_reference": "the model found nothing in the reference that says it",
}


class AnnotatedJudge:
    """A `Judge` answering from the verdicts of a joint answer, without asking again.

    The engine asks about quote pairs and claims of the merged facts: each is looked up by span
    among the candidate facts the model judged (a rules quote stands for the model's quote of the
    same words). A pair of quotes is "same" or "altered" only when the model matched the
    candidate's quote to that very reference quote; a quote it matched elsewhere, or to nothing,
    is "different". What the model did not judge is left to the rules."""

    def __init__(self, facts: JointFacts) -> None:
        self.facts = facts

    def _annotation(self, fact: Fact) -> Annotation | None:
        return next(
            (
                a
                for a in self.facts.annotations
                if a.fact.kind == fact.kind and _overlaps(a.fact, fact)
            ),
            None,
        )

    def _reason(self, annotation: Annotation) -> str:
        return (annotation.reason or "").strip() or _NO_REASON.get(annotation.verdict, "")

    def judge(self, request: JudgeRequest) -> JudgeResult:
        source = self.facts.source
        quotes: list[QuoteVerdict] = []
        for pair in request.quote_pairs:
            annotation = self._annotation(pair.candidate)
            if annotation is None:
                continue
            verdict = _QUOTE_VERDICT[annotation.verdict]  # the schema's enum: every one mapped
            reason = self._reason(annotation)
            if verdict != "different":
                if annotation.match is None:
                    continue  # judged, but against no reference quote it named: rules decide
                if not _overlaps(annotation.match, pair.reference):
                    verdict, reason = "different", "the model matched it to another statement"
            quotes.append(QuoteVerdict(pair.id, verdict, reason, source))
        claims: list[ClaimVerdict] = []
        for item in request.claims:
            annotation = self._annotation(item.claim)
            if annotation is not None:
                said = _CLAIM_VERDICT[annotation.verdict]
                claims.append(ClaimVerdict(item.id, said, self._reason(annotation), source))
        return JudgeResult(quotes=tuple(quotes), claims=tuple(claims))
