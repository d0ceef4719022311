"""What the SDK-backed providers share: one HTTP request per `complete`, the SDK client built on
the first request, SDK exceptions turned into ours at the call, and the structured-output levels.

A provider states only what differs: how its SDK client is built (`_new_client`), the wire call
(`_send`), what an answer carries (`_answer`), and which SDK exceptions mean what
(`_error_response`, `_transport_errors`, `_malformed_errors`). Everything else lives here once, so
the three wire formats cannot drift apart on how a failure is classified or a key is kept out of
an error.
"""

from __future__ import annotations

import asyncio
import functools
import importlib
import threading
import time
from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from factcheck.errors import (
    BadRequestError,
    FormatIgnoredError,
    FormatRefusedError,
    InvalidOutputError,
    ProviderError,
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

# The SDKs insist on a key, or look for one in the environment without it; a keyless server
# (a local llama.cpp, Ollama, a proxy) ignores this one.
PLACEHOLDER_KEY = "not-needed"


@dataclass(frozen=True, slots=True)
class Answer:
    """What a model response carried, before it is checked against the request's schema."""

    content: object  # JSON text, or an object already decoded (a tool call's input)
    input_tokens: int = 0
    output_tokens: int = 0
    cut: bool = False  # stopped at the output token limit: `content` is what came before


class SDKProvider(ABC):
    """A provider talking to one service through its vendor SDK; subclasses fill in the hooks.

    `level` is the best structured-output level the server has accepted (or not yet refused),
    one of LEVELS, best first. Only the first asks the server to enforce the schema: when the
    server refuses it, or answers 200 while ignoring it, the provider steps down a level and
    raises FormatRefusedError (FormatIgnoredError), and the retry layer sends the request again.
    """

    KIND: ClassVar[str]  # the name it goes by unless the chain names it
    DEFAULT_BASE_URL: ClassVar[str]
    LEVELS: ClassVar[tuple[str, ...]]
    SDK: ClassVar[str]  # the module imported on the first request, not when the chain is built
    # How a step down is told: "json_schema output refused, next: json_object".
    STEP: ClassVar[str] = "{level} output {what}, next: {next}"
    # Local servers speaking this format (llama.cpp, vLLM) report their context window.
    ASKS_SERVER_WINDOW: ClassVar[bool] = False

    def __init__(
        self,
        model: str,
        *,
        name: str | None = None,
        api_key: str | None = None,
        base_url: str | None = None,
        timeouts: Timeouts | None = None,
        third_party: bool = False,
    ) -> None:
        self.name = self.KIND if name is None else name
        self.model = model
        self.base_url = self.DEFAULT_BASE_URL if base_url is None else base_url
        self._key = api_key
        self._timeouts = timeouts or Timeouts()
        self._third_party = third_party  # a URL of the user's own: no account headers go there
        self._window: tuple[int | None] | None = None  # asked once, then remembered
        # Held while the window is asked: the requests that start meanwhile wait for that one
        # answer instead of each asking the server again.
        self._window_lock = asyncio.Lock()
        self._client_lock = threading.Lock()  # one client, however many requests come first
        self.level = self.LEVELS[0]

    # -- what each SDK states -------------------------------------------------------------

    @abstractmethod
    def _new_client(self) -> Any:
        """The SDK client, with every setting explicit: the SDK reads nothing from the
        environment and never retries (ours is the only retry loop)."""

    @abstractmethod
    async def _send(self, request: Request, level: str) -> Any:
        """The wire call at `level`; the SDK's response object."""

    @abstractmethod
    def _answer(self, response: Any) -> Answer:
        """What `response` (already known to be the SDK's response type) carries; raises for an
        answer that is no answer (a refusal, a body of another shape)."""

    @abstractmethod
    def _response_type(self) -> type:
        """The SDK's class for a model response (the SDK returns text for a body that is not)."""

    @abstractmethod
    def _error_response(self, error: Exception) -> tuple[int, object, Mapping[str, str]] | None:
        """(status, body, headers) when `error` is the SDK's exception for an HTTP error answer."""

    @abstractmethod
    def _transport_errors(self) -> tuple[type[Exception], ...]:
        """The SDK's exceptions for a timeout, a refused or a dropped connection."""

    @abstractmethod
    def _malformed_errors(self) -> tuple[type[Exception], ...]:
        """The SDK's exceptions for a 200 body that is not JSON, or JSON of another shape."""

    def _from_status(self, status: int, body: object, headers: Mapping[str, str]) -> ProviderError:
        """Our error for an HTTP error answer: the table in failures.py, unless the vendor
        words its failures its own way."""
        return from_status(status, body, headers, provider=self.name, secret=self._key)

    async def _close_client(self, client: Any) -> None:
        await client.close()

    @abstractmethod
    def _warm(self, client: Any) -> None:
        """Load what the SDK loads on a client's first request only (the module behind
        `client.chat`, say): done by `prepare`, in its thread, rather than by that request."""

    # -- shared ---------------------------------------------------------------------------

    @functools.cached_property
    def _sdk(self) -> Any:
        return importlib.import_module(self.SDK)

    @functools.cached_property
    def _client(self) -> Any:
        return self._new_client()

    async def prepare(self) -> None:
        """Import the SDK and build the client in a thread of its own: most of a second of CPU
        that, run on the event loop, held every other request (and cached answer) back."""
        if "_client" not in self.__dict__:
            await asyncio.to_thread(self._build_client)

    def _build_client(self) -> None:
        with self._client_lock:
            if "_client" not in self.__dict__:
                self._warm(self._client)  # the cached property builds it once

    async def context_window(self) -> int | None:
        """The tokens the server's context holds, when the server says (llama.cpp, vLLM)."""
        if not self.ASKS_SERVER_WINDOW:
            return None
        if self._window is None:
            async with self._window_lock:
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
            if level == self.LEVELS[-1] or not says("format_refused", str(error)):
                raise  # a 400 about anything else is not re-sent
            self._step_down(level)
            raise FormatRefusedError(
                f"{self._step(level, 'refused')} ({error})", provider=self.name, status=error.status
            ) from None
        except _SchemaIgnored as ignored:
            # A 200 whose answer misses the schema the server was asked to enforce: it does not
            # enforce it. The next level carries the schema another way (a tool, the prompt).
            self._step_down(level)
            raise FormatIgnoredError(
                f"{self._step(level, 'ignored')} ({ignored.error})", provider=self.name
            ) from None

    def _step_down(self, level: str) -> None:
        if self.level == level:  # a parallel request may have stepped down already
            self.level = self.LEVELS[self.LEVELS.index(level) + 1]

    def _step(self, level: str, what: str) -> str:
        return self.STEP.format(level=level, what=what, next=self.level)

    async def _call(self, request: Request, level: str) -> Completion:
        started = time.perf_counter()
        try:
            await self.prepare()
            response = await self._send(request, level)
        except Exception as error:
            failure = self._failure(error)
            if failure is None:
                raise
            raise failure from None
        latency = time.perf_counter() - started
        if not isinstance(response, self._response_type()):
            raise self._not_an_answer(response)
        answer = self._answer(response)
        try:
            data = self._fitted(answer, request)
        except InvalidOutputError as error:
            if level != self.LEVELS[0]:
                raise  # the schema was in a tool or the prompt: the miss is the model's
            raise _SchemaIgnored(error) from None
        return Completion(
            data=data,
            provider=self.name,
            model=self.model,
            input_tokens=answer.input_tokens,
            output_tokens=answer.output_tokens,
            cached=False,
            latency_s=latency,
        )

    def _fitted(self, answer: Answer, request: Request) -> dict[str, Any]:
        """The answer's object once it fits the schema; a cut-off answer is never used."""
        if answer.cut:
            text = answer.content if isinstance(answer.content, str) else ""
            raise cut_off(text, request.max_output_tokens, provider=self.name)
        if isinstance(answer.content, str):
            return parse_output(answer.content, request.schema, provider=self.name)
        return validate_output(answer.content, request.schema, provider=self.name)

    def _failure(self, error: Exception) -> ProviderError | None:
        """Our error for an SDK exception (None for anything else, which goes on as it is)."""
        answered = self._error_response(error)
        if answered is not None:
            return self._from_status(*answered)
        if isinstance(error, self._transport_errors()):
            return from_transport(error, provider=self.name, secret=self._key)
        if isinstance(error, self._malformed_errors()):
            return self._malformed(type(error).__name__)
        return None

    def _malformed(self, what: str) -> ProviderError:
        """The error for a 200 that is no model answer (`what` says how), the key kept out."""
        return not_a_model_response(what, provider=self.name, secret=self._key)

    def _not_an_answer(self, response: object) -> ProviderError:
        # The SDKs hand back the body as text when it is not JSON (a proxy's HTML error page).
        return self._malformed(f"{type(response).__name__}: {body_excerpt(str(response))!r}")

    def _refusal(self, message: str) -> InvalidOutputError:
        """The model declined to answer: no format problem, so no step down."""
        refusal = InvalidOutputError(message, provider=self.name)
        refusal.refused = True
        return refusal

    async def aclose(self) -> None:
        """Close the HTTP connections."""
        if "_client" in self.__dict__:  # built by a request
            await self._close_client(self._client)


class StainlessProvider(SDKProvider, ABC):
    """The OpenAI and Anthropic SDKs, generated by the same tool (Stainless): the same client
    arguments, the same exception tree. A subclass names its client class and the headers that
    must not reach a third party's URL."""

    CLIENT: ClassVar[str]  # "AsyncOpenAI", "AsyncAnthropic"
    ASKS_SERVER_WINDOW = True

    @abstractmethod
    def _third_party_headers(self, sdk: Any) -> dict[str, Any]:
        """Default headers the SDK takes from the environment, cancelled with `sdk.Omit()`."""

    def _new_client(self) -> Any:
        sdk = self._sdk
        # Explicit key and URL: the SDK must not pick *_API_KEY, *_BASE_URL or a profile itself.
        return getattr(sdk, self.CLIENT)(
            api_key=self._key or PLACEHOLDER_KEY,
            base_url=self.base_url,
            max_retries=0,
            timeout=sdk.Timeout(self._timeouts.read_s, connect=self._timeouts.connect_s),
            default_headers=self._third_party_headers(sdk) if self._third_party else None,
        )

    def _error_response(self, error: Exception) -> tuple[int, object, Mapping[str, str]] | None:
        if not isinstance(error, self._sdk.APIStatusError):
            return None
        return error.status_code, error.body, dict(error.response.headers)

    def _transport_errors(self) -> tuple[type[Exception], ...]:
        return (self._sdk.APIConnectionError,)  # includes APITimeoutError

    def _malformed_errors(self) -> tuple[type[Exception], ...]:
        return (self._sdk.APIError, ValueError)


class _SchemaIgnored(Exception):
    """An unfit answer at the level where the server was asked to enforce the schema."""

    def __init__(self, error: InvalidOutputError) -> None:
        super().__init__(str(error))
        self.error = error
