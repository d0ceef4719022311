"""Compose the run's provider: Cached(Fallback([Retrying(Logged(raw)), ...])), with one health
state per provider shared by its Fallback entry and its retry loop.

The order matters. The cache is outermost so a cached answer skips every call and every wait.
Retrying sits inside Fallback so the circuit breaker sees each provider's final failure, not each
attempt. Logging sits innermost because that is where attempts actually happen.
"""

from __future__ import annotations

import asyncio
import dataclasses
import importlib
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from factcheck.errors import ConfigError, FormatRefusedError, ProviderError
from factcheck.llm.providers.base import Completion, Message, Provider, Request, prepare
from factcheck.llm.providers.fallback import FallbackProvider
from factcheck.llm.providers.health import ProviderHealth
from factcheck.llm.providers.logged import LoggedProvider
from factcheck.llm.providers.registry import OFFLINE, Timeouts
from factcheck.llm.providers.resolve import Resolved, missing_key_message, resolve
from factcheck.llm.providers.retry import MAX_STEP_DOWNS, RetryingProvider
from factcheck.llm.providers.spec import ProviderSpec
from factcheck.llm.providers.store import CachedProvider, Store
from factcheck.llm.providers.usage import Usage
from factcheck.models import Fallback


class Chain:
    """The run's provider, plus what it did: usage counters, fallback events, backends."""

    def __init__(
        self,
        top: Provider,
        fallback: FallbackProvider,
        usage: Usage,
        labels: list[str],
        notices: tuple[str, ...] = (),
    ):
        self._top = top
        self.name = top.name
        self.model = top.model
        self.usage = usage
        self.backends = tuple(labels)
        self.notices = notices  # about the configuration, for every report of the run
        self._fallback = fallback

    @property
    def fallbacks(self) -> list[Fallback]:
        """Every time a provider failed and the chain moved on, in order."""
        return self._fallback.fallbacks

    @property
    def health(self) -> list[ProviderHealth]:
        """Each LLM provider's state in this run, in chain order."""
        return self._fallback.health

    async def complete(self, request: Request) -> Completion:
        """The chain's answer (cached, or from the first provider that gives one)."""
        return await self._top.complete(request)

    async def prepare(self) -> None:
        """Get the first provider a request would go to ready (its SDK imported, its client
        built), then the validation of answers (jsonschema imported): in a thread, not on the
        event loop, where importing the validator at the first answer held every request back.
        For a run about to extract: the server's context window (which sizes an extraction)
        is asked meanwhile too, so that the first extraction need not wait for it."""
        await prepare(self._fallback)
        validator = asyncio.create_task(asyncio.to_thread(importlib.import_module, "jsonschema"))
        await self.context_window()
        await validator

    async def context_window(self) -> int | None:
        """The context window of the first provider a request would go to, when it says."""
        return await self._fallback.context_window()

    async def aclose(self) -> None:
        """Close every provider's HTTP connections."""
        await self._fallback.aclose()


def base_url_for(spec: ProviderSpec, env: Mapping[str, str]) -> str | None:
    """The URL `spec` talks to (never with credentials); None for `rules`."""
    if spec.kind == OFFLINE:
        return None
    return resolve(spec, env).base_url


def make_provider(spec: ProviderSpec, env: Mapping[str, str]) -> Provider:
    """The raw SDK-backed provider for one spec (its SDK is imported here, not before)."""
    return provider_for(resolve(spec, env))


def provider_for(resolved: Resolved) -> Provider:
    """The raw provider for a resolved spec; ConfigError when its service needs a missing key."""
    if resolved.key_missing:
        raise ConfigError(missing_key_message(resolved))
    return resolved.record.factory(resolved)


@dataclass(frozen=True, slots=True)
class Member:
    """One LLM provider of a chain, as the chain wraps it: its label, prices and deadline."""

    label: str
    provider: Provider
    prices: Mapping[str, tuple[float, float]] = dataclasses.field(default_factory=dict)
    deadline_s: float = Timeouts().deadline_s


def build_provider(
    specs: list[ProviderSpec],
    *,
    env: Mapping[str, str],
    store: Store | None,
    use_cache: bool = True,
    retry_options: Mapping[str, Any] | None = None,
    concurrency: int = 8,
) -> Chain | None:
    """The run's composed provider, or None when the chain is rules alone."""
    llm_specs = [s for s in specs if s.kind != OFFLINE]
    if not llm_specs:
        return None
    members: list[Member] = []
    notices: list[str] = []
    for spec in llm_specs:
        resolved = resolve(spec, env)
        notices.extend(resolved.notices)
        members.append(
            Member(
                spec.label,
                provider_for(resolved),
                resolved.record.prices,
                resolved.timeouts.deadline_s,
            )
        )
    return compose(
        members,
        then_rules=any(s.kind == OFFLINE for s in specs),
        store=store,
        use_cache=use_cache,
        retry_options=retry_options,
        concurrency=concurrency,
        notices=tuple(notices),
    )


