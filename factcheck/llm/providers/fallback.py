"""Try providers in order; what each provider's health says decides whether it is asked at all."""

from __future__ import annotations

import asyncio

from factcheck.errors import (
    AllBackendsFailedError,
    OversizeError,
    ProviderError,
    UnavailableError,
)
from factcheck.llm.providers.base import Completion, Provider, Request, context_window, prepare
from factcheck.llm.providers.health import ProviderHealth
from factcheck.models import Fallback

DEFAULT_CONCURRENCY = 8


def label(provider: Provider) -> str:
    """How a provider is named in fallback events: "kind:model"."""
    return getattr(provider, "label", None) or f"{provider.name}:{provider.model}"


class FallbackProvider:
    """A Provider that asks each of `providers` in turn until one answers."""

    def __init__(
        self,
        providers: list[Provider],
        *,
        concurrency: int = DEFAULT_CONCURRENCY,
        then: str | None = None,
        health: list[ProviderHealth] | None = None,
    ) -> None:
        if not providers:
            raise ValueError("FallbackProvider needs at least one provider")
        self.providers = list(providers)
        self.name = providers[0].name
        self.model = providers[0].model
        self.fallbacks: list[Fallback] = []
        self.health = health or [ProviderHealth(label(p)) for p in providers]
        # Created lazily so the semaphores belong to the running event loop.
        self._concurrency = concurrency
        self._then = then  # what runs after the last provider ("rules"), for fallback events
        self._limits: list[asyncio.Semaphore] | None = None

    async def complete(self, request: Request) -> Completion:
        """The first answer in chain order; AllBackendsFailedError carries every failure."""
        limits = self._semaphores()
        failures: list[ProviderError] = []
        for index, provider in enumerate(self.providers):
            health = self.health[index]
            skipped = health.blocked()
            if skipped is not None:
                failures.append(skipped)
                continue
            async with limits[index], health.turn():
                skipped = health.blocked()  # the state may have changed while this one waited
                if skipped is not None:
                    failures.append(skipped)
                    continue
                try:
                    # Its SDK imported before the request's deadline starts counting.
                    await prepare(provider)
                    completion = await provider.complete(request)
                except UnavailableError as error:  # its health changed during our retries
                    failures.append(error)
                    continue
                except ProviderError as error:
                    health.failed(error)
                    if not error.fallback:
                        raise
                    if isinstance(error, OversizeError) and request.splittable:
                        raise  # the caller cuts its input in parts and asks this provider again
                    failures.append(error)
                    self.fallbacks.append(
                        Fallback(
                            provider=label(provider),
                            reason=f"{error.kind}: {_reason(error)}",
                            to=self._next_label(index),
                            disabled=error.disable,
                        )
                    )
                    continue
                health.succeeded()
                return completion
        raise AllBackendsFailedError(failures)

    async def prepare(self) -> None:
        """Get the provider the next request goes to first ready for it."""
        for index, provider in enumerate(self.providers):
            if self.health[index].blocked() is None:
                await prepare(provider)
                return

    async def context_window(self) -> int | None:
        """The context window of the provider the next request goes to first, if it says."""
        for index, provider in enumerate(self.providers):
            if self.health[index].blocked() is None:
                return await context_window(provider)
        return None

    @property
    def disabled(self) -> set[int]:
        """Indexes of the providers switched off for the rest of the run."""
        return {i for i, h in enumerate(self.health) if h.state == "disabled"}

    def _next_label(self, index: int) -> str | None:
        for later in range(index + 1, len(self.providers)):
            if self.health[later].blocked() is None:
                return label(self.providers[later])
        return self._then

    def _semaphores(self) -> list[asyncio.Semaphore]:
        if self._limits is None:
            self._limits = [asyncio.Semaphore(self._concurrency) for _ in self.providers]
        return self._limits

    async def aclose(self) -> None:
        """Close every provider."""
        for provider in self.providers:
            close = getattr(provider, "aclose", None)
            if close is not None:
                await close()


def _reason(error: ProviderError) -> str:
    text = str(error)
    return text.removeprefix(f"{error.provider}: ") if error.provider else text
