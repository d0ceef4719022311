"""Failures that span requests: bodies that are no model answer, spend limits, a revoked or hung
provider under parallel load, and every HTTP attempt counted (step-downs included).

Each test counts the requests each provider received: that count is what a user pays for.
"""

from __future__ import annotations

import asyncio
import time

import pytest

from factcheck.errors import AllBackendsFailedError, BadRequestError
from factcheck.llm.providers.store import Store
from tests.fakes.llm_server import (
    FakeLLMServer,
    Reply,
    anthropic_spend_limit,
    error,
    hang,
    html,
    ok,
    openai_quota,
    raw,
)
from tests.providers.conftest import GOOD, ChainFactory, Clock, request

BOTH_WAYS = {
    "anthropic": ("anthropic:claude-haiku-4-5,openai:gpt-5-mini,rules", "openai"),
    "openai": ("openai:gpt-5-mini,anthropic:claude-haiku-4-5,rules", "anthropic"),
}
NOT_A_MODEL_ANSWER = {
    "html page": html(),
    "html page as 200 json": raw(
        "<html><body>Bad gateway</body></html>", content_type="application/json"
    ),
    "broken json": raw('{"id": "chatcmpl-1", "choices": [{"mess'),
    "json but no answer": raw('{"status": "ok", "detail": "proxy healthy"}'),
    "empty body": raw(""),
}


@pytest.mark.parametrize("route", BOTH_WAYS)
@pytest.mark.parametrize("reply", NOT_A_MODEL_ANSWER.values(), ids=NOT_A_MODEL_ANSWER.keys())
async def test_a_200_that_is_no_model_answer_is_retried_then_falls_back(
    llm_server: FakeLLMServer, make_chain: ChainFactory, clock: Clock, route: str, reply: Reply
) -> None:
    spec, other = BOTH_WAYS[route]
    llm_server.script(route, *[reply] * 4)
    chain = await make_chain(spec)
    completion = await chain.complete(request())
    assert (completion.provider, completion.data) == (other, GOOD)
    assert llm_server.counts() == {route: 4, other: 1}  # retried like any transient failure
    assert len(clock.waits) == 3
    (event,) = chain.fallbacks
    assert event.reason.startswith("transient: the server's answer is not a model response")
    # The provider now rests: the next request costs it nothing.
    await chain.complete(request("next"))
    assert llm_server.counts() == {route: 4, other: 2}


@pytest.mark.parametrize("route", BOTH_WAYS)
async def test_one_html_page_then_a_good_answer_needs_no_fallback(
    llm_server: FakeLLMServer, make_chain: ChainFactory, route: str
) -> None:
    spec, _ = BOTH_WAYS[route]
    llm_server.script(route, html(), ok(GOOD))
    chain = await make_chain(spec)
    assert (await chain.complete(request())).provider == route
    assert llm_server.counts() == {route: 2}
    assert chain.fallbacks == []


SPENT = {
    "anthropic spend limit (400)": ("anthropic", anthropic_spend_limit()),
    "openai quota (429)": ("openai", openai_quota()),
}


@pytest.mark.parametrize(("route", "reply"), SPENT.values(), ids=SPENT.keys())
async def test_spend_limits_disable_the_provider_after_exactly_one_request(
    llm_server: FakeLLMServer, make_chain: ChainFactory, clock: Clock, route: str, reply: Reply
) -> None:
    spec, other = BOTH_WAYS[route]
    llm_server.script(route, *[reply] * 10)
    chain = await make_chain(spec)
    for n in range(5):
        assert (await chain.complete(request(f"r{n}"))).provider == other
    assert llm_server.counts() == {route: 1, other: 5}
    assert clock.waits == []
    (event,) = chain.fallbacks
    assert event.disabled and event.reason.startswith("quota: HTTP 4")


REVOKED = {
    "403 revoked": error(403, "permission_error", "Your organization's access has been revoked"),
    "401 key": error(401, "authentication_error", "invalid x-api-key"),
    "spend limit": anthropic_spend_limit(),
}


@pytest.mark.parametrize("reply", REVOKED.values(), ids=REVOKED.keys())
async def test_parallel_requests_send_a_revoked_provider_exactly_one(
    llm_server: FakeLLMServer, make_chain: ChainFactory, reply: Reply
) -> None:
    llm_server.script("anthropic", *[reply] * 20)
    llm_server.delay = 0.05  # every answer takes a while, so the requests really overlap
    chain = await make_chain("anthropic:claude-haiku-4-5,openai:gpt-5-mini,rules")
    results = await asyncio.gather(*(chain.complete(request(f"doc {i}")) for i in range(16)))
    assert {r.provider for r in results} == {"openai"}
    assert llm_server.counts() == {"anthropic": 1, "openai": 16}
    assert len(chain.fallbacks) == 1


async def test_a_healthy_provider_serves_parallel_requests_in_parallel(
    llm_server: FakeLLMServer, make_chain: ChainFactory
) -> None:
    llm_server.delay = 0.2
    chain = await make_chain("openai:gpt-5-mini")
    await chain.complete(request("first"))  # proves the provider
    started = time.perf_counter()
    await asyncio.gather(*(chain.complete(request(f"doc {i}")) for i in range(6)))
    assert time.perf_counter() - started < 0.2 * 6 * 0.6


