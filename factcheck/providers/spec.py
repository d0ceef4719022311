"""Provider chain specs: "anthropic:claude-haiku-4-5,openai:gpt-5-mini,rules"."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urlparse

from factcheck.errors import ConfigError

Kind = Literal["anthropic", "openai", "rules"]
KINDS: tuple[Kind, ...] = ("anthropic", "openai", "rules")
DEFAULT_MODELS: dict[str, str] = {"anthropic": "claude-haiku-4-5", "openai": "gpt-5-mini"}
KEY_VARIABLES: dict[str, str] = {"anthropic": "ANTHROPIC_API_KEY", "openai": "OPENAI_API_KEY"}
BASE_URL_VARIABLES: dict[str, str] = {
    "anthropic": "ANTHROPIC_BASE_URL",
    "openai": "OPENAI_BASE_URL",
}
EXAMPLE = (
    "anthropic:claude-haiku-4-5,openai:gpt-5-mini,openai:llama3.1@http://localhost:11434/v1,rules"
)


@dataclass(frozen=True, slots=True)
class ProviderSpec:
    """One backend in the chain: its kind, model and (for compatible servers) base URL."""

    kind: Kind
    model: str | None = None
    base_url: str | None = None

    @property
    def label(self) -> str:
        """The spec as the user writes it: "openai:llama3.1@http://localhost:11434/v1"."""
        text = self.kind if self.model is None else f"{self.kind}:{self.model}"
        return f"{text}@{self.base_url}" if self.base_url else text


def parse_spec(text: str) -> ProviderSpec:
    """One "kind[:model][@base_url]" item."""
    item = text.strip()
    head, at, url = item.partition("@")
    kind, colon, model = head.partition(":")
    kind = kind.strip().lower()
    model = model.strip()
    url = url.strip()
    if kind not in KINDS:
        raise ConfigError(
            f"unknown provider {kind or item!r} in {text.strip()!r}: use anthropic, openai or "
            f"rules, e.g. {EXAMPLE!r}"
        )
    if kind == "rules":
        if colon or at:
            raise ConfigError(f"'rules' takes no model or URL, got {item!r}")
        return ProviderSpec("rules")
    if colon and not model:
        raise ConfigError(f"empty model name in {item!r}: write {kind}:MODEL or just {kind}")
    if at:
        parsed = urlparse(url)
        if parsed.scheme not in ("http", "https") or not parsed.netloc:
            raise ConfigError(
                f"bad base URL {url!r} in {item!r}: expected http(s)://host[:port]/path"
            )
    return ProviderSpec(kind, model or DEFAULT_MODELS[kind], url or None)


def parse_chain(text: str) -> list[ProviderSpec]:
    """The comma-separated chain, in fallback order."""
    items = [item for item in text.split(",")]
    if not text.strip() or any(not item.strip() for item in items):
        raise ConfigError(f"empty provider in chain {text!r}; example: {EXAMPLE!r}")
    specs = [parse_spec(item) for item in items]
    labels = [spec.label for spec in specs]
    duplicates = sorted({label for label in labels if labels.count(label) > 1})
    if duplicates:
        raise ConfigError(f"provider listed twice in chain {text!r}: {', '.join(duplicates)}")
    if "rules" in labels[:-1]:
        raise ConfigError(f"'rules' must come last in the chain {text!r}: it never fails")
    return specs


def default_chain(env: Mapping[str, str]) -> list[ProviderSpec]:
    """FACTCHECK_PROVIDERS when set; else every provider with a key (Anthropic, OpenAI), then rules."""
    configured = (env.get("FACTCHECK_PROVIDERS") or "").strip()
    if configured:
        return parse_chain(configured)
    specs = [
        ProviderSpec(kind, DEFAULT_MODELS[kind])
        for kind in ("anthropic", "openai")
        if (env.get(KEY_VARIABLES[kind]) or "").strip()
    ]
    return [*specs, ProviderSpec("rules")]
