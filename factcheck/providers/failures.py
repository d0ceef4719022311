"""How an HTTP failure from an LLM API maps onto the error tree (DESIGN, "The LLM layer").

Both SDK providers call `from_status` at their call site with what the SDK exception carries;
the table lives here once so the two providers cannot drift apart.
"""

from __future__ import annotations

import email.utils
import time
from collections.abc import Mapping
from typing import Any

from factcheck.errors import (
    AccessError,
    BadRequestError,
    ContextTooLongError,
    ProviderError,
    TransientError,
    redact,
)

TRANSIENT_STATUSES = frozenset({408, 409, 429, 500, 502, 503, 504, 529})
ACCESS_STATUSES = frozenset({401, 402, 403, 404})

# Phrases (lower case) in an error's type, code or message.
CONTEXT_TOO_LONG = (
    "context_length_exceeded",
    "context length",
    "context window",
    "prompt is too long",
    "too many tokens",
    "maximum context",
    "input is too long",
    "request_too_large",
)
QUOTA_EXHAUSTED = (
    "insufficient_quota",
    "billing",
    "spend limit",
    "spending limit",
    "credit balance",
    "quota exceeded",
    "exceeded your current quota",
)


def error_fields(body: object) -> tuple[str, str, str]:
    """(type, code, message) from an OpenAI- or Anthropic-shaped error body."""
    detail: Any = body
    if isinstance(body, Mapping) and isinstance(body.get("error"), Mapping):
        detail = body["error"]
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
    text = f"{kind} {code} {message}".lower()
    described = redact(
        f"HTTP {status}{' ' + kind if kind else ''}{' (' + code + ')' if code else ''}: "
        f"{message or 'no message'}",
        secret,
    )
    args: dict[str, Any] = {"provider": provider, "status": status}
    if any(p in text for p in QUOTA_EXHAUSTED) and status in {400, 402, 403, 429}:
        return AccessError(described, **args)
    if status in ACCESS_STATUSES:
        return AccessError(described, **args)
    if status in TRANSIENT_STATUSES or status >= 500:
        return TransientError(described, retry_after=retry_after(headers), **args)
    if status == 413 or (status == 400 and any(p in text for p in CONTEXT_TOO_LONG)):
        return ContextTooLongError(described, **args)
    return BadRequestError(described, **args)


def from_transport(error: BaseException, *, provider: str, secret: str | None) -> TransientError:
    """The TransientError for a timeout or a dropped connection."""
    timed_out = "timeout" in type(error).__name__.lower()
    what = "the request timed out" if timed_out else "the connection failed"
    return TransientError(redact(f"{what} ({error})", secret), provider=provider)
