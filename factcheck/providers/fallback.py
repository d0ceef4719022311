"""Try providers in order; a provider whose access is gone is skipped for the rest of the run."""

from __future__ import annotations

import asyncio

from factcheck.errors import AccessError, AllBackendsFailedError, ProviderError
from factcheck.models import Fallback
from factcheck.providers.base import Completion, Provider, Request

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
    ) -> None:
        if not providers:
            raise ValueError("FallbackProvider needs at least one provider")
        self.providers = list(providers)
        self.name = providers[0].name
        self.model = providers[0].model
        self.fallbacks: list[Fallback] = []
        self.disabled: set[int] = set()
        # Created lazily so the semaphores belong to the running event loop.
        self._concurrency = concurrency
        self._then = then  # what runs after the last provider ("rules"), for fallback events
        self._limits: list[asyncio.Semaphore] | None = None

    async def complete(self, request: Request) -> Completion:
        """The first answer in chain order; AllBackendsFailedError carries every failure."""
        limits = self._semaphores()
        failures: list[ProviderError] = []
        for index, provider in enumerate(self.providers):
            if index in self.disabled:
                failures.append(
                    AccessError("disabled earlier in this run", provider=label(provider))
                )
                continue
            async with limits[index]:
                if index in self.disabled:  # disabled while this request waited its turn
                    failures.append(
                        AccessError("disabled earlier in this run", provider=label(provider))
                    )
                    continue
                try:
                    return await provider.complete(request)
                except ProviderError as error:
                    if not error.fallback:
                        raise
                    failures.append(error)
                    if error.disable:
                        self.disabled.add(index)
                    self.fallbacks.append(
                        Fallback(
                            provider=label(provider),
                            reason=f"{error.kind}: {_reason(error)}",
                            to=self._next_label(index),
                            disabled=error.disable,
                        )
                    )
        raise AllBackendsFailedError(failures)

    def _next_label(self, index: int) -> str | None:
        for later in range(index + 1, len(self.providers)):
            if later not in self.disabled:
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
