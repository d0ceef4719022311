"""LLM fact extraction: one call per chunk of article, every fact grounded in the text.

The rules extractor always runs; what the model finds is added on top (`merge`), never in place
of it. A fact whose evidence cannot be found in the article is dropped and counted: a model may
paraphrase, translate or invent, and a finding must always point at real text.
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from factcheck.extract.grounding import Grounder
from factcheck.models import Document, Fact, Source
from factcheck.prompts import load_prompt
from factcheck.providers.base import Completion, Message, Provider, Request

MAX_CHUNK_CHARS = 12_000  # about 3-4k tokens: well inside every supported model's context
MAX_FACTS_PER_CHUNK = 60


@cache
def llm_schema(name: str) -> dict[str, Any]:
    """A packaged JSON Schema for LLM answers ("llm_extract", "llm_judge")."""
    path = resources.files("factcheck.schemas").joinpath(f"{name}.schema.json")
    return json.loads(path.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class LLMExtraction:
    """What the model found in one document, and what it cost."""

    facts: tuple[Fact, ...]
    dropped: int
    completions: tuple[Completion, ...]


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


def extraction_request(document: Document, piece: str) -> Request:
    """The extraction request for one chunk of `document`."""
    prompt = load_prompt("extract")
    system, user = prompt.render(
        language=document.language or "unknown",
        title=document.title or "",
        published=document.published.isoformat() if document.published else "unknown",
        article=piece,
        max_facts=str(MAX_FACTS_PER_CHUNK),
    )
    return Request(
        system=system,
        messages=(Message("user", user),),
        schema=llm_schema("llm_extract"),
        schema_name="facts",
        prompt_version=prompt.id,
    )


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
    grounder = Grounder(piece)
    source = Source("llm", completion.provider, completion.model)
    facts: list[Fact] = []
    dropped = 0
    for item in completion.data.get("facts", []):
        span = grounder.locate(item["evidence"])
        if span is None:
            dropped += 1
            continue
        start, end = offset + span[0], offset + span[1]
        kind = _FACT_KIND.get(item["kind"], item["kind"])
        disclosure = item.get("disclosure") if kind == "disclaimer" else None
        if kind == "disclaimer" and disclosure is None:
            dropped += 1  # a disclosure must say which AI use it declares
            continue
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
    return facts, dropped


async def llm_extract(document: Document, provider: Provider) -> LLMExtraction:
    """The model's grounded facts for `document` (one call per chunk, chunks in parallel)."""
    pieces = chunks(document.text, MAX_CHUNK_CHARS)
    completions = await asyncio.gather(
        *(provider.complete(extraction_request(document, piece)) for _, piece in pieces)
    )
    facts: list[Fact] = []
    dropped = 0
    for (offset, piece), completion in zip(pieces, completions, strict=True):
        found, lost = _ground(document, offset, piece, completion)
        facts.extend(found)
        dropped += lost
    return LLMExtraction(tuple(facts), dropped, tuple(completions))


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
