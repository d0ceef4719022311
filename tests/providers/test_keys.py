"""Keys go only where they belong: which key each chain item sends, and to which URL."""

from __future__ import annotations

import pytest

from factcheck.errors import ConfigError
from factcheck.llm.providers.chain import build_provider, status
from factcheck.llm.providers.registry import KINDS
from factcheck.llm.providers.resolve import resolve
from factcheck.llm.providers.spec import ProviderSpec, default_chain, parse_chain, parse_spec
from factcheck.llm.providers.store import Store
from tests.fakes.llm_server import FakeLLMServer
from tests.providers.conftest import GOOD, fake_key, request

OPENAI_KEY = fake_key("proj-canary")
PASSWORD = "pw-canary-7Hq2"


def sent_key(server: FakeLLMServer) -> str:
    """The credential of the last request, whichever header carried it."""
    headers = server.journal[-1].headers
    return headers.get("x-api-key") or headers.get("authorization", "").removeprefix("Bearer ")


async def ask(spec: str, env: dict[str, str], store: Store) -> None:
    chain = build_provider(parse_chain(spec), env=env, store=store, use_cache=False)
    assert chain is not None
    try:
        assert (await chain.complete(request())).data == GOOD
    finally:
        await chain.aclose()


async def test_a_spec_with_its_own_url_gets_no_default_key(
    llm_server: FakeLLMServer, store: Store
) -> None:
    llm_server.default = GOOD
    await ask(f"openai:llama3.1@{llm_server.openai_url}", {"OPENAI_API_KEY": OPENAI_KEY}, store)
    assert sent_key(llm_server) == "not-needed"
    assert OPENAI_KEY not in str(llm_server.journal[-1].headers)


async def test_a_spec_names_the_variable_its_key_comes_from(
    llm_server: FakeLLMServer, store: Store
) -> None:
    llm_server.default = GOOD
    env = {"OPENAI_API_KEY": OPENAI_KEY, "LOCAL_LLM_KEY": "local-secret-123"}
    await ask(f"openai:llama3.1@{llm_server.openai_url};key=LOCAL_LLM_KEY", env, store)
    assert sent_key(llm_server) == "local-secret-123"


async def test_url_credentials_are_taken_out_and_sent_only_when_asked(
    llm_server: FakeLLMServer, store: Store
) -> None:
    llm_server.default = GOOD
    url = llm_server.openai_url.replace("http://", f"http://alice:{PASSWORD}@")
    await ask(f"openai:llama3.1@{url}", {}, store)
    assert PASSWORD not in str(llm_server.journal[-1].headers)
    assert llm_server.journal[-1].path == "/v1/chat/completions"
    await ask(f"openai:llama3.1@{url};key=url", {}, store)
    assert sent_key(llm_server) == PASSWORD


def test_url_credentials_never_reach_the_spec_label_or_its_repr() -> None:
    spec = parse_spec(f"openai:m@https://alice:{PASSWORD}@llm.example.org/v1;key=url")
    assert spec.base_url == "https://llm.example.org/v1"
    assert spec.label == "openai:m@https://llm.example.org/v1"
    assert PASSWORD not in repr(spec) and PASSWORD not in spec.label
    assert spec.key == "url"


@pytest.mark.parametrize(
    "text",
    [
        f"openai:m@ftp://alice:{PASSWORD}@host/v1",
        f"nosuch:m@https://alice:{PASSWORD}@host/v1",
        f"openai:m@https://alice:{PASSWORD}@host/v1;colour=blue",
        f"openai:m@https://alice:{PASSWORD}@host/v1;key=not a variable",
        f"openai:m@https://alice:{PASSWORD}@host/v1,openai:m@https://bob:{PASSWORD}@host/v1",
        f"openai:m;key={PASSWORD.replace('-', '_')}",
    ],
)
def test_errors_about_a_spec_never_repeat_its_password(text: str) -> None:
    with pytest.raises(ConfigError) as caught:
        resolve(parse_chain(text)[0], {})
    assert PASSWORD not in str(caught.value)
    assert PASSWORD.replace("-", "_") not in str(caught.value)


