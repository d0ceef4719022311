"""The LLM judge: one batched call per article pair for what rules cannot settle.

The comparison engine hands over the quote pairs it could not decide (across languages, above
all) and the candidate's claims; the model answers same/altered/different per pair and
supported/contradicted/not_mentioned per claim. Items it leaves out stay with the rules.

The answer's schema names the ids that were sent (an `enum`) and allows one verdict per item
(`maxItems`), and the output budget grows with the number of items: a server that enforces the
schema cannot let a small model invent ids or repeat verdicts until it runs out of tokens. A
request too big for the server's context, or whose answer is cut, is split: the items in two
halves, and a single item with fewer facts of context.

Nothing is sent twice: each claim to judge appears once, in the list of items (the candidate's
facts block holds its other facts), a line repeated in a facts block is sent once, and an English
gloss is sent only when it says something the fact's own words do not (not for an English claim
whose gloss is the claim itself).
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from factcheck.compare.judge import ClaimVerdict, JudgeRequest, JudgeResult, QuoteVerdict
from factcheck.errors import ContextTooLongError, OversizeError
from factcheck.llm.providers.base import gather_or_cancel
from factcheck.models import Fact, Source

if TYPE_CHECKING:
    from concurrent.futures import Future

    from factcheck.llm.prompts import Prompt, Prompts
    from factcheck.llm.providers.base import Completion, Provider, Request
    from factcheck.llm.session import LLMSession

MAX_CONTEXT_FACTS = 80  # per side: enough for the model to see the article's substance
VERDICT_TOKENS = 80  # one verdict object: id, verdict and a one-sentence reason
ANSWER_TOKENS = 64


FACT_KINDS = ("quote", "claim", "number", "date")  # the kinds shown as context


def _words(text: str) -> str:
    return " ".join(text.split()).casefold()


def _gloss(fact: Fact, said: str) -> str:
    """` (English: ...)` after a fact whose gloss is not just `said` (its own words) again."""
    if not fact.gloss_en or _words(fact.gloss_en) == _words(said):
        return ""
    return f" (English: {fact.gloss_en})"


def _fact_line(fact: Fact) -> str:
    if fact.kind == "quote":
        who = fact.speaker or "unattributed"
        return f"- quote by {who}: «{fact.value}»{_gloss(fact, str(fact.value or ''))}"
    if fact.kind == "claim":
        return f"- claim: {fact.text}{_gloss(fact, fact.text)}"
    value = f"{fact.value:g}" if isinstance(fact.value, float) else fact.value
    extra = " ".join(x for x in (fact.unit, fact.context) if x)
    return f"- {fact.kind}: {fact.text} = {value} {extra}".rstrip()


def _claim_key(fact: Fact) -> tuple[int, int, str]:
    return fact.start, fact.end, fact.text


def _facts_block(
    facts: Iterable[Fact], limit: int = MAX_CONTEXT_FACTS, judged: Iterable[Fact] = ()
) -> str:
    """The first `limit` distinct fact lines, leaving out the claims in `judged` (they are
    listed with their ids) and any quote, figure or date inside a claim that is sent (in this
    block or as an item): the claim's own words already carry it."""
    judged = list(judged)
    left_out = {_claim_key(fact) for fact in judged}
    facts = list(facts)
    claims = [(f.start, f.end) for f in (*facts, *judged) if f.kind == "claim"]
    lines: dict[str, None] = {}  # ordered, each line once
    for fact in facts:
        if len(lines) >= limit:
            break
        if fact.kind not in FACT_KINDS or (fact.kind == "claim" and _claim_key(fact) in left_out):
            continue
        if fact.kind != "claim" and any(a <= fact.start and fact.end <= b for a, b in claims):
            continue
        lines.setdefault(_fact_line(fact))
    return "\n".join(lines) or "(none)"


def judge_schema(pair_ids: list[str], claim_ids: list[str]) -> dict[str, Any]:
    """The judge's answer schema for these items: only their ids, at most one verdict each."""
    from factcheck.llm.prompts import load_schema

    schema = copy.deepcopy(load_schema("judge"))
    for part, ids in (("quotes", pair_ids), ("claims", claim_ids)):
        array = schema["properties"][part]
        array["maxItems"] = len(ids)
        if ids:
            array["items"]["properties"]["id"]["enum"] = ids
    return schema


def judge_request(
    request: JudgeRequest,
    *,
    context_facts: int = MAX_CONTEXT_FACTS,
    splittable: bool = False,
    prompt: Prompt | None = None,
) -> Request:
    """The LLM request for one judge request, its schema and output budget sized to it."""
    from factcheck.llm.providers.base import Message, Request

    system, user, prompt_id = render_judge_prompt(
        request, context_facts=context_facts, prompt=prompt
    )
    items = len(request.quote_pairs) + len(request.claims)
    return Request(
        system=system,
        messages=(Message("user", user),),
        schema=judge_schema(
            [pair.id for pair in request.quote_pairs], [item.id for item in request.claims]
        ),
        schema_name="judgement",
        prompt_version=prompt_id,
        max_output_tokens=ANSWER_TOKENS + items * VERDICT_TOKENS,
        splittable=splittable,
    )


