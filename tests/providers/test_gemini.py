"""The Gemini provider against the loopback fake speaking Gemini's REST wire format, through the
real google-genai SDK: the request it sends, the answers it accepts, and every row of DESIGN's
failure table in Gemini's own error bodies."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator

import pytest

from factcheck.errors import (
    BadRequestError,
    FormatIgnoredError,
    InvalidOutputError,
    OutputTooLongError,
    TransientError,
)
from factcheck.llm.providers.gemini_provider import GeminiProvider
from factcheck.llm.providers.registry import Timeouts
from tests.fakes.llm_server import (
    GEMINI_QUOTA_MESSAGE,
    FakeLLMServer,
    Reply,
    drop,
    gemini_bad_key,
    gemini_credits_depleted,
    gemini_daily_quota,
    gemini_error,
    gemini_rate_limit,
    html,
    ok,
    quota_failure,
    raw,
    text,
)
from tests.providers.conftest import GOOD, SCHEMA, ChainFactory, Clock, fake_key, request

CHAIN = "gemini:gemini-2.5-flash,openai:gpt-5-mini,rules"
KEY = fake_key("gem-")


@pytest.fixture
async def gemini(llm_server: FakeLLMServer) -> AsyncIterator[GeminiProvider]:
    llm_server.default = GOOD
    provider = GeminiProvider("gemini-2.5-flash", api_key=KEY, base_url=llm_server.gemini_url)
    yield provider
    await provider.aclose()


async def test_a_structured_answer_with_its_usage(
    llm_server: FakeLLMServer, gemini: GeminiProvider
) -> None:
    completion = await gemini.complete(request("Who is quoted?"))
    assert completion.data == GOOD
    assert (completion.provider, completion.model) == ("gemini", "gemini-2.5-flash")
    assert (completion.input_tokens, completion.output_tokens) == (180, 35)
    (sent,) = llm_server.requests("gemini")
    assert sent.path == "/v1beta/models/gemini-2.5-flash:generateContent"
    assert sent.headers["x-goog-api-key"] == KEY
    assert "authorization" not in sent.headers
    assert sent.body["contents"] == [{"role": "user", "parts": [{"text": "Who is quoted?"}]}]
    assert sent.body["systemInstruction"]["parts"] == [{"text": "Extract facts."}]
    config = sent.body["generationConfig"]
    assert config["responseMimeType"] == "application/json"
    assert config["responseJsonSchema"] == SCHEMA
    assert config["maxOutputTokens"] == 4096 and config["temperature"] == 0
    # Flash thinks by default, and its thoughts would eat the output budget.
    assert config["thinkingConfig"] in ({"thinkingBudget": 0}, {"thinking_budget": 0})


async def test_an_answer_that_ignores_the_schema_steps_down_to_json_mode(
    llm_server: FakeLLMServer, make_chain: ChainFactory
) -> None:
    llm_server.script("gemini", ok({"answer": "x"}), ok(GOOD))
    chain = await make_chain(CHAIN)
    assert (await chain.complete(request())).data == GOOD
    native, plain = llm_server.requests("gemini")
    assert "responseJsonSchema" in native.body["generationConfig"]
    assert "responseJsonSchema" not in plain.body["generationConfig"]
    assert plain.body["generationConfig"]["responseMimeType"] == "application/json"
    assert '"required":["answer","count"]' in plain.body["systemInstruction"]["parts"][0]["text"]
    assert llm_server.requests("openai") == []


async def test_a_refused_schema_steps_down_and_the_level_is_kept(
    llm_server: FakeLLMServer, make_chain: ChainFactory, clock: Clock
) -> None:
    llm_server.script(
        "gemini",
        gemini_error(
            400,
            "INVALID_ARGUMENT",
            'Invalid JSON payload received. Unknown name "responseJsonSchema" at '
            "'generation_config': Cannot find field.",
        ),
    )
    chain = await make_chain(CHAIN)
    assert (await chain.complete(request())).provider == "gemini"
    await chain.complete(request("again"))
    first, second, third = llm_server.requests("gemini")
    assert "responseJsonSchema" in first.body["generationConfig"]
    assert "responseJsonSchema" not in second.body["generationConfig"]
    assert "responseJsonSchema" not in third.body["generationConfig"]  # remembered
    assert clock.waits == []


async def test_an_answer_cut_at_the_output_limit_is_too_long_not_reasked(
    llm_server: FakeLLMServer, gemini: GeminiProvider
) -> None:
    llm_server.script(
        "gemini",
        text('{"answer": "Christopher', finish="MAX_TOKENS"),
        text("Sure! Here is what I found in the", finish="MAX_TOKENS"),
        text("Sure! Here is what I found in the", finish="MAX_TOKENS"),
    )
    with pytest.raises(OutputTooLongError, match="output token limit"):
        await gemini.complete(request())
    # Prose where the schema was enforced: the server ignores the schema (next: JSON mode);
    # prose in JSON mode is an answer in the wrong shape, which more tokens would not mend.
    with pytest.raises(FormatIgnoredError, match="not JSON"):
        await gemini.complete(request())
    assert gemini.level == "json_mode"
    with pytest.raises(InvalidOutputError, match="not JSON"):
        await gemini.complete(request())


async def test_an_answer_cut_at_the_limit_goes_to_the_next_provider(
    llm_server: FakeLLMServer, make_chain: ChainFactory
) -> None:
    llm_server.script("gemini", text('{"answer": "Chris', finish="MAX_TOKENS"))
    chain = await make_chain(CHAIN)
    assert (await chain.complete(request())).provider == "openai"
    assert len(llm_server.requests("gemini")) == 1  # never re-asked with a longer prompt
    assert chain.fallbacks[0].reason.startswith("output_too_long")


@pytest.mark.parametrize(
    "reply",
    [text(json.dumps(GOOD), finish="SAFETY"), Reply(blocked="PROHIBITED_CONTENT")],
    ids=["answer stopped: SAFETY", "prompt blocked"],
)
async def test_a_blocked_answer_is_a_refusal_then_the_next_provider(
    llm_server: FakeLLMServer, make_chain: ChainFactory, reply: Reply
) -> None:
    llm_server.script("gemini", reply, reply)
    chain = await make_chain(CHAIN)
    assert (await chain.complete(request())).provider == "openai"
    sent = llm_server.requests("gemini")
    assert len(sent) == 2  # the one re-ask of DESIGN's table, then the fallback
    assert all("responseJsonSchema" in r.body["generationConfig"] for r in sent)  # no step-down
    (event,) = chain.fallbacks
    assert event.reason.startswith("invalid_output: Gemini ") and not event.disabled
    assert "SAFETY" in event.reason or "PROHIBITED_CONTENT" in event.reason


TRANSIENT = {
    "429 per-minute rate limit": gemini_rate_limit("1s"),
    "429 without details": gemini_error(
        429, "RESOURCE_EXHAUSTED", "Resource has been exhausted (e.g. check quota)."
    ),
    "500 INTERNAL": gemini_error(500, "INTERNAL", "An internal error has occurred."),
    "503 UNAVAILABLE": gemini_error(503, "UNAVAILABLE", "The model is overloaded."),
    "504 DEADLINE_EXCEEDED": gemini_error(504, "DEADLINE_EXCEEDED", "Deadline expired."),
    "502 HTML page": html(502),
    "200 HTML page": html(),
    "200 broken JSON": raw('{"candidates": [{"content": '),
    "200 JSON that is no answer": raw('{"status": "ok"}'),
    "dropped connection": drop(),
}
ACCESS = {
    "400 API key not valid": gemini_bad_key(),
    "403 PERMISSION_DENIED": gemini_error(
        403, "PERMISSION_DENIED", "Permission denied: Consumer has been suspended."
    ),
    "404 NOT_FOUND model": gemini_error(
        404, "NOT_FOUND", "models/gemini-2.5-flash is not found for API version v1beta."
    ),
    "400 FAILED_PRECONDITION region": gemini_error(
        400, "FAILED_PRECONDITION", "User location is not supported for the API use."
    ),
    "429 daily quota": gemini_daily_quota(),
    "429 credits depleted": gemini_credits_depleted(),
    "429 limit 0": gemini_error(
        429,
        "RESOURCE_EXHAUSTED",
        GEMINI_QUOTA_MESSAGE + "\n* Quota exceeded for metric: "
        "generativelanguage.googleapis.com/generate_content_free_tier_requests, limit: 0",
    ),
}


@pytest.mark.parametrize("reply", TRANSIENT.values(), ids=TRANSIENT.keys())
async def test_transient_failures_are_retried_then_succeed(
    llm_server: FakeLLMServer, make_chain: ChainFactory, clock: Clock, reply: Reply
) -> None:
    llm_server.script("gemini", reply, reply, ok(GOOD))
    chain = await make_chain(CHAIN)
    completion = await chain.complete(request())
    assert (completion.provider, completion.data) == ("gemini", GOOD)
    assert len(llm_server.requests("gemini")) == 3
    assert llm_server.requests("openai") == []
    assert len(clock.waits) == 2 and chain.fallbacks == []


async def test_the_retry_delay_gemini_asks_for_is_honoured(
    llm_server: FakeLLMServer, make_chain: ChainFactory, clock: Clock
) -> None:
    # RetryInfo in the details first; else the "Please retry in 3.5s." of the message.
    worded = gemini_error(429, "RESOURCE_EXHAUSTED", "Quota exceeded. Please retry in 3.5s.")
    llm_server.script("gemini", gemini_rate_limit("7s"), worded, ok(GOOD))
    chain = await make_chain(CHAIN)
    assert (await chain.complete(request())).provider == "gemini"
    assert clock.waits == [7.0, 3.5]


async def test_a_retry_delay_beyond_the_cap_falls_back_at_once(
    llm_server: FakeLLMServer, make_chain: ChainFactory, clock: Clock
) -> None:
    llm_server.script("gemini", gemini_rate_limit("45s"))
    chain = await make_chain(CHAIN)
    assert (await chain.complete(request())).provider == "openai"
    assert clock.waits == [] and len(llm_server.requests("gemini")) == 1
    (event,) = chain.fallbacks
    assert event.reason.startswith("transient: HTTP 429 RESOURCE_EXHAUSTED")
    assert event.disabled is False


async def test_rate_limits_that_never_lift_exhaust_the_attempts_then_fall_back(
    llm_server: FakeLLMServer, make_chain: ChainFactory, clock: Clock
) -> None:
    llm_server.script("gemini", *[gemini_rate_limit("1s")] * 4)
    chain = await make_chain(CHAIN)
    assert (await chain.complete(request())).provider == "openai"
    assert len(llm_server.requests("gemini")) == 4  # max_attempts
    assert clock.waits == [1.0, 1.0, 1.0]
    assert chain.fallbacks[0].disabled is False


@pytest.mark.parametrize("reply", ACCESS.values(), ids=ACCESS.keys())
async def test_access_and_quota_failures_disable_gemini_after_one_request(
    llm_server: FakeLLMServer, make_chain: ChainFactory, clock: Clock, reply: Reply
) -> None:
    llm_server.script("gemini", reply)
    chain = await make_chain(CHAIN)
    first = await chain.complete(request("one"))
    second = await chain.complete(request("two"))
    assert first.provider == second.provider == "openai"
    assert len(llm_server.requests("gemini")) == 1
    assert clock.waits == []
    (event,) = chain.fallbacks
    assert event.disabled is True
    expected = "quota:" if "429" in str(reply.status) else "access:"
    assert event.reason.startswith(expected), event.reason


async def test_a_context_too_long_falls_back_without_retry_and_stays_enabled(
    llm_server: FakeLLMServer, make_chain: ChainFactory, clock: Clock
) -> None:
    llm_server.script(
        "gemini",
        gemini_error(
            400,
            "INVALID_ARGUMENT",
            "The input token count (1201440) exceeds the maximum number of tokens allowed "
            "(1048576).",
        ),
    )
    chain = await make_chain(CHAIN)
    assert (await chain.complete(request())).provider == "openai"
    assert clock.waits == []
    (event,) = chain.fallbacks
    assert event.reason.startswith("context_too_long") and event.disabled is False
    assert (await chain.complete(request("shorter"))).provider == "gemini"


async def test_any_other_400_fails_the_request_clearly_and_is_not_resent(
    llm_server: FakeLLMServer, make_chain: ChainFactory, clock: Clock
) -> None:
    llm_server.script(
        "gemini",
        gemini_error(
            400, "INVALID_ARGUMENT", "* GenerateContentRequest.contents: contents is not specified"
        ),
    )
    chain = await make_chain(CHAIN)
    with pytest.raises(BadRequestError, match=r"gemini: HTTP 400 INVALID_ARGUMENT: .*contents"):
        await chain.complete(request())
    assert len(llm_server.requests("gemini")) == 1
    assert llm_server.requests("openai") == [] and clock.waits == []


async def test_a_timeout_is_transient(llm_server: FakeLLMServer) -> None:
    provider = GeminiProvider(
        "gemini-2.5-flash",
        api_key=KEY,
        base_url=llm_server.gemini_url,
        timeouts=Timeouts(read_s=0.3),
    )
    llm_server.script("gemini", Reply(content=json.dumps(GOOD), delay=1.0))
    try:
        with pytest.raises(TransientError, match="timed out"):
            await provider.complete(request())
    finally:
        await provider.aclose()


async def test_a_quota_detail_naming_a_per_minute_quota_is_a_rate_limit(
    llm_server: FakeLLMServer, gemini: GeminiProvider
) -> None:
    tokens = quota_failure(
        "GenerateContentInputTokensPerModelPerMinute-FreeTier",
        "generativelanguage.googleapis.com/generate_content_free_tier_input_token_count",
    )
    llm_server.script(
        "gemini", gemini_error(429, "RESOURCE_EXHAUSTED", GEMINI_QUOTA_MESSAGE, tokens)
    )
    with pytest.raises(TransientError) as caught:
        await gemini.complete(request())
    assert type(caught.value) is TransientError and caught.value.status == 429
