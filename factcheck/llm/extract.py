"""LLM fact extraction: one call per chunk of article, every fact grounded in the text.

The rules extractor always runs; what the model finds is added on top (`merge`), never in place
of it. A fact whose evidence cannot be found in the article is dropped and counted: a model may
paraphrase, translate or invent, and a finding must always point at real text.

Each request is sized to its chunk: the fact limit (`maxItems`, which a server that enforces the
schema enforces while decoding) and the output tokens grow with the chunk's length, so a small
model cannot loop inside valid JSON for minutes. Chunks are cut to fit the context window the
server reports; a chunk that still does not fit, or whose answer is cut at the output limit, is
split in two and each half asked on its own, before any fallback.
"""

from __future__ import annotations

import copy
import dataclasses
import math
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from factcheck.errors import OversizeError
from factcheck.extract.grounding import Grounder
from factcheck.llm.prompts import Prompt, Prompts, load_prompt, load_schema
from factcheck.llm.providers.base import (
    Completion,
    Message,
    Provider,
    Request,
    context_window,
    gather_or_cancel,
)
from factcheck.models import Document, Fact, Source

if TYPE_CHECKING:
    from concurrent.futures import Future

    from factcheck.llm.session import LLMSession

MAX_CHUNK_CHARS = 12_000  # about 3-4k tokens: well inside every supported model's context
MAX_FACTS_PER_CHUNK = 60
MIN_FACTS_PER_CHUNK = 4
CHARS_PER_FACT = 120  # a news paragraph of 1,200 characters holds about ten checkable facts
TOKENS_PER_FACT = 90  # one fact object with all its keys, evidence and English gloss
ANSWER_TOKENS = 64  # the object around the facts, and slack
# Characters per token when sizing chunks to a window: lower than English's 4 or so, so that
# French, Indonesian or Arabic text is not under-counted. An error from the server corrects it.
CHARS_PER_TOKEN = 3.5
TEMPLATE_TOKENS = 40  # the chat template's own tokens around the messages
MIN_SPLIT_CHARS = 400  # a chunk shorter than twice this is not split further


@dataclass(frozen=True)
class LLMExtraction:
    """What the model found in one document, and what it cost."""

    facts: tuple[Fact, ...]
    dropped: int
    completions: tuple[Completion, ...]


Answered = tuple[int, str, Completion]  # a chunk's offset, its text, the model's answer


@dataclass(frozen=True)
class LLMAnswers:
    """The model's answers for one document's chunks, not yet grounded (`grounded`)."""

    document: Document
    answers: tuple[Answered, ...]

    def grounded(self) -> LLMExtraction:
        """The facts whose evidence is in the article; the others counted as dropped.

        Done by whoever reads the answers, not on the event loop: locating evidence is CPU
        work (about a millisecond an article) that would hold every other request back."""
        facts: list[Fact] = []
        dropped = 0
        for offset, piece, completion in self.answers:
            found, lost = _ground(self.document, offset, piece, completion)
            facts.extend(found)
            dropped += lost
        return LLMExtraction(
            tuple(facts), dropped, tuple(completion for *_, completion in self.answers)
        )


def chunks(text: str, max_chars: int = MAX_CHUNK_CHARS) -> list[tuple[int, str]]:
    """(offset, piece) pairs covering `text`, cut at paragraph (else line, else hard) boundaries."""
    pieces: list[tuple[int, str]] = []
    start = 0
    while len(text) - start > max_chars:
        window = text[start : start + max_chars]
        cut = max_chars
        for boundary in ("\n\n", "\n", ". "):
            at = window.rfind(boundary)
            if at > 0:
                cut = at + len(boundary)
                break
        pieces.append((start, text[start : start + cut]))
        start += cut
    if start < len(text):
        pieces.append((start, text[start:]))
    return pieces


