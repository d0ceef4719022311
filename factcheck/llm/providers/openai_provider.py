"""OpenAI, and any server speaking its chat-completions API (vLLM, Ollama, OpenRouter...)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from factcheck.errors import InvalidOutputError
from factcheck.llm.providers.base import Request, schema_instruction
from factcheck.llm.providers.sdk import Answer, StainlessProvider

# Structured-output levels, best first; a compatible server that rejects one gets the next.
LEVELS = ("json_schema", "json_object", "prompt")
# Reasoning models take max_completion_tokens and only their default temperature.
_REASONING_FAMILIES = ("gpt-5", "o1", "o3", "o4")


def is_reasoning_model(model: str) -> bool:
    """Whether `model` (also "openai/gpt-5-mini" on a router) belongs to a reasoning family."""
    return model.rsplit("/", 1)[-1].lower().startswith(_REASONING_FAMILIES)


def _account_headers_omitted(sdk: Any) -> Any:
    # Omit() drops a default header (typed as str by the SDK, honoured when headers merge).
    return {"OpenAI-Organization": sdk.Omit(), "OpenAI-Project": sdk.Omit()}


class OpenAIProvider(StainlessProvider):
    """Chat completions with a strict JSON Schema, degrading to json_object, then prompt-only.

    One HTTP request per `complete`: when a server refuses the output format, the provider steps
    down a level and raises FormatRefusedError, and the retry layer sends the request again.
    """

    KIND = "openai"
    DEFAULT_BASE_URL = "https://api.openai.com/v1"
    LEVELS = LEVELS
    SDK = "openai"
    CLIENT = "AsyncOpenAI"

    def _third_party_headers(self, sdk: Any) -> dict[str, Any]:
        # The SDK adds OPENAI_ORG_ID and OPENAI_PROJECT_ID from the environment: they identify
        # an OpenAI account and have no business at a third party's URL.
        return _account_headers_omitted(sdk)

    def _warm(self, client: Any) -> None:
        _ = client.chat.completions  # 30 ms of imports at its first request (openai 3.x)

    async def _send(self, request: Request, level: str) -> Any:
        return await self._client.chat.completions.create(**self._arguments(request, level))

    def _arguments(self, request: Request, level: str) -> dict[str, Any]:
        system = request.system if level == "json_schema" else schema_instruction(request)
        arguments: dict[str, Any] = {
            "model": self.model,
            "messages": [{"role": "system", "content": system}]
            + [{"role": m.role, "content": m.content} for m in request.messages],
        }
        reasoning = is_reasoning_model(self.model)
        # OpenAI itself wants max_completion_tokens (reasoning models accept nothing else);
        # compatible servers have known max_tokens far longer.
        official = urlsplit(self.base_url).hostname == "api.openai.com"
        tokens_field = "max_completion_tokens" if reasoning or official else "max_tokens"
        arguments[tokens_field] = request.max_output_tokens
        if not reasoning:
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

    def _response_type(self) -> type:
        return self._sdk.types.chat.ChatCompletion

    def _answer(self, response: Any) -> Answer:
        choices = getattr(response, "choices", None)
        if not isinstance(choices, list):
            raise self._malformed("JSON without choices")
        if not choices:
            raise InvalidOutputError("the answer has no choices", provider=self.name)
        choice = choices[0]
        message = getattr(choice, "message", None)
        if message is None:
            raise self._malformed("a choice without a message")
        if getattr(message, "refusal", None):
            raise self._refusal(f"the model refused: {message.refusal}")
        content = getattr(message, "content", None)
        text = content if isinstance(content, str) else ""
        if getattr(choice, "finish_reason", None) == "length":
            return Answer(text, cut=True)
        usage = getattr(response, "usage", None)
        return Answer(
            text,
            input_tokens=getattr(usage, "prompt_tokens", 0) or 0,
            output_tokens=getattr(usage, "completion_tokens", 0) or 0,
        )
