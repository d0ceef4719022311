"""Retry one provider: backoff on transient failures, one re-ask on invalid output.

This is the only retry loop (SDK clients run with max_retries=0). It never waits past the
request's deadline: when the next wait would cross it, it gives up at once so the fallback
provider starts without delay.
"""

from __future__ import annotations

import asyncio
import dataclasses
import random
import time
from collections.abc import Awaitable, Callable

from factcheck.errors import FormatRefusedError, InvalidOutputError, ProviderError, TransientError
from factcheck.llm.providers.base import (
    Completion,
    Message,
    Provider,
    Request,
    context_window,
    prepare,
)
from factcheck.llm.providers.health import ProviderHealth

# Structured-output step-downs one request may take (json_schema -> json_object -> prompt).
MAX_STEP_DOWNS = 2

Sleep = Callable[[float], Awaitable[None]]


class RetryingProvider:
    """Wraps a provider; only TransientError is retried, InvalidOutputError is re-asked once."""

    def __init__(
        self,
        inner: Provider,
        *,
        max_attempts: int = 4,
        base_delay: float = 0.5,
        max_delay: float = 8.0,
        retry_after_cap: float = 20.0,
        deadline_s: float = 60.0,
        sleep: Sleep = asyncio.sleep,
        clock: Callable[[], float] = time.monotonic,
        rng: random.Random | None = None,
        label: str | None = None,
        health: ProviderHealth | None = None,
    ) -> None:
        self.inner = inner
        self.health = health
        self.name = inner.name
        self.model = inner.model
        self.base_url: str | None = getattr(inner, "base_url", None)
        self.label = label or f"{inner.name}:{inner.model}"  # how fallback events name it
        self.max_attempts = max_attempts
        self.base_delay = base_delay
        self.max_delay = max_delay
        self.retry_after_cap = retry_after_cap
        self.deadline_s = deadline_s
        self._sleep = sleep
        self._clock = clock
        self._random = rng or random.Random()

    async def complete(self, request: Request) -> Completion:
        """The inner provider's answer, after backoff and at most one re-ask."""
        deadline = self._clock() + self.deadline_s
        try:
            return await self._with_backoff(request, deadline)
        except InvalidOutputError as error:
            return await self._with_backoff(reask(request, error), deadline)

    def wait_for(self, attempt: int, error: BaseException | None) -> float | None:
        """Seconds to wait after failed attempt number `attempt`; None means give up."""
        hinted = getattr(error, "retry_after", None)
        if hinted is not None:
            # Waiting less than the server asked for only earns another refusal.
            return hinted if hinted <= self.retry_after_cap else None
        ceiling = min(self.max_delay, self.base_delay * 2 ** (attempt - 1))
        return self._random.uniform(ceiling / 2, ceiling)  # jitter spreads parallel retries

    async def _with_backoff(self, request: Request, deadline: float) -> Completion:
        from tenacity import AsyncRetrying, RetryCallState, retry_if_exception_type

        planned: dict[int, float | None] = {}

        def wait(state: RetryCallState) -> float:
            error = state.outcome.exception() if state.outcome else None
            planned[state.attempt_number] = self.wait_for(state.attempt_number, error)
            return planned[state.attempt_number] or 0.0

        def stop(state: RetryCallState) -> bool:
            if state.attempt_number >= self.max_attempts:
                return True
            delay = planned.get(state.attempt_number)
            return delay is None or self._clock() + delay > deadline

        retrying = AsyncRetrying(
            sleep=self._sleep,
            stop=stop,
            wait=wait,
            retry=retry_if_exception_type(TransientError),
            reraise=True,
        )
        async for attempt in retrying:
            with attempt:
                return await self._attempt(request, deadline)
        raise AssertionError("unreachable: tenacity either returns or re-raises")

    async def _attempt(self, request: Request, deadline: float) -> Completion:
        for _ in range(MAX_STEP_DOWNS):
            try:
                return await self._send(request, deadline)
            except FormatRefusedError:
                continue  # the provider stepped down to a plainer format: send it again now
        return await self._send(request, deadline)

    async def _send(self, request: Request, deadline: float) -> Completion:
        # Another request may have disabled this provider, or sent it resting, meanwhile.
        blocked = self.health.blocked() if self.health is not None else None
        if blocked is not None:
            raise blocked
        remaining = deadline - self._clock()
        if remaining <= 0:
            raise TransientError("no time left before the request deadline", provider=self.name)
        try:
            return await asyncio.wait_for(self.inner.complete(request), timeout=remaining)
        except TimeoutError:
            raise TransientError(
                f"no answer within the request deadline ({self.deadline_s:g}s)", provider=self.name
            ) from None

    async def prepare(self) -> None:
        """Get the inner provider ready for its first request."""
        await prepare(self.inner)

    async def context_window(self) -> int | None:
        """The inner provider's context window, when its server says."""
        return await context_window(self.inner)

    async def aclose(self) -> None:
        """Close the inner provider."""
        await _aclose(self.inner)


def reask(request: Request, error: ProviderError) -> Request:
    """`request` plus a turn telling the model what was wrong with its answer."""
    reason = str(error).removeprefix(f"{error.provider}: ") if error.provider else str(error)
    feedback = Message(
        "user",
        f"Your previous answer was rejected: {reason}. Answer again with only one JSON object "
        "that validates against the schema.",
    )
    return dataclasses.replace(request, messages=(*request.messages, feedback))


async def _aclose(provider: object) -> None:
    close = getattr(provider, "aclose", None)
    if close is not None:
        await close()
