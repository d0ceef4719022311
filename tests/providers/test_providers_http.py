"""The two SDK providers against the loopback server: wire format, output levels, validation."""

from __future__ import annotations

import json

import pytest

from factcheck.errors import (
    BadRequestError,
    FormatIgnoredError,
    FormatRefusedError,
    InvalidOutputError,
    OutputTooLongError,
    TransientError,
)
from factcheck.llm.providers.anthropic_provider import AnthropicProvider
from factcheck.llm.providers.openai_provider import OpenAIProvider
from factcheck.llm.providers.registry import Timeouts
from tests.fakes.llm_server import FakeLLMServer, Reply, drop, error, ok, text
from tests.providers.conftest import GOOD, SCHEMA, fake_key, request


@pytest.fixture
async def openai_provider(llm_server: FakeLLMServer):
    provider = OpenAIProvider(
        "gpt-5-mini", api_key=fake_key("proj-"), base_url=llm_server.openai_url
    )
    yield provider
    await provider.aclose()


@pytest.fixture
async def anthropic_provider(llm_server: FakeLLMServer):
    provider = AnthropicProvider(
        "claude-haiku-4-5", api_key=fake_key("ant-"), base_url=llm_server.anthropic_url
    )
    yield provider
    await provider.aclose()


async def test_openai_sends_strict_schema_and_returns_validated_data(
    llm_server: FakeLLMServer, openai_provider: OpenAIProvider
) -> None:
    llm_server.script("openai", ok(GOOD))
    completion = await openai_provider.complete(request())
    assert completion.data == GOOD
    assert (completion.provider, completion.model) == ("openai", "gpt-5-mini")
    assert (completion.input_tokens, completion.output_tokens) == (120, 30)
    assert completion.cached is False
    (sent,) = llm_server.requests("openai")
    assert sent.body["response_format"]["type"] == "json_schema"
    assert sent.body["response_format"]["json_schema"] == {
        "name": "facts",
        "schema": SCHEMA,
        "strict": True,
    }
    assert sent.body["messages"][0] == {"role": "system", "content": "Extract facts."}


async def test_openai_compatible_server_without_json_schema_degrades_and_remembers(
    llm_server: FakeLLMServer, openai_provider: OpenAIProvider
) -> None:
    llm_server.script(
        "openai",
        error(400, "invalid_request_error", "response_format json_schema is not supported"),
        error(400, "invalid_request_error", "response_format json_object is not supported"),
        ok(GOOD),
        ok(GOOD),
    )
    for level in ("json_object", "prompt"):
        with pytest.raises(FormatRefusedError, match=f"next: {level}"):
            await openai_provider.complete(request())  # one HTTP request per call
        assert openai_provider.level == level
    assert (await openai_provider.complete(request())).data == GOOD
    assert (await openai_provider.complete(request())).data == GOOD
    formats = [r.body.get("response_format", {}).get("type") for r in llm_server.requests()]
    assert formats == ["json_schema", "json_object", None, None]
    # Without a native format, the schema travels in the system prompt.
    assert (
        '"required":["answer","count"]' in llm_server.requests()[-1].body["messages"][0]["content"]
    )


async def test_openai_bad_request_not_about_the_format_is_sent_once(
    llm_server: FakeLLMServer, openai_provider: OpenAIProvider
) -> None:
    for _ in range(3):
        llm_server.script("openai", error(400, "invalid_request_error", "messages: empty content"))
    with pytest.raises(BadRequestError, match="messages: empty content") as caught:
        await openai_provider.complete(request())
    assert not isinstance(caught.value, FormatRefusedError)
    assert openai_provider.level == "json_schema"  # nothing worked, so nothing is remembered
    assert len(llm_server.requests("openai")) == 1


async def test_openai_fenced_json_is_accepted(
    llm_server: FakeLLMServer, openai_provider: OpenAIProvider
) -> None:
    llm_server.script("openai", text("```json\n" + json.dumps(GOOD) + "\n```"))
    assert (await openai_provider.complete(request())).data == GOOD


@pytest.mark.parametrize(
    ("reply", "phrase"),
    [
        (text("Sure! Here are the facts."), "not JSON"),
        (ok({"answer": "x"}), "does not fit the schema.*'count' is a required property"),
        (text("[1, 2]"), "not an object"),
    ],
)
async def test_openai_invalid_output_is_reported_with_the_reason(
    llm_server: FakeLLMServer, openai_provider: OpenAIProvider, reply: Reply, phrase: str
) -> None:
    openai_provider.level = "json_object"  # the schema is in the prompt: a miss is the model's
    llm_server.script("openai", reply)
    with pytest.raises(InvalidOutputError, match=phrase):
        await openai_provider.complete(request())
    assert openai_provider.level == "json_object"


@pytest.mark.parametrize(
    "reply", [text("Sure! Here are the facts."), ok({"answer": "x"}), text("[1, 2]")]
)
async def test_openai_a_200_ignoring_json_schema_steps_down(
    llm_server: FakeLLMServer, openai_provider: OpenAIProvider, reply: Reply
) -> None:
    llm_server.script("openai", reply, ok(GOOD))
    with pytest.raises(FormatIgnoredError, match="json_schema output ignored, next: json_object"):
        await openai_provider.complete(request())
    assert openai_provider.level == "json_object"
    assert (await openai_provider.complete(request())).data == GOOD
    ignored, stepped = llm_server.requests("openai")
    assert ignored.body["response_format"]["type"] == "json_schema"
    assert stepped.body["response_format"]["type"] == "json_object"
    assert '"count"' in stepped.body["messages"][0]["content"]  # the schema, in the prompt


