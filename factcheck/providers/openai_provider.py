"""OpenAI, and any server speaking its chat-completions API (vLLM, Ollama, OpenRouter...)."""

from __future__ import annotations

import time
from typing import Any

from factcheck.errors import BadRequestError, InvalidOutputError
from factcheck.providers.base import Completion, Request, parse_output, schema_instruction
from factcheck.providers.failures import from_status, from_transport

# Structured-output levels, best first; a compatible server that rejects one gets the next.
LEVELS = ("json_schema", "json_object", "prompt")
# Reasoning models accept only the default temperature.
_NO_TEMPERATURE = ("gpt-5", "o1", "o3", "o4")


class OpenAIProvider:
    """Chat completions with a strict JSON Schema, degrading to json_object, then prompt-only."""

    name = "openai"

    def __init__(
        self,
        model: str,
        *,
        api_key: str,
        base_url: str | None = None,
        timeout: float = 60.0,
    ) -> None:
        import openai

        self.model = model
        self.base_url = base_url
        self._key = api_key
        self._sdk = openai
        self._client = openai.AsyncOpenAI(
            api_key=api_key, base_url=base_url, max_retries=0, timeout=timeout
        )
        self.level = LEVELS[0]  # the best level this backend has accepted (or not yet refused)

    async def complete(self, request: Request) -> Completion:
        """One call (or one per refused output level); the answer validated against the schema."""
        start = LEVELS.index(self.level)
        for index in range(start, len(LEVELS)):
            level = LEVELS[index]
            try:
                completion = await self._call(request, level)
            except BadRequestError:
                if index == len(LEVELS) - 1:
                    raise
                continue  # this server may not support the format: try a plainer one
            self.level = level
            return completion
        raise AssertionError("unreachable")

    async def _call(self, request: Request, level: str) -> Completion:
        sdk = self._sdk
        started = time.perf_counter()
        try:
            response = await self._client.chat.completions.create(**self._arguments(request, level))
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

    def _arguments(self, request: Request, level: str) -> dict[str, Any]:
        system = request.system if level == "json_schema" else schema_instruction(request)
        arguments: dict[str, Any] = {
            "model": self.model,
            "messages": [{"role": "system", "content": system}]
            + [{"role": m.role, "content": m.content} for m in request.messages],
        }
        # api.openai.com wants max_completion_tokens; compatible servers know max_tokens.
        tokens_field = "max_tokens" if self.base_url else "max_completion_tokens"
        arguments[tokens_field] = request.max_output_tokens
        if self.base_url or not self.model.startswith(_NO_TEMPERATURE):
            arguments["temperature"] = request.temperature
        if level == "json_schema":
            arguments["response_format"] = {
                "type": "json_schema",
                "json_schema": {
                    "name": request.schema_name,
                    "schema": request.schema,
                    "strict": True,
                },
            }
        elif level == "json_object":
            arguments["response_format"] = {"type": "json_object"}
        return arguments

    def _completion(self, request: Request, response: Any, latency: float) -> Completion:
        if not response.choices:
            raise InvalidOutputError("the answer has no choices", provider=self.name)
        choice = response.choices[0]
        message = choice.message
        if getattr(message, "refusal", None):
            raise InvalidOutputError(f"the model refused: {message.refusal}", provider=self.name)
        if choice.finish_reason == "length":
            raise InvalidOutputError(
                "the answer was cut off at the output token limit", provider=self.name
            )
        data = parse_output(message.content or "", request.schema, provider=self.name)
        usage = response.usage
        return Completion(
            data=data,
            provider=self.name,
            model=self.model,
            input_tokens=getattr(usage, "prompt_tokens", 0) or 0,
            output_tokens=getattr(usage, "completion_tokens", 0) or 0,
            cached=False,
            latency_s=latency,
        )

    async def aclose(self) -> None:
        """Close the HTTP connections."""
        await self._client.close()
