"""Google's Gemini API (generateContent), through the official google-genai SDK.

Structured output is the API's own: `response_mime_type` application/json with the request's
JSON Schema as `response_json_schema`. A server that refuses that schema, or answers 200 while
ignoring it, gets the next level: JSON mode with the schema written into the instructions.
"""

from __future__ import annotations

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
    schema_instruction,
)
from factcheck.llm.providers.failures import (
    body_excerpt,
    from_transport,
    not_a_model_response,
    says,
)
from factcheck.llm.providers.gemini_failures import from_google_status
from factcheck.llm.providers.registry import Timeouts

# Structured-output levels, best first.
LEVELS = ("json_schema", "json_mode")
API_VERSION = "v1beta"
# The SDK insists on a key; a keyless server (a local proxy speaking this API) ignores it.
PLACEHOLDER_KEY = "not-needed"
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


class GeminiProvider:
    """generateContent with a JSON Schema; one HTTP request per `complete`.

    When the API refuses the schema, or answers while ignoring it, the provider steps down to
    JSON mode and raises FormatRefusedError, and the retry layer sends the request again.
    """

    def __init__(
        self,
        model: str,
        *,
        name: str = "gemini",
        api_key: str | None = None,
        base_url: str = "https://generativelanguage.googleapis.com",
        timeouts: Timeouts | None = None,
        third_party: bool = False,
    ) -> None:
        import httpx2
        from google import genai
        from google.genai import errors, types

        # `third_party` needs nothing here: unlike the other SDKs, google-genai adds no account
        # headers from the environment (only its version), so nothing has to be held back.
        del third_party
        timeouts = timeouts or Timeouts()
        self.name = name
        self.model = model
        self.base_url = base_url
        self._key = api_key
        self._errors = errors
        self._types = types
        self._httpx = httpx2
        # Our own HTTP client: the SDK then uses httpx2 whatever GOOGLE_GENAI_HTTP_CLIENT says,
        # and closing it is ours. One limit per attempt (the SDK sets it per request in ms,
        # for connect and read alike); the request's deadline bounds the whole.
        self._http = httpx2.AsyncClient()
        # Everything explicit, so the SDK reads nothing from the environment: not
        # GOOGLE_API_KEY/GEMINI_API_KEY (the key is the one resolve chose, or none), not
        # GOOGLE_GEMINI_BASE_URL, GOOGLE_GENAI_API_VERSION or GOOGLE_GENAI_USE_VERTEXAI.
        self._client = genai.Client(
            vertexai=False,
            api_key=api_key or PLACEHOLDER_KEY,
            http_options=types.HttpOptions(
                base_url=base_url,
                api_version=API_VERSION,
                timeout=max(1, round(timeouts.read_s * 1000)),
                retry_options=types.HttpRetryOptions(attempts=1),  # ours is the only retry loop
                httpx_async_client=self._http,
            ),
        )
        self.level = LEVELS[0]

    async def complete(self, request: Request) -> Completion:
        """One HTTP request at the current output level; the answer validated against the schema."""
        level = self.level
        try:
            return await self._call(request, level)
        except BadRequestError as error:
            if level == LEVELS[-1] or not says("format_refused", str(error)):
                raise  # a 400 about anything else is not re-sent
            self._step_down(level)
            raise FormatRefusedError(
                f"{level} output refused, next: {self.level} ({error})",
                provider=self.name,
                status=error.status,
            ) from None
        except InvalidOutputError as error:
            # A 200 whose answer misses the schema the API was asked to enforce: the server
            # does not enforce it. JSON mode carries the schema in the instructions instead.
            if level != LEVELS[0] or error.refused:
                raise
            self._step_down(level)
            raise FormatIgnoredError(
                f"{level} output ignored, next: {self.level} ({error})", provider=self.name
            ) from None

    def _step_down(self, level: str) -> None:
        if self.level == level:  # a parallel request may have stepped down already
            self.level = LEVELS[LEVELS.index(level) + 1]

    async def _call(self, request: Request, level: str) -> Completion:
        started = time.perf_counter()
        try:
            response = await self._client.aio.models.generate_content(
                model=self.model,
                contents=self._contents(request),
                config=self._config(request, level),
            )
        except self._errors.APIError as error:
            headers = getattr(getattr(error, "response", None), "headers", None) or {}
            raise from_google_status(
                error.code,
                error.details,
                dict(headers),
                provider=self.name,
                secret=self._key,
            ) from None
        except self._httpx.TransportError as error:  # timeouts, refused or dropped connections
            raise from_transport(error, provider=self.name, secret=self._key) from None
        except ValueError as error:  # a 200 body that is not JSON, or JSON of another shape
            raise not_a_model_response(
                type(error).__name__, provider=self.name, secret=self._key
            ) from None
        return self._completion(request, response, time.perf_counter() - started)

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

    def _completion(self, request: Request, response: Any, latency: float) -> Completion:
        if not isinstance(response, self._types.GenerateContentResponse):
            raise not_a_model_response(
                f"{type(response).__name__}: {body_excerpt(str(response))!r}",
                provider=self.name,
                secret=self._key,
            )
        feedback = getattr(response, "prompt_feedback", None)
        blocked = _name(getattr(feedback, "block_reason", None))
        if blocked:
            raise _refusal(f"Gemini blocked the prompt ({blocked})", self.name)
        candidates = getattr(response, "candidates", None)
        if not candidates:
            raise not_a_model_response(
                "JSON without candidates", provider=self.name, secret=self._key
            )
        candidate = candidates[0]
        text = _text(candidate)
        finish = _name(getattr(candidate, "finish_reason", None))
        if finish == "MAX_TOKENS":
            raise cut_off(text, request.max_output_tokens, provider=self.name)
        if finish in BLOCKED:
            raise _refusal(f"Gemini stopped the answer ({finish})", self.name)
        data = parse_output(text, request.schema, provider=self.name)
        usage = getattr(response, "usage_metadata", None)
        # Thoughts are billed as output tokens.
        output = (getattr(usage, "candidates_token_count", 0) or 0) + (
            getattr(usage, "thoughts_token_count", 0) or 0
        )
        return Completion(
            data=data,
            provider=self.name,
            model=self.model,
            input_tokens=getattr(usage, "prompt_token_count", 0) or 0,
            output_tokens=output,
            cached=False,
            latency_s=latency,
        )

    async def aclose(self) -> None:
        """Close the HTTP connections."""
        await self._client.aio.aclose()
        await self._http.aclose()


def _text(candidate: Any) -> str:
    """The answer's text: every text part that is not a thought."""
    content = getattr(candidate, "content", None)
    parts = getattr(content, "parts", None) or []
    return "".join(
        str(part.text) for part in parts if getattr(part, "text", None) and not part.thought
    )


def _refusal(message: str, provider: str) -> InvalidOutputError:
    refusal = InvalidOutputError(message, provider=provider)
    refusal.refused = True
    return refusal
