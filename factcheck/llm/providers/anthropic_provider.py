"""Anthropic's Messages API, with native JSON-schema output or, failing that, a forced tool."""

from __future__ import annotations

import os
from typing import Any

from factcheck.llm.providers.base import Request
from factcheck.llm.providers.sdk import Answer, StainlessProvider

# Structured-output levels, best first.
LEVELS = ("output_config", "tool")


def _without_environment_headers(sdk: Any) -> dict[str, Any]:
    """Headers that cancel the ones the SDK takes from ANTHROPIC_CUSTOM_HEADERS: they are meant
    for Anthropic (or its gateway), not for a third party's URL."""
    names = [
        line.split(":", 1)[0].strip()
        for line in os.environ.get("ANTHROPIC_CUSTOM_HEADERS", "").split("\n")
        if ":" in line
    ]
    return {name: sdk.Omit() for name in names if name}


def _without_item_limits(schema: Any) -> Any:
    """`schema` without maxItems: Anthropic's structured outputs reject array length limits,
    which the answer's validation still enforces."""
    if isinstance(schema, dict):
        return {k: _without_item_limits(v) for k, v in schema.items() if k != "maxItems"}
    if isinstance(schema, list):
        return [_without_item_limits(v) for v in schema]
    return schema


class AnthropicProvider(StainlessProvider):
    """Messages API; the answer comes back as JSON text (output_config) or a tool call's input.

    One HTTP request per `complete`: when the API refuses output_config, or a compatible server
    answers while ignoring it, the provider switches to a forced tool and raises
    FormatRefusedError, and the retry layer sends the request again.
    """

    KIND = "anthropic"
    DEFAULT_BASE_URL = "https://api.anthropic.com"
    LEVELS = LEVELS
    SDK = "anthropic"
    CLIENT = "AsyncAnthropic"
    STEP = "{level} {what}, next: a forced tool"

    @property
    def mode(self) -> str:
        """The output level: "output_config", or "tool" once the server refused or ignored it."""
        return self.level

    @mode.setter
    def mode(self, value: str) -> None:
        self.level = value

    def _third_party_headers(self, sdk: Any) -> dict[str, Any]:
        return _without_environment_headers(sdk)

    def _warm(self, client: Any) -> None:
        _ = client.messages

    async def _send(self, request: Request, level: str) -> Any:
        return await self._client.messages.create(**self._arguments(request, level))

    def _arguments(self, request: Request, level: str) -> dict[str, Any]:
        # This SDK's Messages API takes no temperature: request.temperature is not sent.
        arguments: dict[str, Any] = {
            "model": self.model,
            "max_tokens": request.max_output_tokens,
            "system": request.system,
            "messages": [{"role": m.role, "content": m.content} for m in request.messages],
        }
        if level == "output_config":
            arguments["output_config"] = {
                "format": {"type": "json_schema", "schema": _without_item_limits(request.schema)}
            }
        else:
            arguments["tools"] = [
                {
                    "name": request.schema_name,
                    "description": "Report the answer through this tool's input.",
                    "input_schema": request.schema,
                }
            ]
            arguments["tool_choice"] = {"type": "tool", "name": request.schema_name}
        return arguments

    def _response_type(self) -> type:
        return self._sdk.types.Message

    def _answer(self, response: Any) -> Answer:
        blocks = getattr(response, "content", None)
        if not isinstance(blocks, list):
            raise self._not_an_answer(response)
        stop = getattr(response, "stop_reason", None)
        if stop == "max_tokens":
            tool_used = any(getattr(b, "type", None) == "tool_use" for b in blocks)
            return Answer("{" if tool_used else _text(blocks), cut=True)
        if stop == "refusal":
            raise self._refusal("the model refused to answer")
        usage = getattr(response, "usage", None)
        return Answer(
            _content(blocks),
            input_tokens=getattr(usage, "input_tokens", 0) or 0,
            output_tokens=getattr(usage, "output_tokens", 0) or 0,
        )


def _content(blocks: list[Any]) -> object:
    """The first tool call's input (some proxies send it as a JSON string), else the text."""
    for block in blocks:
        if getattr(block, "type", None) == "tool_use":
            return block.input
    return _text(blocks)


def _text(blocks: list[Any]) -> str:
    return "".join(
        str(getattr(block, "text", ""))
        for block in blocks
        if getattr(block, "type", None) == "text"
    )
