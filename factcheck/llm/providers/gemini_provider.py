"""Google's Gemini API (generateContent), through the official google-genai SDK.

Structured output is the API's own: `response_mime_type` application/json with the request's
JSON Schema as `response_json_schema`. A server that refuses that schema, or answers 200 while
ignoring it, gets the next level: JSON mode with the schema written into the instructions.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from factcheck.errors import ProviderError
from factcheck.llm.providers.base import Request, schema_instruction
from factcheck.llm.providers.gemini_failures import from_google_status
from factcheck.llm.providers.sdk import PLACEHOLDER_KEY, Answer, SDKProvider

# Structured-output levels, best first.
LEVELS = ("json_schema", "json_mode")
API_VERSION = "v1beta"
# Finish reasons that mean Google's filters stopped the answer: no format problem, and asking
# again the same way will not help much, so the request is refused (re-asked once, then the
# next provider takes it).
BLOCKED = frozenset(
    {"SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII", "IMAGE_SAFETY", "LANGUAGE"}
)
# Flash models think by default, and their thoughts count against max_output_tokens: an
# extraction sized to its chunk would be cut off before the JSON begins. They may think 0.
_NO_THINKING_FAMILIES = ("gemini-2.5-flash",)


def _name(value: object) -> str:
    """An SDK enum (FinishReason.MAX_TOKENS) or plain string as its bare name."""
    return str(getattr(value, "value", value) or "")


class GeminiProvider(SDKProvider):
    """generateContent with a JSON Schema; one HTTP request per `complete`.

    When the API refuses the schema, or answers while ignoring it, the provider steps down to
    JSON mode and raises FormatRefusedError, and the retry layer sends the request again.
    `third_party` needs nothing here: unlike the other SDKs, google-genai adds no account
    headers from the environment (only its version), so nothing has to be held back.
    """

    KIND = "gemini"
    DEFAULT_BASE_URL = "https://generativelanguage.googleapis.com"
    LEVELS = LEVELS
    SDK = "google.genai"

    @property
    def _types(self) -> Any:
        return self._sdk.types

    def _new_client(self) -> Any:
        import httpx2

        types = self._types
        # Our own HTTP client: the SDK then uses httpx2 whatever GOOGLE_GENAI_HTTP_CLIENT says,
        # and closing it is ours. One limit per attempt (the SDK sets it per request in ms,
        # for connect and read alike); the request's deadline bounds the whole.
        self._http = httpx2.AsyncClient()
        # Everything explicit, so the SDK reads nothing from the environment: not
        # GOOGLE_API_KEY/GEMINI_API_KEY (the key is the one resolve chose, or none), not
        # GOOGLE_GEMINI_BASE_URL, GOOGLE_GENAI_API_VERSION or GOOGLE_GENAI_USE_VERTEXAI.
        return self._sdk.Client(
            vertexai=False,
            api_key=self._key or PLACEHOLDER_KEY,
            http_options=types.HttpOptions(
                base_url=self.base_url,
                api_version=API_VERSION,
                timeout=max(1, round(self._timeouts.read_s * 1000)),
                retry_options=types.HttpRetryOptions(attempts=1),  # ours is the only retry loop
                httpx_async_client=self._http,
            ),
        )

    def _warm(self, client: Any) -> None:
        _ = client.aio.models

    async def _close_client(self, client: Any) -> None:
        await client.aio.aclose()
        await self._http.aclose()

    def _error_response(self, error: Exception) -> tuple[int, object, Mapping[str, str]] | None:
        if not isinstance(error, self._sdk.errors.APIError):
            return None
        headers = getattr(getattr(error, "response", None), "headers", None) or {}
        return error.code, error.details, dict(headers)

    def _from_status(self, status: int, body: object, headers: Mapping[str, str]) -> ProviderError:
        return from_google_status(status, body, headers, provider=self.name, secret=self._key)

    def _transport_errors(self) -> tuple[type[Exception], ...]:
        import httpx2

        return (httpx2.TransportError,)  # timeouts, refused or dropped connections

    def _malformed_errors(self) -> tuple[type[Exception], ...]:
        return (ValueError,)

    async def _send(self, request: Request, level: str) -> Any:
        return await self._client.aio.models.generate_content(
            model=self.model,
            contents=self._contents(request),
            config=self._config(request, level),
        )

    def _contents(self, request: Request) -> Any:
        """The conversation as Gemini's turns: the model speaks as "model", not "assistant"."""
        content = self._types.Content
        part = self._types.Part
        return [
            content(role="model" if m.role == "assistant" else "user", parts=[part(text=m.content)])
            for m in request.messages
        ]

    def _config(self, request: Request, level: str) -> Any:
        types = self._types
        config: dict[str, Any] = {
            "system_instruction": request.system
            if level == "json_schema"
            else schema_instruction(request),
            "max_output_tokens": request.max_output_tokens,
            "temperature": request.temperature,
            "candidate_count": 1,
            "response_mime_type": "application/json",
        }
        if level == "json_schema":
            config["response_json_schema"] = request.schema
        if self.model.rsplit("/", 1)[-1].startswith(_NO_THINKING_FAMILIES):
            config["thinking_config"] = types.ThinkingConfig(thinking_budget=0)
        return types.GenerateContentConfig(**config)

    def _response_type(self) -> type:
        return self._types.GenerateContentResponse

    def _answer(self, response: Any) -> Answer:
        feedback = getattr(response, "prompt_feedback", None)
        blocked = _name(getattr(feedback, "block_reason", None))
        if blocked:
            raise self._refusal(f"Gemini blocked the prompt ({blocked})")
        candidates = getattr(response, "candidates", None)
        if not candidates:
            raise self._malformed("JSON without candidates")
        candidate = candidates[0]
        text = _text(candidate)
        finish = _name(getattr(candidate, "finish_reason", None))
        if finish == "MAX_TOKENS":
            return Answer(text, cut=True)
        if finish in BLOCKED:
            raise self._refusal(f"Gemini stopped the answer ({finish})")
        usage = getattr(response, "usage_metadata", None)
        # Thoughts are billed as output tokens.
        output = (getattr(usage, "candidates_token_count", 0) or 0) + (
            getattr(usage, "thoughts_token_count", 0) or 0
        )
        return Answer(
            text,
            input_tokens=getattr(usage, "prompt_token_count", 0) or 0,
            output_tokens=output,
        )


def _text(candidate: Any) -> str:
    """The answer's text: every text part that is not a thought."""
    content = getattr(candidate, "content", None)
    parts = getattr(content, "parts", None) or []
    return "".join(
        str(part.text) for part in parts if getattr(part, "text", None) and not part.thought
    )
