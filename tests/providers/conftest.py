"""Fixtures: the loopback LLM server, and a chain builder that records waits instead of sleeping."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

import pytest

from factcheck.llm.providers.base import Message, Request
from factcheck.llm.providers.chain import Chain, build_provider
from factcheck.llm.providers.spec import parse_chain
from factcheck.llm.providers.store import Store
from tests.fakes.llm_server import FakeLLMServer, llm_server

__all__ = ["llm_server"]

SCHEMA = {
    "type": "object",
    "properties": {"answer": {"type": "string"}, "count": {"type": "integer"}},
    "required": ["answer", "count"],
    "additionalProperties": False,
}
GOOD = {"answer": "Christopher Nulty", "count": 2}


def request(text: str = "Who is quoted?") -> Request:
    """A small request with a strict schema."""
    return Request(
        system="Extract facts.",
        messages=(Message("user", text),),
        schema=SCHEMA,
        schema_name="facts",
        prompt_version="test-1",
    )


def fake_key(tag: str) -> str:
    """A key-shaped string built at run time (never written out in the source)."""
    return "sk" + "-" + tag + "x" * 24


class Clock:
    """A monotonic clock that advances only when the recorded sleep 'sleeps'."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.waits: list[float] = []

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.waits.append(seconds)
        self.now += seconds


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "factcheck.sqlite3")


ChainFactory = Callable[..., Awaitable[Chain]]


@pytest.fixture
async def make_chain(
    llm_server: FakeLLMServer, clock: Clock, store: Store
) -> AsyncIterator[ChainFactory]:
    """Build a chain from a spec against the fake server; closed after the test."""
    built: list[Chain] = []
    llm_server.default = GOOD

    async def factory(spec: str, *, use_cache: bool = False, **retry: object) -> Chain:
        env = {
            "ANTHROPIC_API_KEY": fake_key("ant-"),
            "OPENAI_API_KEY": fake_key("proj-"),
            "ANTHROPIC_BASE_URL": llm_server.anthropic_url,
            "OPENAI_BASE_URL": llm_server.openai_url,
            "GEMINI_API_KEY": fake_key("gem-"),
            "GEMINI_BASE_URL": llm_server.gemini_url,
        }
        options = {"sleep": clock.sleep, "clock": clock, **retry}
        chain = build_provider(
            parse_chain(spec), env=env, store=store, use_cache=use_cache, retry_options=options
        )
        assert chain is not None
        built.append(chain)
        return chain

    yield factory
    for chain in built:
        await chain.aclose()
    store.close()