def halves(request: JudgeRequest) -> tuple[JudgeRequest, JudgeRequest]:
    """`request`'s items in two requests (quote pairs first), both with the same context."""
    pairs, claims = request.quote_pairs, request.claims
    middle = (len(pairs) + len(claims)) // 2
    cut = max(0, middle - len(pairs))  # how many claims go with the first half
    first = dataclasses.replace(request, quote_pairs=pairs[:middle], claims=claims[:cut])
    second = dataclasses.replace(request, quote_pairs=pairs[middle:], claims=claims[cut:])
    return first, second


async def judged(
    provider: Provider,
    request: JudgeRequest,
    context_facts: int = MAX_CONTEXT_FACTS,
    splittable: bool = True,
    prompts: Prompts | None = None,
) -> list[Completion]:
    """The answers for `request`: one, or one per part when it is too big for one request.

    Too big for the context: the facts shown for context shrink first (they are most of the
    prompt), then the items are split. An answer cut at the output limit: the items are split.
    """
    items = len(request.quote_pairs) + len(request.claims)
    try:
        answer = await provider.complete(
            judge_request(
                request,
                context_facts=context_facts,
                splittable=splittable,
                prompt=prompts["judge"] if prompts is not None else None,
            )
        )
    except OversizeError as error:
        if not splittable:
            raise
        smaller = context_facts // 2 if context_facts > 10 else 0
        if (
            isinstance(error, ContextTooLongError)
            and smaller < context_facts
            and (items == 1 or context_facts > 10)
        ):
            return await judged(provider, request, smaller, prompts=prompts)
        if items > 1:
            first, second = halves(request)
            parts = await gather_or_cancel(
                judged(provider, first, context_facts, prompts=prompts),
                judged(provider, second, context_facts, prompts=prompts),
            )
            return [*parts[0], *parts[1]]
        # Nothing left to cut: the request goes down the chain like any other.
        return await judged(provider, request, context_facts, splittable=False, prompts=prompts)
    return [answer]


def render_judge_prompt(
    request: JudgeRequest, *, context_facts: int = MAX_CONTEXT_FACTS, prompt: Prompt | None = None
) -> tuple[str, str, str]:
    """(system, user, prompt id) for one judge request."""
    from factcheck.llm.prompts import load_prompt

    prompt = prompt or load_prompt("judge")
    pairs = "\n".join(
        f"{pair.id}: REFERENCE quote by {pair.reference.speaker or 'unattributed'}: "
        f"«{pair.reference.value}» | CANDIDATE quote by "
        f"{pair.candidate.speaker or 'unattributed'}: «{pair.candidate.value}»"
        for pair in request.quote_pairs
    )
    claims = "\n".join(
        f"{item.id}: {item.claim.text}{_gloss(item.claim, item.claim.text)}"
        for item in request.claims
    )
    system, user = prompt.render(
        reference_language=request.reference_language or "unknown",
        candidate_language=request.candidate_language or "unknown",
        reference_facts=_facts_block(request.reference_facts, context_facts),
        candidate_facts=_facts_block(
            request.candidate_facts, context_facts, (item.claim for item in request.claims)
        ),
        quote_pairs=pairs or "(none)",
        claims=claims or "(none)",
    )
    return system, user, prompt.id


class LLMJudge:
    """A `Judge` asking the model through the run's LLM session.

    `judge` asks and waits. An audit asks from its main process instead, for comparisons made
    in worker processes: `start` sends the request off at once and `finish` reads the answer,
    so the wait holds neither a worker nor a thread."""

    def __init__(self, session: LLMSession) -> None:
        self.session = session

    def judge(self, request: JudgeRequest) -> JudgeResult:
        """Verdicts for the request's quote pairs and claims (empty when the LLM is down)."""
        return self.finish(request, self.start(request))

    def start(self, request: JudgeRequest) -> Future[list[Completion]] | None:
        """Send `request` off without waiting (None when there is nothing to ask, or the LLM
        may not be asked now)."""
        if not (request.quote_pairs or request.claims) or not self.session.available():
            return None
        session = self.session
        return session.start(judged(session.chain, request, prompts=session.prompts))

    def finish(
        self, request: JudgeRequest, pending: Future[list[Completion]] | None
    ) -> JudgeResult:
        """The verdicts of a started request (empty when nothing was asked or the LLM failed
        and `rules` carry on); raises as `judge` does."""
        completions = self.session.wait(pending) if pending is not None else None
        if not completions:
            return JudgeResult()
        pair_ids = {pair.id for pair in request.quote_pairs}
        claim_ids = {item.id for item in request.claims}
        quotes: dict[str, QuoteVerdict] = {}
        claims: dict[str, ClaimVerdict] = {}
        for completion in completions:
            source = Source("llm", completion.provider, completion.model)
            for v in completion.data["quotes"]:
                if v["id"] in pair_ids:  # the first verdict on an id stands
                    quotes.setdefault(
                        v["id"], QuoteVerdict(v["id"], v["verdict"], v["reason"], source)
                    )
            for v in completion.data["claims"]:
                if v["id"] in claim_ids:
                    claims.setdefault(
                        v["id"], ClaimVerdict(v["id"], v["verdict"], v["reason"], source)
                    )
        return JudgeResult(quotes=tuple(quotes.values()), claims=tuple(claims.values()))
