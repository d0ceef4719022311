"""What the SDK-backed providers share: an SDK is imported by the first request, not before."""

from __future__ import annotations

import subprocess
import sys

import pytest

# Build one provider of each wire format and close it unused, as a run answered from the cache
# does: none of the three SDKs may be imported (google-genai alone takes about a second).
_UNUSED = """
import asyncio, sys
from factcheck.llm.providers.anthropic_provider import AnthropicProvider
from factcheck.llm.providers.gemini_provider import GeminiProvider
from factcheck.llm.providers.openai_provider import OpenAIProvider

providers = [cls("some-model", api_key="k") for cls in (AnthropicProvider, GeminiProvider,
                                                        OpenAIProvider)]
for provider in providers:
    asyncio.run(provider.aclose())
print(sorted(m for m in ("anthropic", "google.genai", "openai") if m in sys.modules))
"""


def test_a_provider_imports_its_sdk_only_for_a_request() -> None:
    out = subprocess.run([sys.executable, "-c", _UNUSED], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


async def test_the_client_is_built_once_off_the_event_loop(monkeypatch) -> None:
    # Importing an SDK takes most of a second of CPU: done on the loop, it held every other
    # request back. Five requests arriving together get one client, built in another thread,
    # while the loop keeps running.
    import asyncio
    import threading
    import time

    from factcheck.llm.providers.openai_provider import OpenAIProvider

    provider = OpenAIProvider("some-model", api_key="k", base_url="http://127.0.0.1:9/v1")
    built_in: list[int] = []

    def slow_client() -> object:
        built_in.append(threading.get_ident())
        time.sleep(0.3)  # an import: the thread holds on, without yielding to the loop
        return object()

    monkeypatch.setattr(provider, "_new_client", slow_client)
    warmed: list[int] = []  # the SDK's first-request imports, done in the same thread
    monkeypatch.setattr(provider, "_warm", lambda client: warmed.append(threading.get_ident()))
    ticks = 0

    async def tick() -> None:
        nonlocal ticks
        while True:
            await asyncio.sleep(0.02)
            ticks += 1

    ticker = asyncio.ensure_future(tick())
    await asyncio.gather(*(provider.prepare() for _ in range(5)))
    ticker.cancel()
    assert len(built_in) == 1
    assert warmed == built_in
    assert built_in[0] != threading.get_ident()
    assert ticks >= 5  # the loop ran on through the 0.3 s
    assert "_client" in provider.__dict__


@pytest.mark.parametrize("kind", ["openai", "anthropic", "gemini"])
def test_each_real_sdk_client_is_built_and_warmed_without_a_request(kind) -> None:
    # `prepare` loads in its thread what each SDK would load at its first request (the
    # resources behind `client.chat`, `client.messages`, `client.aio.models`): against the
    # installed SDK, so that a renamed attribute fails here, not at a user's first request.
    from factcheck.llm.providers.anthropic_provider import AnthropicProvider
    from factcheck.llm.providers.gemini_provider import GeminiProvider
    from factcheck.llm.providers.openai_provider import OpenAIProvider

    make = {"openai": OpenAIProvider, "anthropic": AnthropicProvider, "gemini": GeminiProvider}
    provider = make[kind]("some-model", api_key="k", base_url="http://127.0.0.1:9")
    provider._build_client()
    assert "_client" in provider.__dict__
