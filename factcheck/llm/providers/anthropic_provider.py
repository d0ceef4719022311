"""Anthropic's Messages API, with native JSON-schema output or, failing that, a forced tool."""

from __future__ import annotations

import functools
import os
import time
from typing import Any

from factcheck.errors import (
    BadRequestError,
    FormatIgnoredError,
    FormatRefusedError,
    InvalidOutputError,
)
from factcheck.llm.providers.base import (
    Completion,
    Request,
    cut_off,
    parse_output,
    validate_output,
)
from factcheck.llm.providers.context import server_window
from factcheck.llm.providers.failures import (
    body_excerpt,
    from_status,
    from_transport,
    not_a_model_response,
    says,
)
from factcheck.llm.providers.registry import Timeouts

# Without a key the SDK would look for one in the environment; a keyless server ignores this.
PLACEHOLDER_KEY = "not-needed"


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


class AnthropicProvider:
    """Messages API; the answer comes back as JSON text (output_config) or a tool call's input.

    One HTTP request per `complete`: when the API refuses output_config, the provider switches
    to a forced tool and raises FormatRefusedError, and the retry layer sends the request again.
    """

    def __init__(
        self,
        model: str,
        *,
        name: str = "anthropic",
        api_key: str | None = None,
        base_url: str = "https://api.anthropic.com",
        timeouts: Timeouts | None = None,
        third_party: bool = False,
    ) -> None:
        self.name = name
        self.model = model
        self.base_url = base_url
        self._key = api_key
        self._timeouts = timeouts or Timeouts()
        self._third_party = third_party
        self._window: tuple[int | None] | None = None  # asked once, then remembered
        self.mode = "output_config"  # switches to "tool" once when the API refuses output_config

    @property
    def _sdk(self) -> Any:
        import anthropic  # on the first request, not when the chain is built

        return anthropic

    @functools.cached_property
    def _client(self) -> Any:
        anthropic = self._sdk
        # Explicit key and URL: the SDK must not read ANTHROPIC_API_KEY or a profile itself.
        return anthropic.AsyncAnthropic(
            api_key=self._key or PLACEHOLDER_KEY,
            base_url=self.base_url,
            max_retries=0,
            timeout=anthropic.Timeout(self._timeouts.read_s, connect=self._timeouts.connect_s),
            default_headers=_without_environment_headers(anthropic) if self._third_party else None,
        )

    async def context_window(self) -> int | None:
        """The tokens the server's context holds, when the server says (llama.cpp)."""
        if self._window is None:
            window = await server_window(
                self.base_url, self.model, key=self._key, timeouts=self._timeouts
            )
            self._window = (window,)
        return self._window[0]

    async def complete(self, request: Request) -> Completion:
        """One HTTP request; the answer validated against the request's schema."""
        mode = self.mode
        try:
            return await self._call(request, mode)
        except BadRequestError as error:
            if mode != "output_config" or not says("format_refused", str(error)):
                raise
            self.mode = "tool"
            raise FormatRefusedError(
                f"output_config refused, next: a forced tool ({error})",
                provider=self.name,
                status=error.status,
            ) from None
        except InvalidOutputError as error:
            # A 200 whose text misses the schema output_config asked for: the server ignores
            # output_config (a compatible server). A forced tool carries the schema instead.
            if mode != "output_config" or error.refused:
                raise
            self.mode = "tool"
            raise FormatIgnoredError(
                f"output_config ignored, next: a forced tool ({error})", provider=self.name
            ) from None

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
        except (sdk.APIError, ValueError) as error:  # a 200 body that is not JSON
            raise not_a_model_response(
                type(error).__name__, provider=self.name, secret=self._key
            ) from None
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

    def _completion(self, request: Request, response: Any, latency: float) -> Completion:
        blocks = getattr(response, "content", None)
        if not isinstance(response, self._sdk.types.Message) or not isinstance(blocks, list):
            # The SDK hands back the body as text when it is not JSON (an HTML error page).
            raise not_a_model_response(
                f"{type(response).__name__}: {body_excerpt(str(response))!r}",
                provider=self.name,
                secret=self._key,
            )
        stop = getattr(response, "stop_reason", None)
        if stop == "max_tokens":
            tool_used = any(getattr(b, "type", None) == "tool_use" for b in blocks)
            text = "{" if tool_used else self._text(blocks)
            raise cut_off(text, request.max_output_tokens, provider=self.name)
        if stop == "refusal":
            refusal = InvalidOutputError("the model refused to answer", provider=self.name)
            refusal.refused = True
            raise refusal
        data = self._data(request, blocks)
        usage = getattr(response, "usage", None)
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
            if getattr(block, "type", None) == "tool_use":
                if isinstance(block.input, str):  # some proxies send the input as a JSON string
                    return parse_output(block.input, request.schema, provider=self.name)
                return validate_output(block.input, request.schema, provider=self.name)
        return parse_output(self._text(blocks), request.schema, provider=self.name)

    @staticmethod
    def _text(blocks: list[Any]) -> str:
        return "".join(
            str(getattr(block, "text", ""))
            for block in blocks
            if getattr(block, "type", None) == "text"
        )

    async def aclose(self) -> None:
        """Close the HTTP connections."""
        if "_client" in self.__dict__:  # built by a request
            await self._client.close()
