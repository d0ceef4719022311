"""Every provider kind as one record: how to build it, its default model, variables and prices.

Nothing else in the package names the kinds. Adding a service that speaks an existing wire format
(OpenAI's chat completions, Anthropic's Messages API, Gemini's generateContent) is one entry
here plus its tests; a new wire format is a provider class plus its entry.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from factcheck.llm.providers.prices import ANTHROPIC_PRICES, GEMINI_PRICES, OPENAI_PRICES

if TYPE_CHECKING:
    from factcheck.llm.providers.base import Provider
    from factcheck.llm.providers.resolve import Resolved

# A resolved chain item (URL, key, time limits) -> a provider speaking that wire format
Factory = Callable[["Resolved"], "Provider"]


@dataclass(frozen=True, slots=True)
class Timeouts:
    """How long one request may take in all (retries included), and one HTTP attempt's limits."""

    deadline_s: float = 60.0
    connect_s: float = 10.0
    read_s: float = 60.0


@dataclass(frozen=True, slots=True)
class ProviderKind:
    """One kind of backend, as `--provider KIND:MODEL@URL` names it."""

    name: str
    factory: Factory
    default_model: str
    key_variable: str | None  # the key sent to `default_base_url` (or to *_BASE_URL when set)
    base_url_variable: str | None
    default_base_url: str
    key_required: bool = True  # False for servers that usually run without a key (Ollama)
    prices: Mapping[str, tuple[float, float]] = field(default_factory=dict)
    in_default_chain: bool = False  # part of the chain when its key (or base URL) is set
    timeouts: Timeouts = field(default_factory=Timeouts)


def _wire(module: str, class_name: str) -> Factory:
    """The factory of one wire format's provider; its module, and so its SDK, is imported only
    when a chain uses it."""

    def build(item: Resolved) -> Provider:
        provider_class = getattr(importlib.import_module(module), class_name)
        assert item.spec.model is not None
        provider: Provider = provider_class(
            item.spec.model,
            name=item.record.name,
            api_key=item.key,
            base_url=item.base_url,
            timeouts=item.timeouts,
            third_party=item.third_party,
        )
        return provider

    return build


OPENAI_WIRE = _wire("factcheck.llm.providers.openai_provider", "OpenAIProvider")
ANTHROPIC_WIRE = _wire("factcheck.llm.providers.anthropic_provider", "AnthropicProvider")
GEMINI_WIRE = _wire("factcheck.llm.providers.gemini_provider", "GeminiProvider")


def _kind(
    name: str, factory: Factory, default_model: str, default_base_url: str, **rest: Any
) -> ProviderKind:
    """The record of kind `name`, whose variables are NAME_API_KEY and NAME_BASE_URL."""
    variable = name.upper()
    return ProviderKind(
        name=name,
        factory=factory,
        default_model=default_model,
        key_variable=f"{variable}_API_KEY",
        base_url_variable=f"{variable}_BASE_URL",
        default_base_url=default_base_url,
        **rest,
    )


# Registry order is the default chain's order.
KINDS: dict[str, ProviderKind] = {
    record.name: record
    for record in (
        _kind(
            "anthropic",
            ANTHROPIC_WIRE,
            "claude-haiku-4-5",
            "https://api.anthropic.com",
            prices=ANTHROPIC_PRICES,
            in_default_chain=True,
        ),
        _kind(
            "openai",
            OPENAI_WIRE,
            "gpt-5-mini",
            "https://api.openai.com/v1",
            prices=OPENAI_PRICES,
            in_default_chain=True,
        ),
        # Only GEMINI_API_KEY: the SDK's GOOGLE_API_KEY may be a key for other Google services;
        # name it with `gemini;key=GOOGLE_API_KEY` to use it.
        _kind(
            "gemini",
            GEMINI_WIRE,
            "gemini-2.5-flash",
            "https://generativelanguage.googleapis.com",
            prices=GEMINI_PRICES,
            in_default_chain=True,
        ),
        _kind("mistral", OPENAI_WIRE, "mistral-small-latest", "https://api.mistral.ai/v1"),
        _kind("openrouter", OPENAI_WIRE, "openai/gpt-5-mini", "https://openrouter.ai/api/v1"),
        _kind(
            "ollama",
            OPENAI_WIRE,
            "llama3.2",
            "http://localhost:11434/v1",
            key_required=False,
            # A model on local CPU answers slowly; its first answer also waits for the load.
            timeouts=Timeouts(deadline_s=300.0, connect_s=10.0, read_s=300.0),
        ),
    )
}
OFFLINE = "rules"  # the offline extractor: a chain member, but not a provider kind


def kind(name: str) -> ProviderKind:
    """The record of provider kind `name` (KeyError when there is none)."""
    return KINDS[name]


def kind_names() -> tuple[str, ...]:
    """Every name `--provider` accepts, `rules` last."""
    return (*KINDS, OFFLINE)
