"""The one seam every LLM backend implements: a Request in, a validated Completion out."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable
from dataclasses import dataclass
from typing import Any, Literal, Protocol, TypeVar

from factcheck.errors import InvalidOutputError, OutputTooLongError, ProviderError

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Message:
    """One turn of the conversation sent to the model."""

    role: Literal["user", "assistant"]
    content: str


@dataclass(frozen=True, slots=True)
class Request:
    """What to ask: instructions, the conversation, and the JSON Schema the answer must fit."""

    system: str
    messages: tuple[Message, ...]
    schema: dict[str, Any]
    schema_name: str
    prompt_version: str
    max_output_tokens: int = 4096
    temperature: float = 0
    # The caller can cut its input in parts: a provider whose context or output limit is too
    # small for it raises OversizeError at once instead of passing the request down the chain.
    splittable: bool = False


@dataclass(frozen=True, slots=True)
class Completion:
    """A validated answer, who gave it, and what it cost."""

    data: dict[str, Any]
    provider: str
    model: str
    input_tokens: int
    output_tokens: int
    cached: bool
    latency_s: float


class Provider(Protocol):
    """Anything that turns a Request into a validated Completion (or raises a ProviderError)."""

    name: str
    model: str

    async def complete(self, request: Request) -> Completion: ...


async def gather_or_cancel(*awaitables: Awaitable[T]) -> list[T]:
    """Every result, in order; when one fails, the others are cancelled before the error goes
    on. (asyncio.gather leaves them running: requests the run no longer waits for would still be
    sent, counted and paid for after it ended.)"""
    tasks = [asyncio.ensure_future(a) for a in awaitables]
    try:
        return list(await asyncio.gather(*tasks))
    except BaseException:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        raise


async def prepare(provider: object) -> None:
    """Let `provider` get ready for its first request (import its SDK, build its client) without
    holding the event loop; nothing for a provider with nothing to prepare."""
    ready = getattr(provider, "prepare", None)
    if ready is not None:
        await ready()


async def context_window(provider: object) -> int | None:
    """The context window `provider` reports (None when it has no way to know)."""
    ask = getattr(provider, "context_window", None)
    return await ask() if ask is not None else None


def parse_output(text: str, schema: dict[str, Any], *, provider: str = "") -> dict[str, Any]:
    """The JSON object in a model's answer, validated against `schema`."""
    return validate_output(_loads(text, provider), schema, provider=provider)


def validate_output(data: object, schema: dict[str, Any], *, provider: str = "") -> dict[str, Any]:
    """`data` itself once it is a JSON object that fits `schema`; else InvalidOutputError."""
    import jsonschema

    if not isinstance(data, dict):
        raise InvalidOutputError(
            f"the answer is JSON but not an object ({type(data).__name__})", provider=provider
        )
    error = jsonschema.exceptions.best_match(
        jsonschema.Draft202012Validator(schema).iter_errors(data)
    )
    if error is not None:
        where = "/".join(str(p) for p in error.absolute_path) or "(root)"
        raise InvalidOutputError(
            f"the answer does not fit the schema at {where}: {error.message[:300]}",
            provider=provider,
        )
    return data


def starts_like_json(text: str) -> bool:
    """Whether an answer (maybe cut off) begins as a JSON object would, fenced or not."""
    return text.lstrip().startswith(("{", "```"))


def cut_off(text: str, limit: int, *, provider: str) -> ProviderError:
    """The error for an answer cut at the output limit: a JSON object cut short is too long
    for one request (split the task); anything else is an answer in the wrong shape, which
    more tokens would not mend."""
    if starts_like_json(text):
        return OutputTooLongError(
            f"the answer was cut off at the output token limit ({limit})", provider=provider
        )
    snippet = " ".join(text.split())[:80]
    return InvalidOutputError(
        f"the answer is not JSON (cut off at the output token limit): {snippet!r}",
        provider=provider,
    )


def _loads(text: str, provider: str) -> object:
    stripped = text.strip()
    # Prompt-only backends often wrap the object in a Markdown fence; the object is still usable.
    if stripped.startswith("```"):
        stripped = stripped.split("\n", 1)[1] if "\n" in stripped else ""
        stripped = stripped.rsplit("```", 1)[0]
    try:
        return json.loads(stripped)
    except json.JSONDecodeError as error:
        snippet = stripped[:80].replace("\n", " ")
        raise InvalidOutputError(
            f"the answer is not JSON ({error.msg} at char {error.pos}): {snippet!r}",
            provider=provider,
        ) from None


def schema_instruction(request: Request) -> str:
    """The system text plus an explicit demand for JSON, for backends without native schemas."""
    schema = json.dumps(request.schema, ensure_ascii=False, separators=(",", ":"))
    return (
        f"{request.system}\n\nAnswer with one JSON object and nothing else. "
        f"It must validate against this JSON Schema:\n{schema}"
    )
