"""One run's LLM session: the chain, the event loop its requests run on, failures and usage.

The extractor and the judge ask the session, never the pipeline: it decides whether the LLM may be
asked now, runs the request, turns a failed chain into a notice (or, for a chain without `rules`,
into the error that ends the run) and counts what the run asked, got and dropped.

LLM calls are coroutines; they run on one event loop in a background thread, so the synchronous
pipeline (and worker threads of an audit) can call them while the loop overlaps their waits.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Coroutine
from concurrent.futures import Future
from typing import TYPE_CHECKING, Any, TypeVar

from factcheck.errors import BadRequestError, ProviderError

if TYPE_CHECKING:
    from factcheck.config import Settings
    from factcheck.llm.prompts import Prompts
    from factcheck.llm.providers.base import Provider
    from factcheck.llm.providers.chain import Chain
    from factcheck.llm.providers.spec import ProviderSpec
    from factcheck.llm.providers.store import Store
    from factcheck.llm.providers.usage import Usage
    from factcheck.models import Fallback

T = TypeVar("T")


class _LoopThread:
    """An asyncio loop running in a daemon thread; `run` blocks the caller until a coroutine ends."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self._thread.start()

    def run(self, coroutine: Coroutine[Any, Any, T]) -> T:
        return self.submit(coroutine).result()

    def submit(self, coroutine: Coroutine[Any, Any, T]) -> Future[T]:
        """Start `coroutine` on the loop and return at once (its request leaves while the
        caller goes on with other work)."""
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop)

    def stop(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join()
        self.loop.close()


class LLMSession:
    """The LLM side of one run; thread-safe, so an audit's workers share it."""

    def __init__(
        self,
        chain: Chain,
        prompts: Prompts,
        *,
        ends_with_rules: bool,
        store: Store | None = None,
    ) -> None:
        self.chain = chain
        self.prompts = prompts
        self.ends_with_rules = ends_with_rules
        self._store = store
        self._loop: _LoopThread | None = _LoopThread()
        self._lock = threading.Lock()
        self._notices: list[str] = list(chain.notices)
        self._down = False  # every provider failed a request: later ones may skip the LLM
        self._asked = 0  # LLM requests of this run (extractions, judgements)
        self._answered = 0  # ... that got an answer (from a provider or the cache)
        self._dropped = 0  # facts the model gave without evidence in the article

    @property
    def usage(self) -> Usage:
        """Calls, cache hits and tokens of this run."""
        return self.chain.usage

    @property
    def fallbacks(self) -> tuple[Fallback, ...]:
        """Every time a provider failed and the chain moved on, in order."""
        return tuple(self.chain.fallbacks)

    @property
    def notices(self) -> tuple[str, ...]:
        """What every report of the run should say about the LLM."""
        with self._lock:
            return tuple(self._notices)

    @property
    def dropped(self) -> int:
        """How many facts the model gave whose evidence is not in the article."""
        return self._dropped

    @property
    def degraded(self) -> bool:
        """Whether the run asked the LLM and used none of its answers (or lost it for good)."""
        return self._down or (self._asked > 0 and self._answered == 0)

    def available(self) -> bool:
        """Whether some provider of the chain may be asked now.

        After every provider failed one request, later documents skip the LLM at once while
        each provider is disabled or resting; once a rest is over, the LLM is tried again.
        """
        if not self._down:
            return True
        return any(health.blocked() is None for health in self.chain.health)

    def prepare(self) -> Future[None] | None:
        """Start getting the chain's first provider ready (its SDK imported, its client built)
        while the caller goes on: for a run about to ask the LLM for what no cache holds. A
        failure here is met again, and reported, by the first request. Returns what to wait
        on to know it is done (None when the session is closed)."""
        if self._loop is None:
            return None
        return self._loop.submit(self.chain.prepare())

    def run(self, coroutine: Coroutine[Any, Any, T]) -> T | None:
        """Run one LLM coroutine; None when the chain failed and `rules` may carry on alone."""
        return self.wait(self.start(coroutine))

    def start(self, coroutine: Coroutine[Any, Any, T]) -> Future[T]:
        """Send one LLM coroutine off without waiting for it; `wait` collects its answer."""
        if self._loop is None:
            coroutine.close()
            raise RuntimeError("the LLM session is closed")
        with self._lock:
            self._asked += 1
        return self._loop.submit(coroutine)

    def wait(self, pending: Future[T]) -> T | None:
        """The answer of a started coroutine; None when the chain failed and `rules` may carry
        on alone (as `run`)."""
        try:
            answer = pending.result()
        except BadRequestError as error:  # the request itself is wrong: report it, keep going
            self.notice(f"an LLM request was refused ({error}); rules findings stand")
            if not self.ends_with_rules:
                raise
            return None
        except ProviderError as error:
            if not self.ends_with_rules:
                raise
            with self._lock:
                self._down = True  # some results of this run come from the rules alone
            self.notice(
                f"every LLM provider failed; results come from the offline rules only ({error})"
            )
            return None
        with self._lock:
            self._answered += 1
        return answer

    def count_dropped(self, facts: int) -> None:
        """Count facts the model gave that could not be grounded."""
        with self._lock:
            self._dropped += facts

    def notice(self, text: str) -> None:
        """Add a notice once, however many requests run into the same thing."""
        with self._lock:
            if text not in self._notices:
                self._notices.append(text)

    def close(self) -> None:
        """Close HTTP connections, stop the loop, close the store."""
        if self._loop is not None:
            self._loop.run(self.chain.aclose())
            self._loop.stop()
            self._loop = None
        if self._store is not None:
            self._store.close()
            self._store = None


def provider_label(provider: Provider) -> str:
    """How a handed-in provider is named in `backends` and fallback events."""
    return getattr(provider, "label", None) or f"{provider.name}:{provider.model}"


def open_session(
    settings: Settings,
    specs: list[ProviderSpec],
    prompts: Prompts,
    *,
    provider: Provider | None = None,
) -> LLMSession | None:
    """The session for `specs` (None when the chain is `rules` alone).

    A `provider` handed in takes the place of the chain's LLM providers (`rules` stays when the
    chain ends with it); it is wrapped like any other: logged, retried, cached.
    """
    from factcheck.llm.providers.chain import Member, build_provider, compose
    from factcheck.llm.providers.registry import OFFLINE
    from factcheck.llm.providers.store import Store, default_path

    ends_with_rules = specs[-1].kind == OFFLINE
    if provider is None and all(spec.kind == OFFLINE for spec in specs):
        return None
    store = Store(default_path(settings.env))
    concurrency = max(settings.jobs, 8)
    try:
        if provider is not None:
            chain: Chain | None = compose(
                [Member(provider_label(provider), provider)],
                then_rules=ends_with_rules,
                store=store,
                use_cache=settings.use_cache,
                concurrency=concurrency,
            )
        else:
            chain = build_provider(
                specs,
                env=settings.env,
                store=store,
                use_cache=settings.use_cache,
                concurrency=concurrency,
            )
    except BaseException:
        store.close()
        raise
    assert chain is not None
    return LLMSession(chain, prompts, ends_with_rules=ends_with_rules, store=store)