async def test_openai_an_answer_cut_at_the_output_limit_is_oversize_not_invalid(
    llm_server: FakeLLMServer, openai_provider: OpenAIProvider
) -> None:
    llm_server.script("openai", Reply(content='{"answer": "x", "co', finish="length"))
    with pytest.raises(OutputTooLongError, match="cut off at the output token limit"):
        await openai_provider.complete(request())
    assert openai_provider.level == "json_schema"


async def test_anthropic_uses_output_config_and_returns_validated_data(
    llm_server: FakeLLMServer, anthropic_provider: AnthropicProvider
) -> None:
    llm_server.script("anthropic", ok(GOOD))
    completion = await anthropic_provider.complete(request())
    assert completion.data == GOOD
    assert (completion.input_tokens, completion.output_tokens) == (200, 40)
    (sent,) = llm_server.requests("anthropic")
    assert sent.body["output_config"] == {"format": {"type": "json_schema", "schema": SCHEMA}}
    assert sent.body["system"] == "Extract facts."
    sent_key = sent.headers.get("x-api-key") or sent.headers["authorization"].removeprefix(
        "Bearer "
    )
    assert sent_key == fake_key("ant-")


async def test_anthropic_falls_back_to_a_forced_tool_when_output_config_is_refused(
    llm_server: FakeLLMServer, anthropic_provider: AnthropicProvider
) -> None:
    llm_server.script(
        "anthropic",
        error(400, "invalid_request_error", "output_config: Extra inputs are not permitted"),
        Reply(tool_input=GOOD),
        Reply(tool_input=GOOD),
    )
    with pytest.raises(FormatRefusedError, match="forced tool"):
        await anthropic_provider.complete(request())
    assert anthropic_provider.mode == "tool"
    assert (await anthropic_provider.complete(request())).data == GOOD
    assert (await anthropic_provider.complete(request())).data == GOOD
    bodies = [r.body for r in llm_server.requests("anthropic")]
    assert "output_config" in bodies[0]
    assert bodies[1]["tool_choice"] == {"type": "tool", "name": "facts"}
    assert bodies[2]["tools"][0]["input_schema"] == SCHEMA  # the mode is remembered


async def test_anthropic_tool_input_is_validated_too(
    llm_server: FakeLLMServer, anthropic_provider: AnthropicProvider
) -> None:
    anthropic_provider.mode = "tool"
    llm_server.script("anthropic", Reply(tool_input={"answer": 3, "count": 1}))
    with pytest.raises(InvalidOutputError, match="at answer"):
        await anthropic_provider.complete(request())


async def test_dropped_connection_and_timeout_are_transient(llm_server: FakeLLMServer) -> None:
    provider = OpenAIProvider(
        "gpt-5-mini",
        api_key=fake_key("proj-"),
        base_url=llm_server.openai_url,
        timeouts=Timeouts(read_s=0.3),
    )
    llm_server.script("openai", drop(), Reply(content=json.dumps(GOOD), delay=1.0))
    try:
        with pytest.raises(TransientError, match="connection failed"):
            await provider.complete(request())
        with pytest.raises(TransientError, match="timed out"):
            await provider.complete(request())
    finally:
        await provider.aclose()


# What llama.cpp's server sent back when the model ignored the format and ran to the limit.
PROSE_CUT = "Name a colour.<|im_end|>\n<|im_start|>admin\nName a colour.<|im_end|>\n<|im"


async def test_openai_prose_cut_at_the_limit_where_json_schema_was_asked_steps_down(
    llm_server: FakeLLMServer, openai_provider: OpenAIProvider
) -> None:
    llm_server.script("openai", Reply(content=PROSE_CUT, finish="length"))
    with pytest.raises(FormatIgnoredError, match="not JSON"):
        await openai_provider.complete(request())
    assert openai_provider.level == "json_object"
    llm_server.script("openai", Reply(content=PROSE_CUT, finish="length"))
    with pytest.raises(InvalidOutputError, match="not JSON") as caught:
        await openai_provider.complete(request())  # more tokens would not make it JSON
    assert not isinstance(caught.value, OutputTooLongError)


async def test_anthropic_prose_where_output_config_or_a_tool_was_asked(
    llm_server: FakeLLMServer, anthropic_provider: AnthropicProvider
) -> None:
    """llama.cpp's /v1/messages answered both output_config and a forced tool with prose, cut at
    max_tokens: the first steps down to the tool, the second is an invalid answer (re-asked once
    by the retry layer, then the chain falls back), never a reason to split the task."""
    llm_server.script("anthropic", Reply(content=PROSE_CUT, finish="max_tokens"))
    with pytest.raises(FormatIgnoredError, match="output_config ignored, next: a forced tool"):
        await anthropic_provider.complete(request())
    assert anthropic_provider.mode == "tool"
    llm_server.script("anthropic", Reply(content=PROSE_CUT, finish="max_tokens"))
    with pytest.raises(InvalidOutputError, match="not JSON") as caught:
        await anthropic_provider.complete(request())
    assert not isinstance(caught.value, OutputTooLongError)
    tool = llm_server.requests("anthropic")[-1].body
    assert tool["tool_choice"] == {"type": "tool", "name": "facts"}


async def test_anthropic_json_cut_at_the_limit_is_oversize(
    llm_server: FakeLLMServer, anthropic_provider: AnthropicProvider
) -> None:
    llm_server.script("anthropic", Reply(content='{"answer": "x", "co', finish="max_tokens"))
    with pytest.raises(OutputTooLongError):
        await anthropic_provider.complete(request())
    assert anthropic_provider.mode == "output_config"
