"""How a Gemini API error (a google.rpc.Status body) maps onto the error tree.

Gemini words its failures differently from OpenAI and Anthropic, so three cases are read here
before the shared table in failures.py decides the rest:

- a wrong or revoked key is a 400 INVALID_ARGUMENT ("API key not valid"), not a 401: access;
- a 400 FAILED_PRECONDITION (the user's region is not served, the free tier is not offered
  there) will not change during the run: access;
- every limit is a 429 RESOURCE_EXHAUSTED worded "You exceeded your current quota ... billing",
  the per-minute rate limit included. Only the details tell them apart: a per-day quota, a
  limit of 0 or depleted prepaid credits disable the provider (a quota error); anything else,
  a per-minute quota or a body that does not say, is a rate limit, retried after the delay
  the body asks for (google.rpc.RetryInfo).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from factcheck.errors import AccessError, ProviderError, QuotaError, TransientError, redact
from factcheck.llm.providers.failures import from_status, retry_after, says

# "Please retry in 38.3s." in the message, when the details carry no RetryInfo.
_RETRY_IN = re.compile(r"retry in (\d+(?:\.\d+)?)\s*s", re.IGNORECASE)
_SECONDS = re.compile(r"^(\d+(?:\.\d+)?)s$")
_NO_ALLOWANCE = re.compile(r"\blimit: 0\b")  # a model the account's tier may not use at all


def status_fields(body: object) -> tuple[str, str, list[Mapping[str, Any]]]:
    """(status name, message, details) from a google.rpc.Status body, bare or under "error"."""
    detail: Any = body.get("error", body) if isinstance(body, Mapping) else body
    if not isinstance(detail, Mapping):
        return "", str(body or "")[:300], []
    details = detail.get("details")
    return (
        str(detail.get("status") or ""),
        str(detail.get("message") or "")[:300],
        [d for d in details if isinstance(d, Mapping)] if isinstance(details, list) else [],
    )


def _of_type(details: list[Mapping[str, Any]], name: str) -> list[Mapping[str, Any]]:
    return [d for d in details if str(d.get("@type", "")).endswith(f"google.rpc.{name}")]


def _quota_ids(details: list[Mapping[str, Any]]) -> list[str]:
    return [
        str(violation.get("quotaId") or violation.get("quotaMetric") or "")
        for failure in _of_type(details, "QuotaFailure")
        for violation in failure.get("violations") or []
        if isinstance(violation, Mapping)
    ]


def _retry_delay(details: list[Mapping[str, Any]], message: str) -> float | None:
    for info in _of_type(details, "RetryInfo"):
        found = _SECONDS.match(str(info.get("retryDelay") or ""))
        if found:
            return float(found[1])
    found = _RETRY_IN.search(message)
    return float(found[1]) if found else None


def spent(message: str, details: list[Mapping[str, Any]]) -> bool:
    """Whether a RESOURCE_EXHAUSTED means no request will pass for the rest of the run."""
    if says("gemini_spend_exhausted", message) or _NO_ALLOWANCE.search(message):
        return True
    return any("perday" in quota.lower() for quota in _quota_ids(details))


def _key_refused(message: str, details: list[Mapping[str, Any]]) -> bool:
    reasons = " ".join(str(info.get("reason") or "") for info in _of_type(details, "ErrorInfo"))
    return says("gemini_key_invalid", f"{message} {reasons}")


def from_google_status(
    status: int,
    body: object,
    headers: Mapping[str, str],
    *,
    provider: str,
    secret: str | None,
) -> ProviderError:
    """The ProviderError for a Gemini HTTP error response."""
    name, message, details = status_fields(body)
    described = redact(
        f"HTTP {status}{' ' + name if name else ''}: {message or 'no message'}", secret
    )
    args: dict[str, Any] = {"provider": provider, "status": status}
    if status == 429 or name == "RESOURCE_EXHAUSTED":
        if spent(message, details):
            return QuotaError(described, **args)
        wait = retry_after(headers)
        return TransientError(
            described,
            retry_after=wait if wait is not None else _retry_delay(details, message),
            **args,
        )
    if status in {400, 401, 403} and _key_refused(message, details):
        return AccessError(described, **args)
    if status == 400 and name == "FAILED_PRECONDITION":
        return AccessError(described, **args)
    # The rest reads like the other vendors': the shared table decides.
    return from_status(
        status,
        {"error": {"type": name, "message": message}},
        headers,
        provider=provider,
        secret=secret,
    )
