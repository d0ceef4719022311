"""Compose the run's provider: Cached(Fallback([Retrying(Logged(raw)), ...])).

The order matters. The cache is outermost so a cached answer skips every call and every wait.
Retrying sits inside Fallback so the circuit breaker sees each provider's final failure, not each
attempt. Logging sits innermost because that is where attempts actually happen.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from factcheck.errors import ConfigError, ProviderError
from factcheck.models import Fallback
from factcheck.providers.base import Completion, Message, Provider, Request
from factcheck.providers.fallback import FallbackProvider
from factcheck.providers.logged import LoggedProvider
from factcheck.providers.retry import RetryingProvider
from factcheck.providers.spec import BASE_URL_VARIABLES, KEY_VARIABLES, ProviderSpec
from factcheck.providers.store import CachedProvider, Store
from factcheck.providers.usage import Usage

# Servers such as Ollama ignore the key, but the SDK refuses to start without one.
PLACEHOLDER_KEY = "not-needed"


class Chain:
    """The run's provider, plus what it did: usage counters, fallback events, backends."""

    def __init__(self, top: Provider, fallback: FallbackProvider, usage: Usage, labels: list[str]):
        self._top = top
        self.name = top.name
        self.model = top.model
        self.usage = usage
        self.backends = tuple(labels)
        self._fallback = fallback

    @property
    def fallbacks(self) -> list[Fallback]:
        """Every time a provider failed and the chain moved on, in order."""
        return self._fallback.fallbacks

    async def complete(self, request: Request) -> Completion:
        """The chain's answer (cached, or from the first provider that gives one)."""
        return await self._top.complete(request)

    async def aclose(self) -> None:
        """Close every provider's HTTP connections."""
        await self._fallback.aclose()


def base_url_for(spec: ProviderSpec, env: Mapping[str, str]) -> str | None:
    """The spec's own URL, else the kind's *_BASE_URL variable."""
    if spec.kind == "rules":
        return None
    return spec.base_url or (env.get(BASE_URL_VARIABLES[spec.kind]) or "").strip() or None


def make_provider(spec: ProviderSpec, env: Mapping[str, str], *, timeout: float = 60.0) -> Provider:
    """The raw SDK-backed provider for one spec (its SDK is imported here, not before)."""
    if spec.kind == "rules" or spec.model is None:
        raise ConfigError("'rules' is the offline extractor, not an LLM provider")
    variable = KEY_VARIABLES[spec.kind]
    base_url = base_url_for(spec, env)
    key = (env.get(variable) or "").strip()
    if not key:
        if spec.kind == "openai" and base_url:
            key = PLACEHOLDER_KEY
        else:
            raise ConfigError(
                f"{spec.label} needs an API key: set {variable} (in the environment or .env), "
                "or use --provider rules to work offline"
            )
    if spec.kind == "anthropic":
        from factcheck.providers.anthropic_provider import AnthropicProvider

        return AnthropicProvider(spec.model, api_key=key, base_url=base_url, timeout=timeout)
    from factcheck.providers.openai_provider import OpenAIProvider

    return OpenAIProvider(spec.model, api_key=key, base_url=base_url, timeout=timeout)


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
    llm_specs = [s for s in specs if s.kind != "rules"]
    if not llm_specs:
        return None
    usage = Usage()
    members: list[Provider] = []
    for spec in llm_specs:
        raw = make_provider(spec, env)
        logged = LoggedProvider(raw, store, usage)
        members.append(RetryingProvider(logged, label=spec.label, **dict(retry_options or {})))
    then = "rules" if any(s.kind == "rules" for s in specs) else None
    fallback = FallbackProvider(members, then=then, concurrency=concurrency)
    top: Provider = fallback
    if store is not None:
        top = CachedProvider(fallback, store, enabled=use_cache, usage=usage)
    return Chain(top, fallback, usage, [s.label for s in specs])


@dataclass(frozen=True, slots=True)
class ProviderStatus:
    """How one backend of the chain is configured (never its key)."""

    name: str
    model: str | None
    base_url: str | None
    key_variable: str | None
    key_present: bool
    key_required: bool = True


def status(specs: list[ProviderSpec], env: Mapping[str, str]) -> list[ProviderStatus]:
    """The chain in fallback order, with which keys are set and which are missing."""
    rows = []
    for spec in specs:
        if spec.kind == "rules":
            rows.append(ProviderStatus("rules", None, None, None, False, key_required=False))
            continue
        variable = KEY_VARIABLES[spec.kind]
        base_url = base_url_for(spec, env)
        rows.append(
            ProviderStatus(
                name=spec.kind,
                model=spec.model,
                base_url=base_url,
                key_variable=variable,
                key_present=bool((env.get(variable) or "").strip()),
                key_required=not (spec.kind == "openai" and base_url),
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
        if spec.kind == "rules":
            results.append((spec.label, True, "offline extractor, always available"))
            continue
        try:
            provider = make_provider(spec, env, timeout=timeout)
        except ConfigError as error:
            results.append((spec.label, False, str(error)))
            continue
        started = time.perf_counter()
        try:
            completion = await provider.complete(request)
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
