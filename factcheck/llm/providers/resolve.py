"""Which URL, which key and which time limits one chain item gets: keys go only where they belong.

- An item without a URL talks to its kind's `*_BASE_URL` (when set) or the kind's own service,
  and sends the kind's key variable (`OPENAI_API_KEY`...).
- An item with its own URL (`openai:MODEL@URL`) gets no key unless it names one (`;key=VAR`):
  the kind's key belongs to the kind's service, never to a third party. A URL on the kind's own
  service (same scheme, host and port) is the exception: its key belongs there.
- Credentials written in a URL are taken out of it and sent, as the key, only with `;key=url`.
- A base URL without a key is fine: a local server needs none.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from factcheck.errors import ConfigError
from factcheck.llm.providers.registry import KINDS, ProviderKind, Timeouts
from factcheck.llm.providers.spec import ProviderSpec, split_credentials

# Environment variables that set every provider's time limits (a spec's own options win).
TIMEOUT_VARIABLES = {
    "deadline_s": "FACTCHECK_LLM_DEADLINE",
    "connect_s": "FACTCHECK_LLM_CONNECT_TIMEOUT",
    "read_s": "FACTCHECK_LLM_READ_TIMEOUT",
}


@dataclass(frozen=True, slots=True)
class Resolved:
    """One chain item made concrete. `key` is a secret: it has no repr and is never shown."""

    spec: ProviderSpec
    record: ProviderKind
    base_url: str
    key_source: str | None  # the variable the key came from, "the URL", or None for no key
    key_needed: bool  # the service needs a key (its own hosted API)
    third_party: bool  # a URL of the item's own, not on its kind's service
    timeouts: Timeouts
    notices: tuple[str, ...] = ()
    key: str | None = field(default=None, repr=False)

    @property
    def key_missing(self) -> bool:
        """The service needs a key and none is configured."""
        return self.key_needed and self.key is None


def _same_service(url: str, home: str) -> bool:
    a, b = urlsplit(url), urlsplit(home)
    return (a.scheme, a.hostname, a.port) == (b.scheme, b.hostname, b.port)


def _timeouts(record: ProviderKind, spec: ProviderSpec, env: Mapping[str, str]) -> Timeouts:
    values: dict[str, float] = {}
    for name, variable in TIMEOUT_VARIABLES.items():
        raw = (env.get(variable) or "").strip()
        if raw:
            try:
                number = float(raw)
            except ValueError:
                number = -1.0
            if not 0 < number <= 3600:
                raise ConfigError(f"{variable} must be seconds between 0 and 3600, got {raw!r}")
            values[name] = number
    values.update(dict(spec.seconds))
    limits = dataclasses.replace(record.timeouts, **values)
    if "read_s" not in values and limits.read_s < limits.deadline_s:
        # A whole answer arrives in one read: a read limit below the deadline would cut off
        # every answer a slow server (a small model on CPU) takes longer to write, and the
        # retry would start it over. Unless the user set one, reads wait up to the deadline.
        limits = dataclasses.replace(limits, read_s=limits.deadline_s)
    return limits


def resolve(spec: ProviderSpec, env: Mapping[str, str]) -> Resolved:
    """The URL, key and time limits for `spec` (ConfigError for a named key variable not set)."""
    if spec.kind not in KINDS or spec.model is None:
        raise ConfigError("'rules' is the offline extractor, not an LLM provider")
    record = KINDS[spec.kind]
    url_secret = spec.url_secret
    from_variable = False
    if spec.base_url:
        base_url = spec.base_url
    else:
        configured = (env.get(record.base_url_variable or "") or "").strip()
        from_variable = bool(configured)
        base_url = record.default_base_url
        if configured:
            base_url, url_secret = split_credentials(configured)
    own_service = _same_service(base_url, record.default_base_url)
    notices = []
    if url_secret is not None and spec.key != "url":
        notices.append(
            f"{spec.label}: the user name and password in its URL are not sent "
            "(add ';key=url' to the provider to send the password as the API key)"
        )
    key, source = _key(spec, record, env, url_secret, own_service or not spec.base_url)
    # A URL of one's own (or *_BASE_URL) may be a local server that needs no key.
    needed = record.key_required and own_service and not from_variable and spec.key != "none"
    return Resolved(
        spec=spec,
        record=record,
        base_url=base_url,
        key_source=source,
        key_needed=needed,
        third_party=bool(spec.base_url) and not own_service,
        timeouts=_timeouts(record, spec, env),
        notices=tuple(notices),
        key=key,
    )


def _key(
    spec: ProviderSpec,
    record: ProviderKind,
    env: Mapping[str, str],
    url_secret: str | None,
    default_allowed: bool,
) -> tuple[str | None, str | None]:
    if spec.key == "none":
        return None, None
    if spec.key == "url":
        if url_secret is None:
            raise ConfigError(
                f"{spec.label}: key=url, but its URL carries no user name or password"
            )
        return url_secret, "the URL"
    if spec.key is not None:
        value = (env.get(spec.key) or "").strip()
        if not value:
            shown = spec.key if spec.key.isupper() else "the variable it names"
            raise ConfigError(f"{spec.label}: key={shown} is not set (in the environment or .env)")
        return value, spec.key
    if default_allowed and record.key_variable:
        value = (env.get(record.key_variable) or "").strip()
        if value:
            return value, record.key_variable
    return None, None


def missing_key_message(resolved: Resolved) -> str:
    """What to do when the service needs a key and none is set."""
    variable = resolved.record.key_variable or "a key variable"
    return (
        f"{resolved.spec.label} needs an API key: set {variable} (in the environment or .env), "
        "or use --provider rules to work offline"
    )
