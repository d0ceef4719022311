"""What the run knows about each provider, consulted before every request is sent.

A provider starts *unproven*: one request at a time goes to it, so that a revoked key or an
exhausted quota costs one request however many documents, chunks and audit threads are waiting.
Its first answer makes it *healthy* (requests flow in parallel). An access or quota failure
*disables* it for the run. A request that fails transiently through its whole retry budget (a
hung server, an outage) makes an unproven provider *rest* for a cooldown that doubles each time,
so a hung provider costs one deadline, not one per request; after the rest it is unproven again.
A provider that has answered in this run rests only after two such failures in a row: one slow
request on a slow local server is that request's failure, not the end of the LLM for the run.

Every LLM request of a run goes through one chain on one event loop (the backend's loop thread;
an audit's worker threads share it), so this in-memory state is shared by all of them.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

from factcheck.errors import ProviderError, TransientError, UnavailableError

DEFAULT_COOLDOWN_S = 300.0
REST_AFTER = 2  # consecutive failed requests that send a proven provider resting


class ProviderHealth:
    """The state of one provider of the chain for the rest of the run."""

    def __init__(
        self,
        label: str,
        *,
        cooldown_s: float = DEFAULT_COOLDOWN_S,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.label = label
        self.state = "unproven"  # "healthy", "resting" or "disabled"
        self.cooldown_s = cooldown_s
        self.rests = 0
        self.failures = 0  # consecutive requests that failed transiently
        self._until = 0.0
        self._reason = ""
        self._clock = clock
        self._gate: asyncio.Lock | None = None  # made on first use, in the running loop

    def blocked(self) -> UnavailableError | None:
        """Why no request may be sent now, or None when one may."""
        if self.state == "disabled":
            return UnavailableError(
                f"disabled earlier in this run ({self._reason})", provider=self.label
            )
        if self.state == "resting":
            left = self._until - self._clock()
            if left > 0:
                return UnavailableError(
                    f"resting {left:.0f}s more after repeated failures ({self._reason})",
                    provider=self.label,
                )
            self.state = "unproven"
        return None

    @asynccontextmanager
    async def turn(self) -> AsyncIterator[None]:
        """Hold while a request is sent: exclusive until the provider has answered once.

        Requests that queued behind the first one go on in parallel once it has answered.
        """
        held = False
        if self.state != "healthy":
            if self._gate is None:
                self._gate = asyncio.Lock()
            await self._gate.acquire()
            held = self.state != "healthy"
            if not held:
                self._gate.release()
        try:
            yield
        finally:
            if held and self._gate is not None:
                self._gate.release()

    def succeeded(self) -> None:
        """The provider answered."""
        self.state = "healthy"
        self.rests = 0
        self.failures = 0

    def failed(self, error: ProviderError) -> None:
        """A request's final failure (after its retries) on this provider."""
        if isinstance(error, UnavailableError):
            return
        reason = str(error).removeprefix(f"{error.provider}: ")[:200]
        if error.disable:
            self.state, self._reason = "disabled", reason
        elif isinstance(error, TransientError):
            self.failures += 1
            if self.state == "healthy" and self.failures < REST_AFTER:
                return
            wait = self.cooldown_s * 2**self.rests
            if error.retry_after is not None:
                wait = max(wait, error.retry_after)
            self.state, self._reason = "resting", reason
            self._until = self._clock() + wait
            self.rests += 1
        elif self.state == "unproven":
            # It answered, only not usefully (a refused request, an invalid answer): reachable.
            self.state = "healthy"
