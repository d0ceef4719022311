"""Anthropic's Messages API, with native JSON-schema output or, failing that, a forced tool."""

from __future__ import annotations

import time
from typing import Any

from factcheck.errors import BadRequestError, InvalidOutputError
from factcheck.providers.base import Completion, Request, parse_output, validate_output
from factcheck.providers.failures import from_status, from_transport

# Words in a 400 that mean "this API (or proxy) does not know output_config".
_FORMAT_REFUSED = ("output_config", "output_format", "json_schema", "extra inputs", "unsupported")


class AnthropicProvider:
    """Messages API; the answer comes back as JSON text (output_config) or a tool call's input."""

    name = "anthropic"

    def __init__(
        self,
        model: str,
        *,
        api_key: str,
        base_url: str | None = None,
        timeout: float = 60.0,
    ) -> None:
        import anthropic

        self.model = model
        self.base_url = base_url
        self._key = api_key
        self._sdk = anthropic
        self._client = anthropic.AsyncAnthropic(
            api_key=api_key, base_url=base_url, max_retries=0, timeout=timeout
        )
        self.mode = "output_config"  # switches to "tool" once when the API refuses output_config

    async def complete(self, request: Request) -> Completion:
        """One call; the answer validated against the request's schema."""
        try:
            return await self._call(request, self.mode)
        except BadRequestError as error:
            refused = any(p in str(error).lower() for p in _FORMAT_REFUSED)
            if self.mode != "output_config" or not refused:
                raise
        completion = await self._call(request, "tool")
        self.mode = "tool"
        return completion

    async def _call(self, request: Request, mode: str) -> Completion:
        sdk = self._sdk
        started = time.perf_counter()
        try:
            response = await self._client.messages.create(**self._arguments(request, mode))
        except sdk.APIStatusError as error:
            raise from_status(
                error.status_code,
                error.body,
                dict(error.response.headers),
                provider=self.name,
                secret=self._key,
            ) from None
        except sdk.APIConnectionError as error:  # includes APITimeoutError
            raise from_transport(error, provider=self.name, secret=self._key) from None
        latency = time.perf_counter() - started
        return self._completion(request, response, latency)

    def _arguments(self, request: Request, mode: str) -> dict[str, Any]:
        # This SDK's Messages API takes no temperature: request.temperature is not sent.
        arguments: dict[str, Any] = {
            "model": self.model,
            "max_tokens": request.max_output_tokens,
            "system": request.system,
            "messages": [{"role": m.role, "content": m.content} for m in request.messages],
        }
        if mode == "output_config":
            arguments["output_config"] = {
                "format": {"type": "json_schema", "schema": request.schema}
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

    def _completion(self, request: Request, response: Any, latency: float) -> Completion:
        if response.stop_reason == "max_tokens":
            raise InvalidOutputError(
                "the answer was cut off at the output token limit", provider=self.name
            )
        if response.stop_reason == "refusal":
            raise InvalidOutputError("the model refused to answer", provider=self.name)
        data = self._data(request, response.content)
        usage = response.usage
        return Completion(
            data=data,
            provider=self.name,
            model=self.model,
            input_tokens=getattr(usage, "input_tokens", 0) or 0,
            output_tokens=getattr(usage, "output_tokens", 0) or 0,
            cached=False,
            latency_s=latency,
        )

    def _data(self, request: Request, blocks: list[Any]) -> dict[str, Any]:
        for block in blocks:
            if block.type == "tool_use":
                if isinstance(block.input, str):  # some proxies send the input as a JSON string
                    return parse_output(block.input, request.schema, provider=self.name)
                return validate_output(block.input, request.schema, provider=self.name)
        text = "".join(block.text for block in blocks if block.type == "text")
        return parse_output(text, request.schema, provider=self.name)

    async def aclose(self) -> None:
        """Close the HTTP connections."""
        await self._client.close()
