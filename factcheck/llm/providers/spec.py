"""Provider chain specs: "anthropic:claude-haiku-4-5,openai:gpt-5-mini,rules".

One item is `KIND[:MODEL][@URL][;OPTION=VALUE...]`. Options:

- `key=VARIABLE` sends the value of that environment variable as the API key; `key=url` sends the
  password (or the lone user name) written in the URL; `key=none` sends no key at all.
- `deadline=SECONDS` bounds one request, retries included; `connect=SECONDS` and `read=SECONDS`
  bound one HTTP attempt's connection and each read.

Credentials written in a URL (`http://user:pass@host/v1`) are taken out of it at once: they never
reach a label, a report, a log or an error, and are sent only when the item says `key=url`.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit, urlunsplit

from factcheck.errors import ConfigError, hide_url_credentials
from factcheck.llm.providers.registry import KINDS, OFFLINE, kind_names

EXAMPLE = (
    "anthropic:claude-haiku-4-5,openai:gpt-5-mini,openai:llama3.1@http://localhost:11434/v1,rules"
)
_VARIABLE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_SECONDS_OPTIONS = {"deadline": "deadline_s", "connect": "connect_s", "read": "read_s"}


@dataclass(frozen=True, slots=True)
class ProviderSpec:
    """One backend in the chain: its kind, model, base URL (never with credentials), options."""

    kind: str
    model: str | None = None
    base_url: str | None = None
    key: str | None = None  # None: the kind's own rule; a variable name, "url" or "none"
    seconds: tuple[tuple[str, float], ...] = ()  # ("deadline_s", 120.0), ...
    # What the URL carried before its credentials were taken out; never shown, never compared.
    url_secret: str | None = field(default=None, repr=False, compare=False)

    @property
    def label(self) -> str:
        """The spec as the user writes it, without options: "openai:llama3.1@http://host/v1"."""
        text = self.kind if self.model is None else f"{self.kind}:{self.model}"
        return f"{text}@{self.base_url}" if self.base_url else text


def split_credentials(url: str) -> tuple[str, str | None]:
    """(the URL without user information, the password or else the lone user name, or None)."""
    parts = urlsplit(url)
    if parts.username is None and parts.password is None:
        return url, None
    host = parts.hostname or ""
    if ":" in host:  # an IPv6 address keeps its brackets
        host = f"[{host}]"
    netloc = host if parts.port is None else f"{host}:{parts.port}"
    clean = urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))
    secret = parts.password if parts.password else parts.username
    return clean, unquote(secret) if secret else None


def parse_spec(text: str) -> ProviderSpec:
    """One "kind[:model][@base_url][;option=value...]" item."""
    item, *options = text.strip().split(";")
    # Error messages never repeat a password, nor an option's value (a pasted key, perhaps).
    shown = hide_url_credentials(item.strip())
    head, at, url = item.strip().partition("@")
    kind, colon, model = head.partition(":")
    kind = kind.strip().lower()
    model = model.strip()
    url = url.strip()
    if kind not in kind_names():
        raise ConfigError(
            f"unknown provider {kind or shown!r} in {shown!r}: use {', '.join(kind_names())}, "
            f"e.g. {EXAMPLE!r}"
        )
    if kind == OFFLINE:
        if colon or at or options:
            raise ConfigError(f"'rules' takes no model, URL or option, got {shown!r}")
        return ProviderSpec(OFFLINE)
    if colon and not model:
        raise ConfigError(f"empty model name in {shown!r}: write {kind}:MODEL or just {kind}")
    secret = None
    if at:
        parsed = urlsplit(url)
        if parsed.scheme not in ("http", "https") or not parsed.hostname:
            raise ConfigError(
                f"bad base URL {hide_url_credentials(url)!r} in {shown!r}: "
                "expected http(s)://host[:port]/path"
            )
        url, secret = split_credentials(url)
    spec = ProviderSpec(kind, model or KINDS[kind].default_model, url or None, url_secret=secret)
    return _with_options(spec, options, shown)


def _with_options(spec: ProviderSpec, options: list[str], shown: str) -> ProviderSpec:
    seconds: dict[str, float] = {}
    key = None
    for option in options:
        name, equals, value = (part.strip() for part in option.partition("="))
        if not equals or not value:
            raise ConfigError(f"an option of {shown!r} has no value: write ;NAME=VALUE")
        if name == "key":
            if value.lower() in ("url", "none"):
                key = value.lower()
            elif _VARIABLE.fullmatch(value):
                key = value
            else:
                raise ConfigError(
                    f"key= in {shown!r} takes the NAME of an environment variable (or 'url', "
                    "'none'), never the key itself"
                )
        elif name in _SECONDS_OPTIONS:
            try:
                number = float(value)
            except ValueError:
                number = -1.0
            if not 0 < number <= 3600:
                raise ConfigError(f"{name}= in {shown!r} must be seconds between 0 and 3600")
            seconds[_SECONDS_OPTIONS[name]] = number
        else:
            known = ", ".join(["key", *_SECONDS_OPTIONS])
            raise ConfigError(f"unknown option {name[:12]!r} for {shown!r}: use {known}")
    if key == "url" and spec.base_url and spec.url_secret is None:
        raise ConfigError(f"key=url in {shown!r}, but its URL carries no user name or password")
    return dataclasses.replace(spec, key=key, seconds=tuple(sorted(seconds.items())))


def parse_chain(text: str) -> list[ProviderSpec]:
    """The comma-separated chain, in fallback order."""
    shown = hide_url_credentials(text)
    items = [item for item in text.split(",")]
    if not text.strip() or any(not item.strip() for item in items):
        raise ConfigError(f"empty provider in chain {shown!r}; example: {EXAMPLE!r}")
    specs = [parse_spec(item) for item in items]
    labels = [spec.label for spec in specs]
    duplicates = sorted({label for label in labels if labels.count(label) > 1})
    if duplicates:
        raise ConfigError(f"provider listed twice in chain {shown!r}: {', '.join(duplicates)}")
    if OFFLINE in labels[:-1]:
        raise ConfigError(f"'rules' must come last in the chain {shown!r}: it never fails")
    return specs


def default_chain(env: Mapping[str, str]) -> list[ProviderSpec]:
    """FACTCHECK_PROVIDERS when set; else every default-chain kind whose key or base URL is set
    (Anthropic, then OpenAI), then rules. A base URL alone is enough: a local server needs no key.
    """
    configured = (env.get("FACTCHECK_PROVIDERS") or "").strip()
    if configured:
        return parse_chain(configured)
    specs = [
        ProviderSpec(record.name, record.default_model)
        for record in KINDS.values()
        if record.in_default_chain
        and any(
            (env.get(variable) or "").strip()
            for variable in (record.key_variable, record.base_url_variable)
            if variable
        )
    ]
    return [*specs, ProviderSpec(OFFLINE)]
