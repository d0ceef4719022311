"""One request for a whole comparison: the articles' facts, and each candidate's judged.

`compare` used to ask three times per pair (the reference's facts, the candidate's, then a
judgement listing the candidate's claims against the reference's facts). When the articles fit
one request, the model now reads them together and answers once: the reference's facts (each with
an id), each candidate's facts, and for each candidate claim or quote the reference fact it
restates and a verdict. Nothing is sent twice, and the comparison waits for one answer instead of
two rounds. An audit asks this way about a story's reference with up to `MAX_CANDIDATES` of its
other articles at once (`stories`), so the reference and the instructions are sent once for them.

The answer is grounded like any extraction (each fact's evidence must be in its own article) and
merged with the rules' facts. The verdicts then answer the comparison engine's questions through
`AnnotatedJudge`, so the engine runs the same code whichever way its judge was asked. A pair too
long for one request (over `MAX_JOINT_CHARS` together, more than the server's context window, or
an answer longer than the model writes) is compared the per-article way.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from factcheck.compare.judge import ClaimVerdict, JudgeRequest, JudgeResult, QuoteVerdict
from factcheck.errors import OversizeError
from factcheck.llm.extract import (
    TOKENS_PER_FACT,
    facts_limit,
    ground_items,
    merge,
    output_tokens,
    prompt_tokens,
)
from factcheck.llm.prompts import Prompt, Prompts, load_prompt, load_schema
from factcheck.llm.providers.base import Completion, Message, Provider, Request, context_window
from factcheck.models import Document, Fact, Source

if TYPE_CHECKING:
    from factcheck.compare.judge import ClaimVerdictKind, QuoteVerdictKind

# All the articles of one request together, at most (about 6,000 tokens); longer ones are asked
# fewer at a time, a lone pair per article. The answer this allows is at most 60 facts an
# article, about 18,000 tokens for a reference and three candidates of 5,000 characters: a model
# that writes less refuses the request (a 400 "max_tokens is too large", `OutputTooLongError`),
# and the articles are asked fewer at a time too.
MAX_JOINT_CHARS = 20_000
# An audit's story asks about its candidates with the reference in one request, up to this many
# (within MAX_JOINT_CHARS in all): the reference and the instructions are sent once for them.
# More would make one answer, which the model writes alone, long to wait for.
MAX_CANDIDATES = 3
JUDGED_KINDS = ("claim", "quote")  # the candidate facts the model gives a verdict on
VERDICT_TOKENS = 40  # what a candidate fact adds: match, verdict and a one-sentence reason


@cache
def _schema_with_limits(reference: int, candidate: int, count: int) -> dict[str, Any]:
    schema = copy.deepcopy(load_schema("compare"))
    properties = schema["properties"]
    properties["reference"]["maxItems"] = reference
    properties["candidates"]["maxItems"] = count
    properties["candidates"]["items"]["properties"]["facts"]["maxItems"] = candidate
    return schema


def _published(document: Document) -> str:
    return document.published.isoformat() if document.published else "unknown"


def _candidate_block(number: int, count: int, document: Document) -> str:
    """One candidate as the request shows it, after the reference."""
    return (
        f"CANDIDATE {number} of {count} (language {document.language or 'unknown'}, published "
        f"{_published(document)}), title: {document.title or '(none)'}\n"
        f'<candidate_article n="{number}">\n{document.text}\n</candidate_article>'
    )


def joint_request(
    reference: Document, candidates: Sequence[Document], prompt: Prompt | None = None
) -> Request:
    """The one request comparing each of `candidates` with `reference`, sized to the articles."""
    prompt = prompt or load_prompt("compare")
    ref_max = facts_limit(len(reference.text))
    cand_max = max(facts_limit(len(c.text)) for c in candidates)
    count = len(candidates)
    system, user = prompt.render(
        candidate_count=str(count),
        reference_language=reference.language or "unknown",
        reference_title=reference.title or "(none)",
        reference_published=_published(reference),
        reference=reference.text,
        candidates="\n\n".join(
            _candidate_block(n, count, c) for n, c in enumerate(candidates, start=1)
        ),
        reference_max=str(ref_max),
        candidate_max=str(cand_max),
    )
    answer = sum(facts_limit(len(c.text)) for c in candidates) * (TOKENS_PER_FACT + VERDICT_TOKENS)
    return Request(
        system=system,
        messages=(Message("user", user),),
        schema=_schema_with_limits(ref_max, cand_max, count),
        schema_name="comparison",
        prompt_version=prompt.id,
        max_output_tokens=output_tokens(ref_max) + answer,
        # Too big for a provider: raise at once, so that the candidates are asked fewer at a
        # time, and a lone pair per article (which can cut an article in chunks), rather than
        # passed down the chain whole.
        splittable=True,
    )


def fits(request: Request, window: int | None) -> bool:
    """Whether `request` (its instructions, its articles and its answer) fits `window`."""
    return window is None or prompt_tokens(request) + request.max_output_tokens <= window


def stories(reference: Document, candidates: Sequence[Document]) -> list[list[int]]:
    """The candidates (by index) asked together with `reference`, request by request: in order,
    at most MAX_CANDIDATES a request and MAX_JOINT_CHARS of articles in all. A candidate too
    long to go with the reference alone gets a request of its own, which `llm_joint` declines."""
    batches: list[list[int]] = []
    chars = 0  # of the last batch's articles, its reference included
    for index, candidate in enumerate(candidates):
        length = len(candidate.text)
        if not batches or len(batches[-1]) >= MAX_CANDIDATES or chars + length > MAX_JOINT_CHARS:
            batches.append([])
            chars = len(reference.text)
        batches[-1].append(index)
        chars += length
    return batches


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
    """The grounded answer of a joint request, for one of its candidates."""

    reference: tuple[Fact, ...]
    candidate: tuple[Fact, ...]
    annotations: tuple[Annotation, ...]
    dropped: int
    source: Source

    def merged(self, reference: list[Fact], candidate: list[Fact]) -> tuple[list[Fact], list[Fact]]:
        """The rules' facts of each side (`reference`, `candidate`) with the model's on top."""
        return merge(reference, self.reference), merge(candidate, self.candidate)


@dataclass(frozen=True)
class JointAnswer:
    """A joint request's answer, not yet grounded (`grounded`: CPU work, done off the loop)."""

    reference: Document
    candidates: tuple[Document, ...]
    completion: Completion

    def answered(self, index: int) -> bool:
        """Whether the answer has an entry for candidate `index` (a model may stop short)."""
        return index < len(self.completion.data.get("candidates", []))

    def grounded(self, index: int = 0) -> JointFacts:
        """The reference's facts and candidate `index`'s, each grounded in its own article."""
        return ground_joint(self.reference, self.candidates[index], self.completion, index)


