"""Building the chain, status (no key shown), ping, and lazy SDK imports."""

from __future__ import annotations

import subprocess
import sys

import pytest

from factcheck.errors import ConfigError
from factcheck.llm.providers.chain import build_provider, ping, status
from factcheck.llm.providers.spec import parse_chain
from factcheck.llm.providers.store import Store
from tests.fakes.llm_server import FakeLLMServer, error
from tests.providers.conftest import fake_key


def test_rules_alone_builds_no_provider(store: Store) -> None:
    assert build_provider(parse_chain("rules"), env={}, store=store) is None


def test_missing_key_names_the_variable_and_the_offline_way(store: Store) -> None:
    with pytest.raises(ConfigError, match=r"set ANTHROPIC_API_KEY.*--provider rules"):
        build_provider(parse_chain("anthropic,rules"), env={}, store=store)


async def test_compatible_server_needs_no_key(llm_server: FakeLLMServer, store: Store) -> None:
    llm_server.default = {"ok": True}
    specs = parse_chain(f"openai:llama3.1@{llm_server.openai_url},rules")
    chain = build_provider(specs, env={}, store=store)
    assert chain is not None
    assert chain.backends == (f"openai:llama3.1@{llm_server.openai_url}", "rules")
    results = await ping(specs, {})
    await chain.aclose()
    assert results[0][:2] == (specs[0].label, True)
    assert results[1] == ("rules", True, "offline extractor, always available")
    (sent,) = llm_server.journal
    assert sent.body["model"] == "llama3.1"
    assert sent.headers["authorization"] == "Bearer not-needed"


def test_status_reports_keys_without_showing_them() -> None:
    key = fake_key("ant-")
    env = {"ANTHROPIC_API_KEY": key, "OPENAI_BASE_URL": "http://127.0.0.1:9/v1"}
    rows = status(parse_chain("anthropic,openai,rules"), env)
    assert [(r.name, r.model, r.key_variable, r.key_present, r.key_required) for r in rows] == [
        ("anthropic", "claude-haiku-4-5", "ANTHROPIC_API_KEY", True, True),
        ("openai", "gpt-5-mini", "OPENAI_API_KEY", False, False),
        ("rules", None, None, False, False),
    ]
    assert rows[1].base_url == "http://127.0.0.1:9/v1"
    assert key not in repr(rows)


async def test_ping_reports_a_revoked_provider(llm_server: FakeLLMServer) -> None:
    llm_server.script("anthropic", error(403, "permission_error", "access revoked"))
    env = {"ANTHROPIC_API_KEY": fake_key("ant-"), "ANTHROPIC_BASE_URL": llm_server.anthropic_url}
    ((label, ok, detail),) = await ping(parse_chain("anthropic"), env)
    assert (label, ok) == ("anthropic:claude-haiku-4-5", False)
    assert detail.startswith("access:") and "access revoked" in detail
    assert len(llm_server.journal) == 1  # a ping never retries


async def test_ping_without_a_key_says_which_variable(llm_server: FakeLLMServer) -> None:
    ((_, ok, detail),) = await ping(parse_chain("openai"), {})
    assert ok is False and "OPENAI_API_KEY" in detail
    assert llm_server.journal == []


def test_importing_the_package_imports_no_sdk() -> None:
    code = (
        "import sys, factcheck.llm.providers, factcheck.llm.providers.chain;"
        "print(sorted(m for m in ('openai', 'anthropic', 'google.genai', 'tenacity', 'jsonschema')"
        " if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