def facts_limit(chars: int) -> int:
    """How many facts a chunk of `chars` characters may yield (the schema's maxItems)."""
    return max(MIN_FACTS_PER_CHUNK, min(MAX_FACTS_PER_CHUNK, math.ceil(chars / CHARS_PER_FACT)))


def output_tokens(facts: int) -> int:
    """The output budget for an answer of at most `facts` facts."""
    return ANSWER_TOKENS + facts * TOKENS_PER_FACT


@cache
def _schema_with_limit(facts: int) -> dict[str, Any]:
    schema = copy.deepcopy(load_schema("extract"))
    schema["properties"]["facts"]["maxItems"] = facts
    return schema


def extraction_request(
    document: Document, piece: str, *, splittable: bool = False, prompt: Prompt | None = None
) -> Request:
    """The extraction request for one chunk of `document`, sized to the chunk."""
    prompt = prompt or load_prompt("extract")
    limit = facts_limit(len(piece))
    system, user = prompt.render(
        language=document.language or "unknown",
        title=document.title or "",
        published=document.published.isoformat() if document.published else "unknown",
        article=piece,
        max_facts=str(limit),
    )
    return Request(
        system=system,
        messages=(Message("user", user),),
        schema=_schema_with_limit(limit),
        schema_name="facts",
        prompt_version=prompt.id,
        max_output_tokens=output_tokens(limit),
        splittable=splittable,
    )


def prompt_tokens(request: Request) -> float:
    """The tokens `request`'s prompt takes, estimated from its characters (`CHARS_PER_TOKEN`)."""
    chars = len(request.system) + sum(len(m.content) for m in request.messages)
    return TEMPLATE_TOKENS + chars / CHARS_PER_TOKEN


def chunk_size(document: Document, window: int | None, prompt: Prompt | None = None) -> int:
    """The longest chunk whose request (instructions, chunk, answer) fits `window` tokens."""
    if window is None:
        return MAX_CHUNK_CHARS
    overhead = prompt_tokens(extraction_request(document, "", prompt=prompt))
    size = MAX_CHUNK_CHARS
    while size > MIN_SPLIT_CHARS and (
        overhead + size / CHARS_PER_TOKEN + output_tokens(facts_limit(size)) > window
    ):
        size = int(size * 0.85)
    return size


# The model's "disclosure" kind is the rules extractor's "disclaimer" fact, so that the two merge.
_FACT_KIND = {"disclosure": "disclaimer"}


def _value(kind: str, raw: str | None) -> str | float | None:
    if kind != "number" or raw is None:
        return raw
    try:
        return float(raw.replace(",", "").replace(" ", ""))
    except ValueError:
        return None


def _ground(
    document: Document, offset: int, piece: str, completion: Completion
) -> tuple[list[Fact], int]:
    source = Source("llm", completion.provider, completion.model)
    found = ground_items(document, offset, piece, completion.data.get("facts", []), source)
    facts = [fact for fact in found if fact is not None]
    return facts, len(found) - len(facts)


def ground_items(
    document: Document, offset: int, piece: str, items: list[dict[str, Any]], source: Source
) -> list[Fact | None]:
    """One grounded fact per answer item of `piece` (at `offset` in `document`), None for an item
    whose evidence is not in the text or that lacks what its kind needs."""
    grounder = Grounder(piece)
    facts: list[Fact | None] = []
    for item in items:
        span = grounder.locate(item["evidence"])
        kind = _FACT_KIND.get(item["kind"], item["kind"])
        disclosure = item.get("disclosure") if kind == "disclaimer" else None
        if span is None or (kind == "disclaimer" and disclosure is None):
            facts.append(None)  # a disclosure must say which AI use it declares
            continue
        start, end = offset + span[0], offset + span[1]
        facts.append(
            Fact(
                kind=kind,
                text=document.text[start:end],
                start=start,
                end=end,
                value=document.language
                if kind == "disclaimer"
                else _value(kind, item.get("value")),
                speaker=item.get("speaker"),
                unit=item.get("unit"),
                context=item.get("context"),
                entity_type=item.get("entity_type"),
                gloss_en=item.get("gloss_en"),
                disclosure=disclosure,
                source=source,
            )
        )
    return facts


