"""How an HTTP failure from an LLM API maps onto the error tree (DESIGN, "The LLM layer").

Both SDK providers call `from_status` at their call site with what the SDK exception carries;
the table lives here once so the two providers cannot drift apart.
"""

from __future__ import annotations

import email.utils
import json
import time
from collections.abc import Mapping
from functools import cache
from importlib import resources
from typing import Any

from factcheck.errors import (
    AccessError,
    BadRequestError,
    ContextTooLongError,
    OutputTooLongError,
    ProviderError,
    QuotaError,
    TransientError,
    redact,
)

TRANSIENT_STATUSES = frozenset({408, 409, 429, 500, 502, 503, 504, 529})
ACCESS_STATUSES = frozenset({401, 402, 403, 404})


@cache
def phrases(failure: str) -> tuple[str, ...]:
    """The lower-case phrases that prove `failure` ("quota_exhausted", "context_too_long",
    "format_refused"), from data/failures.json."""
    path = resources.files("factcheck.llm.providers").joinpath("data/failures.json")
    return tuple(json.loads(path.read_text(encoding="utf-8"))[failure])


def says(failure: str, text: str) -> bool:
    """Whether an error's text carries one of `failure`'s phrases."""
    lowered = text.lower()
    return any(phrase in lowered for phrase in phrases(failure))


def error_fields(body: object) -> tuple[str, str, str]:
    """(type, code, message) from an OpenAI- or Anthropic-shaped error body."""
    detail: Any = body
    if isinstance(body, Mapping) and isinstance(body.get("error"), Mapping):
        detail = body["error"]
    elif isinstance(body, Mapping) and isinstance(body.get("error"), str):  # Ollama, llama.cpp
        return "", "", body["error"][:300]
    if not isinstance(detail, Mapping):
        return "", "", str(body or "")[:300]
    return (
        str(detail.get("type") or ""),
        str(detail.get("code") or ""),
        str(detail.get("message") or ""),
    )


def retry_after(headers: Mapping[str, str], now: float | None = None) -> float | None:
    """Seconds the server asks us to wait, from `retry-after-ms` or `retry-after`."""
    lowered = {k.lower(): v for k, v in headers.items()}
    raw_ms = lowered.get("retry-after-ms")
    if raw_ms:
        try:
            return max(0.0, float(raw_ms) / 1000)
        except ValueError:
            pass
    raw = lowered.get("retry-after")
    if not raw:
        return None
    try:
        return max(0.0, float(raw))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(raw)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


def from_status(
    status: int,
    body: object,
    headers: Mapping[str, str],
    *,
    provider: str,
    secret: str | None,
) -> ProviderError:
    """The ProviderError for an HTTP error response."""
    kind, code, message = error_fields(body)
    text = f"{kind} {code} {message}"
    described = redact(
        f"HTTP {status}{' ' + kind if kind else ''}{' (' + code + ')' if code else ''}: "
        f"{message or 'no message'}",
        secret,
    )
    args: dict[str, Any] = {"provider": provider, "status": status}
    # Anthropic's spend limit is a 400, OpenAI's quota a 429: the words decide, not the status.
    if status in {400, 402, 403, 429} and says("quota_exhausted", text):
        return QuotaError(described, **args)
    if status in ACCESS_STATUSES:
        return AccessError(described, **args)
    if status in TRANSIENT_STATUSES or status >= 500:
        return TransientError(described, retry_after=retry_after(headers), **args)
    if status == 413 or (status in {400, 422} and says("context_too_long", text)):
        return ContextTooLongError(described, **args)
    # More output asked than the model ever writes ("max_tokens is too large ... supports at most
    # 16384 completion tokens"): a smaller part of the input asks for less.
    if status in {400, 422} and says("output_cap_exceeded", text):
        return OutputTooLongError(described, **args)
    return BadRequestError(described, **args)


def not_a_model_response(what: str, *, provider: str, secret: str | None) -> TransientError:
    """A 200 whose body is no model answer (an HTML page from a proxy, broken JSON): the
    service or something in front of it misbehaved, so it is transient, never a crash."""
    return TransientError(
        redact(f"the server's answer is not a model response ({what})", secret), provider=provider
    )


def body_excerpt(text: str, limit: int = 60) -> str:
    """The start of a body, on one line, for an error message."""
    return " ".join(text.split())[:limit]


def from_transport(error: BaseException, *, provider: str, secret: str | None) -> TransientError:
    """The TransientError for a timeout or a dropped connection."""
    timed_out = "timeout" in type(error).__name__.lower()
    what = "the request timed out" if timed_out else "the connection failed"
    return TransientError(redact(f"{what} ({error})", secret), provider=provider)
