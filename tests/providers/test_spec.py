"""Chain specs, the default chain, and `.env` loading."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.errors import ConfigError
from factcheck.llm.providers.env import load_env
from factcheck.llm.providers.spec import ProviderSpec, default_chain, parse_chain


def test_full_chain_parses_in_order() -> None:
    specs = parse_chain(
        "anthropic:claude-haiku-4-5, openai:gpt-5-mini,openai:llama3.1@http://localhost:11434/v1,rules"
    )
    assert specs == [
        ProviderSpec("anthropic", "claude-haiku-4-5"),
        ProviderSpec("openai", "gpt-5-mini"),
        ProviderSpec("openai", "llama3.1", "http://localhost:11434/v1"),
        ProviderSpec("rules"),
    ]
    assert specs[2].label == "openai:llama3.1@http://localhost:11434/v1"


def test_kind_alone_gets_the_default_model() -> None:
    assert parse_chain("anthropic,openai") == [
        ProviderSpec("anthropic", "claude-haiku-4-5"),
        ProviderSpec("openai", "gpt-5-mini"),
    ]


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("bard:pro", "unknown provider 'bard'"),
        ("", "empty provider"),
        ("anthropic,,rules", "empty provider"),
        ("openai:", "empty model name"),
        ("openai:llama@localhost:11434", "bad base URL"),
        ("rules:fast", "'rules' takes no model"),
        ("rules,anthropic", "'rules' must come last"),
        ("openai,openai:gpt-5-mini", "listed twice"),
    ],
)
def test_bad_specs_say_what_is_wrong(text: str, phrase: str) -> None:
    with pytest.raises(ConfigError, match=phrase) as caught:
        parse_chain(text)
    assert caught.value.exit_code == 2


def test_no_key_means_rules_alone() -> None:
    assert default_chain({}) == [ProviderSpec("rules")]
    assert default_chain({"OPENAI_API_KEY": "  "}) == [ProviderSpec("rules")]


def test_keys_give_anthropic_then_openai_then_rules() -> None:
    env = {"OPENAI_API_KEY": "o" * 12, "ANTHROPIC_API_KEY": "a" * 12}
    assert [s.label for s in default_chain(env)] == [
        "anthropic:claude-haiku-4-5",
        "openai:gpt-5-mini",
        "rules",
    ]
    assert [s.label for s in default_chain({"OPENAI_API_KEY": "o" * 12})] == [
        "openai:gpt-5-mini",
        "rules",
    ]


def test_factcheck_providers_overrides_the_keys() -> None:
    env = {"ANTHROPIC_API_KEY": "a" * 12, "FACTCHECK_PROVIDERS": "openai:gpt-5-nano"}
    assert default_chain(env) == [ProviderSpec("openai", "gpt-5-nano")]


def test_dotenv_is_read_but_never_overrides_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".env").write_text("FACTCHECK_PROVIDERS=openai\nFC_TEST_ONLY=from-dotenv\n")
    monkeypatch.setenv("FC_TEST_ONLY", "from-process")
    monkeypatch.delenv("FACTCHECK_NO_DOTENV")
    env = load_env(tmp_path)
    assert env["FACTCHECK_PROVIDERS"] == "openai"
    assert env["FC_TEST_ONLY"] == "from-process"


def test_dotenv_is_skipped_when_asked(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("FACTCHECK_PROVIDERS=openai\n")
    assert "FACTCHECK_PROVIDERS" not in load_env(tmp_path)