def compose(
    members: list[Member],
    *,
    then_rules: bool,
    store: Store | None,
    use_cache: bool = True,
    retry_options: Mapping[str, Any] | None = None,
    concurrency: int = 8,
    notices: tuple[str, ...] = (),
) -> Chain:
    """Providers already built (from specs, or handed in by a caller) wrapped as one chain:
    each logged and retried with its own health, then fallback, then the cache."""
    usage = Usage()
    options = dict(retry_options or {})
    clock = options.get("clock", time.monotonic)
    wrapped: list[Provider] = []
    health: list[ProviderHealth] = []
    for member in members:
        logged = LoggedProvider(member.provider, store, usage, member.prices)
        health.append(ProviderHealth(member.label, clock=clock))
        member_options = {"deadline_s": member.deadline_s, **options}
        wrapped.append(
            RetryingProvider(logged, label=member.label, health=health[-1], **member_options)
        )
    then = OFFLINE if then_rules else None
    fallback = FallbackProvider(wrapped, then=then, concurrency=concurrency, health=health)
    top: Provider = fallback
    if store is not None:
        top = CachedProvider(fallback, store, enabled=use_cache, usage=usage)
    labels = [m.label for m in members] + ([OFFLINE] if then_rules else [])
    return Chain(top, fallback, usage, labels, notices)


@dataclass(frozen=True, slots=True)
class ProviderStatus:
    """How one backend of the chain is configured (never its key)."""

    name: str
    model: str | None
    base_url: str | None
    key_variable: str | None  # where the key comes from: a variable, "the URL", or None
    key_present: bool
    key_required: bool = True
    notices: tuple[str, ...] = ()


def status(specs: list[ProviderSpec], env: Mapping[str, str]) -> list[ProviderStatus]:
    """The chain in fallback order, with which keys are set and which are missing."""
    rows = []
    for spec in specs:
        if spec.kind == OFFLINE:
            rows.append(ProviderStatus(OFFLINE, None, None, None, False, key_required=False))
            continue
        resolved = resolve(spec, env)
        rows.append(
            ProviderStatus(
                name=spec.kind,
                model=spec.model,
                base_url=resolved.base_url,
                key_variable=resolved.key_source or resolved.record.key_variable,
                key_present=resolved.key is not None,
                key_required=resolved.key_needed,
                notices=resolved.notices,
            )
        )
    return rows


PING_SCHEMA = {
    "type": "object",
    "properties": {"ok": {"type": "boolean"}},
    "required": ["ok"],
    "additionalProperties": False,
}


async def ping(
    specs: list[ProviderSpec], env: Mapping[str, str], *, timeout: float = 20.0
) -> list[tuple[str, bool, str]]:
    """(label, ok, detail) per backend, from one real minimal call each (no retry, no cache)."""
    request = Request(
        system="You are a health check.",
        messages=(Message("user", 'Reply with {"ok": true}.'),),
        schema=PING_SCHEMA,
        schema_name="ping",
        prompt_version="ping-1",
        max_output_tokens=64,
    )
    results: list[tuple[str, bool, str]] = []
    for spec in specs:
        if spec.kind == OFFLINE:
            results.append((spec.label, True, "offline extractor, always available"))
            continue
        try:
            resolved = resolve(spec, env)
            limits = resolved.timeouts
            short = dataclasses.replace(
                limits, read_s=min(limits.read_s, timeout), connect_s=min(limits.connect_s, timeout)
            )
            provider = provider_for(dataclasses.replace(resolved, timeouts=short))
        except ConfigError as error:
            results.append((spec.label, False, str(error)))
            continue
        started = time.perf_counter()
        try:
            completion = await _complete_stepping_down(provider, request)
        except ProviderError as error:
            results.append((spec.label, False, f"{error.kind}: {error}"))
        else:
            seconds = time.perf_counter() - started
            results.append(
                (spec.label, True, f"answered in {seconds:.2f}s ({completion.input_tokens} "
                 f"tokens in, {completion.output_tokens} out)")
            )  # fmt: skip
        finally:
            close = getattr(provider, "aclose", None)
            if close is not None:
                await close()
    return results


async def _complete_stepping_down(provider: Provider, request: Request) -> Completion:
    """One request, sent again at once each time the provider steps down its output format."""
    for _ in range(MAX_STEP_DOWNS):
        try:
            return await provider.complete(request)
        except FormatRefusedError:
            continue
    return await provider.complete(request)
