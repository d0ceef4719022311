"""`factcheck providers --ping` against the loopback fake server: its exit code says whether
every backend answered."""

from __future__ import annotations

import pytest

from factcheck.cli import run
from tests.fakes.llm_server import FakeLLMServer, error
from tests.providers.conftest import fake_key


@pytest.fixture
def keyed(llm_server: FakeLLMServer, monkeypatch: pytest.MonkeyPatch) -> FakeLLMServer:
    monkeypatch.setenv("ANTHROPIC_API_KEY", fake_key("ant-"))
    monkeypatch.setenv("ANTHROPIC_BASE_URL", llm_server.anthropic_url)
    monkeypatch.setenv("OPENAI_API_KEY", fake_key("proj-"))
    monkeypatch.setenv("OPENAI_BASE_URL", llm_server.openai_url)
    llm_server.default = {"ok": True}
    return llm_server


def test_ping_exits_0_when_every_backend_answers(keyed, capsys):
    assert run(["providers", "--provider", "anthropic,openai,rules", "--ping"]) == 0
    captured = capsys.readouterr()
    assert captured.out.count("ok: answered in") == 2 and "FAILED" not in captured.out
    assert captured.err == ""
    assert len(keyed.journal) == 2


def test_ping_exits_3_and_names_the_backend_that_failed(keyed, capsys):
    keyed.script("anthropic", error(403, "permission_error", "access revoked"))
    assert run(["providers", "--provider", "anthropic,openai,rules", "--ping"]) == 3
    captured = capsys.readouterr()
    assert "FAILED: access:" in captured.out  # the table still shows every row
    assert captured.err == "error: ping failed: anthropic:claude-haiku-4-5\n"


def test_ping_of_a_provider_without_its_key_fails(capsys):
    assert run(["providers", "--provider", "openai,rules", "--ping"]) == 3
    assert "ping failed: openai:gpt-5-mini" in capsys.readouterr().err


def test_without_ping_a_missing_key_is_shown_not_failed(capsys):
    assert run(["providers", "--provider", "openai,rules"]) == 0
    assert "MISSING: set OPENAI_API_KEY" in capsys.readouterr().out
