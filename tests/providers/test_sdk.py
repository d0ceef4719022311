"""What the SDK-backed providers share: an SDK is imported by the first request, not before."""

from __future__ import annotations

import subprocess
import sys

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
