"""The fact backend of one run: the rules extractor, plus the LLM chain when one is configured.

The rules extractor always runs. With an LLM chain, the model's grounded facts are merged on top
and an LLM judge settles what rules cannot (quotes across languages, claims). When every LLM
fails, a chain that ends with `rules` completes degraded (and says so); a chain without `rules`
raises, which the CLI turns into exit code 3.

LLM calls are coroutines; they run on one event loop in a background thread, so the synchronous
pipeline (and worker threads of an audit) can call them while the loop overlaps their waits.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Coroutine
from types import TracebackType
from typing import Any, TypeVar

from factcheck.config import Settings
from factcheck.errors import BadRequestError, ProviderError
from factcheck.extract.rules import extract as rules_extract
from factcheck.models import Comparison, Document, Fact, RunInfo

T = TypeVar("T")


class _LoopThread:
    """An asyncio loop running in a daemon thread; `run` blocks the caller until a coroutine ends."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self._thread.start()

    def run(self, coroutine: Coroutine[Any, Any, T]) -> T:
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result()

    def stop(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join()
        self.loop.close()


class Backend:
    """Extracts facts and compares documents for one run, and accounts for what it did."""

    def __init__(self, settings: Settings) -> None:
        from factcheck.llm.providers.chain import build_provider
        from factcheck.llm.providers.spec import default_chain, parse_chain

        self.settings = settings
        specs = (
            parse_chain(settings.providers) if settings.providers else default_chain(settings.env)
        )
        self.backends = tuple(spec.label for spec in specs)
        self.ends_with_rules = specs[-1].kind == "rules"
        self._store = None
        self._loop: _LoopThread | None = None
        self._lock = threading.Lock()
        self._dropped = 0
        self._notices: list[str] = []
        self._llm_down = False
        self._asked = 0  # LLM requests of this run (extractions, judgements)
        self._answered = 0  # ... that got an answer (from a provider or the cache)
        self.chain = None
        if any(spec.kind != "rules" for spec in specs):
            from factcheck.llm.providers.store import Store, default_path

            self._store = Store(default_path(settings.env))
            self.chain = build_provider(
                specs,
                env=settings.env,
                store=self._store,
                use_cache=settings.use_cache,
                concurrency=max(settings.jobs, 8),
            )
            self._loop = _LoopThread()
            self._notices.extend(self.chain.notices if self.chain is not None else ())

    @property
    def uses_llm(self) -> bool:
        return self.chain is not None

    def llm_available(self) -> bool:
        """Whether the LLM chain is configured and some provider of it may be asked now.

        After every provider failed one request, later documents skip the LLM at once while
        each provider is disabled or resting; once a rest is over, the LLM is tried again.
        """
        if self.chain is None:
            return False
        if not self._llm_down:
            return True
        return any(health.blocked() is None for health in self.chain.health)

    def call_llm(self, coroutine: Coroutine[Any, Any, T]) -> T | None:
        """Run one LLM coroutine; None when the chain failed and `rules` may carry on alone."""
        assert self._loop is not None
        with self._lock:
            self._asked += 1
        try:
            answer = self._loop.run(coroutine)
        except BadRequestError as error:  # the request itself is wrong: report it, keep going
            self._notice(f"an LLM request was refused ({error}); rules findings stand")
            if not self.ends_with_rules:
                raise
            return None
        except ProviderError as error:
            if not self.ends_with_rules:
                raise
            with self._lock:
                self._llm_down = True  # some results of this run come from the rules alone
            self._notice(
                f"every LLM provider failed; results come from the offline rules only ({error})"
            )
            return None
        with self._lock:
            self._answered += 1
        return answer

    @property
    def degraded(self) -> bool:
        """Whether the run asked the LLM and used none of its answers (or lost it for good)."""
        return self._llm_down or (self._asked > 0 and self._answered == 0)

    def _notice(self, text: str) -> None:
        with self._lock:
            if text not in self._notices:
                self._notices.append(text)

    def extract(self, document: Document) -> list[Fact]:
        """The facts of `document`: rules always, plus grounded LLM facts when available."""
        from factcheck.load.language import is_supported

        if document.language and not is_supported(document.language):
            self._notice(
                f"text in language '{document.language}': the rules have no word lists for it, "
                "so only figures, numeric dates, Latin-script names and quotes were read"
            )
        facts = rules_extract(document)
        if not self.llm_available():
            return facts
        from factcheck.llm.extract import llm_extract, merge

        assert self.chain is not None
        found = self.call_llm(llm_extract(document, self.chain))
        if found is None:
            return facts
        with self._lock:
            self._dropped += found.dropped
        return merge(facts, found.facts)

    def compare_facts(
        self,
        reference: Document,
        reference_facts: list[Fact] | tuple[Fact, ...],
        candidate: Document,
        candidate_facts: list[Fact] | tuple[Fact, ...],
    ) -> Comparison:
        """Compare two already extracted documents (with the LLM judge when available)."""
        from factcheck.compare import compare

        judge = None
        if self.llm_available():
            from factcheck.llm.judge import LLMJudge

            judge = LLMJudge(self)
        return compare(reference, reference_facts, candidate, candidate_facts, judge=judge)

    def compare(self, reference: Document, candidate: Document) -> Comparison:
        """Extract both documents and compare them."""
        return self.compare_facts(
            reference, self.extract(reference), candidate, self.extract(candidate)
        )

    def run_info(self, seconds: float) -> RunInfo:
        """What this run did so far."""
        usage = self.chain.usage if self.chain is not None else None
        return RunInfo(
            backends=self.backends,
            llm_calls=usage.llm_calls if usage else 0,
            cache_hits=usage.cache_hits if usage else 0,
            input_tokens=usage.input_tokens if usage else 0,
            output_tokens=usage.output_tokens if usage else 0,
            fallbacks=tuple(self.chain.fallbacks) if self.chain is not None else (),
            degraded=self.degraded,
            dropped_facts=self._dropped,
            notices=tuple(self._notices),
            seconds=round(seconds, 3),
        )

    def close(self) -> None:
        """Close HTTP connections, stop the loop, close the store."""
        if self._loop is not None:
            if self.chain is not None:
                self._loop.run(self.chain.aclose())
            self._loop.stop()
            self._loop = None
        if self._store is not None:
            self._store.close()
            self._store = None

    def __enter__(self) -> Backend:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def open_backend(settings: Settings) -> Backend:
    """The backend the settings ask for."""
    return Backend(settings)