async def test_a_hung_provider_costs_one_deadline_per_run(
    llm_server: FakeLLMServer, make_chain: ChainFactory, store: Store
) -> None:
    deadline = 1.0
    llm_server.script("anthropic", *[hang()] * 20)
    chain = await make_chain(  # real time here: the deadline is what is measured
        "anthropic:claude-haiku-4-5,openai:gpt-5-mini,rules",
        deadline_s=deadline,
        clock=time.monotonic,
        sleep=asyncio.sleep,
    )
    started = time.perf_counter()
    first = await asyncio.gather(*(chain.complete(request(f"chunk {i}")) for i in range(6)))
    later = [await chain.complete(request(f"judge {i}")) for i in range(3)]
    elapsed = time.perf_counter() - started
    assert {c.provider for c in [*first, *later]} == {"openai"}
    assert llm_server.counts() == {"anthropic": 1, "openai": 9}
    assert elapsed < deadline + 1.5, elapsed
    timeouts = [a for a in store.recent(50) if a.error_kind == "timeout"]
    assert [(a.provider, a.status) for a in timeouts] == [("anthropic", "error")]
    assert chain.usage.llm_calls == 10


async def test_openai_step_downs_are_each_counted_and_logged(
    llm_server: FakeLLMServer, make_chain: ChainFactory, store: Store
) -> None:
    llm_server.script(
        "openai",
        error(400, "invalid_request_error", "response_format json_schema is not supported"),
        error(400, "invalid_request_error", "'response_format.type' json_object: not supported"),
        ok(GOOD),
    )
    chain = await make_chain("openai:llama3.1")
    assert (await chain.complete(request())).data == GOOD
    assert llm_server.counts() == {"openai": 3}
    assert chain.usage.llm_calls == 3
    kinds = [a.error_kind for a in reversed(store.recent(10))]
    assert kinds == ["format_refused", "format_refused", None]
    assert chain.fallbacks == []


async def test_anthropic_forced_tool_switch_is_counted_and_logged(
    llm_server: FakeLLMServer, make_chain: ChainFactory, store: Store
) -> None:
    llm_server.script(
        "anthropic",
        error(400, "invalid_request_error", "output_config: Extra inputs are not permitted"),
        Reply(tool_input=GOOD),
    )
    chain = await make_chain("anthropic:claude-haiku-4-5")
    assert (await chain.complete(request())).data == GOOD
    assert llm_server.counts() == {"anthropic": 2}
    assert chain.usage.llm_calls == 2
    assert [a.status for a in reversed(store.recent(10))] == ["error", "ok"]


async def test_an_openai_400_not_about_the_format_is_sent_once(
    llm_server: FakeLLMServer, make_chain: ChainFactory, clock: Clock
) -> None:
    llm_server.script(
        "openai", *[error(400, "invalid_request_error", "messages: content is empty")] * 3
    )
    chain = await make_chain("openai:gpt-5-mini,anthropic:claude-haiku-4-5,rules")
    with pytest.raises(BadRequestError, match="content is empty"):
        await chain.complete(request())
    assert llm_server.counts() == {"openai": 1}
    assert chain.usage.llm_calls == 1 and clock.waits == []


async def test_a_disabled_chain_sends_nothing_more(
    llm_server: FakeLLMServer, make_chain: ChainFactory
) -> None:
    llm_server.script("anthropic", anthropic_spend_limit())
    llm_server.script("openai", openai_quota())
    chain = await make_chain("anthropic:claude-haiku-4-5,openai:gpt-5-mini,rules")
    for n in range(3):
        with pytest.raises(AllBackendsFailedError):
            await chain.complete(request(f"r{n}"))
    assert llm_server.counts() == {"anthropic": 1, "openai": 1}
    assert [h.state for h in chain.health] == ["disabled", "disabled"]


REASONING = ["gpt-5-mini", "o3-mini", "o4-mini", "gpt-5"]
CLASSIC = ["llama3.1", "gpt-4o-mini", "qwen2.5-7b-instruct"]


@pytest.mark.parametrize("model", REASONING + CLASSIC)
async def test_request_parameters_follow_the_model_family_behind_any_url(
    llm_server: FakeLLMServer, make_chain: ChainFactory, model: str
) -> None:
    chain = await make_chain(f"openai:{model}")
    await chain.complete(request())
    (sent,) = llm_server.requests("openai")
    if model in REASONING:
        assert "max_completion_tokens" in sent.body and "max_tokens" not in sent.body
        assert "temperature" not in sent.body
    else:
        assert "max_tokens" in sent.body and "max_completion_tokens" not in sent.body
        assert sent.body["temperature"] == 0


CONTEXT_ERRORS = {
    "llama.cpp": error(
        400,
        "exceed_context_size_error",
        "request (2226 tokens) exceeds the available context size (1024 tokens), try increasing it",
    ),
    "vllm": error(
        400,
        "BadRequestError",
        "This model's maximum context length is 4096 tokens. However, you requested 5120 tokens "
        "(4096 in the messages, 1024 in the completion). Please reduce the length of the messages.",
    ),
    "openai": error(
        400,
        "invalid_request_error",
        "This model's maximum context length is 128000 tokens.",
        code="context_length_exceeded",
    ),
}


@pytest.mark.parametrize("reply", CONTEXT_ERRORS.values(), ids=CONTEXT_ERRORS.keys())
async def test_a_context_size_error_is_not_re_sent_and_the_next_provider_answers(
    llm_server: FakeLLMServer, make_chain: ChainFactory, clock: Clock, reply: Reply
) -> None:
    llm_server.script("openai", reply, reply)
    chain = await make_chain("openai:local-model,anthropic:claude-haiku-4-5,rules")
    assert (await chain.complete(request())).provider == "anthropic"
    assert llm_server.counts() == {"openai": 1, "anthropic": 1}
    assert clock.waits == []
    (event,) = chain.fallbacks
    assert event.reason.startswith("context_too_long:") and not event.disabled
    # A shorter request may fit: the provider stays in the chain.
    assert (await chain.complete(request("short"))).provider == "anthropic"
    assert llm_server.counts()["openai"] == 2
