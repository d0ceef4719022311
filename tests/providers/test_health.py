"""The per-provider health state: unproven -> healthy, resting, disabled."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

import pytest

from factcheck.errors import (
    AccessError,
    AllBackendsFailedError,
    ContextTooLongError,
    InvalidOutputError,
    QuotaError,
    TransientError,
    UnavailableError,
)
from factcheck.llm.providers.health import ProviderHealth
from tests.fakes.llm_server import FakeLLMServer, hang, ok
from tests.providers.conftest import GOOD, ChainFactory, Clock, request


def test_an_unproven_provider_rests_after_one_failed_request_and_the_rest_doubles() -> None:
    clock = Clock()
    health = ProviderHealth("p", cooldown_s=10, clock=clock)
    health.failed(TransientError("hung", provider="p"))
    assert isinstance(health.blocked(), UnavailableError)
    clock.now += 10.5
    assert health.blocked() is None and health.state == "unproven"
    health.failed(TransientError("hung again", provider="p"))
    clock.now += 15
    assert health.blocked() is not None  # 20 s this time
    clock.now += 6
    assert health.blocked() is None


def test_a_proven_provider_rests_only_after_two_failures_in_a_row() -> None:
    health = ProviderHealth("p", clock=Clock())
    health.succeeded()
    health.failed(TransientError("one slow request", provider="p"))
    assert health.blocked() is None and health.state == "healthy"
    health.succeeded()
    health.failed(TransientError("slow", provider="p"))
    health.failed(TransientError("slow again", provider="p"))
    assert health.state == "resting"


def test_retry_after_beyond_the_cooldown_is_honoured() -> None:
    clock = Clock()
    health = ProviderHealth("p", cooldown_s=10, clock=clock)
    health.failed(TransientError("busy", provider="p", retry_after=600))
    clock.now += 500
    assert health.blocked() is not None


def test_access_and_quota_disable_for_the_run_and_say_why() -> None:
    for error in (
        AccessError("HTTP 403: revoked", provider="p"),
        QuotaError("spent", provider="p"),
    ):
        health = ProviderHealth("p", clock=Clock())
        health.failed(error)
        blocked = health.blocked()
        assert blocked is not None and "disabled earlier in this run" in str(blocked)


def test_a_failure_of_the_request_itself_proves_the_provider_reachable() -> None:
    health = ProviderHealth("p", clock=Clock())
    health.failed(ContextTooLongError("too long", provider="p"))
    assert health.state == "healthy"


async def _most_at_once(health: ProviderHealth, requests: int, outcome: Callable[[], None]) -> int:
    """How many of `requests` concurrent turns were inside `health` at once, each ending with
    `outcome`."""
    inside = peak = 0

    async def one() -> None:
        nonlocal inside, peak
        async with health.turn():
            inside += 1
            peak = max(peak, inside)
            await asyncio.sleep(0.01)
            inside -= 1
            outcome()

    await asyncio.gather(*(one() for _ in range(requests)))
    return peak


async def test_requests_wait_their_turn_while_the_provider_is_unproven() -> None:
    health = ProviderHealth("p")
    # The first one went alone and proved the provider; the four queued behind it then went
    # together.
    assert await _most_at_once(health, 5, health.succeeded) == 4


async def test_requests_go_one_at_a_time_while_the_first_ones_fail() -> None:
    health = ProviderHealth("p")

    def fail() -> None:
        health.failed(InvalidOutputError("not JSON", provider="p"))
        health.state = "unproven"  # as if it had never answered

    assert await _most_at_once(health, 4, fail) == 1


async def test_one_timeout_on_a_proven_provider_does_not_end_its_run(
    llm_server: FakeLLMServer, make_chain: ChainFactory
) -> None:
    llm_server.script("openai", ok(GOOD), hang(), ok(GOOD))
    chain = await make_chain(
        "openai:llama3.1,rules", deadline_s=2.0, clock=time.monotonic, sleep=asyncio.sleep
    )
    assert (await chain.complete(request("one"))).provider == "openai"
    with pytest.raises(AllBackendsFailedError, match="request deadline"):
        await chain.complete(request("two"))
    assert (await chain.complete(request("three"))).provider == "openai"
    assert llm_server.counts() == {"openai": 3}