async def llm_extract(
    document: Document, provider: Provider, prompts: Prompts | None = None
) -> LLMAnswers:
    """The model's answers for `document` (one call per chunk, chunks in parallel)."""
    prompt = prompts["extract"] if prompts is not None else load_prompt("extract")
    size = chunk_size(document, await context_window(provider), prompt)
    pieces = chunks(document.text, size)
    parts = await gather_or_cancel(
        *(_answered(document, offset, piece, provider, prompt) for offset, piece in pieces)
    )
    return LLMAnswers(document, tuple(answer for part in parts for answer in part))


async def _answered(
    document: Document, offset: int, piece: str, provider: Provider, prompt: Prompt
) -> list[Answered]:
    """The answer for one chunk; for a chunk too big for one request, the answers of its parts.

    Only a chunk long enough to be cut is sent as splittable: the shortest parts go down the
    chain like any request, and fall back when even they do not fit.
    """
    splittable = len(piece) >= 2 * MIN_SPLIT_CHARS
    try:
        completion = await provider.complete(
            extraction_request(document, piece, splittable=splittable, prompt=prompt)
        )
    except OversizeError:
        if not splittable:
            raise
        halves = chunks(piece, math.ceil(len(piece) / 2))
        parts = await gather_or_cancel(
            *(_answered(document, offset + at, half, provider, prompt) for at, half in halves)
        )
        return [answer for part in parts for answer in part]
    return [(offset, piece, completion)]


class LLMExtractor:
    """The model's grounded facts of a document, asked through the run's LLM session."""

    def __init__(self, session: LLMSession) -> None:
        self.session = session

    def extract(self, document: Document) -> tuple[Fact, ...] | None:
        """The grounded facts (the ungrounded ones counted); None when the LLM gave nothing."""
        return self.finish(self.start(document))

    def start(self, document: Document) -> Future[LLMAnswers] | None:
        """Send the request for `document` off (None when the LLM may not be asked now), so
        that its wait overlaps other work such as the rules' extraction."""
        if not self.session.available():
            return None
        session = self.session
        return session.start(llm_extract(document, session.chain, session.prompts))

    def finish(self, pending: Future[LLMAnswers] | None) -> tuple[Fact, ...] | None:
        """The grounded facts of a started request; None when the LLM gave nothing."""
        if pending is None:
            return None
        answers = self.session.wait(pending)
        if answers is None:
            return None
        found = answers.grounded()
        self.session.count_dropped(found.dropped)
        return found.facts


def merge(rules_facts: list[Fact], llm_facts: tuple[Fact, ...] | list[Fact]) -> list[Fact]:
    """Rules facts, all kept, plus the LLM facts that add something.

    An LLM fact of the same kind overlapping a rules fact adds only its English gloss to it;
    everything else the model found (claims above all) is added with its LLM source.
    """
    merged = list(rules_facts)
    by_kind: dict[str, list[int]] = {}
    for i, fact in enumerate(merged):
        by_kind.setdefault(fact.kind, []).append(i)
    seen: set[tuple[str, int, int]] = {(f.kind, f.start, f.end) for f in merged}
    for fact in llm_facts:
        twin = next(
            (
                i
                for i in by_kind.get(fact.kind, ())
                if merged[i].start < fact.end and fact.start < merged[i].end
            ),
            None,
        )
        if twin is not None:
            if fact.gloss_en and not merged[twin].gloss_en:
                merged[twin] = dataclasses.replace(merged[twin], gloss_en=fact.gloss_en)
            continue
        if (fact.kind, fact.start, fact.end) in seen:
            continue
        seen.add((fact.kind, fact.start, fact.end))
        merged.append(fact)
    merged.sort(key=lambda f: (f.start, f.end, f.kind))
    return merged
