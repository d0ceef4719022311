"""Every row of DESIGN's failure table, through the composed chain and the real SDKs."""

from __future__ import annotations

import asyncio

import pytest

from factcheck.errors import AllBackendsFailedError, BadRequestError, ProviderError
from factcheck.llm.providers.base import Completion
from tests.fakes.llm_server import FakeLLMServer, Reply, drop, error, ok, text
from tests.providers.conftest import GOOD, ChainFactory, Clock, request

CHAIN = "anthropic:claude-haiku-4-5,openai:gpt-5-mini,rules"

TRANSIENT = {
    "408 request timeout": error(408, "timeout_error", "Request timeout"),
    "409 conflict": error(409, "conflict", "Conflict"),
    "429 rate limit": error(429, "rate_limit_error", "Number of requests exceeds the limit"),
    "500": error(500, "api_error", "Internal server error"),
    "502": error(502, "api_error", "Bad gateway"),
    "503": error(503, "api_error", "Service unavailable"),
    "504": error(504, "api_error", "Gateway timeout"),
    "529 overloaded": error(529, "overloaded_error", "Overloaded"),
    "dropped connection": drop(),
}
ACCESS = {
    "401": error(401, "authentication_error", "invalid x-api-key"),
    "402": error(402, "billing_error", "Payment required"),
    "400 spend limit": error(400, "invalid_request_error", "You have reached your specified API usage limits. You will regain access on 2026-01-01 at 00:00 UTC."),
    "403 revoked": error(403, "permission_error", "Your organization's access has been revoked"),
    "404 model": error(404, "not_found_error", "model: claude-haiku-4-5 not found"),
    "429 quota": error(429, "insufficient_quota", "You exceeded your current quota", code="insufficient_quota"),
}  # fmt: skip


@pytest.mark.parametrize("reply", TRANSIENT.values(), ids=TRANSIENT.keys())
async def test_transient_failure_is_retried_then_succeeds(
    llm_server: FakeLLMServer, make_chain: ChainFactory, clock: Clock, reply: Reply
) -> None:
    llm_server.script("anthropic", reply, reply, ok(GOOD))
    chain = await make_chain(CHAIN)
    completion = await chain.complete(request())
    assert completion.data == GOOD and completion.provider == "anthropic"
    assert len(llm_server.requests("anthropic")) == 3
    assert llm_server.requests("openai") == []
    assert len(clock.waits) == 2
    # Jittered exponential backoff: attempt n waits within [base*2^(n-1)/2, base*2^(n-1)].
    assert 0.25 <= clock.waits[0] <= 0.5 and 0.5 <= clock.waits[1] <= 1.0
    assert chain.fallbacks == []


async def test_transient_failures_exhaust_attempts_then_fall_back(
    llm_server: FakeLLMServer, make_chain: ChainFactory, clock: Clock
) -> None:
    llm_server.script("anthropic", *[TRANSIENT["529 overloaded"]] * 4)
    llm_server.script("openai", ok(GOOD))
    chain = await make_chain(CHAIN)
    completion = await chain.complete(request())
    assert (completion.provider, completion.data) == ("openai", GOOD)
    assert len(llm_server.requests("anthropic")) == 4  # max_attempts
    assert len(clock.waits) == 3
    (event,) = chain.fallbacks
    assert event.provider == "anthropic:claude-haiku-4-5"
    assert event.to == "openai:gpt-5-mini"
    assert event.disabled is False
    assert event.reason.startswith("transient: HTTP 529")
    # Not disabled, but resting: the next request goes straight to OpenAI...
    await chain.complete(request("again"))
    assert len(llm_server.requests("anthropic")) == 4
    assert len(chain.fallbacks) == 1  # a skipped provider is no new fallback event
    # ...until the cooldown has passed: then Anthropic is asked first again.
    clock.now += 301
    assert (await chain.complete(request("later"))).provider == "anthropic"
    assert len(llm_server.requests("anthropic")) == 5


async def test_retry_after_headers_are_honoured(
    llm_server: FakeLLMServer, make_chain: ChainFactory, clock: Clock
) -> None:
    llm_server.script(
        "openai",
        error(429, "requests", "Rate limit", headers={"retry-after-ms": "1500"}),
        error(503, "server_error", "busy", headers={"retry-after": "4"}),
        ok(GOOD),
    )
    chain = await make_chain("openai:gpt-5-mini")
    assert (await chain.complete(request())).data == GOOD
    assert clock.waits == [1.5, 4.0]


async def test_retry_after_beyond_the_cap_falls_back_at_once(
    llm_server: FakeLLMServer, make_chain: ChainFactory, clock: Clock
) -> None:
    llm_server.script(
        "anthropic", error(429, "rate_limit_error", "slow", headers={"retry-after": "600"})
    )
    chain = await make_chain(CHAIN)
    assert (await chain.complete(request())).provider == "openai"
    assert clock.waits == []
    assert len(llm_server.requests("anthropic")) == 1


async def test_deadline_stops_the_backoff_early(
    llm_server: FakeLLMServer, make_chain: ChainFactory, clock: Clock
) -> None:
    llm_server.script(
        "anthropic",
        *[error(503, "api_error", "busy", headers={"retry-after": "3"})] * 4,
    )
    chain = await make_chain(CHAIN, deadline_s=7.0)
    assert (await chain.complete(request())).provider == "openai"
    # 3s + 3s fits in 7s; a third wait would cross the deadline, so it is never slept.
    assert clock.waits == [3.0, 3.0]
    assert len(llm_server.requests("anthropic")) == 3
    assert sum(clock.waits) <= 7.0


