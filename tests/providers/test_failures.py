"""The failure table: HTTP status and error body -> error class and retry hint."""

from __future__ import annotations

import email.utils

import pytest

from factcheck.errors import (
    AccessError,
    BadRequestError,
    ContextTooLongError,
    OutputTooLongError,
    QuotaError,
    TransientError,
)
from factcheck.llm.providers.failures import error_fields, from_status, retry_after

# Anthropic's answer once a workspace reaches the spend limit its owner set (a 400, not a 429).
SPEND_LIMIT = {
    "type": "error",
    "error": {
        "type": "invalid_request_error",
        "message": "You have reached your specified API usage limits. You will regain access "
        "on 2026-01-01 at 00:00 UTC.",
    },
}


def _openai(message: str, kind: str = "", code: str | None = None) -> dict[str, object]:
    return {"error": {"message": message, "type": kind, "code": code}}


@pytest.mark.parametrize(
    ("status", "body", "expected"),
    [
        (408, _openai("timeout"), TransientError),
        (409, _openai("conflict"), TransientError),
        (429, _openai("Rate limit reached", "requests", "rate_limit_exceeded"), TransientError),
        (500, _openai("server error"), TransientError),
        (502, _openai("bad gateway"), TransientError),
        (503, _openai("unavailable"), TransientError),
        (504, _openai("gateway timeout"), TransientError),
        (529, {"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}}, TransientError),
        (401, _openai("Incorrect API key provided", "invalid_request_error", "invalid_api_key"), AccessError),
        (402, _openai("payment required"), QuotaError),
        (403, {"type": "error", "error": {"type": "permission_error", "message": "revoked"}}, AccessError),
        (404, _openai("The model `gpt-9` does not exist", "invalid_request_error", "model_not_found"), AccessError),
        (429, _openai("You exceeded your current quota, please check your plan and billing details.", "insufficient_quota", "insufficient_quota"), QuotaError),
        (400, {"type": "error", "error": {"type": "invalid_request_error", "message": "Your credit balance is too low"}}, QuotaError),
        (400, SPEND_LIMIT, QuotaError),
        (400, _openai("request (2226 tokens) exceeds the available context size (1024 tokens), try increasing it", "exceed_context_size_error"), ContextTooLongError),
        (400, _openai("This model's maximum context length is 4096 tokens. However, you requested 5000 tokens (4000 in the messages, 1000 in the completion).", "BadRequestError"), ContextTooLongError),
        (400, {"error": "the input length exceeds the context length"}, ContextTooLongError),
        (400, _openai("Invalid parameter: messages with role 'tool' must be a response to a preceeding message with 'tool_calls'.", "invalid_request_error"), BadRequestError),
        (400, _openai("This model's maximum context length is 128000 tokens", "invalid_request_error", "context_length_exceeded"), ContextTooLongError),
        (400, {"type": "error", "error": {"type": "invalid_request_error", "message": "prompt is too long: 250000 tokens > 200000 maximum"}}, ContextTooLongError),
        (413, {"type": "error", "error": {"type": "request_too_large", "message": "Request exceeds the maximum size"}}, ContextTooLongError),
        (400, _openai("Unrecognized request argument supplied: foo", "invalid_request_error"), BadRequestError),
        (400, _openai("max_tokens is too large: 20000. This model supports at most 16384 completion tokens, whereas you provided 20000.", "invalid_request_error"), OutputTooLongError),
        (400, {"type": "error", "error": {"type": "invalid_request_error", "message": "max_tokens: 20000 > 8192, which is the maximum allowed number of output tokens for claude-3-5-haiku-20241022"}}, OutputTooLongError),
        (422, _openai("Unprocessable"), BadRequestError),
    ],
)  # fmt: skip
def test_status_maps_to_the_table(status: int, body: object, expected: type) -> None:
    error = from_status(status, body, {}, provider="p", secret=None)
    assert type(error) is expected
    assert error.status == status
    assert f"HTTP {status}" in str(error)


def test_retry_after_ms_wins_over_retry_after() -> None:
    assert retry_after({"Retry-After-Ms": "1500", "retry-after": "9"}) == 1.5
    assert retry_after({"retry-after": "7"}) == 7.0
    assert retry_after({}) is None
    assert retry_after({"retry-after": "soon"}) is None


def test_retry_after_http_date() -> None:
    now = 1_700_000_000.0
    header = email.utils.formatdate(now + 12, usegmt=True)
    assert retry_after({"retry-after": header}, now=now) == pytest.approx(12, abs=1)


def test_rate_limit_carries_its_retry_hint() -> None:
    error = from_status(429, _openai("slow down"), {"retry-after": "3"}, provider="p", secret=None)
    assert isinstance(error, TransientError)
    assert error.retry_after == 3.0


def test_error_fields_of_both_formats_and_plain_text() -> None:
    assert error_fields(_openai("m", "t", "c")) == ("t", "c", "m")
    assert error_fields({"type": "error", "error": {"type": "api_error", "message": "x"}}) == (
        "api_error",
        "",
        "x",
    )
    assert error_fields("<html>Bad Gateway</html>") == ("", "", "<html>Bad Gateway</html>")


def test_known_secret_is_scrubbed_from_the_message() -> None:
    secret = "zz" + "9" * 30  # not key-shaped, so only the known-value scrub can catch it
    error = from_status(
        401, _openai(f"bad key {secret}", "invalid_request_error"), {}, provider="p", secret=secret
    )
    assert secret not in str(error)
    assert "[redacted]" in str(error)
