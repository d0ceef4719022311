"""The fact backend of one run: the rules extractor, plus the LLM session when one is configured.

The rules extractor always runs. With an LLM, the model's grounded facts are merged on top and an
LLM judge settles what rules cannot (quotes across languages, claims): for a `compare` whose two
articles fit one request, the model reads both at once and its verdicts come with its facts
(factcheck/llm/joint.py; an audit asks a story's articles together the same way, from
factcheck/audit/llm_stories.py); longer pairs are asked per article and then judged. Both go
through the run's `LLMSession` (factcheck/llm/session.py), which owns the chain,
its event loop, what failed and what it cost. When every LLM fails, a chain that ends with
`rules` completes degraded (and says so); a chain without `rules` raises, which the CLI turns
into exit code 3.

`Backend(settings, provider=...)` runs a provider handed in by the caller in place of the
configured LLM providers: a test or an application can script the model in-process.
"""

from __future__ import annotations

import threading
from types import TracebackType
from typing import TYPE_CHECKING

from factcheck.config import Settings
from factcheck.extract.rules import extract as rules_extract
from factcheck.models import Comparison, Document, Fact, RunInfo

if TYPE_CHECKING:
    from factcheck.llm.providers.base import Provider
    from factcheck.llm.session import LLMSession


class Backend:
    """Extracts facts and compares documents for one run, and accounts for what it did."""

    def __init__(self, settings: Settings, provider: Provider | None = None) -> None:
        from factcheck.llm.prompts import load_prompts
        from factcheck.llm.providers.registry import OFFLINE
        from factcheck.llm.providers.spec import default_chain, parse_chain

        self.settings = settings
        specs = (
            parse_chain(settings.providers) if settings.providers else default_chain(settings.env)
        )
        # Read before any work: a bad prompts folder is a usage error, not a failed request.
        self.prompts = load_prompts(settings.prompts)
        self._lock = threading.Lock()
        self._notices: list[str] = []
        self.llm: LLMSession | None = None
        if provider is not None or any(spec.kind != OFFLINE for spec in specs):
            from factcheck.llm.session import open_session  # asyncio, the chain: LLM runs only

            self.llm = open_session(settings, specs, self.prompts, provider=provider)
        self.backends = (
            self.llm.chain.backends if self.llm is not None else tuple(s.label for s in specs)
        )

    @property
    def uses_llm(self) -> bool:
        return self.llm is not None

    @property
    def identity(self) -> str:
        """What produced this run's facts: the backends, and the prompts when an LLM is asked.
        Caches of extracted facts key on it."""
        if self.llm is None:
            return ",".join(self.backends)
        return ",".join(self.backends) + ";" + ",".join(self.prompts.ids)

    def llm_available(self) -> bool:
        """Whether the LLM is configured and some provider of it may be asked now."""
        return self.llm is not None and self.llm.available()

    @property
    def degraded(self) -> bool:
        """Whether the run asked the LLM and used none of its answers (or lost it for good)."""
        return self.llm is not None and self.llm.degraded

    def _notice(self, text: str) -> None:
        if self.llm is not None:  # one list, in the order things happened
            self.llm.notice(text)
            return
        with self._lock:
            if text not in self._notices:
                self._notices.append(text)

    def note_language(self, document: Document) -> None:
        """Say, once per run, when the rules have no word lists for `document`'s language."""
        from factcheck.load.language import is_supported

        if document.language and not is_supported(document.language):
            self._notice(
                f"text in language '{document.language}': the rules have no word lists for it, "
                "so only figures, numeric dates, Latin-script names and quotes were read"
            )

    def extract(self, document: Document, rules_facts: list[Fact] | None = None) -> list[Fact]:
        """The facts of `document`: rules always (`rules_facts` when already read), plus
        grounded LLM facts when available."""
        self.note_language(document)
        if self.llm is None:
            return rules_extract(document) if rules_facts is None else rules_facts
        from factcheck.llm.extract import LLMExtractor, merge

        extractor = LLMExtractor(self.llm)
        pending = extractor.start(document)  # the request waits while the rules read
        facts = rules_extract(document) if rules_facts is None else rules_facts
        found = extractor.finish(pending)
        return facts if found is None else merge(facts, found)

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
        if self.llm is not None and self.llm.available():
            from factcheck.llm.judge import LLMJudge

            judge = LLMJudge(self.llm)
        return compare(reference, reference_facts, candidate, candidate_facts, judge=judge)

    def compare(self, reference: Document, candidate: Document) -> Comparison:
        """Extract both documents and compare them: with an LLM, in one request for both when
        they fit (`Settings.joint_compare`), else one per article and a judgement."""
        if self.llm is not None and self.settings.joint_compare and self.llm.available():
            return self._compare_joint(reference, candidate)
        return self.compare_facts(
            reference, self.extract(reference), candidate, self.extract(candidate)
        )

    def _compare_joint(self, reference: Document, candidate: Document) -> Comparison:
        from factcheck.compare import compare
        from factcheck.llm.joint import AnnotatedJudge, llm_joint

        llm = self.llm
        assert llm is not None
        for document in (reference, candidate):
            self.note_language(document)
        pending = llm.start(llm_joint(reference, [candidate], llm.chain, llm.prompts))
        ref_facts, cand_facts = rules_extract(reference), rules_extract(candidate)
        answer = llm.wait(pending)
        unanswered = answer is not None and not answer.answered(0)
        if (answer is None or unanswered) and not pending.exception() and llm.available():
            # Too long for one request (or answered without the candidate): each article on
            # its own, then a judgement.
            return self.compare_facts(
                reference,
                self.extract(reference, ref_facts),
                candidate,
                self.extract(candidate, cand_facts),
            )
        if answer is None:  # the LLM failed and the rules carry on alone
            return compare(reference, ref_facts, candidate, cand_facts)
        found = answer.grounded(0)
        llm.count_dropped(found.dropped)
        ref_facts, cand_facts = found.merged(ref_facts, cand_facts)
        return compare(reference, ref_facts, candidate, cand_facts, judge=AnnotatedJudge(found))

    def run_info(self, seconds: float) -> RunInfo:
        """What this run did so far."""
        llm = self.llm
        usage = llm.usage if llm is not None else None
        with self._lock:
            notices = llm.notices if llm is not None else tuple(self._notices)
        return RunInfo(
            backends=self.backends,
            llm_calls=usage.llm_calls if usage else 0,
            cache_hits=usage.cache_hits if usage else 0,
            input_tokens=usage.input_tokens if usage else 0,
            output_tokens=usage.output_tokens if usage else 0,
            fallbacks=llm.fallbacks if llm is not None else (),
            degraded=self.degraded,
            dropped_facts=llm.dropped if llm is not None else 0,
            notices=notices,
            seconds=round(seconds, 3),
        )

    def close(self) -> None:
        """Close the LLM session (HTTP connections, event loop, store)."""
        if self.llm is not None:
            self.llm.close()

    def __enter__(self) -> Backend:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def open_backend(settings: Settings, provider: Provider | None = None) -> Backend:
    """The backend the settings ask for (with `provider` in place of the configured LLMs)."""
    return Backend(settings, provider)