def ground_joint(
    reference: Document, candidate: Document, completion: Completion, index: int
) -> JointFacts:
    """The reference's facts and those of `candidate`, the answer's candidate `index`, each
    grounded in its own article, with the verdicts on the candidate's (plain data in, so that
    an audit's worker process grounds the part of its own pair)."""
    source = Source("llm", completion.provider, completion.model)
    ref_items = completion.data.get("reference", [])
    entries = completion.data.get("candidates", [])
    cand_items = entries[index].get("facts", []) if index < len(entries) else []
    ref_facts = ground_items(reference, 0, reference.text, ref_items, source)
    cand_facts = ground_items(candidate, 0, candidate.text, cand_items, source)
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
    reference: Document,
    candidates: Sequence[Document],
    provider: Provider,
    prompts: Prompts | None = None,
) -> JointAnswer | None:
    """The model's one answer for `reference` and `candidates`; None when they are too long
    for one request (the caller then asks fewer candidates at a time, a lone pair per
    article)."""
    if len(reference.text) + sum(len(c.text) for c in candidates) > MAX_JOINT_CHARS:
        return None
    request = joint_request(
        reference, candidates, prompts["compare"] if prompts is not None else None
    )
    if not fits(request, await context_window(provider)):
        return None
    try:
        completion = await provider.complete(request)
    except OversizeError:
        return None
    return JointAnswer(reference, tuple(candidates), completion)


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