@pytest.mark.parametrize("reply", ACCESS.values(), ids=ACCESS.keys())
async def test_access_failure_falls_back_at_once_and_disables_the_provider(
    llm_server: FakeLLMServer, make_chain: ChainFactory, clock: Clock, reply: Reply
) -> None:
    llm_server.script("anthropic", reply)
    chain = await make_chain(CHAIN)
    first = await chain.complete(request("one"))
    second = await chain.complete(request("two"))
    assert first.provider == second.provider == "openai"
    assert len(llm_server.requests("anthropic")) == 1  # the circuit breaker held
    assert clock.waits == []
    (event,) = chain.fallbacks
    assert event.disabled is True and event.reason.startswith(("access:", "quota:"))


async def test_context_too_long_falls_back_without_retry(
    llm_server: FakeLLMServer, make_chain: ChainFactory, clock: Clock
) -> None:
    llm_server.script(
        "anthropic",
        error(400, "invalid_request_error", "prompt is too long: 250000 tokens > 200000 maximum"),
    )
    chain = await make_chain(CHAIN)
    assert (await chain.complete(request())).provider == "openai"
    assert clock.waits == []
    (event,) = chain.fallbacks
    assert event.reason.startswith("context_too_long") and event.disabled is False
    await chain.complete(request("shorter"))
    assert len(llm_server.requests("anthropic")) == 2  # still enabled


async def test_invalid_output_is_reasked_once_with_the_error(
    llm_server: FakeLLMServer, make_chain: ChainFactory
) -> None:
    # The first unfit answer comes where output_config asked for the schema: the server ignores
    # it, so the provider switches to a forced tool. The tool's unfit answer is re-asked once.
    llm_server.script("anthropic", ok({"answer": "x"}), ok({"answer": "x"}), ok(GOOD))
    chain = await make_chain(CHAIN)
    assert (await chain.complete(request())).data == GOOD
    native, first, second = llm_server.requests("anthropic")
    assert "output_config" in native.body and "output_config" not in first.body
    assert first.body["tool_choice"]["type"] == "tool"
    assert len(second.body["messages"]) == len(first.body["messages"]) + 1
    feedback = second.body["messages"][-1]["content"]
    assert "'count' is a required property" in feedback
    assert llm_server.requests("openai") == []


async def test_invalid_output_twice_falls_back(
    llm_server: FakeLLMServer, make_chain: ChainFactory
) -> None:
    llm_server.script("anthropic", text("not json"), text("not json"), text("still not json"))
    chain = await make_chain(CHAIN)
    assert (await chain.complete(request())).provider == "openai"
    # output_config ignored (switch to a tool), the tool's answer, its one re-ask
    assert len(llm_server.requests("anthropic")) == 3
    assert chain.fallbacks[0].reason.startswith("invalid_output: the answer is not JSON")


async def test_any_other_400_fails_the_request_clearly(
    llm_server: FakeLLMServer, make_chain: ChainFactory, clock: Clock
) -> None:
    llm_server.script(
        "anthropic", error(400, "invalid_request_error", "messages.0.content: Field required")
    )
    chain = await make_chain(CHAIN)
    with pytest.raises(BadRequestError, match=r"anthropic: HTTP 400 .*Field required"):
        await chain.complete(request())
    assert llm_server.requests("openai") == []
    assert clock.waits == []


async def test_every_backend_failing_raises_with_each_failure(
    llm_server: FakeLLMServer, make_chain: ChainFactory
) -> None:
    llm_server.script("anthropic", ACCESS["403 revoked"])
    llm_server.script("openai", ACCESS["401"])
    chain = await make_chain(CHAIN)
    with pytest.raises(AllBackendsFailedError) as caught:
        await chain.complete(request())
    assert [f.status for f in caught.value.failures] == [403, 401]
    assert caught.value.exit_code == 3
    assert [e.to for e in chain.fallbacks] == ["openai:gpt-5-mini", "rules"]
    # Both disabled now: the next request makes no HTTP call at all.
    before = len(llm_server.journal)
    with pytest.raises(AllBackendsFailedError, match="disabled earlier in this run"):
        await chain.complete(request("again"))
    assert len(llm_server.journal) == before


async def test_every_request_ends_validated_or_with_a_clear_error(
    llm_server: FakeLLMServer, make_chain: ChainFactory
) -> None:
    script = [TRANSIENT["500"], text("oops"), ok(GOOD), ok({"answer": 1}), ok({"answer": 2})]
    llm_server.script("anthropic", *script)
    llm_server.script("openai", ok(GOOD), TRANSIENT["503"], ok({"count": "no"}))
    chain = await make_chain(CHAIN)
    outcomes: list[Completion | ProviderError] = []
    for i in range(6):
        try:
            outcomes.append(await chain.complete(request(f"r{i}")))
        except ProviderError as failure:
            outcomes.append(failure)
    for outcome in outcomes:
        if isinstance(outcome, Completion):
            assert outcome.data == GOOD
        else:
            assert str(outcome) and outcome.kind in {"all_failed", "bad_request"}


async def test_concurrency_is_bounded_per_provider(
    llm_server: FakeLLMServer, make_chain: ChainFactory
) -> None:
    chain = await make_chain("openai:gpt-5-mini")
    chain._fallback._concurrency = 2
    active = 0
    peak = 0
    inner = chain._fallback.providers[0]
    original = inner.complete

    async def counted(req):  # type: ignore[no-untyped-def]
        nonlocal active, peak
        active += 1
        peak = max(peak, active)
        try:
            return await original(req)
        finally:
            active -= 1

    inner.complete = counted  # type: ignore[method-assign]
    llm_server.delay = 0.05
    llm_server.default = GOOD
    results = await asyncio.gather(*(chain.complete(request(f"q{i}")) for i in range(6)))
    assert all(r.data == GOOD for r in results)
    assert peak == 2
    assert len(llm_server.requests("openai")) == 6
