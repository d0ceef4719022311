"""The SQLite store: attempts log, answer cache, concurrency, and no keys on disk."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from factcheck.errors import AllBackendsFailedError
from factcheck.llm.providers.base import Completion
from factcheck.llm.providers.store import Store, cache_key, default_path
from tests.fakes.llm_server import FakeLLMServer, error, ok
from tests.providers.conftest import GOOD, ChainFactory, fake_key, request

CHAIN = "anthropic:claude-haiku-4-5,openai:gpt-5-mini,rules"


def test_default_path_follows_factcheck_home(tmp_path: Path) -> None:
    assert default_path({"FACTCHECK_HOME": str(tmp_path)}) == tmp_path / "factcheck.sqlite3"
    assert default_path({}).name == "factcheck.sqlite3"


def test_cache_key_changes_with_everything_that_shapes_the_answer() -> None:
    base = cache_key("openai", "gpt-5-mini", None, request())
    assert base == cache_key("openai", "gpt-5-mini", None, request())
    assert base != cache_key("openai", "gpt-5-nano", None, request())
    assert base != cache_key("anthropic", "gpt-5-mini", None, request())
    assert base != cache_key("openai", "gpt-5-mini", "http://127.0.0.1:1/v1", request())
    assert base != cache_key("openai", "gpt-5-mini", None, request("other text"))
    import dataclasses

    bumped = dataclasses.replace(request(), prompt_version="test-2")
    assert base != cache_key("openai", "gpt-5-mini", None, bumped)
    reordered = dataclasses.replace(
        request(), schema=dict(reversed(list(request().schema.items())))
    )
    assert base == cache_key("openai", "gpt-5-mini", None, reordered)  # canonical JSON


async def test_cache_hit_makes_no_http_request(
    llm_server: FakeLLMServer, make_chain: ChainFactory
) -> None:
    first_run = await make_chain(CHAIN, use_cache=True)
    fresh = await first_run.complete(request())
    assert fresh.cached is False
    second_run = await make_chain(CHAIN, use_cache=True)
    cached = await second_run.complete(request())
    assert len(llm_server.journal) == 1
    assert cached.cached is True
    assert (cached.data, cached.provider, cached.model) == (GOOD, "anthropic", "claude-haiku-4-5")
    assert second_run.usage.cache_hits == 1 and second_run.usage.llm_calls == 0
    assert first_run.usage.llm_calls == 1 and first_run.usage.input_tokens == 200


async def test_answer_cached_from_the_fallback_is_found_even_with_the_first_provider_down(
    llm_server: FakeLLMServer, make_chain: ChainFactory
) -> None:
    llm_server.script("anthropic", error(403, "permission_error", "revoked"))
    first = await make_chain(CHAIN, use_cache=True)
    assert (await first.complete(request())).provider == "openai"
    again = await make_chain(CHAIN, use_cache=True)
    hit = await again.complete(request())
    assert hit.cached and hit.provider == "openai"
    assert len(llm_server.journal) == 2  # nothing new


async def test_no_cache_asks_again(llm_server: FakeLLMServer, make_chain: ChainFactory) -> None:
    for _ in range(2):
        chain = await make_chain(CHAIN, use_cache=False)
        assert (await chain.complete(request())).cached is False
    assert len(llm_server.journal) == 2


async def test_every_attempt_is_logged_with_tokens_and_cost(
    llm_server: FakeLLMServer, make_chain: ChainFactory, store: Store
) -> None:
    llm_server.script("anthropic", error(529, "overloaded_error", "Overloaded"), ok(GOOD))
    chain = await make_chain(CHAIN, use_cache=True)
    await chain.complete(request())
    await chain.complete(request())  # cache hit
    recent = store.recent(10)
    assert [(a.provider, a.status, a.error_kind) for a in reversed(recent)] == [
        ("anthropic", "error", "transient"),
        ("anthropic", "ok", None),
        ("anthropic", "cache_hit", None),
    ]
    ok_row = recent[1]
    assert (ok_row.model, ok_row.input_tokens, ok_row.output_tokens) == (
        "claude-haiku-4-5",
        200,
        40,
    )
    assert ok_row.cost_usd == pytest.approx((200 * 1.0 + 40 * 5.0) / 1e6)
    totals = store.totals()
    assert (totals.calls, totals.failures, totals.cache_hits) == (2, 1, 1)
    assert (totals.input_tokens, totals.output_tokens) == (200, 40)


async def test_keys_never_reach_the_store_errors_or_fallbacks(
    llm_server: FakeLLMServer, make_chain: ChainFactory, store: Store
) -> None:
    ant, oai = fake_key("ant-"), fake_key("proj-")
    # OpenAI's 401 echoes the key (partly masked); this one echoes it whole to be strict.
    llm_server.script("anthropic", error(401, "authentication_error", f"invalid x-api-key {ant}"))
    llm_server.script(
        "openai",
        error(401, "invalid_request_error", f"Incorrect API key provided: {oai[:8]}****{oai[-4:]}",
              code="invalid_api_key"),
    )  # fmt: skip
    chain = await make_chain(CHAIN, use_cache=True)
    with pytest.raises(AllBackendsFailedError) as caught:
        await chain.complete(request())
    message = str(caught.value)
    assert ant not in message and oai not in message and oai[:8] not in message
    assert "[redacted]" in message
    for event in chain.fallbacks:
        assert ant not in event.reason and oai[:8] not in event.reason
    store.close()
    raw = store.path.read_bytes() + b"".join(
        p.read_bytes() for p in store.path.parent.glob("*.sqlite3-wal")
    )
    assert ant.encode() not in raw and oai.encode() not in raw


def test_concurrent_writers_on_separate_connections(tmp_path: Path) -> None:
    path = tmp_path / "shared.sqlite3"
    failures: list[BaseException] = []

    def writer(n: int) -> None:
        store = Store(path)  # its own connection, as another process would have
        try:
            for i in range(50):
                store.log_attempt(provider="openai", model="gpt-5-mini", status="ok")
                completion = Completion({"n": n, "i": i}, "openai", "gpt-5-mini", 1, 1, False, 0.1)
                store.put(f"{n}-{i}", completion)
        except BaseException as failure:  # pragma: no cover - reported below
            failures.append(failure)
        finally:
            store.close()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    check = Store(path)
    assert check.totals().calls == 300
    assert check.get("5-49") == Completion(
        {"n": 5, "i": 49}, "openai", "gpt-5-mini", 1, 1, True, 0.0
    )
    check.close()
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()


def test_cost_estimate_knows_dated_snapshots_and_not_unknown_models() -> None:
    from factcheck.llm.providers.prices import estimate_cost

    assert estimate_cost("gpt-5-mini", 1_000_000, 0) == pytest.approx(0.25)
    assert estimate_cost("gpt-5-mini-2025-08-07", 0, 1_000_000) == pytest.approx(2.0)
    assert estimate_cost("llama3.1", 1000, 1000) is None


async def test_identical_requests_in_flight_share_one_call(
    llm_server: FakeLLMServer, make_chain: ChainFactory
) -> None:
    import asyncio

    llm_server.delay = 0.2  # the second request is made while the first waits
    chain = await make_chain(CHAIN, use_cache=True)
    first, second = await asyncio.gather(chain.complete(request()), chain.complete(request()))
    assert len(llm_server.journal) == 1
    assert first.data == second.data == GOOD
    assert chain.usage.llm_calls == 1 and chain.usage.cache_hits == 1
    other = await asyncio.gather(chain.complete(request("other text")), chain.complete(request()))
    assert len(llm_server.journal) == 2  # a different request still asks; the same one is cached
    assert other[1].cached is True


async def test_a_request_whose_twin_failed_asks_for_itself(
    llm_server: FakeLLMServer, make_chain: ChainFactory
) -> None:
    import asyncio

    llm_server.delay = 0.2
    llm_server.script("anthropic", error(400, "invalid_request_error", "bad"), ok(GOOD))
    chain = await make_chain("anthropic:claude-haiku-4-5", use_cache=True)
    failed, answered = await asyncio.gather(
        chain.complete(request()), chain.complete(request()), return_exceptions=True
    )
    assert isinstance(failed, Exception) and not isinstance(answered, Exception)
    assert answered.data == GOOD
    assert len(llm_server.journal) == 2
