"""OpenAI, and any server speaking its chat-completions API (vLLM, Ollama, OpenRouter...)."""

from __future__ import annotations

import functools
import time
from typing import Any
from urllib.parse import urlsplit

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
from factcheck.llm.providers.context import server_window
from factcheck.llm.providers.failures import (
    body_excerpt,
    from_status,
    from_transport,
    not_a_model_response,
    says,
)
from factcheck.llm.providers.registry import Timeouts

# Structured-output levels, best first; a compatible server that rejects one gets the next.
LEVELS = ("json_schema", "json_object", "prompt")
# Reasoning models take max_completion_tokens and only their default temperature.
_REASONING_FAMILIES = ("gpt-5", "o1", "o3", "o4")
# The SDK insists on a key; servers without one (a local llama.cpp, Ollama) ignore it.
PLACEHOLDER_KEY = "not-needed"


def is_reasoning_model(model: str) -> bool:
    """Whether `model` (also "openai/gpt-5-mini" on a router) belongs to a reasoning family."""
    return model.rsplit("/", 1)[-1].lower().startswith(_REASONING_FAMILIES)


def _account_headers_omitted(sdk: Any) -> Any:
    # Omit() drops a default header (typed as str by the SDK, honoured when headers merge).
    return {"OpenAI-Organization": sdk.Omit(), "OpenAI-Project": sdk.Omit()}


class OpenAIProvider:
    """Chat completions with a strict JSON Schema, degrading to json_object, then prompt-only.

    One HTTP request per `complete`: when a server refuses the output format, the provider steps
    down a level and raises FormatRefusedError, and the retry layer sends the request again.
    """

    def __init__(
        self,
        model: str,
        *,
        name: str = "openai",
        api_key: str | None = None,
        base_url: str = "https://api.openai.com/v1",
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
        self.level = LEVELS[0]  # the best level this backend has accepted (or not yet refused)

    @property
    def _sdk(self) -> Any:
        import openai  # on the first request, not when the chain is built: a run answered

        return openai  # from the cache never pays for importing the SDK

    @functools.cached_property
    def _client(self) -> Any:
        openai = self._sdk
        # Explicit key and URL: the SDK must not pick OPENAI_API_KEY or OPENAI_BASE_URL itself.
        return openai.AsyncOpenAI(
            api_key=self._key or PLACEHOLDER_KEY,
            base_url=self.base_url,
            max_retries=0,
            timeout=openai.Timeout(self._timeouts.read_s, connect=self._timeouts.connect_s),
            # The SDK adds OPENAI_ORG_ID and OPENAI_PROJECT_ID from the environment: they
            # identify an OpenAI account and have no business at a third party's URL.
            default_headers=_account_headers_omitted(openai) if self._third_party else None,
        )

    async def context_window(self) -> int | None:
        """The tokens the server's context holds, when the server says (llama.cpp, vLLM)."""
        if self._window is None:
            window = await server_window(
                self.base_url, self.model, key=self._key, timeouts=self._timeouts
            )
            self._window = (window,)
        return self._window[0]

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
        except _SchemaIgnored as ignored:
            # A 200 whose answer misses a schema the server was asked to enforce: it does not
            # enforce it. The next level writes the schema into the prompt.
            self._step_down(level)
            raise FormatIgnoredError(
                f"{level} output ignored, next: {self.level} ({ignored.error})",
                provider=self.name,
            ) from None

    def _step_down(self, level: str) -> None:
        if self.level == level:  # a parallel request may have stepped down already
            self.level = LEVELS[LEVELS.index(level) + 1]

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
        except (sdk.APIError, ValueError) as error:  # a 200 body that is not JSON
            raise not_a_model_response(
                type(error).__name__, provider=self.name, secret=self._key
            ) from None
        latency = time.perf_counter() - started
        try:
            return self._completion(request, response, latency)
        except _Unfit as unfit:
            if level == "json_schema":
                raise _SchemaIgnored(unfit.error) from None
            raise unfit.error from None

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

    def _completion(self, request: Request, response: Any, latency: float) -> Completion:
        if not isinstance(response, self._sdk.types.chat.ChatCompletion):
            # The SDK hands back the body as text when it is not JSON (an HTML error page).
            raise not_a_model_response(
                f"{type(response).__name__}: {body_excerpt(str(response))!r}",
                provider=self.name,
                secret=self._key,
            )
        choices = getattr(response, "choices", None)
        if not isinstance(choices, list):
            raise not_a_model_response("JSON without choices", provider=self.name, secret=self._key)
        if not choices:
            raise InvalidOutputError("the answer has no choices", provider=self.name)
        choice = choices[0]
        message = getattr(choice, "message", None)
        if message is None:
            raise not_a_model_response(
                "a choice without a message", provider=self.name, secret=None
            )
        if getattr(message, "refusal", None):
            raise InvalidOutputError(f"the model refused: {message.refusal}", provider=self.name)
        content = getattr(message, "content", None)
        if getattr(choice, "finish_reason", None) == "length":
            cut = cut_off(
                content if isinstance(content, str) else "",
                request.max_output_tokens,
                provider=self.name,
            )
            raise _Unfit(cut) if isinstance(cut, InvalidOutputError) else cut
        try:
            data = parse_output(
                content if isinstance(content, str) else "", request.schema, provider=self.name
            )
        except InvalidOutputError as error:
            raise _Unfit(error) from None
        usage = getattr(response, "usage", None)
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
        if "_client" in self.__dict__:  # built by a request
            await self._client.close()


class _Unfit(Exception):
    """The answer is not JSON or misses the schema (carried to where the level is known)."""

    def __init__(self, error: InvalidOutputError) -> None:
        super().__init__(str(error))
        self.error = error


class _SchemaIgnored(_Unfit):
    """An unfit answer at a level where the server was asked to enforce the schema."""