def test_key_url_without_credentials_is_refused() -> None:
    with pytest.raises(ConfigError, match="carries no user name or password"):
        parse_spec("openai:m@http://127.0.0.1:8080/v1;key=url")


def test_key_url_reads_the_base_url_variable_too() -> None:
    env = {"OPENAI_BASE_URL": f"http://alice:{PASSWORD}@127.0.0.1:8080/v1"}
    resolved = resolve(parse_spec("openai:llama3.1;key=url"), env)
    assert (resolved.key, resolved.base_url) == (PASSWORD, "http://127.0.0.1:8080/v1")
    with pytest.raises(ConfigError, match="carries no user name or password"):
        resolve(parse_spec("openai:llama3.1;key=url"), {"OPENAI_BASE_URL": "http://h:1/v1"})


def test_credentials_in_a_url_unused_are_announced_without_the_password() -> None:
    resolved = resolve(parse_spec(f"openai:m@http://alice:{PASSWORD}@127.0.0.1:8080/v1"), {})
    assert resolved.key is None
    (notice,) = resolved.notices
    assert "not sent" in notice and "key=url" in notice and PASSWORD not in notice


def test_the_kinds_own_service_keeps_its_key_even_when_written_out() -> None:
    env = {"OPENAI_API_KEY": OPENAI_KEY}
    resolved = resolve(parse_spec("openai:gpt-5@https://api.openai.com/v1"), env)
    assert (resolved.key, resolved.key_source) == (OPENAI_KEY, "OPENAI_API_KEY")
    lookalike = resolve(parse_spec("openai:gpt-5@https://api.openai.com.evil.example/v1"), env)
    assert lookalike.key is None


def test_a_base_url_variable_without_a_key_is_a_configured_provider() -> None:
    env = {"OPENAI_BASE_URL": "http://127.0.0.1:8080/v1"}
    assert [s.label for s in default_chain(env)] == ["openai:gpt-5-mini", "rules"]
    resolved = resolve(ProviderSpec("openai", "gpt-5-mini"), env)
    assert not resolved.key_missing and resolved.key is None
    (row, _) = status(default_chain(env), env)
    assert not row.key_required and not row.key_present


def test_a_hosted_service_without_its_key_says_which_variable_to_set() -> None:
    with pytest.raises(ConfigError, match="set MISTRAL_API_KEY"):
        build_provider(parse_chain("mistral"), env={"OPENAI_API_KEY": OPENAI_KEY}, store=None)


def test_a_named_key_variable_that_is_not_set_is_an_error() -> None:
    with pytest.raises(ConfigError, match="key=LOCAL_LLM_KEY is not set"):
        resolve(parse_spec("openai:m@http://127.0.0.1:9/v1;key=LOCAL_LLM_KEY"), {})


@pytest.mark.parametrize(
    ("kind", "key_variable", "url_variable"),
    [
        ("mistral", "MISTRAL_API_KEY", "MISTRAL_BASE_URL"),
        ("openrouter", "OPENROUTER_API_KEY", "OPENROUTER_BASE_URL"),
        ("ollama", "OLLAMA_API_KEY", "OLLAMA_BASE_URL"),
    ],
)
async def test_compatible_kinds_send_their_own_key_and_only_theirs(
    llm_server: FakeLLMServer, store: Store, kind: str, key_variable: str, url_variable: str
) -> None:
    llm_server.default = GOOD
    own_key = fake_key(f"{kind}-")
    env = {
        "OPENAI_API_KEY": OPENAI_KEY,
        key_variable: own_key,
        url_variable: llm_server.openai_url,
    }
    chain = build_provider(parse_chain(kind), env=env, store=store, use_cache=False)
    assert chain is not None
    try:
        completion = await chain.complete(request())
    finally:
        await chain.aclose()
    assert (completion.provider, completion.model) == (kind, KINDS[kind].default_model)
    assert sent_key(llm_server) == own_key
    assert llm_server.journal[-1].model == KINDS[kind].default_model


