"""Log every real attempt, successful or not, where it happens: right around the raw provider.

A raw provider sends exactly one HTTP request per `complete` call (a structured-output step-down
is a new call), so counting calls here counts HTTP requests.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Mapping

from factcheck.errors import ProviderError
from factcheck.llm.providers.base import Completion, Provider, Request, context_window, prepare
from factcheck.llm.providers.prices import estimate_cost
from factcheck.llm.providers.store import Store
from factcheck.llm.providers.usage import Usage


class LoggedProvider:
    """Records each call of `inner` in the store and the run's usage counters."""

    def __init__(
        self,
        inner: Provider,
        store: Store | None,
        usage: Usage,
        prices: Mapping[str, tuple[float, float]] | None = None,
    ) -> None:
        self.inner = inner
        self.prices = prices
        self.name = inner.name
        self.model = inner.model
        self.base_url: str | None = getattr(inner, "base_url", None)
        self.store = store
        self.usage = usage

    async def complete(self, request: Request) -> Completion:
        """inner's answer, logged either way."""
        started = time.perf_counter()
        self.usage.llm_calls += 1
        try:
            completion = await self.inner.complete(request)
        except ProviderError as error:
            self._log("error", error.kind, time.perf_counter() - started, 0, 0)
            raise
        except asyncio.CancelledError:  # the request deadline ran out during this attempt
            self._log("error", "timeout", time.perf_counter() - started, 0, 0)
            raise
        self.usage.input_tokens += completion.input_tokens
        self.usage.output_tokens += completion.output_tokens
        self._log(
            "ok", None, completion.latency_s, completion.input_tokens, completion.output_tokens
        )
        return completion

    def _log(
        self, status: str, kind: str | None, latency: float, tokens_in: int, tokens_out: int
    ) -> None:
        if self.store is None:
            return
        self.store.log_attempt(
            provider=self.name,
            model=self.model,
            status=status,
            error_kind=kind,
            latency_s=latency,
            input_tokens=tokens_in,
            output_tokens=tokens_out,
            cost_usd=self._cost(tokens_in, tokens_out) if status == "ok" else None,
        )

    def _cost(self, tokens_in: int, tokens_out: int) -> float | None:
        if self.prices is None:
            return estimate_cost(self.model, tokens_in, tokens_out)
        return estimate_cost(self.model, tokens_in, tokens_out, self.prices)

    async def prepare(self) -> None:
        """Get the inner provider ready for its first request."""
        await prepare(self.inner)

    async def context_window(self) -> int | None:
        """The inner provider's context window, when its server says."""
        return await context_window(self.inner)

    async def aclose(self) -> None:
        """Close the inner provider."""
        close = getattr(self.inner, "aclose", None)
        if close is not None:
            await close()
