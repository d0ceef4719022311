"""Gemini's google.rpc.Status bodies read into the error tree, without a server."""

from __future__ import annotations

import pytest

from factcheck.errors import (
    AccessError,
    BadRequestError,
    ContextTooLongError,
    QuotaError,
    TransientError,
)
from factcheck.llm.providers.gemini_failures import from_google_status, status_fields
from tests.fakes.llm_server import (
    GEMINI_QUOTA_MESSAGE,
    gemini_bad_key,
    gemini_daily_quota,
    gemini_rate_limit,
    quota_failure,
    retry_info,
)


def body(status: int, name: str, message: str, *details: dict) -> dict:
    error: dict = {"code": status, "message": message, "status": name}
    if details:
        error["details"] = list(details)
    return {"error": error}


def classify(status: int, payload: object, headers: dict[str, str] | None = None):
    return from_google_status(
        status, payload, headers or {}, provider="gemini", secret="AIzaSECRET"
    )


def test_status_fields_read_the_bare_and_the_wrapped_shapes() -> None:
    wrapped = body(404, "NOT_FOUND", "no such model")
    assert status_fields(wrapped) == ("NOT_FOUND", "no such model", [])
    assert status_fields(wrapped["error"]) == ("NOT_FOUND", "no such model", [])
    # What the SDK hands over for an error page that is not JSON.
    assert status_fields({"message": "<html>bad gateway</html>", "status": "Bad Gateway"}) == (
        "Bad Gateway",
        "<html>bad gateway</html>",
        [],
    )
    assert status_fields("plain text") == ("", "plain text", [])


def test_a_per_minute_limit_is_a_rate_limit_with_the_delay_asked_for() -> None:
    reply = gemini_rate_limit("12.5s")
    error = classify(429, body(429, "RESOURCE_EXHAUSTED", reply.message, *reply.details))
    assert type(error) is TransientError and error.retry_after == 12.5
    assert str(error).startswith("gemini: HTTP 429 RESOURCE_EXHAUSTED: You exceeded")


def test_a_retry_after_header_wins_over_the_body() -> None:
    payload = body(429, "RESOURCE_EXHAUSTED", "slow down", retry_info("30s"))
    assert classify(429, payload, {"Retry-After": "2"}).retry_after == 2.0


def test_a_per_day_quota_among_per_minute_ones_is_a_quota_error() -> None:
    minute = quota_failure("GenerateRequestsPerMinutePerProjectPerModel-FreeTier", "m")
    day = gemini_daily_quota().details[0]
    payload = body(429, "RESOURCE_EXHAUSTED", GEMINI_QUOTA_MESSAGE, minute, day)
    assert isinstance(classify(429, payload), QuotaError)


@pytest.mark.parametrize(
    ("status", "name", "message", "kind"),
    [
        (400, "INVALID_ARGUMENT", "API key expired. Please renew the API key.", AccessError),
        (401, "UNAUTHENTICATED", "Request had invalid authentication credentials.", AccessError),
        (403, "PERMISSION_DENIED", "Method doesn't allow unregistered callers.", AccessError),
        (400, "FAILED_PRECONDITION", "User location is not supported for the API use.", AccessError),
        (500, "INTERNAL", "An internal error has occurred.", TransientError),
        (400, "INVALID_ARGUMENT", "The input token count (2000001) exceeds the maximum number of tokens allowed (1048576).", ContextTooLongError),
        (400, "INVALID_ARGUMENT", "Request contains an invalid argument.", BadRequestError),
    ],
)  # fmt: skip
def test_each_status_lands_where_designs_table_says(status, name, message, kind) -> None:
    error = classify(status, body(status, name, message))
    assert type(error) is kind and error.status == status


def test_the_key_reason_is_read_from_the_details_too() -> None:
    reply = gemini_bad_key()
    payload = body(400, "INVALID_ARGUMENT", "Invalid request.", *reply.details)
    assert type(classify(400, payload)) is AccessError


def test_the_key_is_never_repeated() -> None:
    error = classify(400, body(400, "INVALID_ARGUMENT", "API key not valid: AIzaSECRET"))
    assert "AIzaSECRET" not in str(error) and "[redacted]" in str(error)