def test_ollama_needs_no_key_and_waits_longer_by_default() -> None:
    resolved = resolve(parse_spec("ollama:qwen2.5:0.5b"), {})
    assert resolved.base_url == "http://localhost:11434/v1"
    assert not resolved.key_missing and resolved.key is None
    assert resolved.spec.model == "qwen2.5:0.5b"
    assert resolved.timeouts.deadline_s > KINDS["openai"].timeouts.deadline_s


def test_time_limits_come_from_the_spec_then_the_environment_then_the_kind() -> None:
    env = {"FACTCHECK_LLM_DEADLINE": "90", "FACTCHECK_LLM_READ_TIMEOUT": "45"}
    resolved = resolve(parse_spec("openai:m@http://127.0.0.1:9/v1;deadline=240;connect=3"), env)
    assert (resolved.timeouts.deadline_s, resolved.timeouts.connect_s) == (240.0, 3.0)
    assert resolved.timeouts.read_s == 45.0
    with pytest.raises(ConfigError, match=r"deadline= .* seconds"):
        parse_spec("openai:m;deadline=soon")


def test_reads_wait_up_to_the_deadline_unless_a_read_limit_is_set() -> None:
    # Against a real llama.cpp server a 240 s deadline with the kind's 60 s read limit cut every
    # extraction of a small CPU model after 60 s and sent it again from the start, three times.
    slow = resolve(parse_spec("openai:m@http://127.0.0.1:9/v1;deadline=240"), {})
    assert slow.timeouts.read_s == 240.0
    assert (
        resolve(
            parse_spec("openai:m@http://127.0.0.1:9/v1;deadline=240;read=30"), {}
        ).timeouts.read_s
        == 30.0
    )
    env = {"FACTCHECK_LLM_READ_TIMEOUT": "20"}
    assert (
        resolve(parse_spec("openai:m@http://127.0.0.1:9/v1;deadline=240"), env).timeouts.read_s
        == 20.0
    )
    short = resolve(parse_spec("openai:m@http://127.0.0.1:9/v1;deadline=10"), {})
    assert short.timeouts.read_s == KINDS["openai"].timeouts.read_s  # never below the kind's
    with pytest.raises(ConfigError, match="FACTCHECK_LLM_DEADLINE"):
        resolve(parse_spec("openai:m@http://127.0.0.1:9/v1"), {"FACTCHECK_LLM_DEADLINE": "-1"})


async def test_headers_the_sdks_take_from_the_environment_stay_home(
    llm_server: FakeLLMServer, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The SDKs add OPENAI_ORG_ID, OPENAI_PROJECT_ID and ANTHROPIC_CUSTOM_HEADERS to every
    request by themselves; none of them may reach a URL of the item's own."""
    llm_server.default = GOOD
    monkeypatch.setenv("OPENAI_ORG_ID", "org-canary")
    monkeypatch.setenv("OPENAI_PROJECT_ID", "proj_canary")
    monkeypatch.setenv("ANTHROPIC_CUSTOM_HEADERS", "X-Gateway-Token: gw-canary\nX-Team: news")
    await ask(f"openai:llama3.1@{llm_server.openai_url}", {}, store)
    await ask(f"anthropic:claude-haiku-4-5@{llm_server.anthropic_url}", {}, store)
    for received in llm_server.journal:
        assert "canary" not in str(received.headers), received.route
    # Toward the kind's own base-URL variable (the user's gateway) the SDKs do as documented.
    env = {"ANTHROPIC_BASE_URL": llm_server.anthropic_url, "ANTHROPIC_API_KEY": "k" * 12}
    await ask("anthropic:claude-haiku-4-5", env, store)
    assert llm_server.journal[-1].headers["x-gateway-token"] == "gw-canary"
